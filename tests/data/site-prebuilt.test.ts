/**
 * The site's TypeScript bundled in one go by esbuild and loaded as it is (astro.config.mjs, prebuiltSources)
 * and its pages built four at a time (astro.config.mjs) give the same site, byte for byte, as Vite compiling
 * each module (PANEL_PREBUILT=0) and one page at a time (PANEL_PAGES_AT_ONCE=1): the demo, with its audit
 * trail from git and the pack's print pages.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/data/build-site.js';
import { PACKAGE_ROOT } from '../../src/data/package-root.js';
// @ts-expect-error: plain JavaScript, loaded by astro.config.mjs
import { prebuiltSources } from '../../src/data/site-prebuilt.mjs';

const tmp = mkdtempSync(path.join(tmpdir(), 'panel-site-prebuilt-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function files(dir: string, under = ''): string[] {
  return readdirSync(path.join(dir, under), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(dir, path.join(under, e.name)) : [path.join(under, e.name)],
  );
}

/** The site built as the build does it (prebuilt sources, pages four at a time), or module by module by Vite, one page at a time. */
async function build(name: string, prebuilt: boolean): Promise<string> {
  const dist = path.join(tmp, name);
  const before = { PANEL_PREBUILT: process.env.PANEL_PREBUILT, PANEL_PAGES_AT_ONCE: process.env.PANEL_PAGES_AT_ONCE };
  process.env.PANEL_PREBUILT = prebuilt ? '1' : '0';
  if (prebuilt) delete process.env.PANEL_PAGES_AT_ONCE;
  else process.env.PANEL_PAGES_AT_ONCE = '1';
  try {
    await buildSite({ root: PACKAGE_ROOT, asOf: '2026-12-04', dist, pdf: false, packPages: true, quiet: true });
  } finally {
    for (const [key, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
  return dist;
}

describe('the site built from the prebundled sources', () => {
  it('resolves every TypeScript module a page, component or the middleware imports to its bundled file', async () => {
    const out = path.join(tmp, 'bundle');
    const plugin = prebuiltSources(out);
    const src = path.join(PACKAGE_ROOT, 'src');
    const importers = [...files(src).filter((f) => f.endsWith('.astro')), 'middleware.ts'].map((f) => path.join(src, f));
    let modules = 0;
    for (const importer of importers) {
      for (const [, source] of readFileSync(importer, 'utf8').matchAll(/\bfrom\s*['"](\.[^'"]+)['"]/g)) {
        const resolved = await plugin.resolveId(source, importer);
        if (/\.(astro|scss)$/.test(source)) {
          expect(resolved, `${source} in ${importer}`).toBeNull();
          continue;
        }
        modules++;
        expect(resolved, `${source} in ${importer}`).toMatchObject({ external: true });
        // Its bundled file, beside the others: one copy of each module for every page.
        const file = fileURLToPath(resolved.id);
        expect(file.startsWith(out + path.sep)).toBe(true);
        expect(readFileSync(file, 'utf8').length).toBeGreaterThan(0);
      }
    }
    expect(modules).toBeGreaterThan(20);
    // England's bank holidays come from their table: Astro's process does not load date-holidays (the
    // byte-for-byte comparison below, with Vite loading date-holidays itself, shows they give the same site).
    const bundled = files(out).map((f) => readFileSync(path.join(out, f), 'utf8')).join('\n');
    expect(bundled).not.toMatch(/\bfrom\s*["']date-holidays["']/);
    expect(bundled).toContain('Boxing Day (substitute day)');
    // Another's import, a package, or no importer: left to Vite.
    expect(await plugin.resolveId('astro', path.join(src, 'middleware.ts'))).toBeNull();
    expect(await plugin.resolveId('./data/site', undefined)).toBeNull();
    expect(await prebuiltSources(undefined).resolveId('../data/site', path.join(src, 'layouts', 'Page.astro'))).toBeNull();
  });

  it('is the site Vite builds module by module, one page at a time, byte for byte (the demo, with the pack pages)', async () => {
    const prebuilt = await build('prebuilt', true);
    const vite = await build('vite', false);
    const list = files(prebuilt).sort();
    expect(files(vite).sort()).toEqual(list);
    expect(list).toContain(path.join('children', 'C-1001', 'index.html'));
    expect(list).toContain(path.join('pack', 'index.html'));
    for (const f of list) expect(readFileSync(path.join(prebuilt, f)).equals(readFileSync(path.join(vite, f))), f).toBe(true);
  }, 600_000);
});
