/**
 * Papers and referrals per child (002 s7-8, 004 s4): which papers a child on a meeting's agenda is
 * expected to have sent, the date each arrived, and the day they were due (the policy's papers_due before
 * the meeting). Pure: the papers-due rule, the agenda and the pack read the same list.
 */
import type { WorkingDayCalendar } from './calendar.js';
import { shortDate, type IsoDate } from './dates.js';
import { describeDuration } from './duration.js';
import { scheduledMeeting } from './schedule.js';
import type { Policy } from './policy.js';
import { presentingAt } from './presenting.js';
import { PAPER_LABELS, type Child, type Meeting, type PaperKind } from './schema.js';

export interface ExpectedPaper {
  paper: PaperKind;
  label: string;
  received: IsoDate | null;
  /** Index in the meeting file's list for this child, when listed there. */
  index: number | null;
}

export interface ChildPapers {
  id: string;
  /** Position on the meeting file's agenda. */
  agendaIndex: number;
  papers: ExpectedPaper[];
}

/** Whether a paper of the policy's list applies to this child at the meeting (a court care plan only in proceedings...). */
function applies(paper: PaperKind, child: Child | null, date: IsoDate): boolean {
  if (!child) return true;
  switch (paper) {
    case 'court-care-plan':
      return !!child.proceedings && child.proceedings.issued <= date && (!child.proceedings.concluded || child.proceedings.concluded >= date);
    case 'disruption-minutes':
      return presentingAt(child, date).some((p) => p.code === 'disruption');
    case 'matching-report': {
      const match = child.foster_match;
      const fosterMatch = !!match && match.proposed <= date && (!match.approved || match.approved > date);
      const a = child.adoption;
      const adoptionMatch = !!a?.placement_order && !a.match_decision;
      return fosterMatch || adoptionMatch;
    }
    default:
      return true;
  }
}

/** The papers expected for `child` at `meeting`: the policy's list where it applies, plus any listed in the file. */
export function expectedPapers(meeting: Pick<Meeting, 'date' | 'papers'>, id: string, child: Child | null, policy: Policy): ExpectedPaper[] {
  // Own keys only: a child id such as `constructor` must not read Object.prototype.
  const listed = Object.hasOwn(meeting.papers, id) ? meeting.papers[id] : [];
  const out: ExpectedPaper[] = policy.papers_expected
    .filter((p) => applies(p, child, meeting.date))
    .map((paper) => {
      const index = listed.findIndex((l) => l.paper === paper);
      return { paper, label: PAPER_LABELS[paper], received: index >= 0 ? (listed[index].received ?? null) : null, index: index >= 0 ? index : null };
    });
  listed.forEach((l, index) => {
    if (!out.some((o) => o.paper === l.paper)) out.push({ paper: l.paper, label: PAPER_LABELS[l.paper], received: l.received ?? null, index });
  });
  return out;
}

/** Every child on a meeting file's agenda with their expected papers (children without any are left out). */
export function papersForMeeting(meeting: Pick<Meeting, 'date' | 'papers' | 'agenda'>, childById: (id: string) => Child | null, policy: Policy): ChildPapers[] {
  return meeting.agenda
    .map((id, agendaIndex) => ({ id, agendaIndex, papers: expectedPapers(meeting, id, childById(id), policy) }))
    .filter((c) => c.papers.length > 0);
}

/** The day papers are due for a meeting on `date` (as `panel schedule` gives it: a weekend or bank holiday moves it to the working day before). */
export function papersDueBy(date: IsoDate, policy: Policy, calendar: WorkingDayCalendar): IsoDate {
  return scheduledMeeting(date, policy, calendar).papersDueBy;
}

/** "Court care plan: missing; Care plan: 25 Nov 2026 (late)" for the agenda and the pack. */
export function papersSummary(papers: readonly ExpectedPaper[], dueBy: IsoDate, asOf: IsoDate): string {
  return papers
    .map((p) => `${p.label}: ${p.received ? `${shortDate(p.received)}${p.received > dueBy ? ' (late)' : ''}` : asOf > dueBy ? 'missing' : 'awaited'}`)
    .join('; ');
}

export const papersBasis = (policy: Policy) => `${describeDuration(policy.timescales.papers_due)} before the meeting`;
