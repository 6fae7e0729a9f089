import { describe, expect, it } from 'vitest';
import { child, findingsAt, policyWith, ruleAt } from '../helpers.js';

const RULE = 'first-review';
const dueSoon = (due: string) => [{ status: 'due-soon', level: 'warning', due }];
const overdue = (due: string, level = 'error') => [{ status: 'overdue', level, due }];
const late = (due: string) => [{ status: 'late', level: 'notice', due }];
const message = (asOf: string, c: ReturnType<typeof child>) => findingsAt(asOf, c).find((f) => f.rule === RULE)?.message;

describe('first-review: 20 working days from care starting 2026-12-14, across Christmas and New Year', () => {
  // Working days after Mon 14 Dec 2026, skipping 25 & 28 Dec and 1 Jan: the 20th is Thu 14 Jan 2027
  // (without the bank holidays it would be 11 Jan).
  const c = child({ looked_after: { start: '2026-12-14' } });
  it('not yet due on the day care starts', () => expect(ruleAt(RULE, '2026-12-14', c)).toEqual([]));
  it('no finding 29 days before the due date', () => expect(ruleAt(RULE, '2026-12-16', c)).toEqual([]));
  it('due-soon from 28 days before the due date', () => expect(ruleAt(RULE, '2026-12-17', c)).toEqual(dueSoon('2027-01-14')));
  it('due-soon (warning) on the due date itself', () => expect(ruleAt(RULE, '2027-01-14', c)).toEqual(dueSoon('2027-01-14')));
  it('overdue (error) from the day after', () => expect(ruleAt(RULE, '2027-01-15', c)).toEqual(overdue('2027-01-14')));
  it('a review held on the due date is on time', () => {
    expect(ruleAt(RULE, '2027-02-01', child({ looked_after: { start: '2026-12-14' }, reviews: ['2027-01-14'] }))).toEqual([]);
  });
  it('a review held the day after the due date is late (notice)', () => {
    expect(ruleAt(RULE, '2027-02-01', child({ looked_after: { start: '2026-12-14' }, reviews: ['2027-01-15'] }))).toEqual(late('2027-01-14'));
  });
  it('a review held early is on time, whatever the as-of date', () => {
    expect(ruleAt(RULE, '2028-01-01', child({ looked_after: { start: '2026-12-14' }, reviews: ['2026-12-30'] }))).toEqual([]);
  });
  it('a review before care started belongs to an earlier period and does not count', () => {
    expect(ruleAt(RULE, '2027-01-15', child({ looked_after: { start: '2026-12-14' }, reviews: ['2026-11-02'] }))).toEqual(overdue('2027-01-14'));
  });
  it('messages say "due in N days", "due today", "N day(s) overdue" and name the due date', () => {
    expect(message('2026-12-17', c)).toContain('due in 28 days, on 2027-01-14');
    expect(message('2027-01-13', c)).toContain('due in 1 day, on 2027-01-14');
    expect(message('2027-01-14', c)).toContain('due today, on 2027-01-14');
    expect(message('2027-01-15', c)).toMatch(/was due on 2027-01-14 .*: 1 day overdue\./);
    expect(message('2027-01-24', c)).toMatch(/was due on 2027-01-14 .*: 10 days overdue\./);
    expect(message('2027-01-24', c)).toContain('20 working days after care started on 2026-12-14');
  });
  it('a late message says when it was held and by how much', () => {
    const m = message('2027-02-01', child({ looked_after: { start: '2026-12-14' }, reviews: ['2027-01-16'] }));
    expect(m).toContain('was held on 2027-01-16, 2 days after the due date of 2027-01-14');
  });
});

