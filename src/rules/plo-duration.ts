import { twoStepFinding } from '../domain/clock.js';
import { addDuration, describeDuration } from '../domain/duration.js';
import type { Rule } from '../domain/rule.js';

export const ploDuration: Rule = {
  id: 'plo-duration',
  title: 'Pre-proceedings (PLO) duration',
  headline: 'Pre-proceedings open too long',
  item: 'End of pre-proceedings (PLO)',
  soon: 'Pre-proceedings due to end soon',
  late: 'Pre-proceedings ended late',
  clock: (p) => `Pre-proceedings (\`plo.end\` not set) open past ${describeDuration(p.timescales.plo_warning)}: warning; past ${describeDuration(p.timescales.plo_limit)}: ${p.levels['plo-duration']}.`,
  source: { kind: 'local', ref: 'Public Law Outline (PD12A) pre-proceedings; local timescale' },
  applies: 'tracked',
  check(child, ctx) {
    const plo = child.plo;
    if (!plo) return [];
    const { plo_warning, plo_limit } = ctx.policy.timescales;
    const finding = twoStepFinding(
      {
        what: 'Pre-proceedings',
        dueWhat: 'The end of pre-proceedings',
        step1: addDuration(plo.start, plo_warning, ctx.calendar),
        basis1: `${describeDuration(plo_warning)} after PLO started on ${plo.start}`,
        step2: addDuration(plo.start, plo_limit, ctx.calendar),
        basis2: `the limit of ${describeDuration(plo_limit)} after PLO started on ${plo.start}`,
        met: plo.end,
        metPhrase: 'ended on',
        path: plo.end ? ['plo', 'end'] : ['plo', 'start'],
        overdueLevel: ctx.policy.levels['plo-duration'],
      },
      ctx,
    );
    return finding ? [finding] : [];
  },
};
