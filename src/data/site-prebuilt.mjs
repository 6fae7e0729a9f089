import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { holidayTablePlugin } from '../domain/holiday-table-plugin.mjs';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The bundle made into each folder in this process (the configuration may be loaded more than once). */
const BUNDLES = (globalThis[Symbol.for('panel.prebuilt-bundles')] ??= {});

/**
 * The site's own TypeScript (the loader, the rule engine, the site model: everything the pages import that is
 * not a page or a component) bundled by esbuild in one go into `outDir` (PANEL_PREBUILT_DIR: scripts/astro-build.mjs
 * puts it in the build's temporary folder), and loaded by Node as it is, instead of Vite and Rollup passing
 * each of its modules through their plugins one by one. Every import of one of those modules, from a page,
 * a component or the middleware, resolves to its bundled file (one copy of each module, as in Vite's bundle).
 * Without `outDir`, Vite compiles them as before. Plain JavaScript: astro.config.mjs loads it before anything is compiled.
 */
export function prebuiltSources(outDir) {
  const middleware = path.join(src, 'middleware.ts');
  const filesUnder = (dir, ext) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name), ext) : e.name.endsWith(ext) ? [path.join(dir, e.name)] : []));
  /** The TypeScript source a relative import names (with or without its extension, or a folder's index), if it is one of ours. */
  const sourceOf = (source, importer) => {
    if (!importer || !(source.startsWith('./') || source.startsWith('../'))) return null;
    const base = path.resolve(path.dirname(importer.split('?')[0]), source);
    if (!base.startsWith(src + path.sep)) return null;
    for (const f of [base.replace(/\.js$/, '.ts'), `${base}.ts`, path.join(base, 'index.ts')]) if (f.endsWith('.ts') && f !== middleware && existsSync(f)) return f;
    return null;
  };
  /** The modules the files Vite compiles (the pages, components, layouts and the middleware) import: esbuild's entry points. */
  const entries = () => {
    const out = new Set();
    for (const file of [...filesUnder(src, '.astro'), middleware]) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
        const ts = sourceOf(m[1], file);
        if (ts) out.add(ts);
      }
    }
    return out;
  };
  /** esbuild: the package's own, or the one Vite depends on (an installed panel need not have its own). */
  const esbuild = async () => {
    try {
      return await import('esbuild');
    } catch {
      return import(pathToFileURL(createRequire(createRequire(import.meta.url).resolve('vite')).resolve('esbuild')).href);
    }
  };
  /** The entry points bundled, or an empty set when they could not be (Vite then compiles every module, as before). */
  const bundle = () =>
    // Once per folder in this process, however many times the configuration is loaded.
    (BUNDLES[outDir] ??= (async () => {
      const points = entries();
      await (await esbuild()).build({
        entryPoints: [...points],
        outdir: outDir,
        outbase: src,
        outExtension: { '.js': '.mjs' },
        bundle: true,
        splitting: true,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        packages: 'external',
        // England's bank holidays from their table: Astro's process does not load date-holidays (about 0.2 s).
        plugins: [holidayTablePlugin({ requireFrom: path.join(src, '..', 'package.json') })],
        logLevel: 'silent',
      });
      return points;
    })().catch(() => new Set()));
  // Started now, as the configuration is loaded: esbuild runs in a process of its own while Astro syncs its
  // types and collects the pages, so the bundle is ready before Vite asks for its first module.
  if (outDir) bundle();
  return {
    name: 'panel-prebuilt-sources',
    enforce: 'pre',
    apply: 'build',
    async resolveId(source, importer) {
      if (!outDir) return null;
      const file = sourceOf(source, importer);
      if (!file) return null;
      // A module the scan did not find (none should be), or all of them if esbuild failed, is left to Vite.
      if (!(await bundle()).has(file)) return null;
      // A file: URL, which Rollup leaves as it is (a path it would make relative to the chunk).
      return { id: pathToFileURL(path.join(outDir, path.relative(src, file)).replace(/\.ts$/, '.mjs')).href, external: true };
    },
  };
}
