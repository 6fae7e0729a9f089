/**
 * `npx tsx scripts/bench-import.ts [--quick]`: speed figures (not a test) for the SSDA903 import, gathered
 * by `npm run bench` (the `BENCH_ROW {json}` lines). The work: `panel import 903` of the synthetic return
 * (tests/fixtures/ssda903-fake, 1,397 children looked after at 2018-03-31) into an empty data root, then
 * `panel check` of what it wrote: two whole processes, as an administrator runs them.
 *
 * Baselines, side by side:
 * - recorded: the sector's Python validator (csv-validator-be-903, all 293 rules on the same files) took
 *   3.2 s on this machine class (issue 14). It cannot be installed here (no PyPI), so that figure is
 *   RECORDED, NOT MEASURED; the target, half of it (1.6 s), comes from it.
 * - measured in the same run: bare Node doing the least the two commands must do, with the same libraries:
 *   read and parse the return's CSVs (csv-parse), write one small file per child looked after (temporary
 *   file and rename, no fsync), then read every file back and parse its YAML (js-yaml). It says how near
 *   the engine the commands are; the ratio is printed.
 * Baseline and measured runs are interleaved (baseline, measured, ...), so other work on a shared machine
 * slows both alike; medians of BENCH_RUNS runs (default 5, --quick 3). CPU time (user + system) of each is
 * printed too: on a loaded machine it moves less than wall time.
 *
 * Every run writes into a folder of its own, and the folders are removed only at the end. Removing each
 * run's 1,400 files before the next run made the next run's file creation several times slower, for the
 * baseline and the import alike: this machine's ext4 has no journal, and without one the kernel skips every
 * inode freed in the last minute when it allocates a new one (fs/ext4/ialloc.c, recently_deleted), scanning
 * them from the start of the block group for each file created. An administrator's import does not follow
 * the deletion of thousands of files a second earlier; the bench no longer makes it.
 *
 * Internal: `bench-import.ts --run <root> [--dry-run]` is one import in process, printing one JSON line.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const RETURN = path.join(repo, 'tests/fixtures/ssda903-fake');
const AS_OF = '2018-03-31';
const PYTHON_RECORDED_MS = 3200;
const TARGET_MS = PYTHON_RECORDED_MS / 2;

if (process.argv[2] === '--run') {
  const { runImport903 } = await import('../src/cli/import903.js');
  const root = process.argv[3];
  const dryRun = process.argv[4] === '--dry-run';
  let bytes = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const code = await runImport903(RETURN, { root, asOf: AS_OF, dryRun }, { out: (s) => (bytes += s.length), err: process.stderr });
  const ms = Math.round(performance.now() - t0);
  const cpu = process.cpuUsage(cpu0);
  console.log(JSON.stringify({ ms, cpuMs: Math.round((cpu.user + cpu.system) / 1000), code, reportBytes: bytes, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
  process.exit(0);
}

/** The bare-Node baseline, as a plain .mjs (no TypeScript loader: its start-up would flatter the product). */
const BASELINE = `
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
const require = createRequire(${JSON.stringify(path.join(repo, 'package.json'))});
const { parse } = require('csv-parse/sync');
const yaml = require('js-yaml');
const [folder, root] = process.argv.slice(2);
const read = (name) => parse(readFileSync(path.join(folder, name), 'utf8'), { bom: true, info: true, trim: true, skip_empty_lines: true, relax_column_count: true });
const header = read('header.csv');
const episodes = read('episodes.csv');
const reviews = read('reviews.csv');
read('placed_for_adoption.csv');
read('ad1.csv');
// Children with an episode open at the as-of date (about the 1,397 the import writes; it also drops overlapping rows).
const dmy = (s) => s.slice(6) + '-' + s.slice(3, 5) + '-' + s.slice(0, 2);
const open = new Map();
for (const { record: r } of episodes.slice(1)) if (r[1] && dmy(r[1]) <= '${AS_OF}' && (!r[7] || dmy(r[7]) > '${AS_OF}')) open.set(r[0], dmy(r[1]));
const byChild = new Map();
for (const { record: r } of reviews.slice(1)) byChild.set(r[0], [...(byChild.get(r[0]) ?? []), dmy(r[2])]);
const dir = path.join(root, 'cases');
mkdirSync(dir, { recursive: true });
for (const { record: r } of header.slice(1)) {
  if (!open.has(r[0])) continue;
  const text = '---\\nid: "' + r[0] + '"\\nname: Child ' + r[0] + '\\ndob: ' + dmy(r[2]) + '\\nlooked_after:\\n  start: ' + open.get(r[0]) + '\\nreviews: [' + (byChild.get(r[0]) ?? []).join(', ') + ']\\n---\\n\\n## Background\\n';
  const temp = path.join(dir, '.' + r[0] + '.md.tmp');
  writeFileSync(temp, text);
  renameSync(temp, path.join(dir, r[0] + '.md'));
}
let n = 0;
for (const name of readdirSync(dir)) {
  const text = readFileSync(path.join(dir, name), 'utf8');
  const end = text.indexOf('\\n---', 4);
  if (yaml.load(text.slice(4, end))) n++;
}
console.log(n);
`;

const QUICK = process.argv.includes('--quick');
const RUNS = Number(process.env.BENCH_RUNS ?? (QUICK ? 3 : 5));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** One whole process, wall time only (where bash is missing). */
function wall(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: repo, stdio: 'ignore' });
  if (r.status === null || r.status > 1) throw new Error(`${args.join(' ')} failed (${r.status ?? r.signal})`);
  return performance.now() - t0;
}

