/**
 * Builds the tracker site (Astro) from a data root at an as-of date, makes it open from disk, and
 * renders the PDF packs of a meeting. `npm run build` and `panel pack` both call this.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IsoDate } from '../domain/dates.js';
import { nextMeeting } from '../domain/tracker.js';
import { readDataRoot } from './data-root.js';
import { renderPdfs, type PdfResult } from './pack-pdf.js';
import { relativiseSite } from './relativise.js';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface SiteBuild {
  root: string;
  asOf: IsoDate;
  dist: string;
  /** The meeting whose pack to render (default: the next meeting on or after asOf). */
  packDate?: IsoDate;
  /** Render the PDF packs (full and redacted). */
  pdf: boolean;
  quiet?: boolean;
}

export interface SiteBuildResult {
  pages: number;
  siteMs: number;
  packDate: IsoDate | null;
  packs: PdfResult[];
}

export async function buildSite(opts: SiteBuild): Promise<SiteBuildResult> {
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  process.env.PANEL_ROOT = opts.root;
  process.env.PANEL_AS_OF = opts.asOf;
  const data = readDataRoot(opts.root);
  const packDate = opts.packDate ?? nextMeeting(data.policy, data.calendar, opts.asOf);
  if (packDate) process.env.PANEL_PACK_DATE = packDate;
  const t0 = performance.now();
  const { build } = await import('astro');
  // Astro's prerender step loads its own chunks with Node's resolution from the working folder, so the
  // build runs from the project folder whatever folder `panel pack` was started in.
  const cwd = process.cwd();
  process.chdir(REPO);
  try {
    await build({ root: REPO, outDir: opts.dist, logLevel: opts.quiet ? 'error' : 'info' });
  } finally {
    process.chdir(cwd);
  }
  // Paged.js is served from the site itself, never from a CDN.
  mkdirSync(path.join(opts.dist, 'assets'), { recursive: true });
  // (The package's exports map hides dist/, so the file is found from the package folder.)
  const pagedDir = path.resolve(path.dirname(createRequire(import.meta.url).resolve('pagedjs')), '..');
  copyFileSync(path.join(pagedDir, 'dist', 'paged.polyfill.js'), path.join(opts.dist, 'assets', 'paged.polyfill.js'));
  const pages = relativiseSite(opts.dist);
  const siteMs = Math.round(performance.now() - t0);
  const packs = opts.pdf && packDate
    ? await renderPdfs(opts.dist, [
        { route: '/pack/index.html', out: path.join(opts.dist, `pack-${packDate}.pdf`) },
        { route: '/pack/redacted/index.html', out: path.join(opts.dist, `pack-${packDate}-redacted.pdf`) },
      ])
    : [];
  return { pages, siteMs, packDate, packs };
}
