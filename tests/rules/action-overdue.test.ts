import { describe, expect, it } from 'vitest';
import { child, findingsAt, policyWith, ruleAt } from '../helpers.js';

const RULE = 'action-overdue';
const dueSoon = (due: string) => ({ status: 'due-soon', level: 'warning', due });
const overdue = (due: string, level = 'warning') => ({ status: 'overdue', level, due });
const late = (due: string) => ({ status: 'late', level: 'notice', due });
type Act = { action?: string; owner?: string; due: string; done?: string | null };
const withActions = (actions: Act[], extra: Record<string, unknown> = {}) =>
  child({
    looked_after: { start: '2026-05-04' },
    panel: [{ date: '2026-06-05', decision: 'Plan endorsed', actions: actions.map((a) => ({ action: 'Refer to family finding', ...a })) }],
    ...extra,
  });

describe('action-overdue: an action set at panel 2026-06-05, due 2026-07-03', () => {
  const c = withActions([{ due: '2026-07-03' }]);
  it('no finding 29 days before (the day before the panel)', () => expect(ruleAt(RULE, '2026-06-04', c)).toEqual([]));
  it('due-soon 28 days before', () => expect(ruleAt(RULE, '2026-06-05', c)).toEqual([dueSoon('2026-07-03')]));
  it('due-soon (warning) on the due date', () => expect(ruleAt(RULE, '2026-07-03', c)).toEqual([dueSoon('2026-07-03')]));
  it('overdue the day after, at the default level warning', () => expect(ruleAt(RULE, '2026-07-04', c)).toEqual([overdue('2026-07-03')]));
  it('done on the due date: on time', () => expect(ruleAt(RULE, '2026-08-01', withActions([{ due: '2026-07-03', done: '2026-07-03' }]))).toEqual([]));
  it('done early: on time', () => expect(ruleAt(RULE, '2026-06-20', withActions([{ due: '2026-07-03', done: '2026-06-17' }]))).toEqual([]));
  it('done the day after: late (notice)', () => {
    expect(ruleAt(RULE, '2026-08-01', withActions([{ due: '2026-07-03', done: '2026-07-04' }]))).toEqual([late('2026-07-03')]);
  });
  it('done: null is still open', () => expect(ruleAt(RULE, '2026-07-04', withActions([{ due: '2026-07-03', done: null }]))).toEqual([overdue('2026-07-03')]));
  it('the overdue level comes from the policy', () => {
    expect(ruleAt(RULE, '2026-07-04', c, policyWith({ levels: { 'action-overdue': 'error' } }))).toEqual([overdue('2026-07-03', 'error')]);
  });
  it('messages name the action, owner, due date and days', () => {
    const owned = withActions([{ action: 'Refer to RAA', owner: 'Priya Shah', due: '2026-07-03' }]);
    const msg = (asOf: string) => findingsAt(asOf, owned).find((f) => f.rule === RULE)!.message;
    expect(msg('2026-06-05')).toBe('Action "Refer to RAA", owner Priya Shah is due in 28 days, on 2026-07-03 (set at panel on 2026-06-05).');
    expect(msg('2026-07-03')).toContain('is due today, on 2026-07-03');
    expect(msg('2026-07-13')).toBe('Action "Refer to RAA", owner Priya Shah was due on 2026-07-03 (set at panel on 2026-06-05): 10 days overdue.');
  });
});

describe('action-overdue: several actions and discussions', () => {
  it('one finding per open action; done actions are silent', () => {
    const c = withActions([
      { due: '2026-06-19', done: '2026-06-17' },
      { due: '2026-06-26' },
      { due: '2026-07-31' },
    ]);
    expect(ruleAt(RULE, '2026-07-04', c)).toEqual([overdue('2026-06-26'), dueSoon('2026-07-31')]);
  });
  it('actions from every discussion are read', () => {
    const c = child({
      looked_after: { start: '2026-05-04' },
      panel: [
        { date: '2026-06-05', actions: [{ action: 'A', due: '2026-06-30' }] },
        { date: '2026-07-03', actions: [{ action: 'B', due: '2026-07-31' }] },
      ],
    });
    expect(ruleAt(RULE, '2026-08-01', c)).toEqual([overdue('2026-06-30'), overdue('2026-07-31')]);
  });
  it('leap day due date: due-soon on 2028-02-29, overdue on 2028-03-01', () => {
    const c = child({ plo: { start: '2028-01-10' }, panel: [{ date: '2028-02-04', actions: [{ action: 'A', due: '2028-02-29' }] }] });
    expect(ruleAt(RULE, '2028-02-29', c)).toEqual([dueSoon('2028-02-29')]);
    expect(ruleAt(RULE, '2028-03-01', c)).toEqual([overdue('2028-02-29')]);
  });
  it('not once permanence is secured', () => {
    expect(ruleAt(RULE, '2026-07-04', withActions([{ due: '2026-07-03' }], { permanence: { secured: '2026-07-01' } }))).toEqual([]);
  });
});
