import { clockFinding } from '../domain/clock.js';
import { addDuration, describeDuration } from '../domain/duration.js';
import type { RuleFinding } from '../domain/findings.js';
import { reviewsInCare, type Rule } from '../domain/rule.js';
import { onShortBreaks, REG_48, SHORT_BREAK_REVIEW_INTERVAL } from '../domain/short-breaks.js';

const ordinal = (n: number) => {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return `${n}${s[(v - 20) % 10] || s[v] || s[0]}`;
};

export const shortBreakReviewInterval: Rule = {
  id: 'short-break-review-interval',
  title: 'Later reviews: short breaks',
  headline: 'Short-break review late',
  clock: () => `Legal status V3 or V4 (short breaks): each review after the first within ${describeDuration(SHORT_BREAK_REVIEW_INTERVAL)} of the previous one.`,
  source: { kind: 'statutory', ref: REG_48 },
  applies: 'looked-after',
  check(child, ctx) {
    if (!onShortBreaks(child)) return [];
    const reviews = reviewsInCare(child);
    const out: RuleFinding[] = [];
    // Every later review held so far (history), then the next one, which is still open.
    for (let i = 1; i <= reviews.length && reviews.length > 0; i++) {
      const previous = reviews[i - 1];
      const held = reviews[i];
      const finding = clockFinding(
        {
          what: `The ${ordinal(i + 1)} short-break review`,
          due: addDuration(previous, SHORT_BREAK_REVIEW_INTERVAL, ctx.calendar),
          basis: `${describeDuration(SHORT_BREAK_REVIEW_INTERVAL)} after the previous review on ${previous}`,
          met: held,
          metPhrase: 'was held on',
          path: ['reviews', child.reviews.indexOf(held ?? previous)],
          overdueLevel: ctx.policy.levels['short-break-review-interval'],
        },
        ctx,
      );
      if (finding) out.push(finding);
    }
    return out;
  },
};
