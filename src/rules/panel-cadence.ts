import { twoStepFinding } from '../domain/clock.js';
import { addDuration, describeDuration } from '../domain/duration.js';
import type { RuleFinding } from '../domain/findings.js';
import type { Rule } from '../domain/rule.js';

export const panelCadence: Rule = {
  id: 'panel-cadence',
  title: 'Regular discussion at panel',
  clock: 'Last discussion over 2 months ago: warning; over 3 months: error (waits for a first discussion).',
  source: { kind: 'local', ref: 'Local permanence tracking policy (every other month, never over 3 months)' },
  applies: 'tracked',
  check(child, ctx) {
    const { cadence_warning, cadence_limit } = ctx.policy.timescales;
    const out: RuleFinding[] = [];
    // Each gap between discussions (history), then the time since the last one (open).
    for (let i = 1; i <= child.panel.length; i++) {
      const previous = child.panel[i - 1].date;
      const next = child.panel[i]?.date;
      const finding = twoStepFinding(
        {
          what: 'The next discussion at panel',
          step1: addDuration(previous, cadence_warning, ctx.calendar),
          basis1: `${describeDuration(cadence_warning)} after the discussion on ${previous}`,
          step2: addDuration(previous, cadence_limit, ctx.calendar),
          basis2: `the limit of ${describeDuration(cadence_limit)} after the discussion on ${previous}`,
          met: next,
          metPhrase: 'was on',
          path: ['panel', next ? i : i - 1, 'date'],
          overdueLevel: ctx.policy.levels['panel-cadence'],
        },
        ctx,
      );
      if (finding) out.push(finding);
    }
    return out;
  },
};
