/**
 * minutes-recorded: for each held meeting whose agenda lists the child, that meeting's `panel` entry in the
 * child's file within 3 working days; overdue (warning) when missing after that; late (notice) when git
 * shows it was first committed after the due day.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/domain/engine.js';
import type { Child } from '../../src/domain/schema.js';
import { DEFAULT_POLICY } from '../../src/domain/policy.js';
import { recordedFacts } from '../../src/domain/recorded.js';
import { calendar, child, policyWith } from '../helpers.js';

const RULE = 'minutes-recorded';

function at(asOf: string, c: Child, agendas: string[], committed?: [string, string][], policy = DEFAULT_POLICY) {
  const recorded = committed
    ? recordedFacts([{ file: 'cases/C-1.md', entries: [...committed].reverse().map(([day, meeting]) => ({ date: day, fields: [{ field: `panel[${meeting}]`, kind: 'added' as const, from: null, to: {}, text: '' }] })) }, { file: 'x', entries: [{ date: '2020-01-01', fields: [] }] }])
    : null;
  return evaluate([{ file: 'cases/C-1.md', child: c, locate: () => 1 }], { asOf, policy, calendar, agendas: new Map([['C-1', agendas]]), recorded })
    .filter((f) => f.rule === RULE)
    .map((f) => ({ status: f.status, level: f.level, due: f.due }));
}

const discussed = (...dates: string[]) => child({ panel: dates.map((date) => ({ date, decision: 'Plan endorsed' })) });

describe('minutes-recorded: meeting Friday 2026-12-04, due Wednesday 2026-12-09', () => {
  it('nothing before or on the meeting day', () => {
    expect(at('2026-12-04', discussed(), ['2026-12-04'])).toEqual([]);
    expect(at('2026-12-01', discussed(), ['2026-12-04'])).toEqual([]);
  });
  it('missing the day after: due-soon, up to and including the due day', () => {
    expect(at('2026-12-05', discussed(), ['2026-12-04'])).toEqual([{ status: 'due-soon', level: 'warning', due: '2026-12-09' }]);
    expect(at('2026-12-09', discussed(), ['2026-12-04'])).toEqual([{ status: 'due-soon', level: 'warning', due: '2026-12-09' }]);
  });
  it('missing the day after the due day: overdue at the policy level', () => {
    expect(at('2026-12-10', discussed(), ['2026-12-04'])).toEqual([{ status: 'overdue', level: 'warning', due: '2026-12-09' }]);
    expect(at('2026-12-10', discussed(), ['2026-12-04'], undefined, policyWith({ levels: { 'minutes-recorded': 'error' } }))[0].level).toBe('error');
  });
  it('recorded: nothing without history; from git, on the due day on time, the day after late', () => {
    const c = discussed('2026-12-04');
    expect(at('2026-12-20', c, ['2026-12-04'])).toEqual([]);
    expect(at('2026-12-20', c, ['2026-12-04'], [['2026-12-09', '2026-12-04']])).toEqual([]);
    expect(at('2026-12-20', c, ['2026-12-04'], [['2026-12-10', '2026-12-04']])).toEqual([{ status: 'late', level: 'notice', due: '2026-12-09' }]);
  });
  it('Christmas: a meeting on Wed 23 Dec 2026 is due Wed 30 Dec (25 and 28 Dec bank holidays); month end Thu 30 Apr 2026 due Wed 6 May (4 May bank holiday)', () => {
    expect(at('2026-12-30', discussed(), ['2026-12-23'])).toEqual([{ status: 'due-soon', level: 'warning', due: '2026-12-30' }]);
    expect(at('2026-12-31', discussed(), ['2026-12-23'])).toEqual([{ status: 'overdue', level: 'warning', due: '2026-12-30' }]);
    expect(at('2026-05-07', discussed(), ['2026-04-30'])).toEqual([{ status: 'overdue', level: 'warning', due: '2026-05-06' }]);
  });
  it('a leap year: Thu 26 Feb 2032 is due Tue 2 Mar 2032', () => {
    expect(at('2032-03-03', discussed(), ['2032-02-26'])).toEqual([{ status: 'overdue', level: 'warning', due: '2032-03-02' }]);
  });
  it('only meetings that list the child count, each on its own', () => {
    expect(at('2026-12-20', discussed('2026-11-06'), [])).toEqual([]);
    expect(at('2026-12-20', discussed('2026-11-06'), ['2026-11-06', '2026-12-04'])).toEqual([{ status: 'overdue', level: 'warning', due: '2026-12-09' }]);
  });
});
