// The tracker site: static pages from the same loader and rule engine as `panel check`.
import { defineConfig } from 'astro/config';

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
        scss: { loadPaths: ['node_modules'], quietDeps: true, silenceDeprecations: ['import', 'global-builtin'] },
      },
    },
  },
});
