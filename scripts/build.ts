/**
 * `npm run build`: the tracker site from the data root (PANEL_ROOT, default here) at PANEL_AS_OF
 * (default today), made to open from disk, then the PDF pack when Chromium is available.
 * The findings do not stop the build: a site full of overdue items is exactly what the panel needs.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { relativiseSite } from './relativise.js';

process.env.ASTRO_TELEMETRY_DISABLED = '1';
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.resolve(process.env.PANEL_DIST ?? path.join(repo, 'dist'));

const { build } = await import('astro');
const t0 = performance.now();
await build({ root: repo, outDir: dist, logLevel: process.env.PANEL_BUILD_QUIET ? 'error' : 'info' });
const pages = relativiseSite(dist);
console.log(`Site: ${pages} pages in ${path.relative(process.cwd(), dist) || dist} (${Math.round(performance.now() - t0)} ms). Open dist/index.html or serve the folder.`);
