import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, mergePolicy, policySchema, presetNamed } from '../../src/domain/policy.js';
import { child, findingsAt, policyWith, ruleAt } from '../helpers.js';

const RULE = 'panel-cadence';
const dueSoon = (due: string) => ({ status: 'due-soon', level: 'warning', due });
const step1 = (due: string) => ({ status: 'overdue', level: 'warning', due });
const step2 = (due: string, level = 'error') => ({ status: 'overdue', level, due });
const discussed = (dates: string[], extra: Record<string, unknown> = {}) =>
  child({ looked_after: { start: '2025-06-02' }, panel: dates.map((date) => ({ date })), ...extra });

describe('panel-cadence: last discussion 2026-06-05 (2 months 2026-08-05, 3 months 2026-09-05)', () => {
  const c = discussed(['2026-06-05']);
  it('not yet due', () => expect(ruleAt(RULE, '2026-06-20', c)).toEqual([]));
  it('no finding 29 days before the first step', () => expect(ruleAt(RULE, '2026-07-07', c)).toEqual([]));
  it('due-soon 28 days before the first step', () => expect(ruleAt(RULE, '2026-07-08', c)).toEqual([dueSoon('2026-08-05')]));
  it('due-soon (warning) on the first step', () => expect(ruleAt(RULE, '2026-08-05', c)).toEqual([dueSoon('2026-08-05')]));
  it('past 2 months: overdue warning, due = first step', () => expect(ruleAt(RULE, '2026-08-06', c)).toEqual([step1('2026-08-05')]));
  it('on the 3-month step: still overdue warning', () => expect(ruleAt(RULE, '2026-09-05', c)).toEqual([step1('2026-08-05')]));
  it('past 3 months: overdue error, due = second step', () => expect(ruleAt(RULE, '2026-09-06', c)).toEqual([step2('2026-09-05')]));
  it('next discussion on the first step: on time', () => expect(ruleAt(RULE, '2026-08-06', discussed(['2026-06-05', '2026-08-05']))).toEqual([]));
  it('next discussion the day after the first step: no finding for that gap (no late history)', () => {
    expect(ruleAt(RULE, '2026-08-07', discussed(['2026-06-05', '2026-08-06']))).toEqual([]);
  });
  it('messages name the due date and the days', () => {
    const msg = (asOf: string) => findingsAt(asOf, c).find((f) => f.rule === RULE)!.message;
    expect(msg('2026-07-08')).toContain('due in 28 days, on 2026-08-05');
    expect(msg('2026-08-05')).toContain('due today, on 2026-08-05');
    expect(msg('2026-08-06')).toMatch(/^The next discussion at panel was due on 2026-08-05 \(2 months after the last discussion on 2026-06-05\): 1 day overdue\.$/);
    expect(msg('2026-09-10')).toMatch(/^The next discussion at panel was due on 2026-09-05 \(the limit of 3 months after the last discussion on 2026-06-05\): 5 days overdue\.$/);
  });
});

describe('panel-cadence: which discussion the clock runs from', () => {
  it('waits for a first discussion (first-panel covers that)', () => {
    expect(ruleAt(RULE, '2027-06-01', discussed([]))).toEqual([]);
  });
  it('runs from the last discussion (earlier gaps of exactly 2 months are on time)', () => {
    const c = discussed(['2026-02-05', '2026-04-05', '2026-06-05']);
    expect(ruleAt(RULE, '2026-06-06', c)).toEqual([]);
    expect(ruleAt(RULE, '2026-08-06', c)).toEqual([step1('2026-08-05')]);
  });
  it('an earlier gap over 2 months gives no finding; only the open clock from the last discussion', () => {
    // 2026-01-09 + 2 months = 2026-03-09; next discussion 2026-03-10 (a day past the first step): not reported.
    // The open clock runs from 2026-03-10: 2 months 2026-05-10, 3 months 2026-06-10.
    const c = discussed(['2026-01-09', '2026-03-10']);
    expect(ruleAt(RULE, '2026-04-01', c)).toEqual([]);
    expect(ruleAt(RULE, '2026-04-11', c)).toEqual([]);
    expect(ruleAt(RULE, '2026-04-12', c)).toEqual([dueSoon('2026-05-10')]);
    expect(ruleAt(RULE, '2026-05-11', c)).toEqual([step1('2026-05-10')]);
    expect(ruleAt(RULE, '2026-06-11', c)).toEqual([step2('2026-06-10')]);
  });
  it('an earlier gap past the 3-month limit gives no finding either', () => {
    // 2025-01-10 + 3 months = 2025-04-10; next discussion 2025-06-06, nearly 5 months later.
    const c = discussed(['2025-01-10', '2025-06-06', '2025-08-01']);
    expect(ruleAt(RULE, '2025-06-07', c)).toEqual([]);
    expect(ruleAt(RULE, '2025-08-02', c)).toEqual([]);
    // The open clock runs from 2025-08-01 only: 2 months 2025-10-01, 3 months 2025-11-01.
    expect(ruleAt(RULE, '2025-09-03', c)).toEqual([dueSoon('2025-10-01')]);
    expect(ruleAt(RULE, '2025-11-02', c)).toEqual([step2('2025-11-01')]);
  });
  it('never reports late, and at most one finding, on any day', () => {
    const c = discussed(['2025-01-10', '2025-06-06', '2025-06-20', '2025-12-19']);
    for (let day = 0; day <= 400; day += 3) {
      const asOf = new Date(Date.UTC(2025, 0, 10 + day)).toISOString().slice(0, 10);
      const found = ruleAt(RULE, asOf, c);
      expect(found.length, asOf).toBeLessThanOrEqual(1);
      expect(found.filter((f) => f.status === 'late'), asOf).toEqual([]);
    }
  });
  it('the finding points at the last discussion', () => {
    const f = findingsAt('2026-06-11', discussed(['2026-01-09', '2026-03-10'])).find((x) => x.rule === RULE)!;
    expect(f.message).toMatch(/^The next discussion at panel was due on 2026-06-10 \(the limit of 3 months after the last discussion on 2026-03-10\): 1 day overdue\.$/);
  });
});

