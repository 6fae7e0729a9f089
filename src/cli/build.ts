/**
 * `panel build`: the tracker site and the PDF packs of a meeting, from any data root, with the tool
 * installed as a dependency or run from its own repository (`npm run build` here calls this too).
 * Findings do not stop the build: a site full of overdue items is exactly what the panel needs. Without
 * Chromium the site is still built and the reason is printed.
 */
import { existsSync, lstatSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dateOption, resolveAsOf, resolveRoot, UsageError } from './options.js';

export interface BuildOptions {
  root?: string;
  /** Output folder (default <root>/dist). */
  out?: string;
  asOf?: string;
  packDate?: string;
  /** Render the PDF packs (default true). */
  pack?: boolean;
  quiet?: boolean;
}

/** Written into every built site: the output folder may be emptied and rebuilt only when it holds one. */
export const SITE_MARKER = '.panel-site';

/**
 * The build empties its output folder first (a child no longer in the data must not keep a page), so it
 * may only be a folder panel built before, an empty folder, or a new one: never the data root, a folder
 * holding it, or someone's other files.
 */
export function checkOutputFolder(out: string, root: string): void {
  const rel = path.relative(out, root);
  if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) {
    throw new UsageError(`--out ${out}: this folder holds the data root; choose a folder of its own, such as ${path.join(root, 'dist')}`);
  }
  const stat = lstatSync(out, { throwIfNoEntry: false });
  if (!stat) return;
  if (!stat.isDirectory()) throw new UsageError(`--out ${out}: not a folder`);
  const entries = readdirSync(out);
  if (entries.length === 0 || entries.includes(SITE_MARKER)) return;
  // A site built before the marker existed.
  if (entries.includes('index.html') && existsSync(path.join(out, 'assets', 'paged.polyfill.js'))) return;
  throw new UsageError(`--out ${out}: the folder has other files in it, and the build replaces everything in its output folder; choose an empty or new folder (if it holds only what an earlier panel build left when it stopped part way, delete it and build again)`);
}

/**
 * A build that failed part way leaves its output folder so that the next build accepts it: marked as panel's,
 * since the folder was new, empty or a site panel built (checkOutputFolder), so whatever is in it now is panel's
 * own output (a site whose PDF failed is kept). Never throws: the build's own error is the one to report.
 */
function leaveAfterFailure(out: string): void {
  try {
    if (existsSync(out)) writeFileSync(path.join(out, SITE_MARKER), 'Built by panel (the last build failed part way): `panel build` empties and rebuilds this folder.\n');
  } catch {
    // Nothing more to do: the build's error says what went wrong.
  }
}

export async function runBuild(opts: BuildOptions, log: (s: string) => void = console.log, warn: (s: string) => void = console.error): Promise<number> {
  const root = resolveRoot(opts.root);
  const asOf = resolveAsOf(opts.asOf);
  const packDate = dateOption('--pack-date', opts.packDate);
  const out = path.resolve(opts.out ?? path.join(root, 'dist'));
  checkOutputFolder(out, root);
  // Loaded here, not at start-up: the site builder and the browser driver are heavy.
  const { buildSite } = await import('../data/build-site.js');
  const { ChromiumMissingError } = await import('../data/pack-pdf.js');
  const rel = (p: string) => path.relative(process.cwd(), p) || p;
  try {
    const result = await buildSite({ root, asOf, dist: out, packDate, pdf: opts.pack !== false, quiet: opts.quiet });
    writeFileSync(path.join(out, SITE_MARKER), 'Built by panel: `panel build` empties and rebuilds this folder.\n');
    log(`Site: ${result.pages} pages in ${rel(out)} (${result.siteMs} ms), clocks as of ${asOf}. Open ${rel(path.join(out, 'index.html'))} or serve the folder.`);
    for (const p of result.packs) log(`Pack: ${rel(p.out)} (${p.pages} pages, ${p.ms} ms)`);
    if (opts.pack !== false && !result.packDate) log('Pack: none, the schedule in panel.yaml gives no next meeting (give --pack-date).');
    return 0;
  } catch (err) {
    if (err instanceof ChromiumMissingError) {
      writeFileSync(path.join(out, SITE_MARKER), 'Built by panel: `panel build` empties and rebuilds this folder.\n');
      warn(`The site was built, but not the PDF pack.\n${err.message}`);
      return 0;
    }
    leaveAfterFailure(out);
    throw err;
  }
}
