// The tracker site: static pages from the same loader and rule engine as `panel check`.
// Every path is absolute, from this file: the site builds the same from any working folder, and from an
// installed package, whose own folder is never written to (scripts/astro-build.mjs gives Astro a temporary
// root for its `.astro/` and caches; the pages are read from here, the output goes where asked).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import { APP_SCSS, precompiledStylesInWorker, sassOptions } from './src/styles/precompile.mjs';
import { prebuiltSources } from './src/data/site-prebuilt.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
// The folder GOV.UK Frontend is installed in: this package's node_modules here, the council's own
// node_modules when the tool is installed as a dependency (npm hoists it there).
const govuk = createRequire(import.meta.url).resolve('govuk-frontend/package.json');
const nodeModules = path.resolve(path.dirname(govuk), '..');

/**
 * The GOV.UK stylesheet compiled once (src/styles/precompile.mjs): the package's own in lib/styles/ (shipped
 * in the tarball), else the data root's cache folder (an installed package is never written to); when
 * neither can be written, Vite compiles app.scss as before.
 */
function cachedStyles() {
  // Started as the build starts, in a worker thread: compiled (when not cached) while Astro starts and
  // bundles the pages, ready by the time a page asks for the stylesheet.
  const styles = precompiledStylesInWorker(path.join(path.resolve(process.env.PANEL_ROOT ?? '.'), '.panel-cache'), nodeModules);
  return {
    name: 'panel-cached-styles',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!importer || path.resolve(path.dirname(importer), source) !== APP_SCSS) return null;
      return (await styles.wait()) ?? null;
    },
  };
}

/**
 * The pack's print pages (/pack/ and /pack/redacted/) are built only when a pack is asked for:
 * PANEL_PACK_PAGES=0 (a site build without the PDF) leaves them out, and their thousands of lines of HTML.
 */
const packPages = {
  name: 'panel-pack-pages',
  hooks: {
    'astro:config:setup': ({ injectRoute }) => {
      if (process.env.PANEL_PACK_PAGES === '0') return;
      // `panel pack` asks for one variant only (PANEL_PACK_VARIANTS=full or redacted).
      const variants = (process.env.PANEL_PACK_VARIANTS || 'full,redacted').split(',');
      if (variants.includes('full')) injectRoute({ pattern: '/pack', entrypoint: path.join(here, 'src', 'pack-routes', 'index.astro') });
      if (variants.includes('redacted')) injectRoute({ pattern: '/pack/redacted', entrypoint: path.join(here, 'src', 'pack-routes', 'redacted', 'index.astro') });
    },
  },
};

/**
 * PANEL_PACK_PAGES=only (`panel pack`): the pack's print page and nothing else. The pages folder is then one
 * that holds no page (src/pack-routes has no pages/), so only the injected pack routes are built.
 */
const packOnly = process.env.PANEL_PACK_PAGES === 'only';

export default defineConfig({
  srcDir: packOnly ? path.join(here, 'src', 'pack-routes') : path.join(here, 'src'),
  publicDir: path.join(here, 'public'),
  output: 'static',
  trailingSlash: 'always',
  devToolbar: { enabled: false },
  integrations: [packPages],
  build: {
    format: 'directory',
    // Pages built four at a time: while one page's file is written (each a few round trips to Node's file
    // threads), the next is rendered. The pages share one site model, read once (src/data/site.ts), and each
    // page's HTML depends on nothing else, so the site is the same as built one at a time
    // (PANEL_PAGES_AT_ONCE=1; tests/data/site-prebuilt.test.ts).
    concurrency: Number(process.env.PANEL_PAGES_AT_ONCE) || 4,
    // One shared stylesheet, not a copy inlined into every page (2,500 child pages).
    inlineStylesheets: 'never',
    assets: 'assets',
  },
  vite: {
    // The pages' bundle is only run to write the pages, then deleted: Rollup does not tree-shake it (its
    // analysis was about a tenth of the build's start, at every size; the pages are the same,
    // tests/data/site-pages-worker.test.ts). PANEL_TREESHAKE=1 tree-shakes it, as Astro does by default.
    ...(process.env.PANEL_TREESHAKE === '1' ? {} : { build: { rollupOptions: { treeshake: false } } }),
    plugins: [cachedStyles(), prebuiltSources(process.env.PANEL_PREBUILT_DIR)],
    css: {
      preprocessorOptions: {
        scss: sassOptions(nodeModules),
      },
    },
  },
});
