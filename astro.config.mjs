// The tracker site: static pages from the same loader and rule engine as `panel check`.
// Every path is absolute, from this file: the site builds the same from any working folder, and from an
// installed package, whose own folder is never written to (scripts/astro-build.mjs gives Astro a temporary
// root for its `.astro/` and caches; the pages are read from here, the output goes where asked).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';

const here = path.dirname(fileURLToPath(import.meta.url));
// The folder GOV.UK Frontend is installed in: this package's node_modules here, the council's own
// node_modules when the tool is installed as a dependency (npm hoists it there).
const govuk = createRequire(import.meta.url).resolve('govuk-frontend/package.json');
const nodeModules = path.resolve(path.dirname(govuk), '..');

export default defineConfig({
  srcDir: path.join(here, 'src'),
  publicDir: path.join(here, 'public'),
  output: 'static',
  trailingSlash: 'always',
  devToolbar: { enabled: false },
  build: {
    format: 'directory',
    // One shared stylesheet, not a copy inlined into every page (2,500 child pages).
    inlineStylesheets: 'never',
    assets: 'assets',
  },
  vite: {
    css: {
      preprocessorOptions: {
        scss: { loadPaths: [nodeModules], quietDeps: true, silenceDeprecations: ['import', 'global-builtin'] },
      },
    },
  },
});
