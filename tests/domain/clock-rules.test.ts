/**
 * The site's clock-only readings (tracker clocks, agenda, themes) skip data-consistency: proved here to give
 * the same clocks as every rule with data-consistency's findings removed, on the demo, every fixture and
 * generated cases, at several dates and with the open-clock policy.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLOCK_RULES } from '../../src/domain/clock-rules.js';
import { evaluate } from '../../src/domain/engine.js';
import { openClockPolicy } from '../../src/domain/tracker.js';
import { RULES } from '../../src/rules/index.js';
import { readableCases, readDataRoot, type DataRoot } from '../../src/data/data-root.js';
import { PACKAGE_ROOT } from '../../src/data/package-root.js';
import { writeSyntheticRoot } from '../../scripts/synthetic.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'panel-clock-rules-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const fixtures = path.join(PACKAGE_ROOT, 'tests', 'fixtures');
const roots = [
  PACKAGE_ROOT,
  ...readdirSync(fixtures).map((f) => path.join(fixtures, f)).filter((r) => existsSync(path.join(r, 'cases'))),
  writeSyntheticRoot(path.join(tmp, 'synthetic'), 150),
];

function read(root: string): DataRoot | null {
  try {
    return readDataRoot(root);
  } catch {
    return null; // a fixture whose panel.yaml is refused on purpose
  }
}

describe('clock rules: every rule but data-consistency', () => {
  it('data-consistency is the only rule left out', () => {
    expect(RULES.filter((r) => !CLOCK_RULES.includes(r)).map((r) => r.id)).toEqual(['data-consistency']);
  });

  for (const root of roots) {
    it(`same clocks as every rule, data-consistency's findings removed: ${root === PACKAGE_ROOT ? 'the demo' : root.startsWith(tmp) ? '150 generated cases' : path.basename(root)}`, () => {
      const data = read(root);
      if (!data) return;
      const cases = readableCases(data).map((c) => ({ file: c.file, child: c.readable, locate: c.locate }));
      expect(cases.length).toBeGreaterThan(0);
      for (const asOf of ['2025-03-31', '2026-02-28', '2026-11-20', '2026-12-04', '2027-06-01']) {
        for (const policy of [data.policy, openClockPolicy(data.policy)]) {
          const all = evaluate(cases, { asOf, policy, calendar: data.calendar });
          // Its findings carry no clock: never overdue or due soon, never a due date.
          for (const f of all.filter((f) => f.rule === 'data-consistency')) expect([f.status, f.due]).toEqual(['invalid', null]);
          expect(evaluate(cases, { asOf, policy, calendar: data.calendar }, CLOCK_RULES)).toEqual(all.filter((f) => f.rule !== 'data-consistency'));
        }
      }
    });
  }
});
