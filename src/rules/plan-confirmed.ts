import { clockFinding } from '../domain/clock.js';
import { addDuration, describeDuration } from '../domain/duration.js';
import { reviewsInCare, type Rule } from '../domain/rule.js';

export const planConfirmed: Rule = {
  id: 'plan-confirmed',
  title: 'Permanence plan confirmed',
  headline: 'Permanence plan not confirmed',
  item: 'Permanence plan confirmed',
  soon: 'Permanence plan due to be confirmed soon',
  late: 'Permanence plan confirmed late',
  clock: (p) =>
    p.timescales.plan_confirmed
      ? `\`plan.confirmed\` within ${describeDuration(p.timescales.plan_confirmed)} of the second review held (waits for the second review).`
      : 'Not used by this policy (`timescales.plan_confirmed` not set).',
  source: { kind: 'local', ref: '003_c418e88ed8508472.txt Timescales: plan confirmed within a further 6 months of the second review' },
  applies: 'looked-after',
  inUse: (policy) => !!policy.timescales.plan_confirmed,
  check(child, ctx) {
    const period = ctx.policy.timescales.plan_confirmed;
    const second = reviewsInCare(child)[1];
    if (!period || !second) return [];
    const confirmed = child.plan?.confirmed;
    const finding = clockFinding(
      {
        what: 'The confirmation of the permanence plan',
        due: addDuration(second, period, ctx.calendar),
        basis: `${describeDuration(period)} after the second review on ${second}`,
        met: confirmed,
        metPhrase: 'was on',
        path: confirmed ? ['plan', 'confirmed'] : ['reviews', child.reviews.indexOf(second)],
        overdueLevel: ctx.policy.levels['plan-confirmed'],
      },
      ctx,
    );
    return finding ? [finding] : [];
  },
};
