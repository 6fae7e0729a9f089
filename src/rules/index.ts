/** The rule registry: the engine, `panel rules` and the README table all read this list. */
import type { MeetingRule, Rule } from '../domain/rule.js';
import { agendaAgreed } from './agenda-agreed.js';
import { minutesDue } from './minutes-due.js';
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

export const RULES: readonly Rule[] = [
  firstReview,
  secondReview,
  reviewInterval,
  planBySecondReview,
  proceedings26Weeks,
  ploDuration,
  firstPanel,
  panelCadence,
  actionOverdue,
  lifeStory,
  dataConsistency,
];

/** Rules about the meeting cycle rather than one child. */
export const MEETING_RULES: readonly MeetingRule[] = [agendaAgreed, minutesDue];
