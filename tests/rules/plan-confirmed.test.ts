import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, mergePolicy, policySchema, presetNamed } from '../../src/domain/policy.js';
import { child, findingsAt, policyWith, ruleAt } from '../helpers.js';

const RULE = 'plan-confirmed';
const P = policyWith({ timescales: { plan_confirmed: { months: 6 } } });
const dueSoon = (due: string) => [{ status: 'due-soon', level: 'warning', due }];
const overdue = (due: string, level = 'warning') => [{ status: 'overdue', level, due }];
const late = (due: string) => [{ status: 'late', level: 'notice', due }];
const inCare = (reviews: string[], confirmed?: string, extra: Record<string, unknown> = {}) =>
  child({ looked_after: { start: '2026-04-01' }, reviews, plan: { route: 'adoption', agreed: reviews[1] ?? null, confirmed: confirmed ?? null }, ...extra });

describe('plan-confirmed: 6 months after the second review (003 Timescales)', () => {
  // Second review 2026-08-31: 6 months clamps to 2027-02-28 (a 31st into a short month); 25-28 Dec bank holidays inside make no difference.
  const c = inCare(['2026-05-01', '2026-08-31']);
  it('off in the default policy', () => expect(ruleAt(RULE, '2027-06-01', c)).toEqual([]));
  it('no finding 29 days before', () => expect(ruleAt(RULE, '2027-01-30', c, P)).toEqual([]));
  it('due-soon 28 days before', () => expect(ruleAt(RULE, '2027-01-31', c, P)).toEqual(dueSoon('2027-02-28')));
  it('due-soon on the due day', () => expect(ruleAt(RULE, '2027-02-28', c, P)).toEqual(dueSoon('2027-02-28')));
  it('overdue the day after (warning)', () => expect(ruleAt(RULE, '2027-03-01', c, P)).toEqual(overdue('2027-02-28')));
  it('confirmed on the due day: on time; the day after: late', () => {
    expect(ruleAt(RULE, '2027-06-01', inCare(['2026-05-01', '2026-08-31'], '2027-02-28'), P)).toEqual([]);
    expect(ruleAt(RULE, '2027-06-01', inCare(['2026-05-01', '2026-08-31'], '2027-03-01'), P)).toEqual(late('2027-02-28'));
  });
  it('leap year: second review 2027-08-31, due 2028-02-29', () => {
    const leap = inCare(['2027-05-01', '2027-08-31']);
    expect(ruleAt(RULE, '2028-02-29', leap, P)).toEqual(dueSoon('2028-02-29'));
    expect(ruleAt(RULE, '2028-03-01', leap, P)).toEqual(overdue('2028-02-29'));
  });
  it('waits for the second review', () => expect(ruleAt(RULE, '2028-01-01', inCare(['2026-05-01']), P)).toEqual([]));
  it('the permanence-guidance-note preset sets it (003) and the message says why', () => {
    const p = policySchema.parse(mergePolicy(DEFAULT_POLICY, presetNamed('permanence-guidance-note')!.values));
    expect(ruleAt(RULE, '2027-03-01', c, p)).toEqual(overdue('2027-02-28'));
    expect(findingsAt('2027-03-02', c, p).find((f) => f.rule === RULE)!.message).toBe(
      'The confirmation of the permanence plan was due on 2027-02-28 (6 months after the second review on 2026-08-31): 2 days overdue.',
    );
  });
  it('level from the policy; not once permanence is secured', () => {
    expect(ruleAt(RULE, '2027-03-01', c, policyWith({ timescales: { plan_confirmed: { months: 6 } }, levels: { 'plan-confirmed': 'error' } }))).toEqual(overdue('2027-02-28', 'error'));
    expect(ruleAt(RULE, '2027-03-01', inCare(['2026-05-01', '2026-08-31'], undefined, { permanence: { secured: '2026-12-01' } }), P)).toEqual([]);
  });
});
