/**
 * How the build's pages are bundled and written changes nothing in them (src/data/site-pages.ts,
 * site-pages-beside.mjs, site-pages-worker.mjs, astro.config.mjs): the site is the same, byte for byte, as Astro
 * rendering and writing every page itself from its tree-shaken bundle (PANEL_CHILD_PAGES_WORKER=0,
 * PANEL_PAGES_WRITTEN_BY=astro, PANEL_TREESHAKE=1) when the bundle is not tree-shaken and each page is written
 * by the build's page writer thread, as the build does, or by the middleware itself (=middleware), and when child pages are rendered and written on the build's second thread:
 * every child page but the first (=all, which fails the build if the worker does not write one), or shared out
 * as the build shares them when it uses the worker (=1). On the demo (its audit trail from git, the pack's
 * print pages) and on the hardening fixture (invalid files, hostile text, odd ids).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/data/build-site.js';
import { PACKAGE_ROOT } from '../../src/data/package-root.js';
// @ts-expect-error: plain JavaScript, loaded by scripts/astro-build.mjs
import { installPageWriter } from '../../src/data/site-page-writer.mjs';

const tmp = mkdtempSync(path.join(tmpdir(), 'panel-site-pages-worker-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function files(dir: string, under = ''): string[] {
  return readdirSync(path.join(dir, under), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(dir, path.join(under, e.name)) : [path.join(under, e.name)],
  );
}

async function build(name: string, root: string, asOf: string, env: { PANEL_CHILD_PAGES_WORKER: '0' | '1' | 'all'; PANEL_PAGES_WRITTEN_BY?: 'astro' | 'middleware'; PANEL_TREESHAKE?: '1' }): Promise<string> {
  const dist = path.join(tmp, name);
  const keys = ['PANEL_CHILD_PAGES_WORKER', 'PANEL_PAGES_WRITTEN_BY', 'PANEL_TREESHAKE'] as const;
  const before = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
  for (const k of keys) {
    if (env[k] === undefined) delete process.env[k];
    else process.env[k] = env[k];
  }
  try {
    await buildSite({ root, asOf, dist, pdf: false, packPages: true, quiet: true });
  } finally {
    for (const k of keys) {
      if (before[k] === undefined) delete process.env[k];
      else process.env[k] = before[k];
    }
  }
  return dist;
}

function expectSameSite(dist: string, reference: string) {
  const list = files(reference).sort();
  expect(files(dist).sort()).toEqual(list);
  for (const f of list) expect(readFileSync(path.join(dist, f)).equals(readFileSync(path.join(reference, f))), f).toBe(true);
  return list;
}

describe("the build's pages, however they are written", () => {
  for (const [name, root, asOf] of [
    ['the demo', PACKAGE_ROOT, '2026-12-04'],
    ['the hardening fixture', path.join(PACKAGE_ROOT, 'tests', 'fixtures', 'hardening'), '2026-11-20'],
  ] as const) {
    it(`are the pages Astro renders and writes itself, byte for byte: ${name}`, async () => {
      const slug = name.replace(/\W+/g, '-');
      const reference = await build(`${slug}-astro`, root, asOf, { PANEL_CHILD_PAGES_WORKER: '0', PANEL_PAGES_WRITTEN_BY: 'astro', PANEL_TREESHAKE: '1' });
      const list = expectSameSite(await build(`${slug}-written`, root, asOf, { PANEL_CHILD_PAGES_WORKER: '0' }), reference);
      expect(list.filter((f) => f.startsWith(`children${path.sep}`)).length).toBeGreaterThan(20);
      expectSameSite(await build(`${slug}-middleware`, root, asOf, { PANEL_CHILD_PAGES_WORKER: '0', PANEL_PAGES_WRITTEN_BY: 'middleware' }), reference);
      expectSameSite(await build(`${slug}-all`, root, asOf, { PANEL_CHILD_PAGES_WORKER: 'all' }), reference);
      expectSameSite(await build(`${slug}-shared`, root, asOf, { PANEL_CHILD_PAGES_WORKER: '1' }), reference);
    }, 600_000);
  }
});

describe("the build's page writer", () => {
  it('writes every page handed to it, as given, before it closes; and fails, naming the file, when one cannot be written', async () => {
    const out = mkdtempSync(path.join(tmp, 'writer-'));
    const bytes = (text: string) => new TextEncoder().encode(text);
    let writer = installPageWriter();
    const write = (file: string, text: string) => (globalThis as unknown as Record<symbol, { write(f: string, b: Uint8Array): void }>)[Symbol.for('panel.page-writer')].write(file, bytes(text));
    for (let i = 0; i < 50; i++) write(path.join(out, 'children', `C-${i}`, 'index.html'), `<p>${i} \u202E é</p>`);
    await writer.close();
    expect((globalThis as unknown as Record<symbol, unknown>)[Symbol.for('panel.page-writer')]).toBeUndefined();
    for (let i = 0; i < 50; i++) expect(readFileSync(path.join(out, 'children', `C-${i}`, 'index.html'), 'utf8')).toBe(`<p>${i} \u202E é</p>`);
    // A folder that cannot be made (a file is in the way): the build fails, and says which page.
    writeFileSync(path.join(out, 'blocked'), '');
    writer = installPageWriter();
    write(path.join(out, 'blocked', 'C-1', 'index.html'), '<p>');
    write(path.join(out, 'fine', 'index.html'), '<p>');
    await expect(writer.close()).rejects.toThrow(/blocked.C-1.index\.html/);
  });

  it('holds at most its limit of pages not yet written (the middleware waits), and still writes every one', async () => {
    const out = mkdtempSync(path.join(tmp, 'writer-limit-'));
    const writer = installPageWriter({ limit: 3 });
    const write = (globalThis as unknown as Record<symbol, { write(f: string, b: Uint8Array): void }>)[Symbol.for('panel.page-writer')].write;
    // Pages of 256 kB: handed faster than they are written.
    const page = (i: number) => new TextEncoder().encode(`<p>${i}</p>${' '.repeat(256 * 1024)}`);
    for (let i = 0; i < 200; i++) write(path.join(out, `p-${i}`, 'index.html'), page(i));
    expect(writer.inHand()).toBeGreaterThan(0);
    expect(writer.inHand()).toBeLessThanOrEqual(3);
    await writer.close();
    for (let i = 0; i < 200; i++) expect(readFileSync(path.join(out, `p-${i}`, 'index.html'), 'utf8').startsWith(`<p>${i}</p> `)).toBe(true);
    // After a failed write the writer still counts each page, so a full hand never waits for ever.
    writeFileSync(path.join(out, 'blocked'), '');
    const failing = installPageWriter({ limit: 2 });
    const writeAgain = (globalThis as unknown as Record<symbol, { write(f: string, b: Uint8Array): void }>)[Symbol.for('panel.page-writer')].write;
    for (let i = 0; i < 20; i++) writeAgain(path.join(out, 'blocked', `p-${i}`, 'index.html'), page(i));
    expect(failing.inHand()).toBeLessThanOrEqual(2);
    await expect(failing.close()).rejects.toThrow(/blocked.p-0.index\.html/);
  });
});
