/**
 * Escalation to senior managers: the children with the longest-standing drift. A child is listed when
 * an error-level clock has been overdue for at least the policy's warning window, or when the child has
 * been discussed at three or more panels with no permanence plan agreed.
 */
import type { IsoDate } from './dates.js';
import type { Policy } from './policy.js';
import type { TrackerRow } from './tracker.js';

export interface Escalation {
  id: string;
  name: string;
  socialWorker: string | null;
  teamManager: string | null;
  daysOverdue: number;
  panelsWithoutPlan: number;
  reasons: string[];
}

export const PANELS_WITHOUT_PLAN = 3;

export function escalations(rows: readonly TrackerRow[], policy: Policy, asOf: IsoDate): Escalation[] {
  const out: Escalation[] = [];
  for (const r of rows) {
    if (r.secured) continue;
    const reasons: string[] = [];
    const longOverdue = r.open.filter((f) => f.status === 'overdue' && f.level === 'error');
    if (longOverdue.length && r.daysOverdue >= policy.warning_window_days) {
      reasons.push(`overdue ${r.daysOverdue} days: ${longOverdue.map((f) => `${f.rule} (due ${f.due})`).join(', ')}`);
    }
    const panelsWithoutPlan = r.planAgreed && r.planAgreed <= asOf ? 0 : r.panelCount;
    if (panelsWithoutPlan >= PANELS_WITHOUT_PLAN) reasons.push(`discussed at ${panelsWithoutPlan} panels with no permanence plan agreed`);
    // A child whose file is invalid may have clocks that cannot be read: never dropped from escalation in silence.
    if (r.mustFix && (reasons.length || r.mustFix.unreadable.length)) reasons.push(`the case file ${r.file} must be fixed before panel: some clocks cannot be read until it is`);
    if (reasons.length) {
      out.push({ id: r.id, name: r.name, socialWorker: r.socialWorker, teamManager: r.teamManager, daysOverdue: r.daysOverdue, panelsWithoutPlan, reasons });
    }
  }
  return out.sort((a, b) => b.daysOverdue - a.daysOverdue || b.panelsWithoutPlan - a.panelsWithoutPlan || a.id.localeCompare(b.id, 'en', { numeric: true }));
}
