/**
 * notification: a child entering care, PLO or proceedings (or proceedings concluding) is on the tracker
 * within 3 working days: the first commit recording the event, read from the audit trail. Boundaries: the
 * due day, a bank holiday inside the window, a month end, a leap year; events before the history began
 * and values never committed are not judged; without history, nothing is said.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/domain/engine.js';
import type { FieldChange } from '../../src/domain/field-changes.js';
import { DEFAULT_POLICY, type Policy } from '../../src/domain/policy.js';
import { recordedFacts } from '../../src/domain/recorded.js';
import { calendar, child, policyWith } from '../helpers.js';

const RULE = 'notification';
const set = (field: string, to: string): FieldChange => ({ field, kind: 'added', from: null, to, text: '' });

/** A trail for cases/C-1.md: [day, changes] oldest first, plus an early commit so the history starts in 2020. */
function facts(commits: [string, FieldChange[]][]) {
  return recordedFacts([
    { file: 'cases/C-0.md', entries: [{ date: '2020-01-06', fields: [] }] },
    { file: 'cases/C-1.md', entries: [...commits].reverse().map(([date, fields]) => ({ date, fields })) },
  ]);
}

function at(asOf: string, c: ReturnType<typeof child>, commits: [string, FieldChange[]][] | null, policy: Policy = DEFAULT_POLICY) {
  return evaluate([{ file: 'cases/C-1.md', child: c, locate: () => 1 }], { asOf, policy, calendar, recorded: commits ? facts(commits) : null })
    .filter((f) => f.rule === RULE)
    .map((f) => ({ status: f.status, level: f.level, due: f.due }));
}

const inCare = (start: string) => child({ looked_after: { start } });

describe('notification: became looked after', () => {
  // Wednesday 2026-11-04: 3 working days later is Monday 2026-11-09.
  const c = inCare('2026-11-04');
  it('recorded on the due day: on time', () => expect(at('2026-12-01', c, [['2026-11-09', [set('looked_after.start', '2026-11-04')]]])).toEqual([]));
  it('recorded the working day after: late, at the policy level (notice by default)', () =>
    expect(at('2026-12-01', c, [['2026-11-10', [set('looked_after.start', '2026-11-04')]]])).toEqual([{ status: 'late', level: 'notice', due: '2026-11-09' }]));
  it('the level comes from the policy', () =>
    expect(at('2026-12-01', c, [['2026-11-10', [set('looked_after.start', '2026-11-04')]]], policyWith({ levels: { notification: 'warning' } }))[0].level).toBe('warning'));
  it('recorded the same day: on time', () => expect(at('2026-12-01', c, [['2026-11-04', [set('looked_after.start', '2026-11-04')]]])).toEqual([]));
  it('a date typed wrongly at first and corrected later counts from the first recording', () =>
    expect(at('2026-12-01', c, [['2026-11-05', [set('looked_after.start', '2026-11-14')]], ['2026-11-30', [set('looked_after.start', '2026-11-04')]]])).toEqual([]));
  it('not committed yet, no history, or an event before the history began: nothing', () => {
    expect(at('2026-12-01', c, [['2026-11-05', []]])).toEqual([]);
    expect(at('2026-12-01', c, null)).toEqual([]);
    expect(at('2026-12-01', inCare('2019-12-02'), [['2026-11-05', [set('looked_after.start', '2019-12-02')]]])).toEqual([]);
  });
});

describe('notification: bank holidays, month ends and a leap year', () => {
  it('Christmas inside the window: Wed 23 Dec 2026 is due Wed 30 Dec (25 and 28 Dec are bank holidays)', () => {
    const c = inCare('2026-12-23');
    expect(at('2027-01-10', c, [['2026-12-30', [set('looked_after.start', '2026-12-23')]]])).toEqual([]);
    expect(at('2027-01-10', c, [['2026-12-31', [set('looked_after.start', '2026-12-23')]]])).toEqual([{ status: 'late', level: 'notice', due: '2026-12-30' }]);
  });
  it('a 31st: PLO started Fri 31 Jul 2026 is due Wed 5 Aug', () => {
    const c = child({ plo: { start: '2026-07-31' } });
    expect(at('2026-09-01', c, [['2026-08-06', [set('plo.start', '2026-07-31')]]])).toEqual([{ status: 'late', level: 'notice', due: '2026-08-05' }]);
    expect(at('2026-09-01', c, [['2026-08-05', [set('plo.start', '2026-07-31')]]])).toEqual([]);
  });
  it('a leap year: proceedings issued Tue 27 Feb 2024 are due Fri 1 Mar 2024', () => {
    const c = child({ proceedings: { issued: '2024-02-27' } });
    expect(at('2024-04-01', c, [['2024-03-01', [set('proceedings.issued', '2024-02-27')]]])).toEqual([]);
    expect(at('2024-04-01', c, [['2024-03-04', [set('proceedings.issued', '2024-02-27')]]])).toEqual([{ status: 'late', level: 'notice', due: '2024-03-01' }]);
  });
  it('each event is judged on its own, with its own line', () => {
    const c = child({ looked_after: { start: '2026-11-04' }, proceedings: { issued: '2026-11-04', concluded: '2026-11-20' } });
    const r = at('2026-12-10', c, [
      ['2026-11-05', [set('looked_after.start', '2026-11-04'), set('proceedings.issued', '2026-11-04')]],
      ['2026-12-01', [set('proceedings.concluded', '2026-11-20')]],
    ]);
    expect(r).toEqual([{ status: 'late', level: 'notice', due: '2026-11-25' }]);
  });
});

describe('notification rate for the themes page', () => {
  it('counts each judged event by the year it happened, on time and late', async () => {
    const { notificationRates } = await import('../../src/domain/notifications.js');
    const recorded = recordedFacts([
      { file: 'cases/C-0.md', entries: [{ date: '2024-01-02', fields: [] }] },
      { file: 'cases/C-1.md', entries: [{ date: '2025-03-10', fields: [set('looked_after.start', '2025-03-03')] }] },
      { file: 'cases/C-2.md', entries: [{ date: '2026-02-04', fields: [set('plo.start', '2026-02-02'), set('proceedings.issued', '2026-02-02')] }] },
      { file: 'cases/C-3.md', entries: [{ date: '2026-12-01', fields: [set('looked_after.start', '2023-05-01')] }] },
    ])!;
    const cases = [
      { file: 'cases/C-1.md', child: child({ id: 'C-1', looked_after: { start: '2025-03-03' } }) },
      { file: 'cases/C-2.md', child: child({ id: 'C-2', plo: { start: '2026-02-02' }, proceedings: { issued: '2026-02-02' } }) },
      // Before the history began: not judged.
      { file: 'cases/C-3.md', child: child({ id: 'C-3', looked_after: { start: '2023-05-01' } }) },
    ];
    expect(notificationRates(cases, recorded, '2026-12-04', DEFAULT_POLICY, calendar)).toEqual([
      { year: '2025', judged: 1, onTime: 0 },
      { year: '2026', judged: 2, onTime: 2 },
    ]);
  });
});
