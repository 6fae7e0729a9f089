/**
 * `panel pack` writes the pack's print page straight from the model (data/pack-build.ts), with no Astro
 * build. The page must be the one the site build writes at /pack/ and /pack/redacted/ (its Astro route),
 * byte for byte: on the demo and on the hardening corpus (hostile markup in a case file, bad files beside
 * good ones), for the full and the redacted pack.
 */
import { readFileSync, rmSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/data/build-site.js';
import { PACK_ROUTES, writePackPages } from '../../src/data/pack-build.js';
import { escapeAttr, escapeText } from '../../src/data/pack-html.js';
import { REPO } from '../cli/run.js';
import { AS_OF as HARDENING_AS_OF, corpusCopy } from '../hardening/corpus.js';

const temp: string[] = [];
const tempDir = (name: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), `panel-${name}-`));
  temp.push(dir);
  return dir;
};
afterAll(() => temp.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the pack print page without the site build', () => {
  for (const [name, root, asOf] of [
    ['the demo', () => REPO, '2026-11-22'],
    ['the hardening corpus', () => corpusCopy(), HARDENING_AS_OF],
  ] as const) {
    it(`is the page the site build writes, byte for byte, full and redacted (${name})`, async () => {
      const dataRoot = root();
      const viaAstro = tempDir('pack-astro');
      const direct = tempDir('pack-direct');
      await buildSite({ root: dataRoot, asOf, dist: viaAstro, pdf: false, packOnly: true, packs: ['full', 'redacted'], quiet: true });
      const { routes } = await writePackPages({ root: dataRoot, asOf, dist: direct, variants: ['full', 'redacted'] });
      expect(routes).toEqual({ full: '/pack/index.html', redacted: '/pack/redacted/index.html' });
      for (const route of Object.values(PACK_ROUTES)) {
        const want = readFileSync(path.join(viaAstro, route), 'utf8');
        expect(want).toContain('<section class="pack-part pack-child"');
        expect(readFileSync(path.join(direct, route), 'utf8')).toBe(want);
      }
      for (const asset of ['pack.css', 'pack-config.js', 'paged.polyfill.js']) {
        expect(readFileSync(path.join(direct, 'assets', asset))).toEqual(readFileSync(path.join(viaAstro, 'assets', asset)));
      }
    }, 240_000);
  }

  it('escapes text and attribute values as Astro does', () => {
    expect(escapeText(`<script>alert("x") & 'y'</script>`)).toBe('&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;');
    expect(escapeAttr(`#a" onload="x&y`)).toBe('#a&#34; onload=&#34;x&#38;y');
  });
});
