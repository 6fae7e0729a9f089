import { describe, expect, it } from 'vitest';
import { child, ruleAt } from './helpers.js';

describe('first-review', () => {
  const c = child({ looked_after: { start: '2026-05-04' } });
  it('is due on the 20th working day after care started (May bank holidays excluded)', () => {
    // 4 May 2026 is itself a bank holiday; 25 May too: 20 working days lands on 2 June.
    expect(ruleAt('first-review', '2026-06-02', c)).toEqual([{ status: 'due-soon', level: 'warning', due: '2026-06-02' }]);
    expect(ruleAt('first-review', '2026-06-03', c)).toEqual([{ status: 'overdue', level: 'error', due: '2026-06-02' }]);
  });
});
