import { clockFinding } from '../domain/clock.js';
import { addDuration, describeDuration } from '../domain/duration.js';
import type { Rule } from '../domain/rule.js';

export const adoptionRegister: Rule = {
  id: 'adoption-register',
  title: 'Referral to the adoption register',
  headline: 'Not referred to the adoption register',
  item: 'Adoption register referral',
  soon: 'Adoption register referral due soon',
  late: 'Referred to the adoption register late',
  clock: (p) =>
    `\`adoption.register_referral\` within ${describeDuration(p.timescales.adoption_register)} of \`adoption.agency_decision\`, unless \`local_match_pursued\` is true or the match decision came first.`,
  source: { kind: 'guidance', ref: 'Adoption National Minimum Standards 13.1 (register referral where no local match)' },
  applies: 'tracked',
  check(child, ctx) {
    const a = child.adoption;
    if (!a?.agency_decision || a.local_match_pursued) return [];
    const period = ctx.policy.timescales.adoption_register;
    const due = addDuration(a.agency_decision, period, ctx.calendar);
    // Matched by the due date: there was nothing to refer.
    if (a.match_decision && a.match_decision <= due && !a.register_referral) return [];
    const finding = clockFinding(
      {
        what: 'The referral to the adoption register',
        due,
        basis: `${describeDuration(period)} after the agency decision on ${a.agency_decision}, with no local match pursued`,
        met: a.register_referral,
        metPhrase: 'was made on',
        path: a.register_referral ? ['adoption', 'register_referral'] : ['adoption', 'agency_decision'],
        overdueLevel: ctx.policy.levels['adoption-register'],
      },
      ctx,
    );
    return finding ? [finding] : [];
  },
};
