/** The shape every timescale rule has (one per file in src/rules/, after markdownlint's rule modules). */
import type { WorkingDayCalendar } from './calendar.js';
import type { ClockContext } from './clock.js';
import type { IsoDate } from './dates.js';
import type { RuleFinding } from './findings.js';
import type { RecordedFacts } from './recorded.js';
import type { Policy } from './policy.js';
import type { Child } from './schema.js';
import type { ChildPapers } from './papers.js';

export type SourceKind = 'statutory' | 'guidance' | 'local' | 'data';

/**
 * Which children a rule reads: `looked-after` (care started, not ended, permanence not secured),
 * `tracked` (permanence not secured), `secured` (permanence secured), `all`.
 */
export type Applies = 'looked-after' | 'tracked' | 'secured' | 'all';

export interface CaseRef {
  file: string;
  child: Child;
}

/** A case as the other cases' checks see it: its file, id, and siblings (null when they could not be read). */
export interface Peer {
  file: string;
  id: string;
  siblings: readonly string[] | null;
}

export type PeerIndex = ReadonlyMap<string, readonly Peer[]>;

export interface RuleContext extends ClockContext {
  policy: Policy;
  calendar: WorkingDayCalendar;
  /** This child's file, relative to the data root. */
  file: string;
  /**
   * Every readable case by id (more than one entry means a duplicate id), sorted by file; absent when a
   * share of the data set is checked on its own (the findings that need the others are then made later).
   */
  peers?: PeerIndex;
  /** The first scheduled meeting whose agenda is still open on `date` (for "next available panel"). */
  nextAvailableMeeting(date: IsoDate): IsoDate | null;
  /** Meeting files dated before the as-of date whose agenda lists this child, oldest first (none when not given). */
  agendasListing?(childId: string): readonly IsoDate[];
  /** When each value reached the tracker, from the audit trail; null when git history was not read. */
  recorded?: RecordedFacts | null;
}

export interface Rule {
  id: string;
  title: string;
  /**
   * What is wrong when the clock is overdue, in a manager's words ("Pre-proceedings open too long"), for
   * the dashboard, agenda, escalation, pack and themes. Read it through `headline()` in src/rules/index.ts.
   */
  headline: string;
  /**
   * The same when the clock is due soon, and when it was met after its due date, each a whole phrase that
   * says its status once ("Panel action due soon", "Panel action done late"): read through `headline()`.
   */
  soon: string;
  late: string;
  /**
   * What the clock is about with no status in it ("Panel action"), for a table or list whose own column or
   * tag says the status: read through `headlineBesideStatus()`.
   */
  item: string;
  /** The clock in one sentence under the policy in force, for `panel rules`, the README table and the site. */
  clock: (policy: Policy) => string;
  source: { kind: SourceKind; ref: string };
  applies: Applies;
  /**
   * Whether the council's policy keeps this clock at all (absent: always). A clock the policy does not
   * keep is never run, so an invalid file's message never names it among the clocks it stops.
   */
  inUse?(policy: Policy): boolean;
  check(child: Child, ctx: RuleContext): RuleFinding[];
}

/** Whether `policy` keeps `rule`'s clock (see Rule.inUse). */
export function inUse(rule: Rule, policy: Policy): boolean {
  return !rule.inUse || rule.inUse(policy);
}

export function lookedAfter(child: Child): boolean {
  return !!child.looked_after?.start && !child.looked_after.end;
}

export function permanenceSecured(child: Child): boolean {
  return !!child.permanence?.secured;
}

export function appliesTo(rule: Rule, child: Child): boolean {
  const secured = permanenceSecured(child);
  switch (rule.applies) {
    case 'all':
      return true;
    case 'secured':
      return secured;
    case 'tracked':
      return !secured;
    case 'looked-after':
      return !secured && lookedAfter(child);
  }
}

/** The day the child entered care or pre-proceedings, whichever came first (null when neither). */
export function enteredCareOrPlo(child: Child): string | null {
  const la = child.looked_after?.start;
  const plo = child.plo?.start;
  return la && plo ? (la <= plo ? la : plo) : (la ?? plo ?? null);
}

/** Reviews of the current period of care: a review before care started belongs to an earlier one. */
export function reviewsInCare(child: Child): string[] {
  const start = child.looked_after?.start;
  return start ? child.reviews.filter((r) => r >= start) : [];
}

/** A meeting as the meeting rules see it: a meeting file, or a scheduled meeting with no file yet. */
export interface MeetingRef {
  date: IsoDate;
  /** The meeting file, relative to the data root (it may not exist yet). */
  file: string;
  exists: boolean;
  agendaAgreed: IsoDate | null;
  minutesPublished: IsoDate | null;
  agendaLength: number;
  /** Each child on the meeting file's agenda with the papers expected for them (empty without a file). */
  papers?: readonly ChildPapers[];
}

export interface MeetingRuleContext extends ClockContext {
  policy: Policy;
  calendar: WorkingDayCalendar;
}

/** A rule about the meeting cycle (agenda agreed, minutes out), rather than about one child. */
export interface MeetingRule {
  id: string;
  title: string;
  headline: string;
  /** As Rule's: due soon and met late, each a whole phrase; the item with no status. */
  soon: string;
  late: string;
  item: string;
  clock: (policy: Policy) => string;
  source: { kind: SourceKind; ref: string };
  check(meeting: MeetingRef, ctx: MeetingRuleContext): RuleFinding[];
}
