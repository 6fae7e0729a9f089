/**
 * Escalation to senior managers: the children with the longest-standing drift. A child is listed when an
 * error-level clock has been overdue for 28 days or more, or when the child has been discussed at three or
 * more panels with no permanence plan agreed. The days are the error-level clock's own (a long-overdue
 * warning, such as an action, does not make a child an escalation, nor lend it its days), and the list is
 * ordered by them. A child whose case file must be fixed before panel is listed too when some of its clocks
 * cannot be read, so no child drops out of escalation in silence.
 */
import { daysBetween, type IsoDate } from './dates.js';
import type { TrackerRow } from './tracker.js';

export const ESCALATION_DAYS = 28;
export const PANELS_WITHOUT_PLAN = 3;

export interface OverdueClock {
  rule: string;
  due: IsoDate;
  daysOverdue: number;
}

export interface Escalation {
  id: string;
  name: string;
  socialWorker: string | null;
  teamManager: string | null;
  /** Days the longest-overdue error-level clock is past its due date (0 when listed for panels alone). */
  daysOverdue: number;
  /** The error-level clocks overdue 28 days or more, longest overdue first. */
  overdue: OverdueClock[];
  panelsWithoutPlan: number;
  /** The case file, when it must be fixed before panel (some clocks cannot be read until it is). */
  mustFix: string | null;
  /** The same, as sentences for JSON readers: rule ids and ISO dates. */
  reasons: string[];
}

/** Every error-level clock overdue at `asOf`, with its days, longest first. */
export function errorClocksOverdue(row: Pick<TrackerRow, 'open'>, asOf: IsoDate): OverdueClock[] {
  return row.open
    .filter((f) => f.status === 'overdue' && f.level === 'error' && f.due)
    .map((f) => ({ rule: f.rule, due: f.due as IsoDate, daysOverdue: daysBetween(f.due as IsoDate, asOf) }))
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.rule.localeCompare(b.rule));
}

export function escalations(rows: readonly TrackerRow[], asOf: IsoDate): Escalation[] {
  const out: Escalation[] = [];
  for (const r of rows) {
    if (r.secured) continue;
    const overdue = errorClocksOverdue(r, asOf).filter((c) => c.daysOverdue >= ESCALATION_DAYS);
    const panelsWithoutPlan = r.planAgreed && r.planAgreed <= asOf ? 0 : r.panelCount;
    const noPlan = panelsWithoutPlan >= PANELS_WITHOUT_PLAN;
    // A child whose file is invalid may have clocks that cannot be read: never dropped from escalation in silence.
    const mustFix = !!r.mustFix && (overdue.length > 0 || noPlan || r.mustFix.unreadable.length > 0);
    if (!overdue.length && !noPlan && !mustFix) continue;
    const reasons = overdue.map((c) => `${c.rule} overdue ${c.daysOverdue} days (due ${c.due})`);
    if (noPlan) reasons.push(`discussed at ${panelsWithoutPlan} panels with no permanence plan agreed`);
    if (mustFix) reasons.push(`the case file ${r.file} must be fixed before panel: some clocks cannot be read until it is`);
    out.push({
      id: r.id,
      name: r.name,
      socialWorker: r.socialWorker,
      teamManager: r.teamManager,
      daysOverdue: overdue[0]?.daysOverdue ?? 0,
      overdue,
      panelsWithoutPlan,
      mustFix: mustFix ? r.file : null,
      reasons,
    });
  }
  return out.sort((a, b) => b.daysOverdue - a.daysOverdue || b.panelsWithoutPlan - a.panelsWithoutPlan || a.id.localeCompare(b.id, 'en', { numeric: true }));
}

/**
 * Why a child is escalated, in a manager's words: `describe` gives a rule's plain headline, `date` formats
 * a date for people ("Pre-proceedings open too long: 52 days overdue (due 13 Oct 2026)").
 */
export function escalationSentences(e: Escalation, describe: (rule: string) => string, date: (iso: IsoDate) => string): string[] {
  const out = e.overdue.map((c) => `${describe(c.rule)}: ${c.daysOverdue} days overdue (due ${date(c.due)})`);
  if (e.panelsWithoutPlan >= PANELS_WITHOUT_PLAN) out.push(`Discussed at ${e.panelsWithoutPlan} panels with no permanence plan agreed`);
  if (e.mustFix) out.push(`The case file ${e.mustFix} must be fixed before panel: some clocks cannot be read until it is`);
  return out;
}
