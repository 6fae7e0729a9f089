// The `panel` command's compiled JavaScript: src/cli/main.ts and everything it imports, bundled by esbuild
// into lib/<build>/ (dependencies stay external; modules loaded with import() become their own chunks, so a
// command loads only what it needs). lib/stamp.json records which build is current and the size, time and
// content hash of every source file that went into it, so bin/panel.js can tell cheaply whether the build is
// still the sources' and rebuild it when it is not.
//
//   node bin/build-cli.js     builds (run by `npm pack` through the prepack script)
//
// Plain JavaScript on purpose: it runs before anything is compiled.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { holidayTablePlugin } from '../src/domain/holiday-table-plugin.mjs';

export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const LIB = path.join(PACKAGE_ROOT, 'lib');
export const STAMP = path.join(LIB, 'stamp.json');
const ENTRY = 'src/cli/main.ts';
// `panel check`'s worker threads (src/data/check-run.ts starts lib/<build>/check-worker.js, beside panel.js).
const WORKER_ENTRY = 'src/data/check-worker.ts';
// This file is an input too: changing how the bundle is made makes every earlier bundle stale (and so is
// the plugin it uses, which writes the bank-holiday module).
const SELF = 'bin/build-cli.js';
const PLUGINS = ['src/domain/holiday-table-plugin.mjs'];

const EXTERNAL = ['playwright-core', 'pagedjs', 'astro', 'esbuild', 'sass', 'pdf-lib'];

/** The content hash of the given files (paths relative to the package), in the given order. */
export function hashInputs(files) {
  const h = createHash('sha256');
  for (const f of files) {
    h.update(f).update('\0');
    h.update(readFileSync(path.join(PACKAGE_ROOT, f))).update('\0');
  }
  return h.digest('hex');
}

export function readStamp() {
  try {
    return JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return null;
  }
}

function statInputs(files) {
  return files.map((f) => {
    const s = statSync(path.join(PACKAGE_ROOT, f), { throwIfNoEntry: false });
    return s ? [f, s.size, s.mtimeMs] : [f, -1, -1];
  });
}

function writeAtomically(file, content) {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, content);
  renameSync(temp, file);
}

/**
 * Is the current build the sources'? Fast when nothing was touched (one stat per source file); when a
 * file's size or time changed, its content decides. Returns the entry file to import, or null when stale.
 */
export function currentBuild(stamp = readStamp(), { refresh = false } = {}) {
  if (!stamp || !stamp.dir || !Array.isArray(stamp.inputs)) return null;
  const entry = path.join(LIB, stamp.dir, 'panel.js');
  if (!existsSync(entry)) return null;
  const now = statInputs(stamp.inputs.map((i) => i[0]));
  if (now.every((n, k) => n[1] === stamp.inputs[k][1] && n[2] === stamp.inputs[k][2])) return entry;
  if (now.some((n) => n[1] < 0)) return null;
  if (hashInputs(stamp.inputs.map((i) => i[0])) !== stamp.hash) return null;
  // Same content, new times (a checkout, a copy): remember the times so the next start is fast again.
  if (refresh) {
    try {
      writeAtomically(STAMP, JSON.stringify({ ...stamp, inputs: now }));
    } catch {
      // A read-only installation: the content check above still holds.
    }
  }
  return entry;
}

/** How the sources are compiled (tests/adopt/bundle.test.ts compiles the calendar the same way). */
export function bundleOptions() {
  return {
    absWorkingDir: PACKAGE_ROOT,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Dependencies are bundled too (only the parts used: a start-up reads one file, not hundreds), except
    // the heavy ones that only some commands load, with import(), and the site's own engine.
    external: EXTERNAL,
    // England's bank holidays from their table, not from date-holidays (src/domain/holiday-table-plugin.mjs).
    plugins: [holidayTablePlugin()],
    minify: true,
    // Bundled CommonJS dependencies call require() for Node's own modules.
    banner: { js: "import { createRequire as __panelRequire } from 'node:module'; const require = __panelRequire(import.meta.url);" },
    logLevel: 'silent',
    legalComments: 'eof',
  };
}

/** Bundles the sources into lib/<build>/ and makes it current. Returns the entry file. */
export async function buildCli({ quiet = true, clean = false } = {}) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    throw new Error('panel: the compiled command is missing or older than its sources, and esbuild is not installed to rebuild it. Reinstall panel, or run `npm ci` in its repository.');
  }
  const t0 = performance.now();
  const result = await esbuild.build({
    ...bundleOptions(),
    // Worker threads are their own entries, written beside the chunks: check-worker.js, and the audit
    // trail's history-worker.js (src/data/history-worker.ts finds it there).
    entryPoints: { panel: ENTRY, 'check-worker': WORKER_ENTRY, 'history-worker': 'src/data/history-worker.ts' },
    splitting: true,
    outdir: 'lib/out',
    chunkNames: 'chunk-[hash]',
    metafile: true,
    write: false,
  });
  const inputs = [...Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('node_modules/')), SELF, ...PLUGINS].sort();
  const hash = hashInputs(inputs);
  const dir = `build-${hash.slice(0, 16)}`;
  const target = path.join(LIB, dir);
  mkdirSync(LIB, { recursive: true });
  if (!existsSync(path.join(target, 'panel.js'))) {
    // Written whole into a fresh folder and renamed into place, so a process starting at the same moment
    // never imports half a build, and two processes building at once both end with the same build.
    const temp = path.join(LIB, `.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
    mkdirSync(temp);
    for (const out of result.outputFiles) writeFileSync(path.join(temp, path.basename(out.path)), out.contents);
    try {
      renameSync(temp, target);
    } catch {
      rmSync(temp, { recursive: true, force: true });
      if (!existsSync(path.join(target, 'panel.js'))) throw new Error(`panel: could not write ${target}`);
    }
  }
  const stamp = { hash, dir, built: new Date().toISOString(), inputs: statInputs(inputs) };
  writeAtomically(STAMP, JSON.stringify(stamp));
  removeOldBuilds(dir, clean);
  if (!quiet) process.stderr.write(`panel: compiled ${inputs.length} source files into lib/${dir} (${Math.round(performance.now() - t0)} ms)\n`);
  return path.join(target, 'panel.js');
}

/** Earlier builds, once no process can still be loading from them (an hour old), or all of them (`clean`). */
function removeOldBuilds(keep, clean) {
  const hourAgo = clean ? Infinity : Date.now() - 3600_000;
  for (const name of readdirSync(LIB)) {
    if (name === keep || !(name.startsWith('build-') || name.startsWith('.tmp-'))) continue;
    const p = path.join(LIB, name);
    try {
      if (statSync(p).mtimeMs < hourAgo) rmSync(p, { recursive: true, force: true });
    } catch {
      // Removed by another process meanwhile.
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // Before packing: only the current build goes into the tarball, with the site's compiled stylesheet
  // (lib/styles/: an installed panel compiles no Sass; src/styles/precompile.mjs).
  await buildCli({ quiet: false, clean: true });
  const { buildPackageStyles } = await import('../src/styles/precompile.mjs');
  const css = await buildPackageStyles();
  process.stderr.write(`panel: the site's stylesheet is ${path.relative(PACKAGE_ROOT, css)}\n`);
}
