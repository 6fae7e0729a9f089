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

const BY_ID = new Map<string, { title: string; headline: string }>([...RULES, ...MEETING_RULES, SCHEMA_RULE, POLICY_RULE].map((r) => [r.id, r]));

/**
 * The plain words for a rule, for managers (the dashboard, agenda, escalation, pack and themes): what is
 * wrong when it is overdue ("Pre-proceedings open too long"), "<title>: due soon" or "<title>: met late".
 * The rule id stays where an administrator needs it (`panel check`, the Rules page, JSON).
 */
export function headline(ruleId: string, status: Status = 'overdue'): string {
  const rule = BY_ID.get(ruleId);
  if (!rule) return ruleId;
  if (status === 'due-soon') return `${rule.title}: due soon`;
  if (status === 'late') return `${rule.title}: met late`;
  return rule.headline;
}
