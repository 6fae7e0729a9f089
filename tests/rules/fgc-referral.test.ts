import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, mergePolicy, policySchema, presetNamed } from '../../src/domain/policy.js';
import { child, findingsAt, policyWith, ruleAt } from '../helpers.js';

const RULE = 'fgc-referral';
const dueSoon = (due: string) => [{ status: 'due-soon', level: 'warning', due }];
const overdue = (due: string) => [{ status: 'overdue', level: 'warning', due }];
const late = (due: string) => [{ status: 'late', level: 'notice', due }];
const guidance = policySchema.parse(mergePolicy(DEFAULT_POLICY, presetNamed('permanence-guidance-note')!.values));

describe('fgc-referral: by the day the child enters care or PLO (003, "earliest opportunity")', () => {
  const c = (fgc?: Record<string, unknown>) => child({ plo: { start: '2026-08-31' }, looked_after: { start: '2026-10-05' }, fgc: fgc ?? null });
  it('off in the default policy', () => expect(ruleAt(RULE, '2027-01-01', c())).toEqual([]));
  it('due on the day PLO started (the earlier): due-soon that day, overdue the next', () => {
    expect(ruleAt(RULE, '2026-08-31', c(), guidance)).toEqual(dueSoon('2026-08-31'));
    expect(ruleAt(RULE, '2026-09-01', c(), guidance)).toEqual(overdue('2026-08-31'));
  });
  it('referred before or on the day: on time; the day after: late', () => {
    expect(ruleAt(RULE, '2026-12-01', c({ referred: '2026-08-20' }), guidance)).toEqual([]);
    expect(ruleAt(RULE, '2026-12-01', c({ referred: '2026-08-31' }), guidance)).toEqual([]);
    expect(ruleAt(RULE, '2026-12-01', c({ referred: '2026-09-01' }), guidance)).toEqual(late('2026-08-31'));
  });
  it('a conference held with no referral date counts as referred then', () => {
    expect(ruleAt(RULE, '2026-12-01', c({ held: '2026-08-28' }), guidance)).toEqual([]);
  });
  it('leap day: care from 2028-02-29 is due that day', () => {
    expect(ruleAt(RULE, '2028-03-01', child({ looked_after: { start: '2028-02-29' } }), guidance)).toEqual(overdue('2028-02-29'));
  });
});

describe('fgc-referral: a council setting of N working days (bank holidays inside the window)', () => {
  const P = policyWith({ timescales: { fgc_referral: { working_days: 5 } } });
  // PLO from Mon 2026-12-21: 22, 23, 24, (25 Christmas, 26-27 weekend, 28 Boxing Day substitute) 29, 30 -> due 2026-12-30.
  const c = child({ plo: { start: '2026-12-21' } });
  it('due on the 5th working day, skipping Christmas', () => {
    expect(ruleAt(RULE, '2026-12-30', c, P)).toEqual(dueSoon('2026-12-30'));
    expect(ruleAt(RULE, '2026-12-31', c, P)).toEqual(overdue('2026-12-30'));
    expect(findingsAt('2026-12-31', c, P).find((f) => f.rule === RULE)!.message).toBe(
      'The family group conference referral was due on 2026-12-30 (5 working days after entering PLO on 2026-12-21): 1 day overdue.',
    );
  });
  it('no entry into care or PLO: no clock', () => expect(ruleAt(RULE, '2027-01-01', child({}), P)).toEqual([]));
});
