import { clockFinding } from '../domain/clock.js';
import { addDuration, describeDuration } from '../domain/duration.js';
import type { RuleFinding } from '../domain/findings.js';
import { reviewsInCare, type Rule } from '../domain/rule.js';
import { onShortBreaks } from '../domain/short-breaks.js';

const ordinal = (n: number) => {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return `${n}${s[(v - 20) % 10] || s[v] || s[0]}`;
};

export const reviewInterval: Rule = {
  id: 'review-interval',
  title: 'Later looked-after reviews',
  headline: 'Looked-after review late',
  clock: (p) => `Each review after the second within ${describeDuration(p.timescales.review_interval)} of the previous one. Not for short breaks (legal status V3/V4).`,
  source: { kind: 'statutory', ref: 'Care Planning, Placement and Case Review (England) Regulations 2010, reg 33' },
  applies: 'looked-after',
  check(child, ctx) {
    if (onShortBreaks(child)) return []; // short breaks: regulation 48's clocks (short-break-*.ts)
    const reviews = reviewsInCare(child);
    if (reviews.length < 2) return [];
    const period = ctx.policy.timescales.review_interval;
    const out: RuleFinding[] = [];
    // Every later review held so far (history), then the next one, which is still open.
    for (let i = 2; i <= reviews.length; i++) {
      const previous = reviews[i - 1];
      const held = reviews[i];
      const finding = clockFinding(
        {
          what: `The ${ordinal(i + 1)} looked-after review`,
          due: addDuration(previous, period, ctx.calendar),
          basis: `${describeDuration(period)} after the previous review on ${previous}`,
          met: held,
          metPhrase: 'was held on',
          path: ['reviews', child.reviews.indexOf(held ?? previous)],
          overdueLevel: ctx.policy.levels['review-interval'],
        },
        ctx,
      );
      if (finding) out.push(finding);
    }
    return out;
  },
};
