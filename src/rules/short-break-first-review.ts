import { clockFinding } from '../domain/clock.js';
import { addDuration, describeDuration } from '../domain/duration.js';
import { reviewsInCare, type Rule } from '../domain/rule.js';
import { onShortBreaks, REG_48, SHORT_BREAK_FIRST_REVIEW } from '../domain/short-breaks.js';

export const shortBreakFirstReview: Rule = {
  id: 'short-break-first-review',
  title: 'First review: short breaks',
  headline: 'First short-break review not held',
  item: 'First short-break review',
  soon: 'First short-break review due soon',
  late: 'First short-break review held late',
  clock: () =>
    `Legal status V3 or V4 (short breaks): first review within ${describeDuration(SHORT_BREAK_FIRST_REVIEW)} of \`looked_after.start\` (the start of the first short break), instead of the 20-working-day clock.`,
  source: { kind: 'statutory', ref: REG_48 },
  applies: 'looked-after',
  check(child, ctx) {
    if (!onShortBreaks(child)) return [];
    const start = child.looked_after!.start;
    const first = reviewsInCare(child)[0];
    const finding = clockFinding(
      {
        what: 'The first short-break review',
        due: addDuration(start, SHORT_BREAK_FIRST_REVIEW, ctx.calendar),
        basis: `${describeDuration(SHORT_BREAK_FIRST_REVIEW)} after the first short break began on ${start}`,
        met: first,
        metPhrase: 'was held on',
        path: first ? ['reviews', child.reviews.indexOf(first)] : ['looked_after', 'start'],
        overdueLevel: ctx.policy.levels['short-break-first-review'],
      },
      ctx,
    );
    return finding ? [finding] : [];
  },
};
