import { describe, expect, it } from 'vitest';
import { child, findingsAt, policyWith, ruleAt } from '../helpers.js';

const RULE = 'plan-by-second-review';
const dueSoon = (due: string) => [{ status: 'due-soon', level: 'warning', due }];
const overdue = (due: string, level = 'error') => [{ status: 'overdue', level, due }];
const late = (due: string) => [{ status: 'late', level: 'notice', due }];
const la = (start: string, reviews: string[], agreed?: string, extra: Record<string, unknown> = {}) =>
  child({ looked_after: { start }, reviews, plan: { route: 'adoption', contingency: 'long-term-fostering', agreed: agreed ?? null }, ...extra });

describe('plan-by-second-review: no review held yet (first review due + 3 months)', () => {
  // Care from Mon 4 May 2026: first review due 2026-06-02 (20 working days), second due 2026-09-02.
  const c = la('2026-05-04', []);
  it('not yet due', () => expect(ruleAt(RULE, '2026-06-15', c)).toEqual([]));
  it('no finding 29 days before', () => expect(ruleAt(RULE, '2026-08-04', c)).toEqual([]));
  it('due-soon 28 days before', () => expect(ruleAt(RULE, '2026-08-05', c)).toEqual(dueSoon('2026-09-02')));
  it('due-soon (warning) on the due date', () => expect(ruleAt(RULE, '2026-09-02', c)).toEqual(dueSoon('2026-09-02')));
  it('overdue (error) the day after', () => expect(ruleAt(RULE, '2026-09-03', c)).toEqual(overdue('2026-09-02')));
  it('agreed on the due date: on time', () => expect(ruleAt(RULE, '2026-10-01', la('2026-05-04', [], '2026-09-02'))).toEqual([]));
  it('agreed the day after: late (notice)', () => expect(ruleAt(RULE, '2026-10-01', la('2026-05-04', [], '2026-09-03'))).toEqual(late('2026-09-02')));
  it('a plan block without an agreed date is not agreed', () => {
    expect(ruleAt(RULE, '2026-09-03', child({ looked_after: { start: '2026-05-04' }, plan: { route: 'adoption' } }))).toEqual(overdue('2026-09-02'));
    expect(ruleAt(RULE, '2026-09-03', child({ looked_after: { start: '2026-05-04' } }))).toEqual(overdue('2026-09-02'));
  });
  it('first review due date across Christmas: care from 2026-12-14, first due 2027-01-14, plan due 2027-04-14', () => {
    const x = la('2026-12-14', []);
    expect(ruleAt(RULE, '2027-04-14', x)).toEqual(dueSoon('2027-04-14'));
    expect(ruleAt(RULE, '2027-04-15', x)).toEqual(overdue('2027-04-14'));
  });
  it('leap year: care from 2027-11-01, first due 2027-11-29, plan due 2028-02-29', () => {
    const x = la('2027-11-01', []);
    expect(ruleAt(RULE, '2028-02-29', x)).toEqual(dueSoon('2028-02-29'));
    expect(ruleAt(RULE, '2028-03-01', x)).toEqual(overdue('2028-02-29'));
  });
  it('messages name the due date', () => {
    const msg = (asOf: string) => findingsAt(asOf, c).find((f) => f.rule === RULE)!.message;
    expect(msg('2026-09-02')).toContain('due today, on 2026-09-02');
    expect(msg('2026-09-05')).toMatch(/was due on 2026-09-02 .*: 3 days overdue\./);
  });
});

describe('plan-by-second-review: first review held, second not yet (first held + 3 months)', () => {
  it('first review held late on 2026-06-10: plan due 2026-09-10', () => {
    const c = la('2026-05-04', ['2026-06-10']);
    expect(ruleAt(RULE, '2026-08-12', c)).toEqual([]);
    expect(ruleAt(RULE, '2026-08-13', c)).toEqual(dueSoon('2026-09-10'));
    expect(ruleAt(RULE, '2026-09-11', c)).toEqual(overdue('2026-09-10'));
  });
  it('first review on 30 November 2026: plan due 28 February 2027 (clamped)', () => {
    const c = la('2026-11-02', ['2026-11-30']);
    expect(ruleAt(RULE, '2027-02-28', c)).toEqual(dueSoon('2027-02-28'));
    expect(ruleAt(RULE, '2027-03-01', c)).toEqual(overdue('2027-02-28'));
  });
  it('first review on 29 November 2027: plan due 29 February 2028 (leap year)', () => {
    const c = la('2027-11-01', ['2027-11-29']);
    expect(ruleAt(RULE, '2028-03-01', c)).toEqual(overdue('2028-02-29'));
  });
});

describe('plan-by-second-review: second review held (the earlier of its held date and its due date)', () => {
  // First review 2026-05-29: second due 2026-08-29.
  it('second held early (2026-08-20): the plan was due that day', () => {
    expect(ruleAt(RULE, '2026-08-21', la('2026-05-04', ['2026-05-29', '2026-08-20']))).toEqual(overdue('2026-08-20'));
    expect(ruleAt(RULE, '2026-08-21', la('2026-05-04', ['2026-05-29', '2026-08-20'], '2026-08-20'))).toEqual([]);
    expect(ruleAt(RULE, '2026-09-01', la('2026-05-04', ['2026-05-29', '2026-08-20'], '2026-08-21'))).toEqual(late('2026-08-20'));
  });
  it('second held on its due date: the plan is due that day', () => {
    expect(ruleAt(RULE, '2026-08-29', la('2026-05-04', ['2026-05-29', '2026-08-29']))).toEqual(dueSoon('2026-08-29'));
    expect(ruleAt(RULE, '2026-08-30', la('2026-05-04', ['2026-05-29', '2026-08-29']))).toEqual(overdue('2026-08-29'));
  });
  it('second held late (2026-09-05): the plan was still due on the second review\'s due date', () => {
    expect(ruleAt(RULE, '2026-09-10', la('2026-05-04', ['2026-05-29', '2026-09-05']))).toEqual(overdue('2026-08-29'));
    expect(ruleAt(RULE, '2026-09-10', la('2026-05-04', ['2026-05-29', '2026-09-05'], '2026-08-29'))).toEqual([]);
    expect(ruleAt(RULE, '2026-09-10', la('2026-05-04', ['2026-05-29', '2026-09-05'], '2026-08-30'))).toEqual(late('2026-08-29'));
  });
  it('a plan agreed well before the second review is on time', () => {
    expect(ruleAt(RULE, '2027-06-01', la('2026-05-04', ['2026-05-29', '2026-08-27'], '2026-07-15'))).toEqual([]);
  });
});

describe('plan-by-second-review: applicability and policy', () => {
  it('only while looked after: not once care has ended, not for a PLO-only child', () => {
    expect(ruleAt(RULE, '2026-10-01', child({ looked_after: { start: '2026-05-04', end: '2026-06-01' } }))).toEqual([]);
    expect(ruleAt(RULE, '2026-10-01', child({ plo: { start: '2026-05-04' } }))).toEqual([]);
  });
  it('not once permanence is secured', () => {
    expect(ruleAt(RULE, '2026-10-01', la('2026-05-04', [], undefined, { permanence: { secured: '2026-08-01' } }))).toEqual([]);
  });
  it('the overdue level comes from the policy', () => {
    expect(ruleAt(RULE, '2026-09-03', la('2026-05-04', []), policyWith({ levels: { 'plan-by-second-review': 'warning' } }))).toEqual(overdue('2026-09-02', 'warning'));
  });
});
