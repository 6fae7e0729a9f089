/** Every dated event of a child, and every due date still open, in date order (child page, pack). */
import { REASONS_CEASED, routeWords } from './codes.js';
import type { IsoDate } from './dates.js';
import type { Finding } from './findings.js';
import type { Child } from './schema.js';

/** A reason for ceasing to be looked after in words, with its SSDA903 code: "adopted, application unopposed (E11)". */
function reasonCeasedWords(code: string): string {
  const words = (REASONS_CEASED as Record<string, string>)[code];
  return words ? `${words.charAt(0).toLowerCase()}${words.slice(1).replace(': ', ', ')} (${code})` : code;
}

export interface TimelineEntry {
  date: IsoDate;
  text: string;
  kind: 'event' | 'due' | 'overdue';
}

/**
 * `notes: false` (the redacted pack) leaves out what a person wrote about the child: a disruption meeting's
 * lessons and the IRO's summary of a difference of opinion are case notes; the events and their dates stay.
 */
export function timelineOf(child: Child, openClocks: readonly Finding[], asOf: IsoDate, { notes = true }: { notes?: boolean } = {}): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  const event = (date: IsoDate | null | undefined, text: string) => date && out.push({ date, text, kind: 'event' });
  event(child.dob, 'Born');
  event(child.fgc?.referred, 'Referred to a family group conference');
  event(child.fgc?.held, 'Family group conference held');
  event(child.plo?.start, 'Pre-proceedings (PLO) started');
  event(child.plo?.end, 'Pre-proceedings ended');
  event(child.proceedings?.issued, 'Care proceedings issued');
  if (child.proceedings?.final_hearing) {
    event(child.proceedings.final_hearing, child.proceedings.final_hearing > asOf ? 'Final hearing listed' : 'Final hearing');
  }
  event(child.proceedings?.concluded, 'Care proceedings concluded');
  // Not with looked_after.legal_status: that is the child's legal status now (a care or placement order made
  // later), not the one the child came into care under, which the file does not record.
  event(child.looked_after?.start, 'Became looked after');
  child.reviews.forEach((r, i) => event(r, `Looked-after review ${i + 1} held`));
  event(child.plan?.agreed, `Permanence plan agreed${child.plan?.route ? `: ${routeWords(child.plan.route)}` : ''}`);
  event(child.plan?.confirmed, 'Permanence plan confirmed');
  event(child.plan?.emergency_change, 'Permanence plan changed in an emergency');
  event(child.plan?.change_proposed, 'Change to the plan for adoption proposed');
  for (const m of child.disruption_meetings) {
    event(m.date, `Disruption meeting held${m.chair ? ` (chair ${m.chair})` : ''}${notes && m.lessons_child ? `. Lessons for the child: ${m.lessons_child}` : ''}${notes && m.lessons_service ? `. Lessons for the service: ${m.lessons_service}` : ''}`);
  }
  for (const m of child.stability_meetings) event(m.date, `Stability meeting held${m.chair ? ` (chair ${m.chair})` : ''}`);
  event(child.remand?.start, `Remanded to local authority accommodation${child.remand?.long_term_plan ? ' (may stay looked after long term)' : ''}`);
  event(child.remand?.end, 'Remand ended');
  event(child.foster_match?.placed_since, `Current foster placement began${child.foster_match?.ifa ? ' (independent fostering agency)' : ''}`);
  event(child.foster_match?.proposed, 'Long-term fostering match proposed to panel');
  event(child.foster_match?.approved, 'Long-term fostering match approved');
  event(child.staying_put?.proposed, 'Staying Put arrangement proposed to panel');
  event(child.staying_put?.approved, 'Staying Put arrangement approved');
  event(child.iro_difference?.raised, `Difference of opinion between the social worker and the IRO${notes && child.iro_difference?.summary ? `: ${child.iro_difference.summary}` : ''}`);
  event(child.iro_difference?.resolved, 'Difference of opinion with the IRO resolved');
  const a = child.adoption;
  event(a?.agency_decision, 'Agency decision: should be placed for adoption');
  event(a?.register_referral, 'Referred to the adoption register');
  event(a?.placement_order, 'Placement order made');
  event(a?.match_recommended, 'Adoption panel recommended the match');
  event(a?.match_decision, 'Agency decision on the match');
  event(a?.placed, 'Placed for adoption (moved in with the adopters)');
  event(a?.order, 'Adoption order made');
  for (const d of child.panel) {
    event(d.date, `Discussed at panel${d.decision ? `: ${d.decision}` : ''}`);
    for (const a of d.actions) event(a.done, `Action done: ${a.action}`);
  }
  const ceased = child.looked_after?.reason_ceased;
  event(child.looked_after?.end, `Ceased to be looked after${ceased ? `: ${reasonCeasedWords(ceased)}` : ''}`);
  event(child.permanence?.secured, `Permanence secured${child.permanence?.route ? `: ${routeWords(child.permanence.route)}` : ''}`);
  for (const c of openClocks) {
    if (c.child !== child.id || !c.due || (c.status !== 'overdue' && c.status !== 'due-soon')) continue;
    out.push({ date: c.due, text: c.message, kind: c.due < asOf ? 'overdue' : 'due' });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || (a.kind === 'event' ? -1 : 1));
}
