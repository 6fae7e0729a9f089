/**
 * Short breaks (legal status V3/V4): regulation 48's review clocks (first review within 3 months of the
 * first short break, then no more than 6 months apart) instead of regulation 33's; at their boundaries:
 * the due day, a 31st, month-end clamping, a leap year. Calendar months, so bank holidays do not move them.
 */
import { describe, expect, it } from 'vitest';
import { child, ruleAt } from '../helpers.js';

const FIRST = 'short-break-first-review';
const LATER = 'short-break-review-interval';
const dueSoon = (due: string) => [{ status: 'due-soon', level: 'warning', due }];
const overdue = (due: string) => [{ status: 'overdue', level: 'error', due }];
const late = (due: string) => [{ status: 'late', level: 'notice', due }];
const onBreaks = (start: string, reviews: string[] = [], legal_status = 'V4') => child({ looked_after: { start, legal_status }, reviews });

describe('short-break-first-review: within 3 months of the first short break', () => {
  const c = onBreaks('2026-03-10');
  it('due-soon on the due day, 10 June (not 20 working days)', () => expect(ruleAt(FIRST, '2026-06-10', c)).toEqual(dueSoon('2026-06-10')));
  it('overdue the day after', () => expect(ruleAt(FIRST, '2026-06-11', c)).toEqual(overdue('2026-06-10')));
  it('no finding before the warning window', () => expect(ruleAt(FIRST, '2026-05-12', c)).toEqual([]));
  it('a review on the due day is on time; the day after is late', () => {
    expect(ruleAt(FIRST, '2026-07-01', onBreaks('2026-03-10', ['2026-06-10']))).toEqual([]);
    expect(ruleAt(FIRST, '2026-07-01', onBreaks('2026-03-10', ['2026-06-11']))).toEqual(late('2026-06-10'));
  });
  it('from a 31st, the due day is clamped to the end of a shorter month (31 Jan + 3 months = 30 Apr)', () => {
    expect(ruleAt(FIRST, '2026-04-30', onBreaks('2026-01-31'))).toEqual(dueSoon('2026-04-30'));
    expect(ruleAt(FIRST, '2026-05-01', onBreaks('2026-01-31'))).toEqual(overdue('2026-04-30'));
  });
  it('into a leap February: 29 and 30 November 2027 are both due on 29 February 2028; in 2026-27, on 28 February', () => {
    expect(ruleAt(FIRST, '2028-02-29', onBreaks('2027-11-29'))).toEqual(dueSoon('2028-02-29'));
    expect(ruleAt(FIRST, '2028-03-01', onBreaks('2027-11-30'))).toEqual(overdue('2028-02-29'));
    expect(ruleAt(FIRST, '2027-03-01', onBreaks('2026-11-30'))).toEqual(overdue('2027-02-28'));
  });
  it('a bank holiday does not move it (calendar months): start 25 Feb 2026, due Mon 25 May 2026, a bank holiday', () => {
    expect(ruleAt(FIRST, '2026-05-26', onBreaks('2026-02-25'))).toEqual(overdue('2026-05-25'));
  });
  it('V3 (a single short break) too', () => expect(ruleAt(FIRST, '2026-06-11', onBreaks('2026-03-10', [], 'V3'))).toEqual(overdue('2026-06-10')));
  it('not for other legal statuses', () => expect(ruleAt(FIRST, '2026-06-11', onBreaks('2026-03-10', [], 'C2'))).toEqual([]));
});

describe('short-break-review-interval: each later review within 6 months of the previous', () => {
  it('due 6 months after the first review, on the due day and the day after', () => {
    const c = onBreaks('2026-01-05', ['2026-03-20']);
    expect(ruleAt(LATER, '2026-09-20', c)).toEqual(dueSoon('2026-09-20'));
    expect(ruleAt(LATER, '2026-09-21', c)).toEqual(overdue('2026-09-20'));
  });
  it('from a 31st (31 Aug + 6 months = 28 Feb; in a leap year 29 Feb)', () => {
    expect(ruleAt(LATER, '2027-03-01', onBreaks('2026-06-01', ['2026-08-31']))).toEqual(overdue('2027-02-28'));
    expect(ruleAt(LATER, '2028-03-01', onBreaks('2027-06-01', ['2027-08-31']))).toEqual(overdue('2028-02-29'));
  });
  it('history: a review more than 6 months after the one before is late; on the due day it is on time', () => {
    expect(ruleAt(LATER, '2027-03-01', onBreaks('2026-01-05', ['2026-02-01', '2026-08-01', '2026-12-31']))).toEqual([]);
    expect(ruleAt(LATER, '2027-03-01', onBreaks('2026-01-05', ['2026-02-01', '2026-08-02', '2026-12-31']))).toEqual(late('2026-08-01'));
  });
  it('waits for the first review', () => expect(ruleAt(LATER, '2027-01-01', onBreaks('2026-01-05'))).toEqual([]));
});

describe('the usual review clocks leave short breaks alone, and the short-break clocks leave other children alone', () => {
  const usual = ['first-review', 'second-review', 'review-interval'];
  it('V3/V4: no 20-working-day, 3-month or 6-month finding from regulation 33', () => {
    for (const ls of ['V3', 'V4']) {
      for (const rule of usual) expect(ruleAt(rule, '2027-06-01', onBreaks('2026-01-05', ['2026-05-01', '2026-06-01'], ls)), `${rule} ${ls}`).toEqual([]);
    }
  });
  it('C2: the usual clocks, and no short-break finding', () => {
    const c = onBreaks('2026-01-05', [], 'C2');
    expect(ruleAt('first-review', '2026-03-01', c)).toEqual(overdue('2026-02-02'));
    expect(ruleAt(FIRST, '2026-06-01', c)).toEqual([]);
    expect(ruleAt(LATER, '2027-06-01', onBreaks('2026-01-05', ['2026-01-20'], 'C2'))).toEqual([]);
  });
});
