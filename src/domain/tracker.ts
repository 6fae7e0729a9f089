/**
 * The tracker's view of each child: the columns a permanency tracker has (DOMAIN.md s3), computed from
 * the case, its findings and its open clocks. Pure: the site and the pack both build from this.
 */
import { differenceInYears } from 'date-fns';
import { proceedingsDue } from '../rules/proceedings-26-weeks.js';
import type { WorkingDayCalendar } from './calendar.js';
import { daysBetween, isIsoDate, plusDays, toDate, type IsoDate } from './dates.js';
import { compareSeverity, ragOf, type Finding, type Rag } from './findings.js';
import { LEGAL_STATUSES } from './codes.js';
import type { Policy } from './policy.js';
import { lookedAfter, permanenceSecured } from './rule.js';
import { meetingDates } from './schedule.js';
import type { Child } from './schema.js';
import { adoptionStage } from './adoption.js';
import { presentingAt } from './presenting.js';
import { droppedIn, mustFix, NOT_READ_FIELD, NOT_READ_ITEM } from './partial.js';
import type { FieldPath } from './problems.js';

export interface TrackerRow {
  id: string;
  name: string;
  file: string;
  /** Null when the file's date of birth could not be read. */
  dob: IsoDate | null;
  age: number | null;
  /**
   * The file is invalid and must be fixed before panel: what is wrong with it, and which clocks cannot be
   * read until it is (the row shows what could be read). Null for a valid file.
   */
  mustFix: { problems: string[]; unreadable: FieldPath[] } | null;
  team: string | null;
  socialWorker: string | null;
  teamManager: string | null;
  iro: string | null;
  lookedAfter: boolean;
  legalStatus: string | null;
  placement: string | null;
  careStart: IsoDate | null;
  careEnd: IsoDate | null;
  ploStart: IsoDate | null;
  ploEnd: IsoDate | null;
  proceedingsIssued: IsoDate | null;
  /** Issue + 26 weeks + extensions. */
  proceedingsDue: IsoDate | null;
  proceedingsConcluded: IsoDate | null;
  reviewsHeld: number;
  lastReview: IsoDate | null;
  nextReviewDue: IsoDate | null;
  route: string | null;
  contingency: string | null;
  planAgreed: IsoDate | null;
  panelCount: number;
  lastPanel: IsoDate | null;
  nextPanelDue: IsoDate | null;
  openActions: number;
  secured: IsoDate | null;
  securedRoute: string | null;
  siblings: string[];
  rag: Rag;
  findings: Finding[];
  /** Findings still open (overdue or due soon), worst first. */
  open: Finding[];
  /** Days the worst overdue clock is past its due date (0 when none). */
  daysOverdue: number;
  /** Why the child is to be presented at panel now (disruption, stability meeting, match awaiting approval...). */
  presenting: string[];
  /** The latest adoption milestone reached, when the child has any. */
  adoptionStage: { label: string; date: IsoDate } | null;
}

export interface TrackerInput {
  cases: readonly { file: string; child: Child }[];
  findings: readonly Finding[];
  /** Every open clock, read with an unbounded warning window (see openClockPolicy). */
  clocks: readonly Finding[];
  asOf: IsoDate;
}

/** A policy whose warning window never closes: evaluating with it lists every open clock and its due date. */
export function openClockPolicy(policy: Policy): Policy {
  return { ...policy, warning_window_days: 365 * 100 };
}

const byChild = (list: readonly Finding[]) => {
  const map = new Map<string, Finding[]>();
  for (const f of list) if (f.child) (map.get(f.child) ?? map.set(f.child, []).get(f.child)!).push(f);
  return map;
};

const earliest = (list: Finding[] | undefined, rules: string[]) =>
  (list ?? [])
    .filter((f) => rules.includes(f.rule) && f.due && (f.status === 'overdue' || f.status === 'due-soon'))
    .map((f) => f.due as IsoDate)
    .sort()[0] ?? null;