/** One whole process: wall time, and its user + system CPU time as bash's `time` reports it. */
function cpuOf(args: string[]): { ms: number; cpuMs: number } {
  // `time` from bash reports the child's own user+system time; fall back to wall time alone without bash.
  const script = `TIMEFORMAT='%R %U %S'; time ${[process.execPath, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ')} >/dev/null 2>&1`;
  const r = spawnSync('bash', ['-c', script], { cwd: repo, encoding: 'utf8' });
  const m = /([\d.]+) ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? '');
  if (r.status === null || !m) return { ms: wall(args), cpuMs: NaN };
  return { ms: Number(m[1]) * 1000, cpuMs: (Number(m[2]) + Number(m[3])) * 1000 };
}

const dir = mkdtempSync(path.join(tmpdir(), 'panel-bench-import-'));
try {
  const baselineScript = path.join(dir, 'baseline.mjs');
  writeFileSync(baselineScript, BASELINE);
  const panel = path.join(repo, 'bin/panel.js');
  cpuOf([panel, 'rules']); // builds the compiled command once if its sources changed (not counted)
  const base: { ms: number; cpuMs: number }[] = [];
  const imports: { ms: number; cpuMs: number }[] = [];
  const checks: { ms: number; cpuMs: number }[] = [];
  const inProcess: { ms: number; cpuMs: number }[] = [];
  const dryRuns: { ms: number; cpuMs: number }[] = [];
  let files = 0;
  let baselineFiles = 0;
  for (let i = -1; i < RUNS; i++) {
    // i = -1 warms the file cache for both; not counted.
    const a = path.join(dir, `base${i}`);
    const b = path.join(dir, `panel${i}`);
    const c = path.join(dir, `inproc${i}`);
    const e = path.join(dir, `dry${i}`);
    for (const d of [a, b, c, e]) mkdirSync(d, { recursive: true });
    const bl = cpuOf([baselineScript, RETURN, a]);
    const im = cpuOf([panel, 'import', '903', RETURN, '--root', b, '--as-of', AS_OF]);
    const ch = cpuOf([panel, 'check', '--root', b, '--as-of', AS_OF, '--format', 'json']);
    if (i >= 0) {
      base.push(bl);
      imports.push(im);
      checks.push(ch);
      const one = JSON.parse(spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--run', c], { cwd: repo, encoding: 'utf8' }).stdout.trim().split('\n').at(-1)!);
      inProcess.push({ ms: one.ms, cpuMs: one.cpuMs });
      const dry = JSON.parse(spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--run', e, '--dry-run'], { cwd: repo, encoding: 'utf8' }).stdout.trim().split('\n').at(-1)!);
      dryRuns.push({ ms: dry.ms, cpuMs: dry.cpuMs });
    }
    files = readdirSync(path.join(b, 'cases')).filter((f) => f.endsWith('.md')).length;
    baselineFiles = readdirSync(path.join(a, 'cases')).length;
    // Not removed until the end (see above): `finally` removes the whole folder.
  }
  const total = imports.map((x, i) => x.ms + checks[i].ms);
  const totalCpu = imports.map((x, i) => x.cpuMs + checks[i].cpuMs);
  const m = median(total);
  const mCpu = median(totalCpu);
  const bm = median(base.map((x) => x.ms));
  const bmCpu = median(base.map((x) => x.cpuMs));
  const row = (what: string, xs: { ms: number; cpuMs: number }[]) => ({ what, 'wall ms': Math.round(median(xs.map((x) => x.ms))), 'cpu ms': Math.round(median(xs.map((x) => x.cpuMs))) });
  console.log(`SSDA903 import + check of the synthetic return (${files} case files at ${AS_OF}; baseline wrote ${baselineFiles}), median of ${RUNS} interleaved runs, load average ${loadavg()[0].toFixed(1)}`);
  console.table([
    row('baseline: bare node, read+parse CSVs, write files, read+parse YAML (one process)', base),
    row('`panel import 903` (whole process)', imports),
    row('`panel check` (whole process)', checks),
    { what: '`panel import 903` + `panel check`', 'wall ms': Math.round(m), 'cpu ms': Math.round(median(totalCpu)) },
    row('import in process: read, map, write (temp files, one flush, link/rename)', inProcess),
    row('import in process --dry-run: read, map, report (no writes)', dryRuns),
  ]);
  const met = m < TARGET_MS;
  console.log(
    `import + check ${seconds(m)} (CPU ${seconds(mCpu)}); Python validator ${seconds(PYTHON_RECORDED_MS)} RECORDED (issue 14, not measured here); target < ${seconds(TARGET_MS)}: ${met ? 'MET' : 'NOT MET'}; ` +
      `bare-node baseline measured ${seconds(bm)} (CPU ${seconds(bmCpu)}; ${(m / bm).toFixed(1)}x)`,
  );
  console.log(
    `BENCH_ROW ${JSON.stringify({
      work: `\`panel import 903\` + \`panel check\`, synthetic return (${files.toLocaleString('en-GB')} children)`,
      measured: `${seconds(m)}, CPU ${seconds(mCpu)} (${(m / bm).toFixed(1)}x the bare-node baseline)`,
      baseline: `Python validator ${seconds(PYTHON_RECORDED_MS)}: recorded in issue 14, not measured (not installable here); bare node reading, writing and parsing the same files: ${seconds(bm)}, CPU ${seconds(bmCpu)}, measured`,
      target: `< ${seconds(TARGET_MS)} (half the recorded Python figure)`,
      met,
    })}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
