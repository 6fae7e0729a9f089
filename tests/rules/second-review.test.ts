import { describe, expect, it } from 'vitest';
import { child, findingsAt, policyWith, ruleAt } from '../helpers.js';

const RULE = 'second-review';
const dueSoon = (due: string) => [{ status: 'due-soon', level: 'warning', due }];
const overdue = (due: string, level = 'error') => [{ status: 'overdue', level, due }];
const late = (due: string) => [{ status: 'late', level: 'notice', due }];
const la = (start: string, reviews: string[], extra: Record<string, unknown> = {}) => child({ looked_after: { start }, reviews, ...extra });

describe('second-review: 3 months after the first review held on 2026-05-29 (due 2026-08-29)', () => {
  const c = la('2026-05-04', ['2026-05-29']);
  it('not yet due soon after the first review', () => expect(ruleAt(RULE, '2026-06-15', c)).toEqual([]));
  it('no finding 29 days before', () => expect(ruleAt(RULE, '2026-07-31', c)).toEqual([]));
  it('due-soon 28 days before', () => expect(ruleAt(RULE, '2026-08-01', c)).toEqual(dueSoon('2026-08-29')));
  it('due-soon (warning) on the due date', () => expect(ruleAt(RULE, '2026-08-29', c)).toEqual(dueSoon('2026-08-29')));
  it('overdue (error) the day after', () => expect(ruleAt(RULE, '2026-08-30', c)).toEqual(overdue('2026-08-29')));
  it('held on the due date: on time', () => expect(ruleAt(RULE, '2026-09-30', la('2026-05-04', ['2026-05-29', '2026-08-29']))).toEqual([]));
  it('held the day after: late (notice)', () => expect(ruleAt(RULE, '2026-09-30', la('2026-05-04', ['2026-05-29', '2026-08-30']))).toEqual(late('2026-08-29')));
  it('messages name the due date and count the days', () => {
    const msg = (asOf: string) => findingsAt(asOf, c).find((f) => f.rule === RULE)!.message;
    expect(msg('2026-08-01')).toContain('due in 28 days, on 2026-08-29');
    expect(msg('2026-08-29')).toContain('due today, on 2026-08-29');
    expect(msg('2026-09-01')).toMatch(/was due on 2026-08-29 \(3 months after the first review on 2026-05-29\): 3 days overdue\./);
  });
  it('the overdue level comes from the policy', () => {
    expect(ruleAt(RULE, '2026-08-30', c, policyWith({ levels: { 'second-review': 'notice' } }))).toEqual(overdue('2026-08-29', 'notice'));
  });
});

describe('second-review: month ends and leap years', () => {
  it('first review on 30 November: due 28 February (clamped)', () => {
    const c = la('2026-11-02', ['2026-11-30']);
    expect(ruleAt(RULE, '2027-02-28', c)).toEqual(dueSoon('2027-02-28'));
    expect(ruleAt(RULE, '2027-03-01', c)).toEqual(overdue('2027-02-28'));
  });
  it('first review on 31 August: due 30 November (clamped)', () => {
    const c = la('2026-08-03', ['2026-08-31']);
    expect(ruleAt(RULE, '2026-11-30', c)).toEqual(dueSoon('2026-11-30'));
    expect(ruleAt(RULE, '2026-12-01', c)).toEqual(overdue('2026-11-30'));
  });
  it('first review on 30 November 2027: due 29 February 2028 (leap year)', () => {
    const c = la('2027-11-01', ['2027-11-30']);
    expect(ruleAt(RULE, '2028-02-29', c)).toEqual(dueSoon('2028-02-29'));
    expect(ruleAt(RULE, '2028-03-01', c)).toEqual(overdue('2028-02-29'));
  });
  it('first review on 29 November 2027: due 29 February 2028', () => {
    const c = la('2027-11-01', ['2027-11-29']);
    expect(ruleAt(RULE, '2028-02-01', c)).toEqual(dueSoon('2028-02-29'));
    expect(ruleAt(RULE, '2028-01-31', c)).toEqual([]);
  });
  it('a calendar-month clock is not moved off a bank holiday (25 Sep + 3 months = 25 Dec)', () => {
    const c = la('2026-09-01', ['2026-09-25']);
    expect(ruleAt(RULE, '2026-12-26', c)).toEqual(overdue('2026-12-25'));
  });
});

describe('second-review: applicability', () => {
  it('waits for the first review: no finding without one, however late', () => {
    expect(ruleAt(RULE, '2027-06-01', la('2026-05-04', []))).toEqual([]);
  });
  it('a review before the current care period is not the first review', () => {
    // The 2026-04-01 review predates care starting on 2026-05-04; the clock runs from 2026-05-29.
    expect(ruleAt(RULE, '2026-08-30', la('2026-05-04', ['2026-04-01', '2026-05-29']))).toEqual(overdue('2026-08-29'));
    expect(ruleAt(RULE, '2027-06-01', la('2026-05-04', ['2026-04-01']))).toEqual([]);
  });
  it('does not apply once care has ended', () => {
    expect(ruleAt(RULE, '2026-09-30', child({ looked_after: { start: '2026-05-04', end: '2026-07-01' }, reviews: ['2026-05-29'] }))).toEqual([]);
  });
  it('does not apply once permanence is secured', () => {
    expect(ruleAt(RULE, '2026-09-30', la('2026-05-04', ['2026-05-29'], { permanence: { secured: '2026-07-01' } }))).toEqual([]);
  });
});
