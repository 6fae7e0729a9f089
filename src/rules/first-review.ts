import { clockFinding } from '../domain/clock.js';
import { addDuration, describeDuration } from '../domain/duration.js';
import { reviewsInCare, type Rule } from '../domain/rule.js';
import { onShortBreaks } from '../domain/short-breaks.js';

export const firstReview: Rule = {
  id: 'first-review',
  title: 'First looked-after review',
  headline: 'First looked-after review not held',
  item: 'First looked-after review',
  soon: 'First looked-after review due soon',
  late: 'First looked-after review held late',
  clock: (p) => `First review within ${describeDuration(p.timescales.first_review)} of \`looked_after.start\`${p.timescales.first_review.working_days !== undefined ? ' (England & Wales bank holidays excluded)' : ''}. Not for short breaks (legal status V3/V4).`,
  source: { kind: 'statutory', ref: 'Care Planning, Placement and Case Review (England) Regulations 2010, reg 33' },
  applies: 'looked-after',
  check(child, ctx) {
    if (onShortBreaks(child)) return []; // short breaks: regulation 48's clocks (short-break-*.ts)
    const start = child.looked_after!.start;
    const period = ctx.policy.timescales.first_review;
    const first = reviewsInCare(child)[0];
    const finding = clockFinding(
      {
        what: 'The first looked-after review',
        due: addDuration(start, period, ctx.calendar),
        basis: `${describeDuration(period)} after care started on ${start}`,
        met: first,
        metPhrase: 'was held on',
        path: first ? ['reviews', child.reviews.indexOf(first)] : ['looked_after', 'start'],
        overdueLevel: ctx.policy.levels['first-review'],
      },
      ctx,
    );
    return finding ? [finding] : [];
  },
};
