/** The rule registry: the engine, `panel rules` and the README table all read this list. */
import type { Status } from '../domain/findings.js';
import type { MeetingRule, Rule } from '../domain/rule.js';
import { agendaAgreed } from './agenda-agreed.js';
import { minutesDue } from './minutes-due.js';
import { papersDue } from './papers-due.js';
import { minutesRecorded } from './minutes-recorded.js';
import { notification } from './notification.js';
import { actionOverdue } from './action-overdue.js';
import { dataConsistency } from './data-consistency.js';
import { firstPanel } from './first-panel.js';
import { firstReview } from './first-review.js';
import { lifeStory } from './life-story.js';
import { panelCadence } from './panel-cadence.js';
import { planBySecondReview } from './plan-by-second-review.js';
import { ploDuration } from './plo-duration.js';
import { proceedings26Weeks } from './proceedings-26-weeks.js';
import { reviewInterval } from './review-interval.js';
import { secondReview } from './second-review.js';
import { shortBreakFirstReview } from './short-break-first-review.js';
import { shortBreakReviewInterval } from './short-break-review-interval.js';
import { planConfirmed } from './plan-confirmed.js';
import { fgcReferral } from './fgc-referral.js';
import { booking } from './booking.js';
import { adoptionPlaced } from './adoption-placed.js';
import { adoptionMatch } from './adoption-match.js';
import { adoptionRegister } from './adoption-register.js';

export const RULES: readonly Rule[] = [
  firstReview,
  secondReview,
  reviewInterval,
  shortBreakFirstReview,
  shortBreakReviewInterval,
  planBySecondReview,
  proceedings26Weeks,
  ploDuration,
  firstPanel,
  panelCadence,
  actionOverdue,
  lifeStory,
  planConfirmed,
  fgcReferral,
  booking,
  adoptionPlaced,
  adoptionMatch,
  adoptionRegister,
  minutesRecorded,
  notification,
  dataConsistency,
];

/** Rules about the meeting cycle rather than one child. */
export const MEETING_RULES: readonly MeetingRule[] = [agendaAgreed, papersDue, minutesDue];

/** Not a rule file: the loader's own finding for a file that cannot be read or validated. */
export const SCHEMA_RULE = { id: 'schema', title: 'Case file readable and valid', headline: 'Case file cannot be read' } as const;

/** Not a rule file either: a warning about the policy file (a panel.yml not read, a schedule with no meeting ahead). */
export const POLICY_RULE = { id: 'policy', title: 'Policy file in order', headline: 'Policy file needs attention' } as const;

const BY_ID = new Map<string, { title: string; headline: string; soon?: string; late?: string; item?: string }>([...RULES, ...MEETING_RULES, SCHEMA_RULE, POLICY_RULE].map((r) => [r.id, r]));

/**
 * The plain words for a rule, for managers (the dashboard, agenda, escalation, pack and themes): what is
 * wrong when it is overdue ("Pre-proceedings open too long"), and when it is due soon or was met late the
 * rule's own phrase ("Panel action due soon", "Panel action done late"), which says the status once: a page
 * showing it needs no status word beside it. The rule id stays where an administrator needs it (`panel
 * check`, the Rules page, JSON).
 */
export function headline(ruleId: string, status: Status = 'overdue'): string {
  const rule = BY_ID.get(ruleId);
  if (!rule) return ruleId;
  if (status === 'due-soon') return rule.soon ?? rule.headline;
  if (status === 'late') return rule.late ?? rule.headline;
  return rule.headline;
}

/**
 * The words for a finding where a status tag or column beside them already says its status (a child's
 * findings table, the job summary): what is wrong when overdue or invalid ("Panel action not done"); the
 * item alone when due soon or done late ("Panel action", beside "Due soon"), so the status is said once.
 */
export function headlineBesideStatus(ruleId: string, status: Status): string {
  if (status === 'due-soon' || status === 'late') return BY_ID.get(ruleId)?.item ?? headline(ruleId, status);
  return headline(ruleId, status);
}
