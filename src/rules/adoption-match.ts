import { clockFinding } from '../domain/clock.js';
import { addDuration, describeDuration } from '../domain/duration.js';
import type { Rule } from '../domain/rule.js';

export const adoptionMatch: Rule = {
  id: 'adoption-match',
  title: 'Match decision after the placement order (scorecard A2)',
  headline: 'No adoption match within the scorecard threshold',
  item: 'Adoption match decision (scorecard threshold)',
  soon: 'Adoption match decision due soon (scorecard threshold)',
  late: 'Adoption match decided after the scorecard threshold',
  clock: (p) => `\`adoption.match_decision\` within ${describeDuration(p.timescales.adoption_match)} of \`adoption.placement_order\` (adoption scorecard threshold).`,
  source: { kind: 'guidance', ref: "Adoption scorecard A2: placement order to the agency's match decision, 4 months" },
  applies: 'tracked',
  check(child, ctx) {
    const order = child.adoption?.placement_order;
    if (!order) return [];
    const period = ctx.policy.timescales.adoption_match;
    const match = child.adoption?.match_decision;
    const finding = clockFinding(
      {
        what: 'The match decision',
        due: addDuration(order, period, ctx.calendar),
        basis: `${describeDuration(period)} after the placement order on ${order}, the scorecard threshold`,
        met: match,
        metPhrase: 'was on',
        path: match ? ['adoption', 'match_decision'] : ['adoption', 'placement_order'],
        overdueLevel: ctx.policy.levels['adoption-match'],
      },
      ctx,
    );
    return finding ? [finding] : [];
  },
};
