import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, mergePolicy, policySchema, presetNamed } from '../../src/domain/policy.js';
import { child, findingsAt, policyWith, ruleAt } from '../helpers.js';

const RULE = 'first-panel';
const dueSoon = (due: string) => [{ status: 'due-soon', level: 'warning', due }];
const overdue = (due: string, level = 'error') => [{ status: 'overdue', level, due }];
const late = (due: string) => [{ status: 'late', level: 'notice', due }];
const inCare = (start: string, panel: string[] = [], extra: Record<string, unknown> = {}) =>
  child({ looked_after: { start }, panel: panel.map((date) => ({ date })), ...extra });

describe('first-panel: 28 days from entering care on 2026-05-04 (due 2026-06-01)', () => {
  const c = inCare('2026-05-04');
  it('no finding 29 days before (the day before care started)', () => expect(ruleAt(RULE, '2026-05-03', c)).toEqual([]));
  it('due-soon from 28 days before, which is the day care starts', () => expect(ruleAt(RULE, '2026-05-04', c)).toEqual(dueSoon('2026-06-01')));
  it('due-soon (warning) on the due date', () => expect(ruleAt(RULE, '2026-06-01', c)).toEqual(dueSoon('2026-06-01')));
  it('overdue (error) the day after', () => expect(ruleAt(RULE, '2026-06-02', c)).toEqual(overdue('2026-06-01')));
  it('discussed on the due date: on time', () => expect(ruleAt(RULE, '2026-07-01', inCare('2026-05-04', ['2026-06-01']))).toEqual([]));
  it('discussed the day after: late (notice)', () => expect(ruleAt(RULE, '2026-07-01', inCare('2026-05-04', ['2026-06-02']))).toEqual(late('2026-06-01')));
  it('only the first discussion counts', () => {
    expect(ruleAt(RULE, '2026-09-01', inCare('2026-05-04', ['2026-06-05', '2026-07-03']))).toEqual(late('2026-06-01'));
  });
  it('messages name the due date and the days', () => {
    const msg = (asOf: string) => findingsAt(asOf, c).find((f) => f.rule === RULE)!.message;
    expect(msg('2026-05-04')).toContain('due in 28 days, on 2026-06-01');
    expect(msg('2026-06-01')).toContain('due today, on 2026-06-01');
    expect(msg('2026-06-03')).toMatch(/^The first discussion at panel was due on 2026-06-01 \(28 days after entering care on 2026-05-04\): 2 days overdue\.$/);
  });
});

describe('first-panel: from the earlier of entering care and entering PLO', () => {
  it('PLO first (2026-02-10, care 2026-05-04): due 2026-03-10', () => {
    const c = child({ plo: { start: '2026-02-10' }, looked_after: { start: '2026-05-04' } });
    expect(ruleAt(RULE, '2026-03-10', c)).toEqual(dueSoon('2026-03-10'));
    expect(ruleAt(RULE, '2026-03-11', c)).toEqual(overdue('2026-03-10'));
    expect(findingsAt('2026-03-11', c).find((f) => f.rule === RULE)!.message).toContain('entering PLO on 2026-02-10');
  });
  it('care first (2026-01-31, PLO 2026-03-01): due 2026-02-28', () => {
    const c = child({ looked_after: { start: '2026-01-31' }, plo: { start: '2026-03-01' } });
    expect(ruleAt(RULE, '2026-03-01', c)).toEqual(overdue('2026-02-28'));
  });
  it('PLO only: due 28 days after PLO started', () => {
    expect(ruleAt(RULE, '2026-03-11', child({ plo: { start: '2026-02-10' } }))).toEqual(overdue('2026-03-10'));
  });
  it('leap year: care from 2028-02-01, due 2028-02-29', () => {
    const c = inCare('2028-02-01');
    expect(ruleAt(RULE, '2028-02-29', c)).toEqual(dueSoon('2028-02-29'));
    expect(ruleAt(RULE, '2028-03-01', c)).toEqual(overdue('2028-02-29'));
  });
  it('neither care nor PLO: no clock', () => expect(ruleAt(RULE, '2027-01-01', child({}))).toEqual([]));
  it('not once permanence is secured', () => {
    expect(ruleAt(RULE, '2026-07-01', inCare('2026-05-04', [], { permanence: { secured: '2026-06-15' } }))).toEqual([]);
  });
  it('the overdue level comes from the policy', () => {
    expect(ruleAt(RULE, '2026-06-02', inCare('2026-05-04'), policyWith({ levels: { 'first-panel': 'warning' } }))).toEqual(overdue('2026-06-01', 'warning'));
  });
});

