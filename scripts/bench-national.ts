/**
 * National scale, simulated: 84,000 generated children (about every child looked after in England) in one
 * data root. `panel check` as a user runs it, whole process, its wall time and peak memory (target: under
 * 15 s and 1.5 GB), beside node reading and parsing the same files (the floor). With `--site`, also the
 * site build of all 84,000 children, its time and peak memory printed (long: opt-in, not in the default run).
 *
 *   npx tsx scripts/bench-national.ts [--quick] [--site] [--children N]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSyntheticRoot } from './synthetic.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const args = process.argv.slice(2);
const n = Number(args[args.indexOf('--children') + 1] || 0) || 84_000;
const RUNS = args.includes('--quick') ? 1 : 3;
const TIME = '/usr/bin/time';

/**
 * One whole process: wall ms, and from /usr/bin/time its peak memory (MB) and CPU time (user + system, all
 * threads: on a shared machine the wall time depends on the other work, the CPU time much less).
 */
function run(argv: string[], env: NodeJS.ProcessEnv = process.env): { ms: number; peakMb: number | null; cpuMs: number | null } {
  const withTime = existsSync(TIME);
  const t0 = performance.now();
  const r = withTime
    ? spawnSync(TIME, ['-f', '%M %U %S', process.execPath, ...argv], { cwd: repo, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(process.execPath, argv, { cwd: repo, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - t0;
  const lines = r.stderr.trim().split('\n');
  if (r.status === null || r.status > 1) throw new Error(`${argv.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr.slice(-2000)}`);
  const [kb, user, sys] = (lines.at(-1) ?? '').split(' ').map(Number);
  return { ms, peakMb: withTime ? Math.round(kb / 1024) : null, cpuMs: withTime ? Math.round((user + sys) * 1000) : null };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const dir = mkdtempSync(path.join(tmpdir(), 'panel-bench-national-'));
try {
  const t0 = performance.now();
  const root = writeSyntheticRoot(dir, n);
  console.log(`National scale: ${n.toLocaleString('en-GB')} generated case files written in ${seconds(performance.now() - t0)}`);
  const checks = [];
  const parses = [];
  for (let i = 0; i < RUNS; i++) {
    parses.push(run([path.join(here, 'bench-baseline-parse.mjs'), root]));
    checks.push(run([path.join(repo, 'bin', 'panel.js'), 'check', '--root', root, '--as-of', '2026-11-20', '--format', 'json']));
  }
  const check = { ms: median(checks.map((c) => c.ms)), peakMb: Math.max(...checks.map((c) => c.peakMb ?? 0)), cpuMs: median(checks.map((c) => c.cpuMs ?? 0)) };
  const parse = { ms: median(parses.map((c) => c.ms)), peakMb: Math.max(...parses.map((c) => c.peakMb ?? 0)), cpuMs: median(parses.map((c) => c.cpuMs ?? 0)) };
  console.log(`panel check: ${Math.round(check.ms)} ms, peak ${check.peakMb} MB; read + js-yaml parse: ${Math.round(parse.ms)} ms, peak ${parse.peakMb} MB (median of ${RUNS}, whole processes)`);
  console.log(`  CPU time (user + system, all threads): panel check ${seconds(check.cpuMs)}, read + parse ${seconds(parse.cpuMs)}; load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} processors`);
  const met = check.ms < 15_000 && check.peakMb > 0 && check.peakMb < 1536;
  console.log(
    `BENCH_ROW ${JSON.stringify({
      work: `\`panel check\`, ${n.toLocaleString('en-GB')} generated children (national scale)`,
      measured: `${seconds(check.ms)}, ${check.peakMb} MB peak (CPU ${seconds(check.cpuMs)})`,
      baseline: `node reading the files, parsing with js-yaml: ${seconds(parse.ms)}, ${parse.peakMb} MB (CPU ${seconds(parse.cpuMs)})`,
      target: '< 15 s and < 1.5 GB',
      met,
    })}`,
  );

  if (args.includes('--site')) {
    const rssFile = path.join(dir, 'astro-rss');
    const dist = path.join(dir, 'dist');
    const env = { ...process.env, PANEL_ROOT: root, PANEL_AS_OF: '2026-11-20', PANEL_DIST: dist, PANEL_NO_PACK: '1', PANEL_BUILD_QUIET: '1', PANEL_RSS_FILE: rssFile };
    const site = run(['--import', 'tsx', path.join(here, 'build.ts')], env);
    const astroMb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : null;
    console.log(`site build of ${n} children: ${Math.round(site.ms)} ms, peak ${Math.max(site.peakMb ?? 0, astroMb ?? 0)} MB (Astro's process ${astroMb ?? '?'} MB)`);
    console.log(
      `BENCH_ROW ${JSON.stringify({
        work: `site build, ${n.toLocaleString('en-GB')} generated children (national scale; \`--national-site\`)`,
        measured: `${seconds(site.ms)}, ${Math.max(site.peakMb ?? 0, astroMb ?? 0)} MB peak`,
        baseline: 'printed, no target',
        target: 'printed',
        met: true,
      })}`,
    );
  } else {
    console.log('Site build at national scale: not run (opt-in: npm run bench -- --national-site; it takes tens of minutes on 2 cores).');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
