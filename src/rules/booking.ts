import { clockFinding } from '../domain/clock.js';
import { addDuration, describeDuration } from '../domain/duration.js';
import { reviewsInCare, type Rule } from '../domain/rule.js';

export const booking: Rule = {
  id: 'booking',
  title: 'Booked onto panel between the first and second review',
  headline: 'Not booked onto panel before the second review',
  item: 'Booking onto panel before the second review',
  soon: 'Booking onto panel due soon (before the second review)',
  late: 'Booked onto panel late',
  clock: (p) =>
    p.timescales.booking_between_reviews
      ? `A \`panel\` discussion on or after the first review held and no later than the second review's due date (${describeDuration(p.timescales.second_review)} after the first).`
      : 'Not used by this policy (`timescales.booking_between_reviews` is false).',
  source: { kind: 'local', ref: '002_27a9f32f04a40ca7.txt s5 and s8 (booked between the first and second review)' },
  applies: 'looked-after',
  inUse: (policy) => !!policy.timescales.booking_between_reviews,
  check(child, ctx) {
    if (!ctx.policy.timescales.booking_between_reviews) return [];
    const first = reviewsInCare(child)[0];
    if (!first) return [];
    const index = child.panel.findIndex((p) => p.date >= first);
    const finding = clockFinding(
      {
        what: 'A discussion at panel between the first and second review',
        due: addDuration(first, ctx.policy.timescales.second_review, ctx.calendar),
        basis: `the second review's due date, ${describeDuration(ctx.policy.timescales.second_review)} after the first review on ${first}`,
        met: index >= 0 ? child.panel[index].date : null,
        metPhrase: 'was on',
        path: index >= 0 ? ['panel', index, 'date'] : ['reviews', child.reviews.indexOf(first)],
        overdueLevel: ctx.policy.levels.booking,
      },
      ctx,
    );
    return finding ? [finding] : [];
  },
};
