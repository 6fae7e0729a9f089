/**
 * The themes buildSite computes beside the Astro build and sends to it are the themes the build would compute
 * itself (exactly, after the trip through JSON), and only ever used for the same data root and date.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDataRoot } from '../../src/data/data-root.js';
import { PACKAGE_ROOT } from '../../src/data/package-root.js';
import { themesFromMessage, themesMessage, themesOf } from '../../src/data/site-themes.js';
import { writeSyntheticRoot } from '../../scripts/synthetic.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'panel-site-themes-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const synthetic = writeSyntheticRoot(path.join(tmp, 'synthetic'), 150);

describe('themes sent to the build', () => {
  for (const [name, root, asOf] of [['the demo', PACKAGE_ROOT, '2026-12-04'], ['150 generated cases', synthetic, '2026-11-20']] as const) {
    it(`are the themes computed in the build: ${name}`, () => {
      const sent = themesFromMessage(themesMessage(root, asOf), root, asOf);
      expect(sent).toStrictEqual(themesOf(readDataRoot(root), asOf));
      expect(sent!.overdueOverTime).toHaveLength(12);
    });
  }

  it('are not used for another data root or date, nor when nothing or something broken was sent', () => {
    const message = themesMessage(synthetic, '2026-11-20');
    expect(themesFromMessage(message, PACKAGE_ROOT, '2026-11-20')).toBeNull();
    expect(themesFromMessage(message, synthetic, '2026-11-21')).toBeNull();
    expect(themesFromMessage('', synthetic, '2026-11-20')).toBeNull();
    expect(themesFromMessage(message.slice(0, 100), synthetic, '2026-11-20')).toBeNull();
  });

  it('are not computed for a data root that cannot be read (the build reports it)', () => {
    expect(themesMessage(path.join(PACKAGE_ROOT, 'tests', 'fixtures', 'bad-policy'), '2026-11-20')).toBe('');
  });
});
