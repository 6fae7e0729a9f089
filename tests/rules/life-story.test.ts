import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, mergePolicy, policySchema } from '../../src/domain/policy.js';
import { child, findingsAt, policyWith, ruleAt } from '../helpers.js';

const RULE = 'life-story';
const dueSoon = (due: string) => ({ status: 'due-soon', level: 'warning', due });
const overdue = (due: string, level = 'warning') => ({ status: 'overdue', level, due });
const secured = (date: string, permanence: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
  child({ looked_after: { start: '2025-03-03', end: date, reason_ceased: 'E11' }, permanence: { secured: date, route: 'adoption', ...permanence }, ...extra });
const messages = (asOf: string, c: ReturnType<typeof child>) => findingsAt(asOf, c).filter((f) => f.rule === RULE).map((f) => f.message);

// Default: one clock per child, due when permanence is secured (policy.timescales.life_story, 0 days).
// It covers life story work and, after adoption only, the later life letter; the message names what is missing.
describe('life-story: adoption secured Fri 2026-12-18 (due 2026-12-18), both missing', () => {
  const c = secured('2026-12-18');
  it('on the day permanence is secured: one finding, due-soon', () => {
    expect(ruleAt(RULE, '2026-12-18', c)).toEqual([dueSoon('2026-12-18')]);
  });
  it('the day after: one finding, overdue (warning)', () => {
    expect(ruleAt(RULE, '2026-12-19', c)).toEqual([overdue('2026-12-18')]);
  });
  it('no separate 10-working-day later life letter clock: still one finding due 2026-12-18 on 2027-01-06 and 2027-01-07', () => {
    expect(ruleAt(RULE, '2027-01-06', c)).toEqual([overdue('2026-12-18')]);
    expect(ruleAt(RULE, '2027-01-07', c)).toEqual([overdue('2026-12-18')]);
    expect(ruleAt(RULE, '2028-01-07', c)).toEqual([overdue('2026-12-18')]);
  });
  it('the one finding names both life story work and the later life letter', () => {
    expect(messages('2026-12-18', c)).toEqual(['Completing life story work and the later life letter is due today, on 2026-12-18 (permanence was secured on 2026-12-18).']);
    expect(messages('2026-12-21', c)).toEqual(['Completing life story work and the later life letter was due on 2026-12-18 (permanence was secured on 2026-12-18): 3 days overdue.']);
    expect(messages('2027-01-07', c)).toEqual(['Completing life story work and the later life letter was due on 2026-12-18 (permanence was secured on 2026-12-18): 20 days overdue.']);
  });
});

describe('life-story: what is missing', () => {
  it('life story complete and letter sent: no finding', () => {
    expect(ruleAt(RULE, '2027-06-01', secured('2026-12-18', { life_story_complete: true, later_life_letter: true }))).toEqual([]);
  });
  it('life story complete, letter not sent (adoption): one finding naming only the letter', () => {
    const c = secured('2026-12-18', { life_story_complete: true });
    expect(ruleAt(RULE, '2027-01-07', c)).toEqual([overdue('2026-12-18')]);
    expect(messages('2026-12-19', c)).toEqual(['Completing the later life letter was due on 2026-12-18 (permanence was secured on 2026-12-18): 1 day overdue.']);
  });
  it('letter sent, life story not complete: one finding naming only life story work', () => {
    const c = secured('2026-12-18', { later_life_letter: true });
    expect(ruleAt(RULE, '2027-01-07', c)).toEqual([overdue('2026-12-18')]);
    expect(messages('2026-12-19', c)).toEqual(['Completing life story work was due on 2026-12-18 (permanence was secured on 2026-12-18): 1 day overdue.']);
  });
});

describe('life-story: the later life letter counts only for adoption', () => {
  it('special guardianship, life story complete, no letter: no finding', () => {
    expect(ruleAt(RULE, '2027-06-01', secured('2026-12-18', { route: 'special-guardianship', life_story_complete: true }))).toEqual([]);
  });
  it('special guardianship, life story not complete: one finding naming only life story work', () => {
    const c = secured('2026-12-18', { route: 'special-guardianship' });
    expect(ruleAt(RULE, '2027-01-07', c)).toEqual([overdue('2026-12-18')]);
    expect(messages('2027-01-07', c)[0]).toMatch(/^Completing life story work was due on 2026-12-18 /);
    expect(messages('2027-01-07', c)[0]).not.toContain('letter');
  });
  it('the route falls back to the plan when permanence.route is not set', () => {
    const viaPlan = secured('2026-12-18', { route: null, life_story_complete: true }, { plan: { route: 'adoption', contingency: 'long-term-fostering' } });
    expect(ruleAt(RULE, '2027-01-07', viaPlan)).toEqual([overdue('2026-12-18')]);
    expect(messages('2027-01-07', viaPlan)[0]).toMatch(/^Completing the later life letter was due on 2026-12-18 /);
    const sgoPlan = secured('2026-12-18', { route: null, life_story_complete: true }, { plan: { route: 'special-guardianship' } });
    expect(ruleAt(RULE, '2027-01-07', sgoPlan)).toEqual([]);
    const bothMissingViaPlan = secured('2026-12-18', { route: null }, { plan: { route: 'adoption' } });
    expect(ruleAt(RULE, '2027-01-07', bothMissingViaPlan)).toEqual([overdue('2026-12-18')]);
    expect(messages('2027-01-07', bothMissingViaPlan)[0]).toMatch(/^Completing life story work and the later life letter was due /);
  });
  it('permanence.route wins over the plan', () => {
    const sgoOverAdoptionPlan = secured('2026-12-18', { route: 'special-guardianship', life_story_complete: true }, { plan: { route: 'adoption' } });
    expect(ruleAt(RULE, '2027-01-07', sgoOverAdoptionPlan)).toEqual([]);
    const adoptionOverSgoPlan = secured('2026-12-18', { route: 'adoption', life_story_complete: true }, { plan: { route: 'special-guardianship' } });
    expect(ruleAt(RULE, '2027-01-07', adoptionOverSgoPlan)).toEqual([overdue('2026-12-18')]);
  });
  it('no route anywhere: only life story work counts', () => {
    expect(ruleAt(RULE, '2027-01-07', secured('2026-12-18', { route: null, life_story_complete: true }))).toEqual([]);
    expect(ruleAt(RULE, '2027-01-07', secured('2026-12-18', { route: null }))).toEqual([overdue('2026-12-18')]);
  });
});

describe('life-story: applicability and policy', () => {
  it('no finding while permanence is not secured', () => {
    expect(ruleAt(RULE, '2027-06-01', child({ looked_after: { start: '2026-05-04' }, permanence: { life_story_complete: false } }))).toEqual([]);
  });
  it('a life story timescale and level from the policy, for both items together', () => {
    const p = policyWith({ timescales: { life_story: { months: 3 } }, levels: { 'life-story': 'error' } });
    const c = secured('2026-11-30');
    expect(ruleAt(RULE, '2027-01-30', c, p)).toEqual([]);
    expect(ruleAt(RULE, '2027-01-31', c, p)).toEqual([{ status: 'due-soon', level: 'warning', due: '2027-02-28' }]);
    expect(ruleAt(RULE, '2027-02-28', c, p)).toEqual([{ status: 'due-soon', level: 'warning', due: '2027-02-28' }]);
    expect(ruleAt(RULE, '2027-03-01', c, p)).toEqual([overdue('2027-02-28', 'error')]);
    expect(findingsAt('2027-03-01', c, p).find((f) => f.rule === RULE)!.message).toBe(
      'Completing life story work and the later life letter was due on 2027-02-28 (3 months after permanence was secured on 2026-11-30): 1 day overdue.',
    );
  });
  it('leap year: 1 month after 2028-01-31 is 2028-02-29', () => {
    const p = policyWith({ timescales: { life_story: { months: 1 } } });
    const c = secured('2028-01-31', { life_story_complete: true });
    expect(ruleAt(RULE, '2028-02-01', c, p)).toEqual([dueSoon('2028-02-29')]);
    expect(ruleAt(RULE, '2028-02-29', c, p)).toEqual([dueSoon('2028-02-29')]);
    expect(ruleAt(RULE, '2028-03-01', c, p)).toEqual([overdue('2028-02-29')]);
  });
  it('the policy has no later_life_letter timescale any more', () => {
    expect('later_life_letter' in DEFAULT_POLICY.timescales).toBe(false);
    const withOldKey = mergePolicy(DEFAULT_POLICY, { timescales: { later_life_letter: { working_days: 10 } } });
    expect(policySchema.safeParse(withOldKey).success).toBe(false);
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
    const rules = findingsAt('2027-03-01', c).filter((f) => f.rule !== 'data-consistency').map((f) => f.rule);
    expect(rules).toEqual(['life-story']);
    // The same child without permanence secured is overdue on every clock.
    const open = child({ ...c, permanence: null });
    const openRules = new Set(findingsAt('2027-03-01', open).map((f) => f.rule));
    for (const r of ['first-review', 'plan-by-second-review', 'proceedings-26-weeks', 'plo-duration', 'first-panel', 'panel-cadence', 'action-overdue']) {
      expect(openRules.has(r), r).toBe(true);
    }
  });
});
