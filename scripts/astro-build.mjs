// Runs `astro build` in a plain Node process. The site's TypeScript is compiled by Astro's own Vite; a
// build run under tsx's loader hooks spent most of its time passing Astro's modules through them.
// Astro's root is a fresh temporary folder (its `.astro/` and caches go there, and it is removed after), so
// nothing is written inside the package, which may be installed read-only in a council's node_modules; the
// pages, components and public files are read from the package (astro.config.mjs), the site goes to <outDir>.
// Usage: node scripts/astro-build.mjs <outDir> [quiet]
import { build } from 'astro';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { installPageWriter } from '../src/data/site-page-writer.mjs';
import { installChildPagesWorker } from '../src/data/site-pages-beside.mjs';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const outDir = path.resolve(process.argv[2]);
const work = mkdtempSync(path.join(tmpdir(), 'panel-astro-'));
// Astro resolves its own runtime ('astro/app') from the root: the root sees the node_modules astro is in.
const astroPackage = path.dirname(createRequire(import.meta.url).resolve('astro/package.json'));
symlinkSync(path.resolve(astroPackage, '..'), path.join(work, 'node_modules'), 'dir');
process.env.ASTRO_TELEMETRY_DISABLED = '1';
// The site's TypeScript, bundled in one go by esbuild for the build (astro.config.mjs, prebuiltSources);
// PANEL_PREBUILT=0 leaves it to Vite, module by module (tests/data/site-prebuilt.test.ts: the same site).
if (process.env.PANEL_PREBUILT !== '0') process.env.PANEL_PREBUILT_DIR = path.join(work, 'prebuilt');
// Child pages rendered and written on a second thread too (src/data/site-pages-beside.mjs; not for `panel pack`,
// which builds no child page); Astro's RenderContext tells it the build's pipeline.
if (process.env.PANEL_PACK_PAGES !== 'only') {
  const { RenderContext } = await import(pathToFileURL(path.join(astroPackage, 'dist', 'core', 'render-context.js')).href);
  installChildPagesWorker({ renderContext: RenderContext });
}
// Each page is written by the middleware where Astro would write it (src/data/site-pages.ts, writePage), and
// Astro writes nothing for it; Astro's log line for such a page then says nothing of a file not created.
// PANEL_PAGES_WRITTEN_BY=astro leaves the writing to Astro, =middleware to the middleware itself, synchronously
// (tests/data/site-pages-worker.test.ts: the same site); by default a thread of its own writes them
// (src/data/site-page-writer.mjs), closed (every page written) before the build is over.
const writtenBy = process.env.PANEL_PAGES_WRITTEN_BY;
if (writtenBy !== 'astro') process.env.PANEL_OUT_DIR = outDir;
const pageWriter = writtenBy === 'astro' || writtenBy === 'middleware' ? null : installPageWriter();
if (process.argv[3] !== 'quiet') {
  const write = process.stdout.write.bind(process.stdout);
  const NOT_CREATED = '(file not created, response body was empty)';
  process.stdout.write = (chunk, ...rest) => {
    if (typeof chunk === 'string' && chunk.includes(NOT_CREATED)) {
      const file = /\s(\/\S*index\.html)\s/.exec(chunk)?.[1];
      const written = globalThis[Symbol.for('panel.pages-written')];
      const beside = globalThis[Symbol.for('panel.child-pages')]?.wroteFile?.(file);
      if (file && (written?.has(file) || beside)) chunk = chunk.replace(NOT_CREATED, beside ? '(written by the second thread)' : '');
    }
    return write(chunk, ...rest);
  };
}
process.chdir(work);
try {
  await build({
    root: work,
    // (Astro joins this to the root.)
    configFile: path.relative(work, path.join(pkg, 'astro.config.mjs')),
    outDir,
    cacheDir: path.join(work, 'cache'),
    vite: { cacheDir: path.join(work, 'vite') },
    logLevel: process.argv[3] === 'quiet' ? 'error' : 'info',
  });
  await pageWriter?.close();
} finally {
  pageWriter?.stop();
  globalThis[Symbol.for('panel.child-pages')]?.stop();
  rmSync(work, { recursive: true, force: true });
  // What buildSite sent beside the build (src/data/site-beside.ts) is no longer read: the process may end.
  process.stdin.destroy();
}

// For the benchmark: this process's peak memory (the parent cannot read a child's).
if (process.env.PANEL_RSS_FILE) {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(process.env.PANEL_RSS_FILE, String(Math.round(process.resourceUsage().maxRSS / 1024)));
}
