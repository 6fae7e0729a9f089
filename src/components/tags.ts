/**
 * The GOV.UK tags the site shows, as RagTag.astro and StatusTag.astro write them; pages that show one per row
 * (the child page, the tracker, the findings tables) write the same markup inline from these, as a component
 * per row costs more than the tag it writes (thousands of component renders at 2,500 children).
 */
import type { Finding, Rag } from '../domain/findings';

/** A RAG rating's tag colour class and its word. */
export const RAG_CLASS: Record<Rag, string> = { red: 'govuk-tag--red', amber: 'govuk-tag--orange', green: 'govuk-tag--green' };
export const RAG_TEXT: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green' };

/** A finding's status tag colour class: red when invalid or an overdue error, orange when overdue or due soon. */
export function statusColour(finding: Pick<Finding, 'status' | 'level'>): string {
  return finding.status === 'invalid' || (finding.status === 'overdue' && finding.level === 'error')
    ? 'govuk-tag--red'
    : finding.status === 'overdue' || finding.status === 'due-soon'
      ? 'govuk-tag--orange'
      : 'govuk-tag--grey';
}

/** A finding's status, in words. */
export function statusLabel(finding: Pick<Finding, 'status'>): string {
  return { overdue: 'Overdue', 'due-soon': 'Due soon', late: 'Late', invalid: 'Invalid' }[finding.status];
}
