// Runs `astro build` in a plain Node process. The site's TypeScript is compiled by Astro's own Vite; a
// build run under tsx's loader hooks spent most of its time passing Astro's modules through them.
// Usage: node scripts/astro-build.mjs <outDir> [quiet]
import { build } from 'astro';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
process.env.ASTRO_TELEMETRY_DISABLED = '1';
process.chdir(root);
await build({ root, outDir: process.argv[2], logLevel: process.argv[3] === 'quiet' ? 'error' : 'info' });

// For the benchmark: this process's peak memory (the parent cannot read a child's).
if (process.env.PANEL_RSS_FILE) {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(process.env.PANEL_RSS_FILE, String(Math.round(process.resourceUsage().maxRSS / 1024)));
}
