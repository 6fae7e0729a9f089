/**
 * Build figures (printed, never asserted): the site for 250 and 2,500 generated cases next to a bare Astro
 * build of as many empty pages (target: 2,500 cases under 8 s and 600 MB), and the PDF pack for 60 and 250
 * children as `panel pack` builds it (its print page from the model, no site build; page and PDF timed), next to
 * the same HTML paginated by bare Paged.js (target: no slower; interleaved, medians of 5 runs for 60 children).
 * `--pack-only`: the pack rows alone.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_PATH } from '../src/data/pack-pdf.js';
import { buildPackageStyles } from '../src/styles/precompile.mjs';
import { writeSyntheticRoot } from './synthetic.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');

function child(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, 'bench-build-child.ts'), ...args], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${args[0]} failed: ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!);
}

const quick = process.argv.includes('--quick');
/** `--site-only`: the site rows alone (no pack), e.g. while working on the site build. */
const siteOnly = process.argv.includes('--site-only');
/** `--pack-only`: the pack rows alone (no site rows). */
const packOnly = process.argv.includes('--pack-only');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
/** One figure for `npm run bench` (scripts/bench.ts gathers these lines into the README table). */
const benchRow = (row: { work: string; measured: string; baseline: string; target: string; met: boolean }) => console.log(`BENCH_ROW ${JSON.stringify(row)}`);
const benchRows: Parameters<typeof benchRow>[0][] = [];

const tmp = mkdtempSync(path.join(tmpdir(), 'panel-bench-build-'));
// The site's stylesheet as the package ships it (lib/styles/, compiled when the package is packed, or by the
// first build in a checkout): a council's installed panel compiles no Sass, so neither does the measured build.
if (!packOnly) await buildPackageStyles();
try {
  const siteRows = [];
  // One untimed build of 5 children first, as the check's rows warm up: the first build after the sources
  // change brings the site's prebuilt modules up to date (a council's installed package ships them built),
  // and in the full bench of 1 Dec 2026 that first build of 250 children took 15.1 s against 4.1-4.6 s after.
  if (!packOnly) child('site', writeSyntheticRoot(path.join(tmp, 'site-warm-up'), 5), '2026-11-20', path.join(tmp, 'dist-warm-up'));
  for (const n of packOnly ? [] : (process.env.BENCH_SITE_CASES ?? '250,2500').split(',').map(Number)) {
    const root = writeSyntheticRoot(path.join(tmp, `site-${n}`), n);
    const site = child('site', root, '2026-11-20', path.join(tmp, `dist-${n}`));
    const bare = child('bare', String(n), path.join(tmp, `bare-${n}`));
    // CPU time (all processes of the build, user + system) printed beside, labelled: the target is the wall time's.
    const cpu = site.cpuMs != null && bare.cpuMs != null ? `; CPU ${seconds(site.cpuMs)} vs ${seconds(bare.cpuMs)}` : '';
    benchRows.push({ work: `site build, ${n.toLocaleString('en-GB')} generated children (no pack)`, measured: `${seconds(site.ms)}, ${(site.ms / bare.ms).toFixed(2)}x, ${Math.max(site.maxRssMb, site.astroPeakMb)} MB${cpu}`, baseline: `bare Astro, ${n.toLocaleString('en-GB')} pages: ${seconds(bare.ms)}`, target: '<= 2x', met: site.ms <= 2 * bare.ms });
    siteRows.push({ cases: n, 'site ms': site.ms, 'site CPU ms': site.cpuMs, 'site peak MB': Math.max(site.maxRssMb, site.astroPeakMb), pages: site.pages, 'bare Astro ms': bare.ms, 'bare CPU ms': bare.cpuMs, 'bare peak MB': bare.maxRssMb, ratio: (site.ms / bare.ms).toFixed(2) });
  }
  if (siteRows.length) {
    console.log('Site build (generated cases; fresh process each)');
    console.table(siteRows);
  }

  if (siteOnly) console.log('Pack: not measured (--site-only)');
  else if (!existsSync(CHROMIUM_PATH)) console.log(`Pack: skipped, no Chromium at ${CHROMIUM_PATH}`);
  else {
    const packRows = [];
    for (const n of (process.env.BENCH_PACK_CHILDREN ?? (quick ? '60' : '60,250')).split(',').map(Number)) {
      // Read long after the synthetic data ends, every child is due at the next panel: n children in the pack.
      const root = writeSyntheticRoot(path.join(tmp, `pack-${n}`), n);
      const dist = path.join(tmp, `pack-dist-${n}`);
      // Interleaved (the pack, which writes the HTML, then bare Paged.js on it, and again), so that other work
      // on a shared machine slows both alike: the median of each (BENCH_PACK_RUNS, default 5 for a pack of up
      // to 100 children, else 1; 1 with --quick). Until 2026-11-30 one run of each; 3 for a while that day.
      const runs = Number(process.env.BENCH_PACK_RUNS ?? (quick || n > 100 ? 1 : 5));
      const packs: ReturnType<typeof child>[] = [];
      const pageds: ReturnType<typeof child>[] = [];
      for (let run = 0; run < runs; run++) {
        packs.push(child('pack', root, '2027-06-01', dist));
        pageds.push(child('paged', dist));
      }
      const byTotal = (r: { siteMs: number; renderMs: number }) => r.siteMs + r.renderMs;
      const pack = [...packs].sort((x, y) => byTotal(x) - byTotal(y))[(runs - 1) >> 1];
      const paged = [...pageds].sort((x, y) => x.ms - y.ms)[(runs - 1) >> 1];
      if (runs > 1) console.log(`pack, ${n} children, ${runs} runs each (ms): panel pack ${packs.map(byTotal).join(', ')}; bare Paged.js ${pageds.map((r) => r.ms).join(', ')}`);
      benchRows.push({ work: `panel pack, ${n} children (${pack.pdfPages} pages), its page build included`, measured: `${seconds(pack.siteMs + pack.renderMs)} (page ${seconds(pack.siteMs)} + PDF ${seconds(pack.renderMs)})${runs > 1 ? `, median of ${runs}` : ''}`, baseline: `bare Paged.js, the same HTML: ${seconds(paged.ms)}${runs > 1 ? `, median of ${runs}` : ''}`, target: '<= 1x', met: pack.siteMs + pack.renderMs <= paged.ms });
      const total = pack.siteMs + pack.renderMs;
      packRows.push({
        children: n,
        'PDF pages': pack.pdfPages,
        'print page ms (from the model)': pack.siteMs,
        'paginate + print + join ms': pack.renderMs,
        'total ms': total,
        'bare Paged.js ms (same HTML, one document, no print)': paged.ms,
        ratio: (total / paged.ms).toFixed(2),
        'target <= 1.00': total <= paged.ms ? 'MET' : 'NOT MET',
        'peak MB': pack.maxRssMb,
        // The machine is shared: CPU time beside wall time (Chromium's processes; panel's own node process).
        'CPU ms: Chromium + node (pack; bare)': `${pack.chromiumCpuMs} + ${pack.nodeCpuMs}; ${paged.chromiumCpuMs} + ${paged.nodeCpuMs}`,
      });
    }
    console.log(`PDF pack as \`panel pack\` builds it: its print page written from the model, the pack paginated in parallel chunks (${availableParallelism()} at once) and joined, against bare Paged.js paginating the same pack HTML as one document`);
    console.table(packRows);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
for (const row of benchRows) benchRow(row);
