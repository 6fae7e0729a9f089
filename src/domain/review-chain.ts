/**
 * The chain of looked-after reviews "each within a period of the previous one", read from review number
 * `fromIndex + 1` on: every later review held (history), then the next one, which is still open. The
 * statutory review-interval rule and the short-break one (regulation 48) read the same chain.
 */
import { clockFinding, type ClockContext } from './clock.js';
import type { WorkingDayCalendar } from './calendar.js';
import { addDuration, describeDuration, type Duration } from './duration.js';
import type { RuleFinding } from './findings.js';
import type { Level } from './policy.js';
import type { Child } from './schema.js';

export const ordinal = (n: number) => {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return `${n}${s[(v - 20) % 10] || s[v] || s[0]}`;
};

export interface ReviewChain {
  /** The reviews of the current period of care, ascending. */
  reviews: string[];
  /** Index of the first review whose successor is clocked (1: after the first; 2: after the second). */
  fromIndex: number;
  period: Duration;
  /** "looked-after review", "short-break review". */
  name: string;
  level: Level;
}

export function reviewChainFindings(child: Child, chain: ReviewChain, ctx: ClockContext & { calendar: WorkingDayCalendar }): RuleFinding[] {
  const { reviews, fromIndex, period, name, level } = chain;
  const out: RuleFinding[] = [];
  for (let i = fromIndex; i <= reviews.length; i++) {
    const previous = reviews[i - 1];
    const held = reviews[i];
    const finding = clockFinding(
      {
        what: `The ${ordinal(i + 1)} ${name}`,
        due: addDuration(previous, period, ctx.calendar),
        basis: `${describeDuration(period)} after the previous review on ${previous}`,
        met: held,
        metPhrase: 'was held on',
        path: ['reviews', child.reviews.indexOf(held ?? previous)],
        overdueLevel: level,
      },
      ctx,
    );
    if (finding) out.push(finding);
  }
  return out;
}