describe('first-review: other calendars', () => {
  it('start on a bank holiday (Mon 4 May 2026, with 25 May inside): due Tue 2 June', () => {
    const c = child({ looked_after: { start: '2026-05-04' } });
    expect(ruleAt(RULE, '2026-06-02', c)).toEqual(dueSoon('2026-06-02'));
    expect(ruleAt(RULE, '2026-06-03', c)).toEqual(overdue('2026-06-02'));
  });
  it('start on the 31st across Easter 2026 (31 March): due Thu 30 April', () => {
    const c = child({ looked_after: { start: '2026-03-31' } });
    expect(ruleAt(RULE, '2026-04-30', c)).toEqual(dueSoon('2026-04-30'));
    expect(ruleAt(RULE, '2026-05-01', c)).toEqual(overdue('2026-04-30'));
  });
  it('across Easter 2027 (start 15 March): due Wed 14 April', () => {
    const c = child({ looked_after: { start: '2027-03-15' } });
    expect(ruleAt(RULE, '2027-03-16', c)).toEqual([]);
    expect(ruleAt(RULE, '2027-03-17', c)).toEqual(dueSoon('2027-04-14'));
    expect(ruleAt(RULE, '2027-04-15', c)).toEqual(overdue('2027-04-14'));
  });
  it('start on 31 December 2025 with New Year inside: due Thu 29 January 2026', () => {
    const c = child({ looked_after: { start: '2025-12-31' } });
    expect(ruleAt(RULE, '2026-01-29', c)).toEqual(dueSoon('2026-01-29'));
    expect(ruleAt(RULE, '2026-01-30', c)).toEqual(overdue('2026-01-29'));
  });
  it('start on a Saturday (3 October 2026): counts from Monday, due Fri 30 October', () => {
    const c = child({ looked_after: { start: '2026-10-03' } });
    expect(ruleAt(RULE, '2026-10-30', c)).toEqual(dueSoon('2026-10-30'));
    expect(ruleAt(RULE, '2026-10-31', c)).toEqual(overdue('2026-10-30'));
  });
  it('leap year: 29 February 2028 is a working day (start 14 Feb 2028, due Mon 13 March)', () => {
    const c = child({ looked_after: { start: '2028-02-14' } });
    expect(ruleAt(RULE, '2028-03-13', c)).toEqual(dueSoon('2028-03-13'));
    expect(ruleAt(RULE, '2028-03-14', c)).toEqual(overdue('2028-03-13'));
  });
});

describe('first-review: applicability and policy', () => {
  it('does not apply once care has ended (looked_after.end set)', () => {
    expect(ruleAt(RULE, '2027-03-01', child({ looked_after: { start: '2026-12-14', end: '2026-12-20' } }))).toEqual([]);
  });
  it('does not apply once permanence is secured', () => {
    expect(ruleAt(RULE, '2027-03-01', child({ looked_after: { start: '2026-12-14' }, permanence: { secured: '2027-02-01' } }))).toEqual([]);
  });
  it('does not apply to a child who is not looked after (PLO only)', () => {
    expect(ruleAt(RULE, '2027-03-01', child({ plo: { start: '2026-12-14' } }))).toEqual([]);
  });
  it('the overdue level comes from the policy', () => {
    const c = child({ looked_after: { start: '2026-12-14' } });
    expect(ruleAt(RULE, '2027-01-15', c, policyWith({ levels: { 'first-review': 'warning' } }))).toEqual(overdue('2027-01-14', 'warning'));
  });
  it('the due-soon level and warning window come from the policy', () => {
    const c = child({ looked_after: { start: '2026-12-14' } });
    const p = policyWith({ warning_window_days: 10, due_soon_level: 'notice' });
    expect(ruleAt(RULE, '2027-01-03', c, p)).toEqual([]);
    expect(ruleAt(RULE, '2027-01-04', c, p)).toEqual([{ status: 'due-soon', level: 'notice', due: '2027-01-14' }]);
  });
  it('a policy in calendar days instead of working days', () => {
    const c = child({ looked_after: { start: '2026-12-14' } });
    expect(ruleAt(RULE, '2027-01-04', c, policyWith({ timescales: { first_review: { days: 20 } } }))).toEqual(overdue('2027-01-03'));
  });
});
