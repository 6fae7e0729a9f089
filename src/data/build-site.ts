/**
 * Builds the tracker site (Astro) from a data root at an as-of date, makes it open from disk, and
 * renders the PDF packs of a meeting. `npm run build` and `panel pack` both call this.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { IsoDate } from '../domain/dates.js';
import { nextMeeting } from '../domain/tracker.js';
import { englandAndWalesCalendar } from '../domain/calendar.js';
import { loadPolicy } from './policy.js';
import { renderPdfs, type PdfResult } from './pack-pdf.js';
import { relativiseSite } from './relativise.js';
import { computeBeside } from './site-beside.js';

import { PACKAGE_ROOT } from './package-root.js';

/** The tool's own folder (this repository, or the installed package): read, never written. */
export const REPO = PACKAGE_ROOT;

export interface SiteBuild {
  root: string;
  asOf: IsoDate;
  dist: string;
  /** The meeting whose pack to render (default: the next meeting on or after asOf). */
  packDate?: IsoDate;
  /** Render the PDF packs (full and redacted). */
  pdf: boolean;
  /**
   * Build the pack's print pages (/pack/, /pack/redacted/); by default only when the PDF is rendered (or
   * PANEL_PACK_PAGES=1 asks for the pages without the PDF).
   */
  packPages?: boolean;
  /** Which packs to render (default both). */
  packs?: ('full' | 'redacted')[];
  /** Build only the print pages of the packs asked for, not the site (`panel pack`). */
  packOnly?: boolean;
  /** Progress of the PDF rendering, for a progress bar. */
  onPdfProgress?: (done: number, total: number) => void;
  quiet?: boolean;
}

export interface SiteBuildResult {
  pages: number;
  siteMs: number;
  packDate: IsoDate | null;
  packs: PdfResult[];
}

export async function buildSite(opts: SiteBuild): Promise<SiteBuildResult> {
  // The next meeting needs only the policy (the cases are read once, by the Astro build's site model).
  const packDate = opts.packDate ?? nextMeeting(loadPolicy(opts.root).policy, englandAndWalesCalendar(), opts.asOf);
  const t0 = performance.now();
  // Astro builds in its own plain Node process (scripts/astro-build.mjs), in a temporary folder. While it starts
  // and bundles the pages, this process reads the data and computes the engine's readings, the case notes and
  // the themes, and hands them to it (src/data/site-beside.ts); `panel pack` (packOnly) leaves them to the build.
  const beside = opts.packOnly ? null : mkdtempSync(path.join(tmpdir(), 'panel-beside-'));
  try {
    // A larger young generation: the build makes many short-lived objects (a page's strings, each finding), and
    // with V8's default the collector runs several times as often (about a tenth of the build's CPU saved).
    const astro = spawn(process.execPath, ['--max-semi-space-size=64', path.join(REPO, 'scripts', 'astro-build.mjs'), opts.dist, opts.quiet ? 'quiet' : ''], {
      cwd: opts.root,
      stdio: [beside ? 'pipe' : 'ignore', 'inherit', 'inherit'],
      env: {
        ...process.env,
        ASTRO_TELEMETRY_DISABLED: '1',
        PANEL_ROOT: opts.root,
        PANEL_AS_OF: opts.asOf,
        PANEL_PACK_PAGES: opts.packOnly ? 'only' : (opts.packPages ?? (opts.pdf || process.env.PANEL_PACK_PAGES === '1')) ? '1' : '0',
        PANEL_PACK_VARIANTS: (opts.packs ?? ['full', 'redacted']).join(','),
        ...(packDate ? { PANEL_PACK_DATE: packDate } : {}),
        PANEL_PACKS_BUILT: opts.pdf && packDate ? '1' : '',
        PANEL_BESIDE: beside ? '1' : '',
      },
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      astro.on('error', reject);
      astro.on('exit', (code, signal) => resolve({ code, signal }));
    });
    if (beside && astro.stdin) {
      const stdin = astro.stdin;
      // A build that ends (or fails) before reading them: nothing to send to.
      stdin.on('error', () => {});
      await computeBeside(opts.root, opts.asOf, beside, (kind, file) => stdin.write(`${kind} ${file}\n`));
      stdin.end();
    }
    const { code, signal } = await exited;
    if (code !== 0) throw new Error(`astro build failed (exit ${code ?? signal})`);
  } finally {
    if (beside) rmSync(beside, { recursive: true, force: true });
  }
  // Paged.js is served from the site itself, never from a CDN.
  mkdirSync(path.join(opts.dist, 'assets'), { recursive: true });
  // (The package's exports map hides dist/, so the file is found from the package folder.)
  const pagedDir = path.resolve(path.dirname(createRequire(import.meta.url).resolve('pagedjs')), '..');
  copyFileSync(path.join(pagedDir, 'dist', 'paged.polyfill.js'), path.join(opts.dist, 'assets', 'paged.polyfill.js'));
  // The site's own pages were made to open from disk as they were built (src/middleware.ts); the pack's
  // print pages (packOnly: built from src/pack-routes, which has no middleware) are done here.
  const pages = relativiseSite(opts.dist, { indexPagesDone: !opts.packOnly });
  const siteMs = Math.round(performance.now() - t0);
  const wanted = opts.packs ?? ['full', 'redacted'];
  const jobs = [
    ...(wanted.includes('full') ? [{ route: '/pack/index.html', out: path.join(opts.dist, `pack-${packDate}.pdf`) }] : []),
    ...(wanted.includes('redacted') ? [{ route: '/pack/redacted/index.html', out: path.join(opts.dist, `pack-${packDate}-redacted.pdf`) }] : []),
  ];
  const packs = opts.pdf && packDate ? await renderPdfs(opts.dist, jobs, { onProgress: opts.onPdfProgress }) : [];
  return { pages, siteMs, packDate, packs };
}
