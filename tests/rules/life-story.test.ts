import { describe, expect, it } from 'vitest';
import { child, findingsAt, policyWith, ruleAt } from '../helpers.js';

const RULE = 'life-story';
const dueSoon = (due: string) => ({ status: 'due-soon', level: 'warning', due });
const overdue = (due: string, level = 'warning') => ({ status: 'overdue', level, due });
const secured = (date: string, permanence: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
  child({ looked_after: { start: '2025-03-03', end: date, reason_ceased: 'E11' }, permanence: { secured: date, route: 'adoption', ...permanence }, ...extra });

// Defaults: life story work due when permanence is secured (0 days); the later life letter within
// 10 working days of the adoption order (DOMAIN.md s3, [L]).
describe('life-story: adoption secured Fri 2026-12-18 (life story due 2026-12-18, later life letter 2027-01-06)', () => {
  const c = secured('2026-12-18');
  it('on the day permanence is secured: both due-soon', () => {
    expect(ruleAt(RULE, '2026-12-18', c)).toEqual([dueSoon('2026-12-18'), dueSoon('2027-01-06')]);
  });
  it('the day after: life story work overdue (warning); the letter is still due-soon', () => {
    expect(ruleAt(RULE, '2026-12-19', c)).toEqual([overdue('2026-12-18'), dueSoon('2027-01-06')]);
  });
  it('the later life letter counts 10 working days across Christmas and New Year: due-soon on 2027-01-06', () => {
    expect(ruleAt(RULE, '2027-01-06', c)).toEqual([overdue('2026-12-18'), dueSoon('2027-01-06')]);
  });
  it('the later life letter is overdue (warning) from 2027-01-07', () => {
    expect(ruleAt(RULE, '2027-01-07', c)).toEqual([overdue('2026-12-18'), overdue('2027-01-06')]);
  });
  it('complete life story and letter: no finding', () => {
    expect(ruleAt(RULE, '2027-06-01', secured('2026-12-18', { life_story_complete: true, later_life_letter: true }))).toEqual([]);
  });
  it('life story complete, letter not sent: only the letter', () => {
    expect(ruleAt(RULE, '2027-01-07', secured('2026-12-18', { life_story_complete: true }))).toEqual([overdue('2027-01-06')]);
  });
  it('letter sent, life story not complete: only the life story', () => {
    expect(ruleAt(RULE, '2027-01-07', secured('2026-12-18', { later_life_letter: true }))).toEqual([overdue('2026-12-18')]);
  });
  it('messages name the due dates and days', () => {
    const msgs = (asOf: string) => findingsAt(asOf, c).filter((f) => f.rule === RULE).map((f) => f.message);
    expect(msgs('2026-12-18')[0]).toBe('Life story work is due today, on 2026-12-18 (permanence secured on 2026-12-18).');
    expect(msgs('2026-12-21')[0]).toBe('Life story work was due on 2026-12-18 (permanence secured on 2026-12-18): 3 days overdue.');
    expect(msgs('2026-12-21')[1]).toContain('due in 16 days, on 2027-01-06');
    expect(msgs('2027-01-07')[1]).toMatch(/was due on 2027-01-06 \(10 working days after the adoption order on 2026-12-18\): 1 day overdue\.$/);
  });
});

describe('life-story: routes, leap year and policy', () => {
  it('not adoption (special guardianship): no later life letter, only life story work', () => {
    expect(ruleAt(RULE, '2027-01-07', secured('2026-12-18', { route: 'special-guardianship' }))).toEqual([overdue('2026-12-18')]);
  });
  it('the route falls back to the plan when permanence.route is not set', () => {
    const viaPlan = secured('2026-12-18', { route: null }, { plan: { route: 'adoption', contingency: 'long-term-fostering' } });
    expect(ruleAt(RULE, '2027-01-07', viaPlan)).toEqual([overdue('2026-12-18'), overdue('2027-01-06')]);
    const sgoPlan = secured('2026-12-18', { route: null }, { plan: { route: 'special-guardianship' } });
    expect(ruleAt(RULE, '2027-01-07', sgoPlan)).toEqual([overdue('2026-12-18')]);
  });
  it('leap year: secured 2028-02-15, later life letter due 2028-02-29', () => {
    const c = secured('2028-02-15', { life_story_complete: true });
    expect(ruleAt(RULE, '2028-02-29', c)).toEqual([dueSoon('2028-02-29')]);
    expect(ruleAt(RULE, '2028-03-01', c)).toEqual([overdue('2028-02-29')]);
  });
  it('no finding while permanence is not secured', () => {
    expect(ruleAt(RULE, '2027-06-01', child({ looked_after: { start: '2026-05-04' }, permanence: { life_story_complete: false } }))).toEqual([]);
  });
  it('a life story timescale and level from the policy', () => {
    const p = policyWith({ timescales: { life_story: { months: 3 } }, levels: { 'life-story': 'error' } });
    const c = secured('2026-11-30', { later_life_letter: true });
    expect(ruleAt(RULE, '2027-01-30', c, p)).toEqual([]);
    expect(ruleAt(RULE, '2027-01-31', c, p)).toEqual([{ status: 'due-soon', level: 'warning', due: '2027-02-28' }]);
    expect(ruleAt(RULE, '2027-03-01', c, p)).toEqual([overdue('2027-02-28', 'error')]);
  });
});

describe('once permanence is secured only life-story applies', () => {
  it('every other clock is silent, however overdue', () => {
    const c = child({
      looked_after: { start: '2025-01-06' },
      plo: { start: '2024-10-01' },
      proceedings: { issued: '2025-01-06' },
      plan: { route: 'adoption', contingency: 'long-term-fostering' },
      panel: [{ date: '2025-02-07', actions: [{ action: 'A', due: '2025-03-07' }] }],
      permanence: { secured: '2026-12-18', route: 'adoption' },
    });
    const rules = new Set(findingsAt('2027-03-01', c).filter((f) => f.rule !== 'data-consistency').map((f) => f.rule));
    expect([...rules]).toEqual(['life-story']);
    // The same child without permanence secured is overdue on every clock.
    const open = child({ ...c, permanence: null });
    const openRules = new Set(findingsAt('2027-03-01', open).map((f) => f.rule));
    for (const r of ['first-review', 'plan-by-second-review', 'proceedings-26-weeks', 'plo-duration', 'first-panel', 'panel-cadence', 'action-overdue']) {
      expect(openRules.has(r), r).toBe(true);
    }
  });
});
