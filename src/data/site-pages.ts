/**
 * How the build's pages are written. Each page is written where Astro would write it (writePage), by the
 * build's page writer, a thread that makes the folder and writes the file synchronously beside Astro's
 * rendering (src/data/site-page-writer.mjs), and Astro, given an empty response, writes nothing for it: Astro
 * writes each page with a folder made and a file opened, written and closed through Node's thread pool, each a
 * round trip, which cost several times the CPU of the same calls made synchronously.
 *
 * Also the site's side of the child pages' second renderer (src/data/site-pages-beside.mjs, installed by
 * scripts/astro-build.mjs in Astro's build process): a worker thread renders and writes child pages from the
 * last backwards while Astro renders them from the first, and Astro writes nothing for a page the worker has
 * written. Outside that build (nothing installed), every function here does nothing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { History } from './history.js';
import { pageOpensFromDisk } from './relativise.js';
import { sentFile, type BesideKind } from './site-beside.js';
import { siteHistory } from './site-history.js';
import { siteModelReady } from './site.js';

// The worker imports this module (its own copy): the site model from what was sent (as the page's
// getStaticPaths reads it in the build thread), and the middleware's work on each page it renders.
export { pageOpensFromDisk, siteModelReady };

interface ChildPages {
  prepare(args: { helpersUrl: string; sentFile: (kind: BesideKind) => Promise<string | null>; history: () => Promise<History> }): void;
  start(args: { pageUrl: string; ids: string[] }): void;
  writtenBeside(id: string): Promise<boolean>;
  own(id: string, html: string): void;
}
const state = () => (globalThis as { [key: symbol]: ChildPages | undefined })[Symbol.for('panel.child-pages')];

/** The build renders a page (the middleware, each page): the worker loads this module and the site model, once. */
export function childPagesPrepare(): void {
  state()?.prepare({
    helpersUrl: import.meta.url,
    sentFile,
    // The trail as read, without its lookup (a function; made again in the worker).
    history: async () => {
      const { trail: _, ...history } = await siteHistory();
      return history;
    },
  });
}

/** The child pages' ids are known (their getStaticPaths, in `pageUrl`, the built page module): the worker starts on them. */
export function childPagesBeside(pageUrl: string, ids: string[]): void {
  state()?.start({ pageUrl, ids });
}

/** Whether a child page was rendered and written by the worker (Astro then writes nothing); false for Astro to render it. */
export function childPageWrittenBeside(id: string): Promise<boolean> {
  return state()?.writtenBeside(id) ?? Promise.resolve(false);
}

/** Astro's own HTML of a child page, made to open from disk (the first checks the worker's). */
export function ownChildPage(id: string, html: string): void {
  state()?.own(id, html);
}

/** Paths written the same by Astro's encoding and the URL's (letters, digits, - . _ ~ and slashes); any other is left to Astro. */
const PLAIN_PATH = /^\/(?:[A-Za-z0-9._~-]+\/)*$/;
const encoder = new TextEncoder();
const WRITTEN = Symbol.for('panel.pages-written');
const WRITER = Symbol.for('panel.page-writer');

/**
 * Writes a page's HTML where Astro writes a page of this directory-format build (<outDir><pathname>index.html,
 * PANEL_OUT_DIR set by scripts/astro-build.mjs), as the bytes Astro would write (its Response's UTF-8), and
 * says so; false (nothing written) outside that build or for a path it does not write the same way.
 */
export function writePage(pathname: string, html: string): boolean {
  const outDir = process.env.PANEL_OUT_DIR;
  if (!outDir || !PLAIN_PATH.test(pathname) || pathname.split('/').some((part) => part === '.' || part === '..')) return false;
  const dir = path.join(outDir, pathname);
  const bytes = encoder.encode(html);
  // By the build's page writer, beside (src/data/site-page-writer.mjs), else here.
  const writer = (globalThis as { [WRITER]?: { write(file: string, bytes: Uint8Array): void } })[WRITER];
  if (writer) writer.write(path.join(dir, 'index.html'), bytes);
  else {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'index.html'), bytes);
  }
  // Astro's log line for the page then says nothing of a file not created (scripts/astro-build.mjs).
  ((globalThis as { [WRITTEN]?: Set<string> })[WRITTEN] ??= new Set()).add(`${pathname}index.html`);
  return true;
}
