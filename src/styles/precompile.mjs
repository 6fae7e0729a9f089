// The site's stylesheet, compiled once: GOV.UK Frontend's Sass takes seconds to compile and changes only
// with app.scss, govuk-frontend or sass itself. The CSS is kept in the data root's cache folder
// (.panel-cache/styles/, git-ignored by its own .gitignore), named by a hash of those three, so every
// later build reuses it; a missing, unreadable or unwritable cache just means compiling again.
// Plain JavaScript: astro.config.mjs loads it before anything is compiled.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
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

/**
 * The compiled CSS file for app.scss under `cacheRoot` (compiled now if missing), or null when it cannot
 * be written there (Vite then compiles app.scss itself, as before).
 */
export async function precompiledStyles(cacheRoot, nodeModules) {
  const dir = path.join(cacheRoot, 'styles');
  const file = path.join(dir, `app-${stylesKey()}.css`);
  if (existsSync(file)) {
    try {
      const css = readFileSync(file, 'utf8');
      // A whole file ends with the marker written last; a cut or empty file is compiled again.
      if (css.endsWith(END)) return file;
    } catch {
      // unreadable: compile again
    }
  }
  try {
    const sass = await import('sass');
    const { css } = sass.compile(APP_SCSS, sassOptions(nodeModules));
    mkdirSync(dir, { recursive: true });
    const ignore = path.join(cacheRoot, '.gitignore');
    if (!existsSync(ignore)) writeFileSync(ignore, '# panel build cache: safe to delete\n*\n');
    // Written whole then renamed: a build stopped half-way leaves no half-written stylesheet.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, css + END);
    renameSync(tmp, file);
    return file;
  } catch {
    return null;
  }
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
