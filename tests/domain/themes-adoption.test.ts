/** Themes: the adoption scorecard by year against its thresholds, and family group conference use (000, 003). */
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/domain/policy.js';
import { computeThemes } from '../../src/domain/themes.js';
import { calendar, child } from '../helpers.js';

const adopted = (id: string, start: string, adoption: Record<string, unknown>) => child({ id, looked_after: { start }, plan: { route: 'adoption' }, adoption });

describe('themes: adoption scorecard', () => {
  const children = [
    // 2026: moved in after 426 days exactly (within) and after 427 (not); matched 121 days (within) and 122 (not)
    adopted('C-1', '2025-01-31', { placement_order: '2025-10-31', match_decision: '2026-03-01', placed: '2026-04-02' }),
    adopted('C-2', '2025-01-31', { placement_order: '2025-10-31', match_decision: '2026-03-02', placed: '2026-04-03' }),
    // 2025: one child
    adopted('C-3', '2024-06-01', { placement_order: '2024-12-01', match_decision: '2025-02-01', placed: '2025-03-01' }),
    // placed after the as-of date: not counted yet
    adopted('C-4', '2026-01-05', { placement_order: '2026-05-01', match_decision: '2026-07-01', placed: '2026-12-15' }),
  ];
  const t = computeThemes(children, '2026-12-04', DEFAULT_POLICY, calendar);
  it('medians by year with counts within the thresholds', () => {
    expect(t.adoption.thresholds).toEqual({ careToPlaced: '426 days', orderToMatch: '121 days' });
    expect(t.adoption.years).toEqual([
      { year: 2025, placed: 1, medianCareToPlaced: 273, placedWithin: 1, matched: 1, medianOrderToMatch: 62, matchedWithin: 1 },
      { year: 2026, placed: 2, medianCareToPlaced: 427, placedWithin: 1, matched: 3, medianOrderToMatch: 121, matchedWithin: 2 },
    ]);
  });
});

describe('themes: family group conferences by the year of entering care or PLO', () => {
  it('counts children referred and held (a conference held counts as referred)', () => {
    const t = computeThemes(
      [
        child({ id: 'C-1', plo: { start: '2025-03-01' }, fgc: { referred: '2025-03-02', held: '2025-04-01' } }),
        child({ id: 'C-2', looked_after: { start: '2025-12-31' }, fgc: { held: '2026-01-10' } }),
        child({ id: 'C-3', looked_after: { start: '2026-01-01' } }),
        child({ id: 'C-4', looked_after: { start: '2026-02-01' }, fgc: { referred: '2026-12-10' } }),
      ],
      '2026-12-04',
      DEFAULT_POLICY,
      calendar,
    );
    expect(t.fgc).toEqual([
      { year: 2025, entered: 2, referred: 2, held: 2 },
      { year: 2026, entered: 2, referred: 0, held: 0 },
    ]);
  });
});