describe('first-panel: two-step policy (first_panel_warning 6 weeks, first_panel 8 weeks)', () => {
  // Care from 2026-05-04: 6 weeks 2026-06-15, 8 weeks 2026-06-29.
  const p = policyWith({ timescales: { first_panel_warning: { weeks: 6 }, first_panel: { weeks: 8 } } });
  const c = inCare('2026-05-04');
  it('no finding 29 days before the first step', () => expect(ruleAt(RULE, '2026-05-17', c, p)).toEqual([]));
  it('due-soon counts down to the first step', () => {
    expect(ruleAt(RULE, '2026-05-18', c, p)).toEqual(dueSoon('2026-06-15'));
    expect(ruleAt(RULE, '2026-06-15', c, p)).toEqual(dueSoon('2026-06-15'));
  });
  it('past the first step: overdue warning, due = first step (until the second step)', () => {
    expect(ruleAt(RULE, '2026-06-16', c, p)).toEqual(overdue('2026-06-15', 'warning'));
    expect(ruleAt(RULE, '2026-06-29', c, p)).toEqual(overdue('2026-06-15', 'warning'));
  });
  it('past the second step: overdue error, due = second step', () => expect(ruleAt(RULE, '2026-06-30', c, p)).toEqual(overdue('2026-06-29')));
  it('discussed on the first step: on time; after it: late (notice)', () => {
    expect(ruleAt(RULE, '2026-07-30', inCare('2026-05-04', ['2026-06-15']), p)).toEqual([]);
    expect(ruleAt(RULE, '2026-07-30', inCare('2026-05-04', ['2026-06-16']), p)).toEqual(late('2026-06-15'));
  });
  it('the permanence-guidance-note preset (003: 6-8 weeks) gives the same clock', () => {
    const preset = policySchema.parse(mergePolicy(DEFAULT_POLICY, presetNamed('permanence-guidance-note')!.values));
    expect(ruleAt(RULE, '2026-06-16', c, preset)).toEqual(overdue('2026-06-15', 'warning'));
    expect(ruleAt(RULE, '2026-06-30', c, preset)).toEqual(overdue('2026-06-29'));
  });
});

describe('first-panel: first_panel_at_next_meeting (default schedule: first Friday, bank holidays move to the next working day)', () => {
  // A meeting is available while its agenda is open: agenda agreed 5 working days before the meeting.
  const p = policyWith({ timescales: { first_panel_at_next_meeting: true } });
  it('care from 2026-05-04: next panel Fri 2026-06-05 (agenda closes 2026-05-29)', () => {
    const c = inCare('2026-05-04');
    expect(ruleAt(RULE, '2026-05-07', c, p)).toEqual([]);
    expect(ruleAt(RULE, '2026-05-08', c, p)).toEqual(dueSoon('2026-06-05'));
    expect(ruleAt(RULE, '2026-06-05', c, p)).toEqual(dueSoon('2026-06-05'));
    expect(ruleAt(RULE, '2026-06-06', c, p)).toEqual(overdue('2026-06-05'));
    expect(ruleAt(RULE, '2026-06-30', inCare('2026-05-04', ['2026-06-05']), p)).toEqual([]);
    expect(ruleAt(RULE, '2026-07-30', inCare('2026-05-04', ['2026-07-03']), p)).toEqual(late('2026-06-05'));
  });
  it('entering on the agenda deadline still makes that panel; the day after goes to the next one', () => {
    expect(ruleAt(RULE, '2026-06-06', inCare('2026-05-29'), p)).toEqual(overdue('2026-06-05'));
    expect(ruleAt(RULE, '2026-07-04', inCare('2026-05-30'), p)).toEqual(overdue('2026-07-03'));
  });
  it('New Year 2027: the 1 January meeting moves to Mon 4 January; its agenda closes 23 December', () => {
    expect(ruleAt(RULE, '2027-01-05', inCare('2026-12-23'), p)).toEqual(overdue('2027-01-04'));
    expect(ruleAt(RULE, '2027-02-06', inCare('2026-12-24'), p)).toEqual(overdue('2027-02-05'));
  });
  it('Easter 2026: the Good Friday meeting moves to Tue 7 April', () => {
    expect(ruleAt(RULE, '2026-04-08', inCare('2026-03-06'), p)).toEqual(overdue('2026-04-07'));
    expect(ruleAt(RULE, '2026-04-08', inCare('2026-03-27'), p)).toEqual(overdue('2026-04-07'));
    expect(ruleAt(RULE, '2026-05-02', inCare('2026-03-28'), p)).toEqual(overdue('2026-05-01'));
  });
  it('the message says it is the next available panel', () => {
    const f = findingsAt('2026-06-06', inCare('2026-05-04'), p).find((x) => x.rule === RULE)!;
    expect(f.message).toMatch(/^The first discussion at panel was due on 2026-06-05 \(the next available panel after entering care on 2026-05-04\): 1 day overdue\.$/);
  });
});
