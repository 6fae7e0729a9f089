/**
 * End-to-end harness: builds the site from a data root into a temporary folder, serves it on localhost,
 * and drives Debian's Chromium through playwright-core, recording every request the pages make.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { CHROMIUM_ARGS as ARGS, CHROMIUM_PATH } from '../../src/data/pack-pdf.js';
import { serveFolder } from '../../src/data/static-server.js';
import { REPO } from '../cli/run.js';

export const CHROMIUM = CHROMIUM_PATH;
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
export const CHROMIUM_ARGS = ARGS;

export function buildSite(root: string, asOf: string): string {
  const dist = mkdtempSync(path.join(tmpdir(), 'panel-site-'));
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'scripts/build.ts')], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, PANEL_ROOT: root, PANEL_AS_OF: asOf, PANEL_DIST: dist, PANEL_BUILD_QUIET: '1', PANEL_NO_PACK: '1', PANEL_PACK_PAGES: '1' },
  });
  if (r.status !== 0) throw new Error(`site build failed:\n${r.stdout}\n${r.stderr}`);
  return dist;
}

/** The same server the PDF renderer uses. */
export const serve = serveFolder;

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** A site built for a test file, served on localhost, with a browser and a tab open on nothing yet. */
export interface ServedSite {
  dist: string;
  url: string;
  browser: Browser;
  page: Page;
}

/**
 * Builds the site from `root` at `asOf` before the file's tests (buildSite), serves it and opens a browser
 * tab; closes and removes all of it after them. Read the fields inside tests and hooks, not at the top level.
 */
export function servedSite(root: string, asOf: string): ServedSite {
  const site = {} as ServedSite;
  let server: Awaited<ReturnType<typeof serve>> | undefined;
  beforeAll(async () => {
    site.dist = buildSite(root, asOf);
    server = await serve(site.dist);
    site.url = server.url;
    site.browser = await launch();
    site.page = await site.browser.newPage();
  }, 120_000);
  afterAll(async () => {
    await site.browser?.close();
    await server?.close();
    if (site.dist) rmSync(site.dist, { recursive: true, force: true });
  });
  return site;
}

export const AXE_SOURCE = () => readFileSync(path.join(REPO, 'node_modules/axe-core/axe.min.js'), 'utf8');
