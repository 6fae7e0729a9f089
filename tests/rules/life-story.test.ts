import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, mergePolicy, policySchema } from '../../src/domain/policy.js';
import { headline, RULES } from '../../src/rules/index.js';
import { child, findingsAt, policyWith, ruleAt } from '../helpers.js';

const RULE = 'life-story';
const dueSoon = (due: string) => ({ status: 'due-soon', level: 'warning', due });
const overdue = (due: string, level = 'warning') => ({ status: 'overdue', level, due });
const secured = (date: string, permanence: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
  child({ looked_after: { start: '2025-03-03', end: date, reason_ceased: 'E11' }, permanence: { secured: date, route: 'adoption', ...permanence }, ...extra });
const messages = (asOf: string, c: ReturnType<typeof child>) => findingsAt(asOf, c).filter((f) => f.rule === RULE).map((f) => f.message);

// Two clocks from permanence.secured. Life story work: policy.timescales.life_story (default 0 days: due the
// day permanence is secured). After adoption only, the later life letter to the adopters:
// policy.timescales.later_life_letter (default 10 working days). DOMAIN.md s3 counts the letter from the
// adoption ceremony; the case file records no ceremony date, so it is counted from the adoption order
// (permanence.secured). Each missing item is its own finding with its own due date and field; two items due
// on the same day share one finding.
const LETTER = (due: string, order: string) => `The later life letter to the adopters was due on ${due} (10 working days after the adoption order on ${order}; the ceremony date is not recorded)`;

describe('life-story: adoption order Fri 2026-12-18, both missing: life story due that day, the letter 10 working days later', () => {
  const c = secured('2026-12-18');
  it('on the day of the order: life story work due today; the letter due soon, on Wed 6 Jan 2027 (25, 28 Dec and 1 Jan are bank holidays)', () => {
    expect(ruleAt(RULE, '2026-12-18', c)).toEqual([dueSoon('2026-12-18'), dueSoon('2027-01-06')]);
  });
  it('the day after the order: life story work overdue, the letter not yet', () => {
    expect(ruleAt(RULE, '2026-12-19', c)).toEqual([overdue('2026-12-18'), dueSoon('2027-01-06')]);
  });
  it('the letter: due soon on its due day 2027-01-06, overdue from 2027-01-07', () => {
    expect(ruleAt(RULE, '2027-01-06', c)).toEqual([overdue('2026-12-18'), dueSoon('2027-01-06')]);
    expect(ruleAt(RULE, '2027-01-07', c)).toEqual([overdue('2026-12-18'), overdue('2027-01-06')]);
  });
  it('each finding names its own item, date and field', () => {
    const fs = findingsAt('2027-01-07', c).filter((f) => f.rule === RULE);
    expect(fs.map((f) => f.message)).toEqual([
      'Completing life story work was due on 2026-12-18 (permanence was secured on 2026-12-18): 20 days overdue.',
      `${LETTER('2027-01-06', '2026-12-18')}: 1 day overdue.`,
    ]);
    expect(messages('2026-12-18', c)).toEqual([
      'Completing life story work is due today, on 2026-12-18 (permanence was secured on 2026-12-18).',
      'The later life letter to the adopters is due in 19 days, on 2027-01-06 (10 working days after the adoption order on 2026-12-18; the ceremony date is not recorded).',
    ]);
  });
});

describe('life-story: the later life letter, 10 working days after the adoption order', () => {
  const letterOnly = (order: string) => secured(order, { life_story_complete: true });
  it('an ordinary fortnight: order Mon 2026-11-02, due Mon 2026-11-16 (not 2026-11-02, the day of the order)', () => {
    const c = letterOnly('2026-11-02');
    expect(ruleAt(RULE, '2026-11-02', c)).toEqual([dueSoon('2026-11-16')]);
    expect(ruleAt(RULE, '2026-11-16', c)).toEqual([dueSoon('2026-11-16')]);
    expect(ruleAt(RULE, '2026-11-17', c)).toEqual([overdue('2026-11-16')]);
  });
  it('sent on the due day: on time, no finding; there is no date to be late with (a true/false field)', () => {
    expect(ruleAt(RULE, '2026-11-17', secured('2026-11-02', { life_story_complete: true, later_life_letter: true }))).toEqual([]);
  });
  it('an order on a 31st: Thu 2026-12-31, 1 Jan is a bank holiday: due Fri 2027-01-15', () => {
    const c = letterOnly('2026-12-31');
    expect(ruleAt(RULE, '2027-01-15', c)).toEqual([dueSoon('2027-01-15')]);
    expect(ruleAt(RULE, '2027-01-16', c)).toEqual([overdue('2027-01-15')]);
  });
  it('ending on a 31st: order Mon 2027-03-15 (Good Friday 26 Mar and Easter Monday 29 Mar 2027 skipped), due Wed 2027-03-31', () => {
    const c = letterOnly('2027-03-15');
    expect(ruleAt(RULE, '2027-03-30', c)).toEqual([dueSoon('2027-03-31')]);
    expect(ruleAt(RULE, '2027-03-31', c)).toEqual([dueSoon('2027-03-31')]);
    expect(ruleAt(RULE, '2027-04-01', c)).toEqual([overdue('2027-03-31')]);
  });
  it('leap year: order Tue 2028-02-15, the 10th working day is Tue 29 Feb 2028', () => {
    const c = letterOnly('2028-02-15');
    expect(ruleAt(RULE, '2028-02-29', c)).toEqual([dueSoon('2028-02-29')]);
    expect(ruleAt(RULE, '2028-03-01', c)).toEqual([overdue('2028-02-29')]);
  });
  it('leap year: order Sun 2028-02-20 counts 29 Feb as a working day: due Fri 2028-03-03', () => {
    const c = letterOnly('2028-02-20');
    expect(ruleAt(RULE, '2028-03-03', c)).toEqual([dueSoon('2028-03-03')]);
    expect(ruleAt(RULE, '2028-03-04', c)).toEqual([overdue('2028-03-03')]);
  });
  it('its own timescale from the policy (later_life_letter), apart from life_story', () => {
    const p = policyWith({ timescales: { later_life_letter: { days: 0 }, life_story: { months: 3 } } });
    expect(ruleAt(RULE, '2026-12-19', letterOnly('2026-12-18'), p)).toEqual([overdue('2026-12-18')]);
    expect(ruleAt(RULE, '2026-12-19', secured('2026-12-18', { later_life_letter: true }), p)).toEqual([]);
    expect(findingsAt('2026-12-19', letterOnly('2026-12-18'), p).find((f) => f.rule === RULE)!.message).toBe(
      'The later life letter to the adopters was due on 2026-12-18 (the adoption order on 2026-12-18; the ceremony date is not recorded): 1 day overdue.',
    );
  });
  it('both due the same day (a policy setting both to 3 months): one finding naming both', () => {
    const p = policyWith({ timescales: { later_life_letter: { months: 3 }, life_story: { months: 3 } } });
    const c = secured('2026-11-30');
    expect(ruleAt(RULE, '2027-03-01', c, p)).toEqual([overdue('2027-02-28')]);
    expect(findingsAt('2027-03-01', c, p).find((f) => f.rule === RULE)!.message).toBe(
      'Completing life story work and the later life letter was due on 2027-02-28 (3 months after permanence was secured on 2026-11-30): 1 day overdue.',
    );
  });
  it('the default policy: 10 working days; a policy with the key spelt wrongly is refused', () => {
    expect(DEFAULT_POLICY.timescales.later_life_letter).toEqual({ working_days: 10 });
    expect(DEFAULT_POLICY.timescales.life_story).toEqual({ days: 0 });
    expect(policySchema.safeParse(mergePolicy(DEFAULT_POLICY, { timescales: { later_life_letters: { working_days: 10 } } })).success).toBe(false);
  });
});

describe('life-story: what is missing', () => {
  it('life story complete and letter sent: no finding', () => {
    expect(ruleAt(RULE, '2027-06-01', secured('2026-12-18', { life_story_complete: true, later_life_letter: true }))).toEqual([]);
  });
  it('life story complete, letter not sent (adoption): one finding naming only the letter, on the letter field', () => {
    const c = secured('2026-12-18', { life_story_complete: true });
    expect(ruleAt(RULE, '2027-01-07', c)).toEqual([overdue('2027-01-06')]);
    expect(messages('2027-01-07', c)).toEqual([`${LETTER('2027-01-06', '2026-12-18')}: 1 day overdue.`]);
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
    expect(ruleAt(RULE, '2027-01-07', viaPlan)).toEqual([overdue('2027-01-06')]);
    expect(messages('2027-01-07', viaPlan)[0]).toMatch(/^The later life letter to the adopters was due on 2027-01-06 /);
    const sgoPlan = secured('2026-12-18', { route: null, life_story_complete: true }, { plan: { route: 'special-guardianship' } });
    expect(ruleAt(RULE, '2027-01-07', sgoPlan)).toEqual([]);
    const bothMissingViaPlan = secured('2026-12-18', { route: null }, { plan: { route: 'adoption' } });
    expect(ruleAt(RULE, '2027-01-07', bothMissingViaPlan)).toEqual([overdue('2026-12-18'), overdue('2027-01-06')]);
  });
  it('permanence.route wins over the plan', () => {
    const sgoOverAdoptionPlan = secured('2026-12-18', { route: 'special-guardianship', life_story_complete: true }, { plan: { route: 'adoption' } });
    expect(ruleAt(RULE, '2027-01-07', sgoOverAdoptionPlan)).toEqual([]);
    const adoptionOverSgoPlan = secured('2026-12-18', { route: 'adoption', life_story_complete: true }, { plan: { route: 'special-guardianship' } });
    expect(ruleAt(RULE, '2027-01-07', adoptionOverSgoPlan)).toEqual([overdue('2027-01-06')]);
  });
  it('no route anywhere: only life story work counts', () => {
    expect(ruleAt(RULE, '2027-01-07', secured('2026-12-18', { route: null, life_story_complete: true }))).toEqual([]);
    expect(ruleAt(RULE, '2027-01-07', secured('2026-12-18', { route: null }))).toEqual([overdue('2026-12-18')]);
  });
});

describe('life-story: applicability, policy and headline', () => {
  it('no finding while permanence is not secured', () => {
    expect(ruleAt(RULE, '2027-06-01', child({ looked_after: { start: '2026-05-04' }, permanence: { life_story_complete: false } }))).toEqual([]);
  });
  it('a life story timescale and level from the policy', () => {
    const p = policyWith({ timescales: { life_story: { months: 3 } }, levels: { 'life-story': 'error' } });
    const c = secured('2026-11-30', { later_life_letter: true });
    expect(ruleAt(RULE, '2027-01-30', c, p)).toEqual([]);
    expect(ruleAt(RULE, '2027-01-31', c, p)).toEqual([{ status: 'due-soon', level: 'warning', due: '2027-02-28' }]);
    expect(ruleAt(RULE, '2027-02-28', c, p)).toEqual([{ status: 'due-soon', level: 'warning', due: '2027-02-28' }]);
    expect(ruleAt(RULE, '2027-03-01', c, p)).toEqual([overdue('2027-02-28', 'error')]);
    expect(findingsAt('2027-03-01', c, p).find((f) => f.rule === RULE)!.message).toBe(
      'Completing life story work was due on 2027-02-28 (3 months after permanence was secured on 2026-11-30): 1 day overdue.',
    );
  });
  it('leap year: 1 month after 2028-01-31 is 2028-02-29', () => {
    const p = policyWith({ timescales: { life_story: { months: 1 } } });
    const c = secured('2028-01-31', { later_life_letter: true });
    expect(ruleAt(RULE, '2028-02-01', c, p)).toEqual([dueSoon('2028-02-29')]);
    expect(ruleAt(RULE, '2028-02-29', c, p)).toEqual([dueSoon('2028-02-29')]);
    expect(ruleAt(RULE, '2028-03-01', c, p)).toEqual([overdue('2028-02-29')]);
  });
  it('the headline is true whichever item is missing (life story work done, only the letter left: Evie, Noah, Freya in the demo)', () => {
    const h = headline(RULE);
    expect(h).toMatch(/later life letter/i);
    expect(h).toMatch(/life story work/i);
    expect(h).not.toBe('Life story work not finished');
    expect(ruleAt(RULE, '2027-01-07', secured('2026-12-18', { life_story_complete: true }))).toHaveLength(1);
  });
  it('the clock in words says the letter is counted from the order, as the ceremony date is not recorded', () => {
    const rule = RULES.find((r) => r.id === RULE)!;
    expect(rule.clock(DEFAULT_POLICY)).toBe(
      'Life story work complete when permanence is secured; after adoption, the later life letter to the adopters within 10 working days of the adoption order (`permanence.secured`): the guidance counts from the adoption ceremony, whose date the case file does not record.',
    );
    expect(rule.clock(policyWith({ timescales: { life_story: { months: 3 } } }))).toMatch(/^Life story work complete within 3 months of permanence being secured; after adoption/);
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
    // Life story work and the later life letter: two findings of life-story, nothing else.
    expect(rules).toEqual(['life-story', 'life-story']);
    // The same child without permanence secured is overdue on every clock.
    const open = child({ ...c, permanence: null });
    const openRules = new Set(findingsAt('2027-03-01', open).map((f) => f.rule));
    for (const r of ['first-review', 'plan-by-second-review', 'proceedings-26-weeks', 'plo-duration', 'first-panel', 'panel-cadence', 'action-overdue']) {
      expect(openRules.has(r), r).toBe(true);
    }
  });
});
