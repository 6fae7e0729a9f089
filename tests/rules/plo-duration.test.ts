import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, mergePolicy, policySchema, presetNamed, PRESETS } from '../../src/domain/policy.js';
import { child, findingsAt, policyWith, ruleAt } from '../helpers.js';

const RULE = 'plo-duration';
const dueSoon = (due: string) => [{ status: 'due-soon', level: 'warning', due }];
const step1 = (due: string) => [{ status: 'overdue', level: 'warning', due }];
const step2 = (due: string, level = 'error') => [{ status: 'overdue', level, due }];
const late = (due: string) => [{ status: 'late', level: 'notice', due }];
const plo = (start: string, end?: string, extra: Record<string, unknown> = {}) => child({ plo: { start, end: end ?? null }, ...extra });

describe('plo-duration: PLO from 2026-02-10 (3 months 2026-05-10, 6 months 2026-08-10)', () => {
  const c = plo('2026-02-10');
  it('not yet due', () => expect(ruleAt(RULE, '2026-03-01', c)).toEqual([]));
  it('no finding 29 days before the first step', () => expect(ruleAt(RULE, '2026-04-11', c)).toEqual([]));
  it('due-soon 28 days before the first step', () => expect(ruleAt(RULE, '2026-04-12', c)).toEqual(dueSoon('2026-05-10')));
  it('due-soon (warning) on the first step', () => expect(ruleAt(RULE, '2026-05-10', c)).toEqual(dueSoon('2026-05-10')));
  it('past the first step: overdue at level warning, due = first step', () => expect(ruleAt(RULE, '2026-05-11', c)).toEqual(step1('2026-05-10')));
  it('no due-soon countdown to the second step: still overdue warning 28 days before it', () => {
    expect(ruleAt(RULE, '2026-07-13', c)).toEqual(step1('2026-05-10'));
  });
  it('on the second step: still overdue at level warning, due = first step', () => expect(ruleAt(RULE, '2026-08-10', c)).toEqual(step1('2026-05-10')));
  it('past the second step: overdue at level error, due = second step', () => expect(ruleAt(RULE, '2026-08-11', c)).toEqual(step2('2026-08-10')));
  it('ended on the first step: on time', () => expect(ruleAt(RULE, '2026-09-01', plo('2026-02-10', '2026-05-10'))).toEqual([]));
  it('ended the day after the first step: late (notice), due = first step', () => {
    expect(ruleAt(RULE, '2026-09-01', plo('2026-02-10', '2026-05-11'))).toEqual(late('2026-05-10'));
  });
  it('messages name the step and the days', () => {
    const msg = (asOf: string) => findingsAt(asOf, c).find((f) => f.rule === RULE)!.message;
    expect(msg('2026-04-12')).toContain('due in 28 days, on 2026-05-10');
    expect(msg('2026-05-10')).toContain('due today, on 2026-05-10');
    expect(msg('2026-05-11')).toMatch(/^The end of pre-proceedings was due on 2026-05-10 \(3 months after PLO started on 2026-02-10\): 1 day overdue\.$/);
    expect(msg('2026-08-15')).toMatch(/^The end of pre-proceedings was due on 2026-08-10 \(the limit of 6 months after PLO started on 2026-02-10\): 5 days overdue\.$/);
    expect(findingsAt('2026-09-01', plo('2026-02-10', '2026-05-12')).find((f) => f.rule === RULE)!.message).toContain('ended on 2026-05-12, 2 days after the due date of 2026-05-10');
  });
});

describe('plo-duration: month ends and leap years', () => {
  it('PLO from 30 November 2025: 28 February and 30 May 2026', () => {
    const c = plo('2025-11-30');
    expect(ruleAt(RULE, '2026-03-01', c)).toEqual(step1('2026-02-28'));
    expect(ruleAt(RULE, '2026-05-30', c)).toEqual(step1('2026-02-28'));
    expect(ruleAt(RULE, '2026-05-31', c)).toEqual(step2('2026-05-30'));
  });
  it('PLO from 31 August 2027: 30 November 2027 and 29 February 2028', () => {
    const c = plo('2027-08-31');
    expect(ruleAt(RULE, '2027-11-30', c)).toEqual(dueSoon('2027-11-30'));
    expect(ruleAt(RULE, '2027-12-01', c)).toEqual(step1('2027-11-30'));
    expect(ruleAt(RULE, '2028-02-29', c)).toEqual(step1('2027-11-30'));
    expect(ruleAt(RULE, '2028-03-01', c)).toEqual(step2('2028-02-29'));
  });
  it('PLO from 29 November 2027: 29 February and 29 May 2028', () => {
    const c = plo('2027-11-29');
    expect(ruleAt(RULE, '2028-02-01', c)).toEqual(dueSoon('2028-02-29'));
    expect(ruleAt(RULE, '2028-03-01', c)).toEqual(step1('2028-02-29'));
    expect(ruleAt(RULE, '2028-05-30', c)).toEqual(step2('2028-05-29'));
  });
});

describe('plo-duration: applicability and policy', () => {
  it('no plo block: no finding', () => expect(ruleAt(RULE, '2027-01-01', child({ looked_after: { start: '2026-02-10' } }))).toEqual([]));
  it('applies whether or not the child is looked after', () => {
    expect(ruleAt(RULE, '2026-08-11', plo('2026-02-10', undefined, { looked_after: { start: '2026-03-01' } }))).toEqual(step2('2026-08-10'));
  });
  it('not once permanence is secured', () => {
    expect(ruleAt(RULE, '2026-08-11', plo('2026-02-10', undefined, { permanence: { secured: '2026-06-01' } }))).toEqual([]);
  });
  it('the level past the second step comes from the policy; the first step stays warning', () => {
    const p = policyWith({ levels: { 'plo-duration': 'notice' } });
    expect(ruleAt(RULE, '2026-05-11', plo('2026-02-10'), p)).toEqual(step1('2026-05-10'));
    expect(ruleAt(RULE, '2026-08-11', plo('2026-02-10'), p)).toEqual(step2('2026-08-10', 'notice'));
  });
  it('permanence-guidance-note preset (003 Timescales): usually 3 months, never over 6; no preset sets weeks', () => {
    const p = policySchema.parse(mergePolicy(DEFAULT_POLICY, presetNamed('permanence-guidance-note')!.values));
    const c = plo('2026-02-10');
    expect(ruleAt(RULE, '2026-05-10', c, p)).toEqual(dueSoon('2026-05-10'));
    expect(ruleAt(RULE, '2026-05-11', c, p)).toEqual(step1('2026-05-10'));
    expect(ruleAt(RULE, '2026-08-10', c, p)).toEqual(step1('2026-05-10'));
    expect(ruleAt(RULE, '2026-08-11', c, p)).toEqual(step2('2026-08-10'));
    for (const preset of PRESETS) expect(policySchema.parse(mergePolicy(DEFAULT_POLICY, preset.values)).timescales.plo_limit, preset.name).toEqual({ months: 6 });
  });
  it('every preset merges into a valid policy (a duration in another unit replaces the default)', () => {
    for (const name of PRESETS.map((p) => p.name)) {
      expect(policySchema.safeParse(mergePolicy(DEFAULT_POLICY, presetNamed(name)!.values)).success, name).toBe(true);
    }
  });
});
