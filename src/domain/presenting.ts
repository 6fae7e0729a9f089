/**
 * Cases a panel must be presented with, and why (002 s5, s6 and s10; 004 s2): a disruption or stability
 * meeting held, a plan changed in an emergency, a plan for adoption to change, a young person on remand
 * who may stay looked after, a long-term fostering match (13 or over a year in placement, or in an IFA
 * placement) or a Staying Put arrangement awaiting approval, and a difference of opinion with the IRO.
 * Pure: the agenda, the tracker and the pack read the same list.
 */
import { differenceInYears } from 'date-fns';
import { plusMonths, shortDate, toDate, type IsoDate } from './dates.js';
import type { Child } from './schema.js';

export type PresentingCode = 'disruption' | 'stability' | 'emergency-change' | 'adoption-plan-change' | 'remand' | 'foster-match' | 'staying-put' | 'iro-difference';

export interface Presenting {
  code: PresentingCode;
  /** The event that brings the child to panel. */
  since: IsoDate;
  text: string;
  /** Who is invited for this item besides the social worker (the IRO for a difference of opinion). */
  invite?: string;
}

/** Held on or before `date`, and no discussion at panel after it and before `date`. */
function notYetPresented(child: Child, event: IsoDate | null | undefined, date: IsoDate): event is IsoDate {
  return !!event && event <= date && !child.panel.some((p) => p.date > event && p.date < date);
}

/** Awaiting a decision at `date`: proposed by then and not decided by then. */
const awaiting = (proposed: IsoDate | null | undefined, decided: IsoDate | null | undefined, date: IsoDate): proposed is IsoDate =>
  !!proposed && proposed <= date && (!decided || decided > date);

/** Why the child must be presented at a panel on `date` (empty when none of these applies). */
export function presentingAt(child: Child, date: IsoDate): Presenting[] {
  const out: Presenting[] = [];
  const lastDisruption = child.disruption_meetings.filter((m) => m.date <= date).at(-1);
  if (lastDisruption && notYetPresented(child, lastDisruption.date, date)) {
    out.push({ code: 'disruption', since: lastDisruption.date, text: `disruption meeting held on ${shortDate(lastDisruption.date)}${lastDisruption.chair ? ` (chair ${lastDisruption.chair})` : ''}: lessons for the child and for the service` });
  }
  const lastStability = child.stability_meetings.filter((m) => m.date <= date).at(-1);
  if (lastStability && notYetPresented(child, lastStability.date, date)) {
    out.push({ code: 'stability', since: lastStability.date, text: `stability meeting held on ${shortDate(lastStability.date)}: for scrutiny and support` });
  }
  if (notYetPresented(child, child.plan?.emergency_change, date)) {
    out.push({ code: 'emergency-change', since: child.plan!.emergency_change!, text: `permanence plan changed in an emergency on ${shortDate(child.plan!.emergency_change!)}` });
  }
  if (notYetPresented(child, child.plan?.change_proposed, date)) {
    out.push({ code: 'adoption-plan-change', since: child.plan!.change_proposed!, text: `a change to the plan for adoption proposed on ${shortDate(child.plan!.change_proposed!)}` });
  }
  const remand = child.remand;
  if (remand?.long_term_plan && (!remand.end || remand.end > date) && notYetPresented(child, remand.start, date)) {
    out.push({ code: 'remand', since: remand.start, text: `on remand since ${shortDate(remand.start)}; may stay looked after long term when it ends` });
  }
  const match = child.foster_match;
  if (match && awaiting(match.proposed, match.approved, date)) {
    const age = differenceInYears(toDate(date), toDate(child.dob));
    const aYear = !!match.placed_since && plusMonths(match.placed_since, 12) <= date;
    const why = match.ifa
      ? 'long-term match in an independent fostering agency placement'
      : age >= 13 && aYear
        ? `aged ${age}, in this foster placement since ${shortDate(match.placed_since!)}: long-term match`
        : 'long-term fostering match';
    out.push({ code: 'foster-match', since: match.proposed, text: `${why} awaiting approval (proposed ${shortDate(match.proposed)})` });
  }
  if (child.staying_put && awaiting(child.staying_put.proposed, child.staying_put.approved, date)) {
    out.push({ code: 'staying-put', since: child.staying_put.proposed, text: `Staying Put arrangement awaiting approval (proposed ${shortDate(child.staying_put.proposed)})` });
  }
  const diff = child.iro_difference;
  if (diff && awaiting(diff.raised, diff.resolved, date)) {
    out.push({
      code: 'iro-difference',
      since: diff.raised,
      text: `difference of opinion between the social worker and the IRO since ${shortDate(diff.raised)}: the IRO is invited`,
      invite: `IRO${child.iro ? `: ${child.iro}` : ''}`,
    });
  }
  return out;
}
