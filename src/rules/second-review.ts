import { clockFinding } from '../domain/clock.js';
import { addDuration, describeDuration } from '../domain/duration.js';
import { reviewsInCare, type Rule } from '../domain/rule.js';
import { onShortBreaks } from '../domain/short-breaks.js';

export const secondReview: Rule = {
  id: 'second-review',
  title: 'Second looked-after review',
  headline: 'Second looked-after review not held',
  item: 'Second looked-after review',
  soon: 'Second looked-after review due soon',
  late: 'Second looked-after review held late',
  clock: (p) => `Second review within ${describeDuration(p.timescales.second_review)} of the first review actually held (waits for the first review). Not for short breaks (legal status V3/V4).`,
  source: { kind: 'statutory', ref: 'Care Planning, Placement and Case Review (England) Regulations 2010, reg 33' },
  applies: 'looked-after',
  check(child, ctx) {
    if (onShortBreaks(child)) return []; // short breaks: regulation 48's clocks (short-break-*.ts)
    const [first, second] = reviewsInCare(child);
    if (!first) return [];
    const period = ctx.policy.timescales.second_review;
    const finding = clockFinding(
      {
        what: 'The second looked-after review',
        due: addDuration(first, period, ctx.calendar),
        basis: `${describeDuration(period)} after the first review on ${first}`,
        met: second,
        metPhrase: 'was held on',
        path: ['reviews', child.reviews.indexOf(second ?? first)],
        overdueLevel: ctx.policy.levels['second-review'],
      },
      ctx,
    );
    return finding ? [finding] : [];
  },
};
