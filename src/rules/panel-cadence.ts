import { twoStepFinding } from '../domain/clock.js';
import { addDuration, describeDuration } from '../domain/duration.js';
import type { Rule } from '../domain/rule.js';

export const panelCadence: Rule = {
  id: 'panel-cadence',
  title: 'Regular discussion at panel',
  headline: 'Too long since the last panel discussion',
  item: 'Next discussion at panel',
  soon: 'Next discussion at panel due soon',
  late: 'Discussion at panel held late',
  clock: (p) => `Last discussion over ${describeDuration(p.timescales.cadence_warning)} ago: warning; over ${describeDuration(p.timescales.cadence_limit)}: ${p.levels['panel-cadence']} (waits for a first discussion).`,
  source: { kind: 'local', ref: 'Local permanence tracking policy (every other month, never over 3 months)' },
  applies: 'tracked',
  check(child, ctx) {
    // The clock runs from the last discussion only (CASE-FORMAT.md); past gaps are not re-reported.
    const last = child.panel.at(-1);
    if (!last) return [];
    const { cadence_warning, cadence_limit } = ctx.policy.timescales;
    const finding = twoStepFinding(
      {
        what: 'The next discussion at panel',
        step1: addDuration(last.date, cadence_warning, ctx.calendar),
        basis1: `${describeDuration(cadence_warning)} after the last discussion on ${last.date}`,
        step2: addDuration(last.date, cadence_limit, ctx.calendar),
        basis2: `the limit of ${describeDuration(cadence_limit)} after the last discussion on ${last.date}`,
        path: ['panel', child.panel.length - 1, 'date'],
        overdueLevel: ctx.policy.levels['panel-cadence'],
      },
      ctx,
    );
    return finding ? [finding] : [];
  },
};
