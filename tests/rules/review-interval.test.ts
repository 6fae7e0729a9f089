import { describe, expect, it } from 'vitest';
import { child, findingsAt, policyWith, ruleAt } from '../helpers.js';

const RULE = 'review-interval';
const dueSoon = (due: string) => ({ status: 'due-soon', level: 'warning', due });
const overdue = (due: string, level = 'error') => ({ status: 'overdue', level, due });
const late = (due: string) => ({ status: 'late', level: 'notice', due });
const la = (start: string, reviews: string[], extra: Record<string, unknown> = {}) => child({ looked_after: { start }, reviews, ...extra });

describe('review-interval: third review within 6 months of the second (2026-08-27, due 2027-02-27)', () => {
  const c = la('2026-05-04', ['2026-05-29', '2026-08-27']);
  it('not yet due', () => expect(ruleAt(RULE, '2026-12-01', c)).toEqual([]));
  it('no finding 29 days before', () => expect(ruleAt(RULE, '2027-01-29', c)).toEqual([]));
  it('due-soon 28 days before', () => expect(ruleAt(RULE, '2027-01-30', c)).toEqual([dueSoon('2027-02-27')]));
  it('due-soon (warning) on the due date', () => expect(ruleAt(RULE, '2027-02-27', c)).toEqual([dueSoon('2027-02-27')]));
  it('overdue (error) the day after', () => expect(ruleAt(RULE, '2027-02-28', c)).toEqual([overdue('2027-02-27')]));
  it('held on the due date: on time, and the next clock runs from it', () => {
    const held = la('2026-05-04', ['2026-05-29', '2026-08-27', '2027-02-27']);
    expect(ruleAt(RULE, '2027-03-01', held)).toEqual([]);
    expect(ruleAt(RULE, '2027-08-28', held)).toEqual([overdue('2027-08-27')]);
  });
  it('held the day after: late (notice), and the next clock runs from the late review', () => {
    const held = la('2026-05-04', ['2026-05-29', '2026-08-27', '2027-02-28']);
    expect(ruleAt(RULE, '2027-03-01', held)).toEqual([late('2027-02-27')]);
    expect(ruleAt(RULE, '2027-08-28', held)).toEqual([late('2027-02-27'), dueSoon('2027-08-28')]);
    expect(ruleAt(RULE, '2027-08-29', held)).toEqual([late('2027-02-27'), overdue('2027-08-28')]);
  });
  it('messages name the review, the due date and the days', () => {
    const msg = (asOf: string) => findingsAt(asOf, c).find((f) => f.rule === RULE)!.message;
    expect(msg('2027-02-27')).toMatch(/^The 3rd looked-after review is due today, on 2027-02-27/);
    expect(msg('2027-03-06')).toMatch(/was due on 2027-02-27 \(6 months after the previous review on 2026-08-27\): 7 days overdue\./);
  });
  it('the overdue level comes from the policy', () => {
    expect(ruleAt(RULE, '2027-02-28', c, policyWith({ levels: { 'review-interval': 'warning' } }))).toEqual([overdue('2027-02-27', 'warning')]);
  });
});

describe('review-interval: month ends and leap years', () => {
  it('previous review on 31 August 2026: due 28 February 2027', () => {
    const c = la('2026-05-04', ['2026-05-29', '2026-08-31']);
    expect(ruleAt(RULE, '2027-02-28', c)).toEqual([dueSoon('2027-02-28')]);
    expect(ruleAt(RULE, '2027-03-01', c)).toEqual([overdue('2027-02-28')]);
  });
  it('previous review on 31 August 2027: due 29 February 2028', () => {
    const c = la('2027-05-04', ['2027-05-31', '2027-08-31']);
    expect(ruleAt(RULE, '2028-02-29', c)).toEqual([dueSoon('2028-02-29')]);
    expect(ruleAt(RULE, '2028-03-01', c)).toEqual([overdue('2028-02-29')]);
  });
  it('previous review on 29 February 2028: due 29 August 2028', () => {
    const c = la('2027-11-01', ['2027-11-29', '2028-02-29']);
    expect(ruleAt(RULE, '2028-08-29', c)).toEqual([dueSoon('2028-08-29')]);
    expect(ruleAt(RULE, '2028-08-30', c)).toEqual([overdue('2028-08-29')]);
  });
});

describe('review-interval: which reviews', () => {
  it('does not read the first or second review (those are other rules)', () => {
    expect(ruleAt(RULE, '2028-01-01', la('2026-05-04', []))).toEqual([]);
    expect(ruleAt(RULE, '2028-01-01', la('2026-05-04', ['2026-05-29']))).toEqual([]);
  });
  it('every later review is checked against the one before it: the 4th and the open 5th', () => {
    const c = la('2026-05-04', ['2026-05-29', '2026-08-27', '2027-02-20', '2027-08-21']);
    // 3rd due 2027-02-27 (held 02-20, on time); 4th due 2027-08-20 (held 08-21, late); 5th due 2028-02-21.
    expect(ruleAt(RULE, '2027-09-01', c)).toEqual([late('2027-08-20')]);
    expect(ruleAt(RULE, '2028-02-22', c)).toEqual([late('2027-08-20'), overdue('2028-02-21')]);
    expect(findingsAt('2027-09-01', c).find((f) => f.rule === RULE)!.message).toMatch(/^The 4th looked-after review was held on 2027-08-21, 1 day after/);
  });
  it('reviews before the current care period are ignored', () => {
    // Only 2026-08-27 is in care (started 2026-06-01): one review, so no interval clock yet.
    expect(ruleAt(RULE, '2028-01-01', la('2026-06-01', ['2026-05-29', '2026-08-27']))).toEqual([]);
  });
  it('does not apply once care has ended, or once permanence is secured', () => {
    expect(ruleAt(RULE, '2027-03-01', child({ looked_after: { start: '2026-05-04', end: '2026-12-01' }, reviews: ['2026-05-29', '2026-08-27'] }))).toEqual([]);
    expect(ruleAt(RULE, '2027-03-01', la('2026-05-04', ['2026-05-29', '2026-08-27'], { permanence: { secured: '2026-12-01' } }))).toEqual([]);
  });
});
