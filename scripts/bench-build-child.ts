/**
 * One measured build in a fresh process (so peak memory is its own). Modes:
 * - `site <root> <asOf> <dist>`: the tracker site (no PDF), through the project's build;
 * - `bare <pages> <dist>`: a bare Astro build of the same number of empty pages (the baseline);
 * - `pack <root> <asOf> <dist>`: the PDF pack of the next meeting as `panel pack` builds it (its print page, then the PDF);
 * - `paged <dist>`: the built pack HTML paginated by bare Paged.js (no print) in Chromium (the baseline).
 * Prints one JSON line: { mode, ms, maxRssMb, ... }.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { buildSite, REPO } from '../src/data/build-site.js';
import { buildPack } from '../src/data/pack-build.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../src/data/pack-pdf.js';
import { serveFolder } from '../src/data/static-server.js';

const [mode, a, b, c] = process.argv.slice(2);

/**
 * CPU time (user + system, ms) of this process's descendants (Chromium's browser, renderer and GPU
 * processes), sampled from /proc every 100 ms while they run: the machine is shared, so CPU time says more
 * than wall time. Linux only; 0 elsewhere.
 */
function chromiumCpu() {
  const seen = new Map<number, number>();
  const sample = () => {
    let entries: string[];
    try {
      entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
    } catch {
      return;
    }
    const parent = new Map<number, number>();
    const cpu = new Map<number, number>();
    for (const e of entries) {
      try {
        const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        parent.set(Number(e), Number(f[1]));
        cpu.set(Number(e), ((Number(f[11]) + Number(f[12])) * 1000) / 100);
      } catch {
        // (gone)
      }
    }
    for (const [pid, ms] of cpu) {
      let p = parent.get(pid);
      while (p && p !== process.pid) p = parent.get(p);
      if (p === process.pid) seen.set(pid, Math.max(seen.get(pid) ?? 0, ms));
    }
  };
  const timer = setInterval(sample, 100);
  const own = process.cpuUsage();
  return () => {
    sample();
    clearInterval(timer);
    const { user, system } = process.cpuUsage(own);
    return { chromiumCpuMs: Math.round([...seen.values()].reduce((x, y) => x + y, 0)), nodeCpuMs: Math.round((user + system) / 1000) };
  };
}
const done = (extra: object, t0: number) =>
  console.log(JSON.stringify({ mode, ms: Math.round(performance.now() - t0), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), ...extra }));

/** Peak memory of the Astro build, which runs in its own process. */
function astroRss(): number {
  return existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : 0;
}
const rssFile = path.join(tmpdir(), `panel-astro-rss-${process.pid}`);
process.env.PANEL_RSS_FILE = rssFile;

/**
 * CPU time (user + system, ms) of this process and of its children that have ended (the Astro build), from
 * /proc (Linux; null elsewhere): less shaken than wall time by other work on a shared machine.
 */
function cpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
    // Fields 14-17 of stat (utime, stime, cutime, cstime), counted from field 3 after the name; clock ticks of 10 ms.
    return (f[11] + f[12] + f[13] + f[14]) * 10;
  } catch {
    return null;
  }
}

if (mode === 'site') {
  const cpu0 = cpuMs();
  const t0 = performance.now();
  const r = await buildSite({ root: a, asOf: b, dist: c, pdf: false, quiet: true });
  const cpu1 = cpuMs();
  done({ pages: r.pages, astroPeakMb: astroRss(), cpuMs: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 }, t0);
} else if (mode === 'bare') {
  // A minimal Astro project beside the real one (so it resolves the same node_modules).
  const project = path.join(REPO, '.bench', 'bare-astro');
  mkdirSync(path.join(project, 'src', 'pages', 'p'), { recursive: true });
  writeFileSync(path.join(project, 'astro.config.mjs'), "import { defineConfig } from 'astro/config';\nexport default defineConfig({ output: 'static' });\n");
  writeFileSync(
    path.join(project, 'src', 'pages', 'p', '[n].astro'),
    `---\nexport function getStaticPaths() { return Array.from({ length: ${Number(a)} }, (_, i) => ({ params: { n: String(i) } })); }\n---\n<html><body><p>{Astro.params.n}</p></body></html>\n`,
  );
  // Like for like with the site's figure, whose Astro build runs in a process of its own that starts Node
  // and imports Astro inside the clock (scripts/astro-build.mjs): the bare build too, whole, in a child
  // process (until 2026-11-30 it imported Astro in this process before its clock started, leaving out
  // about 1.1-1.5 s of CPU time that the site's figure carried).
  const script = `process.env.ASTRO_TELEMETRY_DISABLED = '1'; const { build } = await import('astro'); await build({ root: ${JSON.stringify(project)}, outDir: ${JSON.stringify(b)}, logLevel: 'error' }); console.log(JSON.stringify({ maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));`;
  const cpu0 = cpuMs();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const ms = Math.round(performance.now() - t0);
  const cpu1 = cpuMs();
  if (r.status !== 0) throw new Error(`bare Astro build failed (${r.status ?? r.signal})`);
  const { maxRssMb } = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
  console.log(JSON.stringify({ mode, ms, maxRssMb, pages: Number(a), cpuMs: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 }));
} else if (mode === 'pack') {
  const cpu = chromiumCpu();
  const t0 = performance.now();
  // As `panel pack` builds it (data/pack-build.ts): the pack's print page from the model (no site build), then the PDF.
  const r = await buildPack({ root: a, asOf: b, dist: c, variants: ['full'] });
  const ms = Math.round(performance.now() - t0);
  done({ siteMs: r.pagesMs, renderMs: ms - r.pagesMs, pdfPages: r.packs[0].pages, ...cpu() }, t0);
} else if (mode === 'paged') {
  const cpu = chromiumCpu();
  const server = await serveFolder(a);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  const t0 = performance.now();
  await page.goto(`${server.url}/pack/index.html`);
  await page.waitForFunction(() => document.documentElement.getAttribute('data-paged') === 'done', null, { timeout: 600_000, polling: 100 });
  const pages = await page.evaluate(() => document.querySelectorAll('.pagedjs_page').length);
  const ms = Math.round(performance.now() - t0);
  await browser.close();
  console.log(JSON.stringify({ mode, ms, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), pages, ...cpu() }));
  await server.close();
}
