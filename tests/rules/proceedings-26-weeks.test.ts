import { describe, expect, it } from 'vitest';
import { child, findingsAt, policyWith, ruleAt } from '../helpers.js';

const RULE = 'proceedings-26-weeks';
const dueSoon = (due: string) => [{ status: 'due-soon', level: 'warning', due }];
const overdue = (due: string, level = 'error') => [{ status: 'overdue', level, due }];
const late = (due: string) => [{ status: 'late', level: 'notice', due }];
const issued = (date: string, extensions?: number, concluded?: string, extra: Record<string, unknown> = {}) =>
  child({ looked_after: { start: date }, proceedings: { issued: date, extensions, concluded: concluded ?? null }, ...extra });

describe('proceedings-26-weeks: issued Fri 2026-05-01, no extension (due 2026-10-30)', () => {
  const c = issued('2026-05-01');
  it('not yet due', () => expect(ruleAt(RULE, '2026-07-01', c)).toEqual([]));
  it('no finding 29 days before', () => expect(ruleAt(RULE, '2026-10-01', c)).toEqual([]));
  it('due-soon 28 days before', () => expect(ruleAt(RULE, '2026-10-02', c)).toEqual(dueSoon('2026-10-30')));
  it('due-soon (warning) on the due date', () => expect(ruleAt(RULE, '2026-10-30', c)).toEqual(dueSoon('2026-10-30')));
  it('overdue (error) the day after', () => expect(ruleAt(RULE, '2026-10-31', c)).toEqual(overdue('2026-10-30')));
  it('concluded on the due date: on time', () => expect(ruleAt(RULE, '2026-11-30', issued('2026-05-01', 0, '2026-10-30'))).toEqual([]));
  it('concluded the day after: late (notice)', () => expect(ruleAt(RULE, '2026-11-30', issued('2026-05-01', 0, '2026-10-31'))).toEqual(late('2026-10-30')));
  it('extensions absent counts as 0', () => {
    expect(ruleAt(RULE, '2026-10-31', child({ proceedings: { issued: '2026-05-01' } }))).toEqual(overdue('2026-10-30'));
  });
  it('messages name the due date and the days', () => {
    const msg = (asOf: string) => findingsAt(asOf, c).find((f) => f.rule === RULE)!.message;
    expect(msg('2026-10-02')).toContain('due in 28 days, on 2026-10-30');
    expect(msg('2026-10-30')).toContain('due today, on 2026-10-30');
    expect(msg('2026-11-01')).toMatch(/^The conclusion of care proceedings was due on 2026-10-30 \(26 weeks after issue on 2026-05-01\): 2 days overdue\.$/);
  });
});

describe('proceedings-26-weeks: 8 weeks per extension', () => {
  it('1 extension: due 2026-12-25 (a bank holiday; a weeks clock does not move)', () => {
    const c = issued('2026-05-01', 1);
    expect(ruleAt(RULE, '2026-10-31', c)).toEqual([]);
    expect(ruleAt(RULE, '2026-11-26', c)).toEqual([]);
    expect(ruleAt(RULE, '2026-11-27', c)).toEqual(dueSoon('2026-12-25'));
    expect(ruleAt(RULE, '2026-12-25', c)).toEqual(dueSoon('2026-12-25'));
    expect(ruleAt(RULE, '2026-12-26', c)).toEqual(overdue('2026-12-25'));
    expect(findingsAt('2026-12-26', c).find((f) => f.rule === RULE)!.message).toContain('and 1 extension of 8 weeks');
  });
  it('2 extensions: due 2027-02-19', () => {
    const c = issued('2026-05-01', 2);
    expect(ruleAt(RULE, '2027-01-21', c)).toEqual([]);
    expect(ruleAt(RULE, '2027-01-22', c)).toEqual(dueSoon('2027-02-19'));
    expect(ruleAt(RULE, '2027-02-19', c)).toEqual(dueSoon('2027-02-19'));
    expect(ruleAt(RULE, '2027-02-20', c)).toEqual(overdue('2027-02-19'));
    expect(ruleAt(RULE, '2027-03-01', issued('2026-05-01', 2, '2027-02-19'))).toEqual([]);
    expect(ruleAt(RULE, '2027-03-01', issued('2026-05-01', 2, '2027-02-20'))).toEqual(late('2027-02-19'));
  });
  it('concluded after 26 weeks but within an extension: on time', () => {
    expect(ruleAt(RULE, '2027-01-01', issued('2026-05-01', 1, '2026-12-01'))).toEqual([]);
  });
});

describe('proceedings-26-weeks: calendar edges', () => {
  it('issued on 31 August 2025: 182 days later is 1 March 2026 (weeks do not clamp)', () => {
    expect(ruleAt(RULE, '2026-03-02', issued('2025-08-31'))).toEqual(overdue('2026-03-01'));
  });
  it('leap year: issued 2027-09-01, 26 weeks crosses 29 February 2028: due 2028-03-01', () => {
    const c = issued('2027-09-01');
    expect(ruleAt(RULE, '2028-02-01', c)).toEqual([]);
    expect(ruleAt(RULE, '2028-02-02', c)).toEqual(dueSoon('2028-03-01'));
    expect(ruleAt(RULE, '2028-03-02', c)).toEqual(overdue('2028-03-01'));
  });
});

describe('proceedings-26-weeks: applicability and policy', () => {
  it('applies to a child in proceedings who is not looked after', () => {
    expect(ruleAt(RULE, '2026-10-31', child({ plo: { start: '2026-02-10', end: '2026-05-01' }, proceedings: { issued: '2026-05-01' } }))).toEqual(overdue('2026-10-30'));
  });
  it('no proceedings block: no finding', () => expect(ruleAt(RULE, '2027-01-01', child({ looked_after: { start: '2026-05-01' } }))).toEqual([]));
  it('not once permanence is secured', () => {
    expect(ruleAt(RULE, '2026-11-30', issued('2026-05-01', 0, undefined, { permanence: { secured: '2026-10-01' } }))).toEqual([]);
  });
  it('the overdue level comes from the policy', () => {
    expect(ruleAt(RULE, '2026-10-31', issued('2026-05-01'), policyWith({ levels: { 'proceedings-26-weeks': 'warning' } }))).toEqual(overdue('2026-10-30', 'warning'));
  });
});
