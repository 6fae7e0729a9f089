// The tracker site: static pages from the same loader and rule engine as `panel check`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';

// Absolute, so the site builds the same from any working folder (`panel pack --root ...`).
const nodeModules = fileURLToPath(new URL('./node_modules', import.meta.url));

export default defineConfig({
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
