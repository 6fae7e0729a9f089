import { describeDuration } from '../domain/duration.js';
import { reviewChainFindings } from '../domain/review-chain.js';
import { reviewsInCare, type Rule } from '../domain/rule.js';
import { onShortBreaks } from '../domain/short-breaks.js';

export const reviewInterval: Rule = {
  id: 'review-interval',
  title: 'Later looked-after reviews',
  headline: 'Next looked-after review not held',
  item: 'Later looked-after review',
  soon: 'Later looked-after review due soon',
  late: 'Later looked-after review held late',
  clock: (p) => `Each review after the second within ${describeDuration(p.timescales.review_interval)} of the previous one. Not for short breaks (legal status V3/V4).`,
  source: { kind: 'statutory', ref: 'Care Planning, Placement and Case Review (England) Regulations 2010, reg 33' },
  applies: 'looked-after',
  check(child, ctx) {
    if (onShortBreaks(child)) return []; // short breaks: regulation 48's clocks (short-break-*.ts)
    const reviews = reviewsInCare(child);
    if (reviews.length < 2) return [];
    return reviewChainFindings(child, { reviews, fromIndex: 2, period: ctx.policy.timescales.review_interval, name: 'looked-after review', level: ctx.policy.levels['review-interval'] }, ctx);
  },
};
