import { clockFinding } from '../domain/clock.js';
import { addDuration, describeDuration } from '../domain/duration.js';
import type { Rule } from '../domain/rule.js';
import type { Child } from '../domain/schema.js';

/** A child whose plan is adoption, or who has an agency decision for adoption. */
export const adoptionPlanned = (child: Child) => child.plan?.route === 'adoption' || !!child.adoption?.agency_decision;

export const adoptionPlaced: Rule = {
  id: 'adoption-placed',
  title: 'Moved in with adopters (scorecard A1)',
  headline: 'Not yet placed for adoption within the scorecard threshold',
  item: 'Move to the adopters (scorecard threshold)',
  soon: 'Move to the adopters due soon (scorecard threshold)',
  late: 'Moved in with the adopters after the scorecard threshold',
  clock: (p) => `\`adoption.placed\` within ${describeDuration(p.timescales.adoption_placed)} of \`looked_after.start\`, for a child whose plan is adoption (adoption scorecard threshold).`,
  source: { kind: 'guidance', ref: 'Adoption scorecard A1/A10: entering care to moving in with the adoptive family, 14 months' },
  applies: 'tracked',
  check(child, ctx) {
    const start = child.looked_after?.start;
    if (!start || !adoptionPlanned(child)) return [];
    const period = ctx.policy.timescales.adoption_placed;
    const placed = child.adoption?.placed;
    const finding = clockFinding(
      {
        what: 'Moving in with the adopters',
        due: addDuration(start, period, ctx.calendar),
        basis: `${describeDuration(period)} after entering care on ${start}, the scorecard threshold`,
        met: placed,
        metPhrase: 'was on',
        path: placed ? ['adoption', 'placed'] : ['looked_after', 'start'],
        overdueLevel: ctx.policy.levels['adoption-placed'],
      },
      ctx,
    );
    return finding ? [finding] : [];
  },
};
