/**
 * The child's timeline (child page, pack) says what happened on each date, and nothing the file does not
 * record: the legal status in looked_after is the child's status now, not the one the child came into care
 * under, so it is not put on the day care started.
 */
import { describe, expect, it } from 'vitest';
import { REASONS_CEASED } from '../../src/domain/codes.js';
import { timelineOf } from '../../src/domain/timeline.js';
import { child } from '../helpers.js';

const textOn = (c: ReturnType<typeof child>, date: string) =>
  timelineOf(c, [], '2026-11-30')
    .filter((e) => e.date === date)
    .map((e) => e.text);

describe('timeline', () => {
  it('does not give the legal status of today (a placement order made later) to the day care started', () => {
    const theo = child({
      looked_after: { start: '2025-12-08', legal_status: 'E1', placement: 'U4' },
      adoption: { placement_order: '2026-06-04' },
    });
    expect(textOn(theo, '2025-12-08')).toEqual(['Became looked after']);
    expect(textOn(theo, '2026-06-04')).toEqual(['Placement order made']);
    expect(timelineOf(theo, [], '2026-11-30').map((e) => e.text).join('\n')).not.toMatch(/\(E1\)|\(C2\)/);
  });

  it('gives the reason care ended in words, with its code', () => {
    const adopted = child({
      looked_after: { start: '2024-01-10', legal_status: 'E1', placement: 'A5', end: '2026-03-31', reason_ceased: 'E11' },
    });
    expect(textOn(adopted, '2026-03-31')).toEqual(['Ceased to be looked after: adopted, application unopposed (E11)']);
    // Every reason reads as words followed by its code, never the code alone.
    for (const code of Object.keys(REASONS_CEASED)) {
      const c = child({ looked_after: { start: '2024-01-10', legal_status: 'C2', placement: 'U4', end: '2026-03-31', reason_ceased: code } });
      const [text] = textOn(c, '2026-03-31');
      expect(text, code).toMatch(new RegExp(`^Ceased to be looked after: [a-z][^:]+ \\(${code}\\)$`));
    }
  });

  it('says "Became looked after" when no legal status is recorded either', () => {
    expect(textOn(child({ looked_after: { start: '2026-02-02', placement: 'U4' } }), '2026-02-02')).toEqual(['Became looked after']);
  });
});
