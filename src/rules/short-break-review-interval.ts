import { describeDuration } from '../domain/duration.js';
import { reviewChainFindings } from '../domain/review-chain.js';
import { reviewsInCare, type Rule } from '../domain/rule.js';
import { onShortBreaks, REG_48, SHORT_BREAK_REVIEW_INTERVAL } from '../domain/short-breaks.js';

export const shortBreakReviewInterval: Rule = {
  id: 'short-break-review-interval',
  title: 'Later reviews: short breaks',
  headline: 'Next short-break review not held',
  item: 'Later short-break review',
  soon: 'Later short-break review due soon',
  late: 'Later short-break review held late',
  clock: () => `Legal status V3 or V4 (short breaks): each review after the first within ${describeDuration(SHORT_BREAK_REVIEW_INTERVAL)} of the previous one.`,
  source: { kind: 'statutory', ref: REG_48 },
  applies: 'looked-after',
  check(child, ctx) {
    if (!onShortBreaks(child)) return [];
    const reviews = reviewsInCare(child);
    if (!reviews.length) return [];
    return reviewChainFindings(child, { reviews, fromIndex: 1, period: SHORT_BREAK_REVIEW_INTERVAL, name: 'short-break review', level: ctx.policy.levels['short-break-review-interval'] }, ctx);
  },
};
