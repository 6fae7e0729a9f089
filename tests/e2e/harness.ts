/**
 * End-to-end harness: builds the site from a data root into a temporary folder, serves it on localhost,
 * and drives Debian's Chromium through playwright-core, recording every request the pages make.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { REPO } from '../cli/run.js';

export const CHROMIUM = process.env.PANEL_CHROMIUM ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function buildSite(root: string, asOf: string): string {
  const dist = mkdtempSync(path.join(tmpdir(), 'panel-site-'));
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'scripts/build.ts')], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, PANEL_ROOT: root, PANEL_AS_OF: asOf, PANEL_DIST: dist, PANEL_BUILD_QUIET: '1', PANEL_NO_PACK: '1' },
  });
  if (r.status !== 0) throw new Error(`site build failed:\n${r.stdout}\n${r.stderr}`);
  return dist;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.pdf': 'application/pdf' };

export async function serve(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    let file = path.join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!file.startsWith(dir)) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export const AXE_SOURCE = () => readFileSync(path.join(REPO, 'node_modules/axe-core/axe.min.js'), 'utf8');