export function buildTracker({ cases, findings, clocks, asOf }: TrackerInput, policy: Policy, calendar: WorkingDayCalendar): TrackerRow[] {
  const found = byChild(findings);
  const open = byChild(clocks);
  // A file's own problem where `panel check` could not name its child (an empty or binary file, whose id is
  // only the file name's): still the first thing said of the child read from that file.
  const ownProblem = new Map<string, Finding[]>();
  for (const f of findings) if (f.child === null && f.rule === 'schema') (ownProblem.get(f.file) ?? ownProblem.set(f.file, []).get(f.file)!).push(f);
  return cases.map(({ file, child }) => {
    const unnamed = mustFix(child) ? (ownProblem.get(file) ?? []).map((f) => ({ ...f, child: child.id })) : [];
    const mine = [...unnamed, ...(found.get(child.id) ?? [])].sort(compareSeverity);
    const clocksOf = open.get(child.id);
    const stillOpen = mine.filter((f) => f.status === 'overdue' || f.status === 'due-soon');
    const la = child.looked_after;
    const p = child.proceedings;
    const broken = mustFix(child);
    const dob = isIsoDate(child.dob) ? child.dob : null;
    return {
      id: child.id,
      name: child.name,
      file,
      dob,
      age: dob ? differenceInYears(toDate(asOf), toDate(dob)) : null,
      mustFix: broken ? { problems: broken.problems, unreadable: broken.dropped } : null,
      team: child.team ?? null,
      socialWorker: child.social_worker ?? null,
      teamManager: child.team_manager ?? null,
      iro: child.iro ?? null,
      lookedAfter: lookedAfter(child),
      legalStatus: la?.legal_status ?? null,
      placement: la?.placement ?? null,
      careStart: la?.start ?? null,
      careEnd: la?.end ?? null,
      ploStart: child.plo?.start ?? null,
      ploEnd: child.plo?.end ?? null,
      proceedingsIssued: p?.issued ?? null,
      proceedingsDue: p ? proceedingsDue(p, policy, calendar) : null,
      proceedingsConcluded: p?.concluded ?? null,
      reviewsHeld: child.reviews.length,
      lastReview: child.reviews.at(-1) ?? null,
      nextReviewDue: earliest(clocksOf, ['first-review', 'second-review', 'review-interval', 'short-break-first-review', 'short-break-review-interval']),
      route: child.plan?.route ?? null,
      contingency: child.plan?.contingency ?? null,
      planAgreed: child.plan?.agreed ?? null,
      panelCount: child.panel.length,
      lastPanel: child.panel.at(-1)?.date ?? null,
      nextPanelDue: earliest(clocksOf, ['first-panel', 'panel-cadence']),
      openActions: child.panel.reduce((n, d) => n + d.actions.filter((a) => !a.done).length, 0),
      secured: child.permanence?.secured ?? null,
      securedRoute: child.permanence?.route ?? null,
      siblings: child.siblings,
      rag: broken ? 'red' : permanenceSecured(child) && !stillOpen.length ? 'green' : ragOf(mine),
      findings: mine,
      open: stillOpen,
      daysOverdue: stillOpen.reduce((most, f) => (f.status === 'overdue' && f.due ? Math.max(most, daysBetween(f.due, asOf)) : most), 0),
      presenting: presentingAt(child, asOf).map((p) => p.text),
      adoptionStage: adoptionStage(child, asOf),
    };
  });
}

const RAG_RANK: Record<Rag, number> = { red: 0, amber: 1, green: 2 };

/**
 * The tracker's order: red, then amber, then green; within each, the child whose most serious open item is
 * worst (level, status, oldest due date), then the longest overdue, then the id.
 */
export function trackerWorstFirst(rows: readonly TrackerRow[]): TrackerRow[] {
  return [...rows].sort(
    (a, b) =>
      RAG_RANK[a.rag] - RAG_RANK[b.rag] ||
      (a.open[0] && b.open[0] ? compareSeverity(a.open[0], b.open[0]) : Number(!a.open[0]) - Number(!b.open[0])) ||
      b.daysOverdue - a.daysOverdue ||
      a.id.localeCompare(b.id, 'en', { numeric: true }),
  );
}

/** Children with overdue items, worst first: level, then the longest overdue. */
export function overdueWorstFirst(rows: readonly TrackerRow[]): TrackerRow[] {
  return rows
    .filter((r) => r.open.some((f) => f.status === 'overdue'))
    .sort((a, b) => compareSeverity(a.open[0], b.open[0]) || b.daysOverdue - a.daysOverdue || a.id.localeCompare(b.id));
}

/**
 * A child's legal status in words: the SSDA903 code and its meaning; "not recorded" for a child looked
 * after whose file has no legal status yet (never "not looked after", which would be wrong); otherwise
 * not looked after (pre-proceedings or proceedings only, or care ended).
 */
export function legalStatusLabel(child: { lookedAfter: boolean; legalStatus: string | null; ploStart?: IsoDate | null; mustFix?: Pick<NonNullable<TrackerRow['mustFix']>, 'unreadable'> | null }): string {
  if (child.legalStatus) return `${child.legalStatus}: ${LEGAL_STATUSES[child.legalStatus as keyof typeof LEGAL_STATUSES] ?? 'unknown code'}`;
  // A legal status (or looked_after block) the file gives but that could not be read is not "not looked after".
  if (droppedIn(child.mustFix?.unreadable, ['looked_after', 'legal_status'])) return NOT_READ_FIELD;
  if (child.lookedAfter) return 'Not recorded';
  return child.ploStart ? 'Not looked after (PLO or proceedings)' : 'Not looked after';
}

/** The tracker's most serious item for a child with nothing open: "On track", unless some fields could not be read. */
export function nothingOpenText(row: Pick<TrackerRow, 'mustFix'>): string {
  return row.mustFix?.unreadable.length ? NOT_READ_ITEM : 'On track';
}

/** The dashboard's legal status groups: the same words, "not recorded" counted on its own. */
export function legalStatusGroup(row: Pick<TrackerRow, 'lookedAfter' | 'legalStatus' | 'ploStart'> & Partial<Pick<TrackerRow, 'mustFix'>>): string {
  return legalStatusLabel(row);
}

/** Counts of rows by a key, largest first, for the dashboard. */
export function countBy<T>(rows: readonly T[], key: (row: T) => string): { key: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
  return [...counts].map(([k, count]) => ({ key: k, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** The next scheduled panel meeting on or after `asOf`. */
export function nextMeeting(policy: Policy, calendar: WorkingDayCalendar, asOf: IsoDate): IsoDate | null {
  return meetingDates(policy.schedule, calendar, asOf, plusDays(asOf, 120))[0] ?? null;
}
