import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, mergePolicy, policySchema, presetNamed } from '../../src/domain/policy.js';
import { child, findingsAt, ruleAt } from '../helpers.js';

const RULE = 'booking';
const P = policySchema.parse(mergePolicy(DEFAULT_POLICY, presetNamed('central-bedfordshire')!.values));
const dueSoon = (due: string) => [{ status: 'due-soon', level: 'warning', due }];
const overdue = (due: string) => [{ status: 'overdue', level: 'warning', due }];
const late = (due: string) => [{ status: 'late', level: 'notice', due }];
const inCare = (reviews: string[], panel: string[] = []) => child({ looked_after: { start: '2026-08-10' }, reviews, panel: panel.map((date) => ({ date })) });

describe('booking (002 s8): discussed at panel between the first review and the second review due', () => {
  // First review 2026-11-30: second due 3 months later, 2027-02-28 (30th into February clamps); Christmas inside.
  const c = inCare(['2026-11-30'], ['2026-09-04']);
  it('off in the default policy', () => expect(ruleAt(RULE, '2027-03-10', c)).toEqual([]));
  it('waits for the first review', () => expect(ruleAt(RULE, '2027-03-10', inCare([]), P)).toEqual([]));
  it('a discussion before the first review does not count: due-soon 28 days before 2027-02-28', () => {
    expect(ruleAt(RULE, '2027-01-30', c, P)).toEqual([]);
    expect(ruleAt(RULE, '2027-01-31', c, P)).toEqual(dueSoon('2027-02-28'));
  });
  it('overdue the day after the second review is due', () => {
    expect(ruleAt(RULE, '2027-02-28', c, P)).toEqual(dueSoon('2027-02-28'));
    expect(ruleAt(RULE, '2027-03-01', c, P)).toEqual(overdue('2027-02-28'));
  });
  it('discussed on the first review day or the due day: on time; the day after: late', () => {
    expect(ruleAt(RULE, '2027-03-10', inCare(['2026-11-30'], ['2026-11-30']), P)).toEqual([]);
    expect(ruleAt(RULE, '2027-03-10', inCare(['2026-11-30'], ['2027-02-28']), P)).toEqual([]);
    expect(ruleAt(RULE, '2027-03-10', inCare(['2026-11-30'], ['2027-03-01']), P)).toEqual(late('2027-02-28'));
  });
  it('leap year: first review 2027-11-30, due 2028-02-29', () => {
    expect(ruleAt(RULE, '2028-03-01', inCare(['2027-11-30']), P)).toEqual(overdue('2028-02-29'));
  });
  it('says what is missing', () => {
    expect(findingsAt('2027-03-01', c, P).find((f) => f.rule === RULE)!.message).toBe(
      "A discussion at panel between the first and second review was due on 2027-02-28 (the second review's due date, 3 months after the first review on 2026-11-30): 1 day overdue.",
    );
  });
});
