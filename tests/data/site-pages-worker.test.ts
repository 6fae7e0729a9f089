/**
 * Child pages rendered and written on the build's second thread (src/data/site-pages-beside.mjs,
 * site-pages-worker.mjs) give the same site, byte for byte, as Astro rendering every page itself
 * (PANEL_CHILD_PAGES_WORKER=0): with every child page but the first left to the worker (=all, which fails the
 * build if the worker does not write one), and as the build shares them out by default. On the demo (its audit
 * trail from git, the pack's print pages) and on the hardening fixture (invalid files, hostile text, odd ids).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/data/build-site.js';
import { PACKAGE_ROOT } from '../../src/data/package-root.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'panel-site-pages-worker-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function files(dir: string, under = ''): string[] {
  return readdirSync(path.join(dir, under), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(dir, path.join(under, e.name)) : [path.join(under, e.name)],
  );
}

async function build(name: string, root: string, asOf: string, worker: '0' | 'all' | undefined): Promise<string> {
  const dist = path.join(tmp, name);
  const before = process.env.PANEL_CHILD_PAGES_WORKER;
  if (worker === undefined) delete process.env.PANEL_CHILD_PAGES_WORKER;
  else process.env.PANEL_CHILD_PAGES_WORKER = worker;
  try {
    await buildSite({ root, asOf, dist, pdf: false, packPages: true, quiet: true });
  } finally {
    if (before === undefined) delete process.env.PANEL_CHILD_PAGES_WORKER;
    else process.env.PANEL_CHILD_PAGES_WORKER = before;
  }
  return dist;
}

function expectSameSite(dist: string, reference: string) {
  const list = files(reference).sort();
  expect(files(dist).sort()).toEqual(list);
  for (const f of list) expect(readFileSync(path.join(dist, f)).equals(readFileSync(path.join(reference, f))), f).toBe(true);
  return list;
}

describe("child pages rendered on the build's second thread", () => {
  for (const [name, root, asOf] of [
    ['the demo', PACKAGE_ROOT, '2026-12-04'],
    ['the hardening fixture', path.join(PACKAGE_ROOT, 'tests', 'fixtures', 'hardening'), '2026-11-20'],
  ] as const) {
    it(`are the pages Astro renders itself, byte for byte: ${name}`, async () => {
      const slug = name.replace(/\W+/g, '-');
      const reference = await build(`${slug}-astro`, root, asOf, '0');
      const list = expectSameSite(await build(`${slug}-all`, root, asOf, 'all'), reference);
      expect(list.filter((f) => f.startsWith(`children${path.sep}`)).length).toBeGreaterThan(20);
      expectSameSite(await build(`${slug}-shared`, root, asOf, undefined), reference);
    }, 600_000);
  }
});
