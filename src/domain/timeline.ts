/** Every dated event of a child, and every due date still open, in date order (child page, pack). */
import type { IsoDate } from './dates.js';
import type { Finding } from './findings.js';
import type { Child } from './schema.js';

export interface TimelineEntry {
  date: IsoDate;
  text: string;
  kind: 'event' | 'due' | 'overdue';
}

export function timelineOf(child: Child, openClocks: readonly Finding[], asOf: IsoDate): TimelineEntry[] {
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
  event(child.looked_after?.start, `Became looked after${child.looked_after?.legal_status ? ` (${child.looked_after.legal_status})` : ''}`);
  child.reviews.forEach((r, i) => event(r, `Looked-after review ${i + 1} held`));
  event(child.plan?.agreed, `Permanence plan agreed${child.plan?.route ? `: ${child.plan.route}` : ''}`);
  for (const d of child.panel) {
    event(d.date, `Discussed at panel${d.decision ? `: ${d.decision}` : ''}`);
    for (const a of d.actions) event(a.done, `Action done: ${a.action}`);
  }
  event(child.looked_after?.end, `Ceased to be looked after${child.looked_after?.reason_ceased ? ` (${child.looked_after.reason_ceased})` : ''}`);
  event(child.permanence?.secured, `Permanence secured${child.permanence?.route ? `: ${child.permanence.route}` : ''}`);
  for (const c of openClocks) {
    if (c.child !== child.id || !c.due || (c.status !== 'overdue' && c.status !== 'due-soon')) continue;
    out.push({ date: c.due, text: c.message, kind: c.due < asOf ? 'overdue' : 'due' });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || (a.kind === 'event' ? -1 : 1));
}
