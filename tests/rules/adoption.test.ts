/** The adoption scorecard clocks: A1 (426 days), A2 (121 days) and the register referral (3 months). */
import { describe, expect, it } from 'vitest';
import { child, findingsAt, policyWith, ruleAt } from '../helpers.js';

const dueSoon = (due: string) => [{ status: 'due-soon', level: 'warning', due }];
const overdue = (due: string, level = 'warning') => [{ status: 'overdue', level, due }];
const late = (due: string) => [{ status: 'late', level: 'notice', due }];

describe('adoption-placed: moving in with the adopters within 426 days of entering care', () => {
  const RULE = 'adoption-placed';
  const c = (start: string, adoption: Record<string, unknown> = {}, route = 'adoption') => child({ looked_after: { start }, plan: { route }, adoption });
  // Care from 2026-01-31: 426 days is 2027-04-02 (a bank holiday-free count of calendar days: Good Friday 2027-03-26 inside makes no difference).
  it('due-soon 28 days before, overdue the day after', () => {
    expect(ruleAt(RULE, '2027-03-05', c('2026-01-31'))).toEqual(dueSoon('2027-04-02'));
    expect(ruleAt(RULE, '2027-03-04', c('2026-01-31'))).toEqual([]);
    expect(ruleAt(RULE, '2027-04-02', c('2026-01-31'))).toEqual(dueSoon('2027-04-02'));
    expect(ruleAt(RULE, '2027-04-03', c('2026-01-31'))).toEqual(overdue('2027-04-02'));
  });
  it('placed on the 426th day: on time; on the 427th: late', () => {
    expect(ruleAt(RULE, '2027-05-01', c('2026-01-31', { placed: '2027-04-02' }))).toEqual([]);
    expect(ruleAt(RULE, '2027-05-01', c('2026-01-31', { placed: '2027-04-03' }))).toEqual(late('2027-04-02'));
  });
  it('leap year: care from 2026-12-30 is due 2028-02-29', () => {
    expect(ruleAt(RULE, '2028-03-01', c('2026-12-30'))).toEqual(overdue('2028-02-29'));
  });
  it('only for a child whose plan is adoption (or with an agency decision for adoption)', () => {
    expect(ruleAt(RULE, '2027-04-03', c('2026-01-31', {}, 'long-term-fostering'))).toEqual([]);
    expect(ruleAt(RULE, '2027-04-03', c('2026-01-31', { agency_decision: '2026-05-01' }, 'long-term-fostering'))).toEqual(overdue('2027-04-02'));
  });
  it('message and level', () => {
    expect(findingsAt('2027-04-04', c('2026-01-31')).find((f) => f.rule === RULE)!.message).toBe(
      'Moving in with the adopters was due on 2027-04-02 (426 days after entering care on 2026-01-31, the scorecard threshold): 2 days overdue.',
    );
    expect(ruleAt(RULE, '2027-04-03', c('2026-01-31'), policyWith({ levels: { 'adoption-placed': 'error' } }))).toEqual(overdue('2027-04-02', 'error'));
  });
});

describe('adoption-match: match decision within 121 days of the placement order', () => {
  const RULE = 'adoption-match';
  const c = (adoption: Record<string, unknown>) => child({ looked_after: { start: '2026-01-05' }, plan: { route: 'adoption' }, adoption });
  it('order on the 31st (2026-10-31): due 2027-03-01; Christmas inside makes no difference', () => {
    expect(ruleAt(RULE, '2027-03-01', c({ placement_order: '2026-10-31' }))).toEqual(dueSoon('2027-03-01'));
    expect(ruleAt(RULE, '2027-03-02', c({ placement_order: '2026-10-31' }))).toEqual(overdue('2027-03-01'));
  });
  it('matched on the due day: on time; the day after: late', () => {
    expect(ruleAt(RULE, '2027-06-01', c({ placement_order: '2026-10-31', match_decision: '2027-03-01' }))).toEqual([]);
    expect(ruleAt(RULE, '2027-06-01', c({ placement_order: '2026-10-31', match_decision: '2027-03-02' }))).toEqual(late('2027-03-01'));
  });
  it('leap year: order 2027-10-31 due 2028-02-29', () => {
    expect(ruleAt(RULE, '2028-03-01', c({ placement_order: '2027-10-31' }))).toEqual(overdue('2028-02-29'));
  });
  it('no placement order: no clock', () => expect(ruleAt(RULE, '2028-03-01', c({ agency_decision: '2026-03-01' }))).toEqual([]));
});

describe('adoption-register: referral within 3 months of the agency decision when no local match is pursued', () => {
  const RULE = 'adoption-register';
  const c = (adoption: Record<string, unknown>) => child({ looked_after: { start: '2026-01-05' }, plan: { route: 'adoption' }, adoption });
  it('decision 2026-05-31: due 2026-08-31 (the August bank holiday itself; calendar months do not move)', () => {
    expect(ruleAt(RULE, '2026-08-31', c({ agency_decision: '2026-05-31' }))).toEqual(dueSoon('2026-08-31'));
    expect(ruleAt(RULE, '2026-09-01', c({ agency_decision: '2026-05-31' }))).toEqual(overdue('2026-08-31'));
  });
  it('month end: decision 2026-11-30 due 2027-02-28; leap year: 2027-11-30 due 2028-02-29', () => {
    expect(ruleAt(RULE, '2027-03-01', c({ agency_decision: '2026-11-30' }))).toEqual(overdue('2027-02-28'));
    expect(ruleAt(RULE, '2028-03-01', c({ agency_decision: '2027-11-30' }))).toEqual(overdue('2028-02-29'));
  });
  it('referred on the due day: on time; the day after: late', () => {
    expect(ruleAt(RULE, '2027-01-01', c({ agency_decision: '2026-05-31', register_referral: '2026-08-31' }))).toEqual([]);
    expect(ruleAt(RULE, '2027-01-01', c({ agency_decision: '2026-05-31', register_referral: '2026-09-01' }))).toEqual(late('2026-08-31'));
  });
  it('not while a local match is pursued, nor once matched by the due date', () => {
    expect(ruleAt(RULE, '2027-01-01', c({ agency_decision: '2026-05-31', local_match_pursued: true }))).toEqual([]);
    expect(ruleAt(RULE, '2027-01-01', c({ agency_decision: '2026-05-31', match_decision: '2026-08-31' }))).toEqual([]);
    expect(ruleAt(RULE, '2027-01-01', c({ agency_decision: '2026-05-31', match_decision: '2026-09-01' }))).toEqual(overdue('2026-08-31'));
  });
});
