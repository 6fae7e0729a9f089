import { clockFinding } from '../domain/clock.js';
import { addDuration, describeDuration } from '../domain/duration.js';
import { enteredCareOrPlo, type Rule } from '../domain/rule.js';

export const fgcReferral: Rule = {
  id: 'fgc-referral',
  title: 'Family group conference referred',
  headline: 'Family group conference not referred',
  item: 'Family group conference referral',
  soon: 'Family group conference referral due soon',
  late: 'Family group conference referred late',
  clock: (p) =>
    p.timescales.fgc_referral
      ? p.timescales.fgc_referral.days === 0
        ? '`fgc.referred` no later than the day the child entered care or PLO, whichever came first.'
        : `\`fgc.referred\` within ${describeDuration(p.timescales.fgc_referral)} of entering care or PLO, whichever came first.`
      : 'Not used by this policy (`timescales.fgc_referral` not set).',
  source: { kind: 'local', ref: '003_c418e88ed8508472.txt Placement with Family or Friends (FGC at the earliest opportunity); 000 (FGC contribution monitored)' },
  applies: 'tracked',
  inUse: (policy) => !!policy.timescales.fgc_referral,
  check(child, ctx) {
    const period = ctx.policy.timescales.fgc_referral;
    const entry = enteredCareOrPlo(child);
    if (!period || !entry) return [];
    const entered = child.looked_after?.start === entry ? `entering care on ${entry}` : `entering PLO on ${entry}`;
    const referred = child.fgc?.referred ?? child.fgc?.held;
    const finding = clockFinding(
      {
        what: 'The family group conference referral',
        due: addDuration(entry, period, ctx.calendar),
        basis: period.days === 0 ? `by ${entered}` : `${describeDuration(period)} after ${entered}`,
        met: referred,
        metPhrase: 'was made on',
        path: child.fgc?.referred ? ['fgc', 'referred'] : child.fgc?.held ? ['fgc', 'held'] : child.looked_after?.start === entry ? ['looked_after', 'start'] : ['plo', 'start'],
        overdueLevel: ctx.policy.levels['fgc-referral'],
      },
      ctx,
    );
    return finding ? [finding] : [];
  },
};
