/**
 * `panel pack` without the site: the pack's print page written straight from the model by the pack's one
 * renderer (pack-html.ts), with no Astro build before it (the Astro build of a site with only the pack
 * route still started Vite and compiled the site's code, several seconds), then paginated and printed
 * (pack-pdf.ts). The page is the one the site build writes at /pack/ (tests/data/pack-html.test.ts), its
 * links made relative and bidirectional controls shown as the site build does (relativise.ts).
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isIsoDate, type IsoDate } from '../domain/dates.js';
import { computeThemes } from '../domain/themes.js';
import { validCases } from './data-root.js';
import { readHistory } from './history.js';
import { agendaFor } from './meeting-cycle.js';
import { PACKAGE_ROOT } from './package-root.js';
import { packDateFor, renderPackPage } from './pack-html.js';
import { buildPackModel } from './pack-model.js';
import { renderPdfs, yieldToEventLoop, type PdfResult, type RenderOptions } from './pack-pdf.js';
import { relativiseHtml } from './relativise.js';
import { showBidi } from '../domain/redact.js';
import { buildSiteModel } from './site.js';

export type PackVariant = 'full' | 'redacted';

export interface PackBuild {
  root: string;
  asOf: IsoDate;
  /** The folder the print pages (and PDFs) are written to. */
  dist: string;
  /** The meeting (default: the next meeting on or after asOf; with none, the as-of date). */
  packDate?: IsoDate;
  variants: PackVariant[];
}

/** Where each variant's print page goes in the folder (the site's routes). */
export const PACK_ROUTES: Record<PackVariant, string> = { full: 'pack/index.html', redacted: 'pack/redacted/index.html' };

/** The files the print page loads, all served from the folder (never a CDN). */
function copyAssets(dist: string): void {
  const assets = path.join(dist, 'assets');
  mkdirSync(assets, { recursive: true });
  for (const name of ['pack.css', 'pack-config.js']) copyFileSync(path.join(PACKAGE_ROOT, 'public', 'assets', name), path.join(assets, name));
  // (The package's exports map hides dist/, so the file is found from the package folder.)
  const pagedDir = path.resolve(path.dirname(createRequire(import.meta.url).resolve('pagedjs')), '..');
  copyFileSync(path.join(pagedDir, 'dist', 'paged.polyfill.js'), path.join(assets, 'paged.polyfill.js'));
}

/** Writes the print page of each variant asked for, from one model read of the data root. */
export async function writePackPages(opts: PackBuild): Promise<{ date: IsoDate; routes: Record<PackVariant, string> }> {
  if (opts.packDate && !isIsoDate(opts.packDate)) throw new Error(`pack date: expected YYYY-MM-DD, found "${opts.packDate}"`);
  // (Between steps the thread is given back for a moment: `panel pack` writes the page while Chromium
  // starts, and Chromium's start-up messages wait for the thread.)
  const site = buildSiteModel(opts.root, opts.asOf);
  await yieldToEventLoop();
  const { date, noMeeting } = packDateFor(opts.packDate, site.nextMeeting, site.asOf);
  const agenda = agendaFor(site.data, date);
  const themes = computeThemes(validCases(site.data).map((c) => c.value), site.asOf, site.data.policy, site.data.calendar);
  // Read once for both variants, and only when a pack is built.
  const history = readHistory(site.data.root);
  await yieldToEventLoop();
  const routes = {} as Record<PackVariant, string>;
  for (const variant of opts.variants) {
    const pack = await buildPackModel(site, date, { redact: variant === 'redacted', agenda, history });
    await yieldToEventLoop();
    const route = PACK_ROUTES[variant];
    const file = path.join(opts.dist, route);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, showBidi(relativiseHtml(renderPackPage({ pack, themes, noMeeting }), path.posix.dirname(route))));
    routes[variant] = `/${route}`;
  }
  copyAssets(opts.dist);
  return { date, routes };
}

export interface PackBuildResult {
  date: IsoDate;
  /** Time to write the print pages (ms), while Chromium starts. */
  pagesMs: number;
  packs: PdfResult[];
}

/** The PDF of each variant asked for, written to `dist/pack-<date>[-redacted].pdf`. */
export async function buildPack(opts: PackBuild & Pick<RenderOptions, 'onProgress'>): Promise<PackBuildResult> {
  const t0 = performance.now();
  let written: Awaited<ReturnType<typeof writePackPages>> | undefined;
  let pagesMs = 0;
  // The page is written while Chromium starts.
  const packs = await renderPdfs(
    opts.dist,
    () => opts.variants.map((v) => ({ route: written!.routes[v], out: path.join(opts.dist, `pack-${written!.date}${v === 'redacted' ? '-redacted' : ''}.pdf`) })),
    {
      onProgress: opts.onProgress,
      meanwhile: async () => {
        written = await writePackPages(opts);
        pagesMs = Math.round(performance.now() - t0);
      },
    },
  );
  return { date: written!.date, pagesMs, packs };
}
