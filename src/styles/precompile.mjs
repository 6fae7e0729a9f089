// The site's stylesheet, compiled once: GOV.UK Frontend's Sass takes seconds to compile and changes only
// with app.scss, govuk-frontend or sass itself, never with a council's data. The CSS is named by a hash of
// those three and kept with the package, in lib/styles/ beside the compiled command: built when the package
// is packed (`npm pack` runs bin/build-cli.js) and shipped in the tarball, or, in a checkout of the
// repository, built by the first site build. An installed package is never written to: where its
// stylesheet does not match (a council's install resolved another govuk-frontend), the CSS is kept in the
// data root's cache folder instead (.panel-cache/styles/, git-ignored by its own .gitignore). A missing,
// unreadable or unwritable file just means compiling again.
// Plain JavaScript: astro.config.mjs and bin/build-cli.js load it before anything is compiled.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const here = path.dirname(fileURLToPath(import.meta.url));
export const APP_SCSS = path.join(here, 'app.scss');
const require = createRequire(import.meta.url);
const versionOf = (pkg) => {
  try {
    return JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')).version;
  } catch {
    return 'unknown';
  }
};

/** Sass options shared with Vite's own compile (astro.config.mjs). */
export const sassOptions = (nodeModules) => ({ loadPaths: [nodeModules], quietDeps: true, silenceDeprecations: ['import', 'global-builtin'] });

/** The cache key: app.scss's text, govuk-frontend's and sass's versions. */
export function stylesKey() {
  return createHash('sha256').update(readFileSync(APP_SCSS)).update(`\0govuk-frontend@${versionOf('govuk-frontend')}\0sass@${versionOf('sass')}`).digest('hex').slice(0, 16);
}

/** The package's own folder for its compiled stylesheet: lib/styles/ (lib/ is the package's build output). */
export const PACKAGE_STYLES = path.resolve(here, '..', '..', 'lib', 'styles');
/** An installed package (npm always puts one in a node_modules folder) is never written to. */
const INSTALLED = here.split(path.sep).includes('node_modules');

/** Whether `file` is a whole compiled stylesheet (it ends with the marker written last; a cut or empty file is not). */
function whole(file) {
  try {
    return existsSync(file) && readFileSync(file, 'utf8').endsWith(END);
  } catch {
    return false;
  }
}

/** Writes `css` as `file`, whole then renamed: a build stopped half-way leaves no half-written stylesheet. */
function writeWhole(file, css) {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, css + END);
  renameSync(tmp, file);
}

/**
 * The compiled CSS file for app.scss: the package's (`packageDir`), else the one in the data root's cache
 * folder `cacheRoot` (null: none), else compiled now and written to the package's folder when it may be
 * written (`writePackage`: a checkout, not an installed package), else to the cache folder. Null when it
 * can be written nowhere (Vite then compiles app.scss itself, as before).
 */
export async function precompiledStyles(cacheRoot, nodeModules, { packageDir = PACKAGE_STYLES, writePackage = !INSTALLED } = {}) {
  const name = `app-${stylesKey()}.css`;
  const inPackage = path.join(packageDir, name);
  const inCache = cacheRoot === null ? null : path.join(cacheRoot, 'styles', name);
  for (const file of [inPackage, inCache]) if (file && whole(file)) return file;
  let css;
  try {
    const sass = await import('sass');
    css = sass.compile(APP_SCSS, sassOptions(nodeModules)).css;
  } catch {
    return null;
  }
  if (writePackage) {
    try {
      writeWhole(inPackage, css);
      removeOtherStyles(packageDir, name);
      return inPackage;
    } catch {
      // A read-only checkout: the data root's cache below.
    }
  }
  if (cacheRoot === null) return null;
  try {
    const ignore = path.join(cacheRoot, '.gitignore');
    mkdirSync(cacheRoot, { recursive: true });
    if (!existsSync(ignore)) writeFileSync(ignore, '# panel build cache: safe to delete\n*\n');
    writeWhole(inCache, css);
    return inCache;
  } catch {
    return null;
  }
}

/** Stylesheets of earlier sources in the package's folder (a changed app.scss, another govuk-frontend). */
function removeOtherStyles(dir, keep) {
  for (const name of readdirSync(dir)) {
    if (name !== keep && /^app-[0-9a-f]+\.css$/.test(name)) rmSync(path.join(dir, name), { force: true });
  }
}

/**
 * The package's stylesheet, compiled into lib/styles/ now if it is not there (bin/build-cli.js, before
 * packing: the tarball ships it, so an installed panel compiles no Sass). Returns the file.
 */
export async function buildPackageStyles() {
  const govuk = require.resolve('govuk-frontend/package.json');
  const file = await precompiledStyles(null, path.resolve(path.dirname(govuk), '..'), { writePackage: true });
  if (!file) throw new Error(`panel: could not compile the site's stylesheet into ${PACKAGE_STYLES}`);
  return file;
}

const END = '\n/* panel: end of compiled app.scss */\n';

/**
 * The same, compiled in a worker thread started now (the build's main thread is not held while Sass runs);
 * compiled on this thread instead if the worker fails. `wait()` gives the file; until it is called, the
 * worker does not keep the process alive (a build that never asks for the stylesheet does not wait for it).
 */
export function precompiledStylesInWorker(cacheRoot, nodeModules) {
  let worker;
  const file = new Promise((resolve) => {
    let answered = false;
    const answer = (result) => {
      if (!answered) {
        answered = true;
        resolve(result);
      }
    };
    const fallback = () => {
      if (!answered) precompiledStyles(cacheRoot, nodeModules).then(answer, () => answer(null));
    };
    try {
      worker = new Worker(new URL('./precompile-worker.mjs', import.meta.url), { workerData: { cacheRoot, nodeModules } });
      worker.unref();
      worker.once('message', answer);
      worker.once('error', fallback);
      worker.once('exit', fallback);
    } catch {
      fallback();
    }
  });
  return {
    wait() {
      worker?.ref();
      return file;
    },
  };
}