describe('panel-cadence: month ends and leap years', () => {
  it('last discussion 31 December 2025: 28 February and 31 March 2026', () => {
    const c = discussed(['2025-12-31']);
    expect(ruleAt(RULE, '2026-01-30', c)).toEqual([]);
    expect(ruleAt(RULE, '2026-01-31', c)).toEqual([dueSoon('2026-02-28')]);
    expect(ruleAt(RULE, '2026-03-01', c)).toEqual([step1('2026-02-28')]);
    expect(ruleAt(RULE, '2026-03-31', c)).toEqual([step1('2026-02-28')]);
    expect(ruleAt(RULE, '2026-04-01', c)).toEqual([step2('2026-03-31')]);
  });
  it('last discussion 31 December 2027: 29 February and 31 March 2028', () => {
    const c = discussed(['2027-12-31']);
    expect(ruleAt(RULE, '2028-02-29', c)).toEqual([dueSoon('2028-02-29')]);
    expect(ruleAt(RULE, '2028-03-01', c)).toEqual([step1('2028-02-29')]);
    expect(ruleAt(RULE, '2028-04-01', c)).toEqual([step2('2028-03-31')]);
  });
  it('last discussion 29 December 2027: 29 February and 29 March 2028', () => {
    const c = discussed(['2027-12-29']);
    expect(ruleAt(RULE, '2028-03-29', c)).toEqual([step1('2028-02-29')]);
    expect(ruleAt(RULE, '2028-03-30', c)).toEqual([step2('2028-03-29')]);
  });
});

describe('panel-cadence: applicability and policy', () => {
  it('not once permanence is secured', () => {
    expect(ruleAt(RULE, '2026-09-06', discussed(['2026-06-05'], { permanence: { secured: '2026-07-01' } }))).toEqual([]);
  });
  it('applies to a PLO-only child', () => {
    expect(ruleAt(RULE, '2026-09-06', child({ plo: { start: '2026-05-01' }, panel: [{ date: '2026-06-05' }] }))).toEqual([step2('2026-09-05')]);
  });
  it('the level past the limit comes from the policy', () => {
    expect(ruleAt(RULE, '2026-09-06', discussed(['2026-06-05']), policyWith({ levels: { 'panel-cadence': 'warning' } }))).toEqual([step2('2026-09-05', 'warning')]);
  });
  it('north-somerset preset (001 s6): every other month (warning), never over 3 months; 31 Aug + 2 months clamps to 31 Oct', () => {
    const p = policySchema.parse(mergePolicy(DEFAULT_POLICY, presetNamed('north-somerset')!.values));
    const c = discussed(['2026-08-31']);
    expect(ruleAt(RULE, '2026-10-03', c, p)).toEqual([dueSoon('2026-10-31')]);
    expect(ruleAt(RULE, '2026-10-31', c, p)).toEqual([dueSoon('2026-10-31')]);
    expect(ruleAt(RULE, '2026-11-01', c, p)).toEqual([step1('2026-10-31')]);
    expect(ruleAt(RULE, '2026-11-30', c, p)).toEqual([step1('2026-10-31')]);
    expect(ruleAt(RULE, '2026-12-01', c, p)).toEqual([step2('2026-11-30')]);
  });
});
