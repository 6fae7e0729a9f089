/**
 * `npx tsx scripts/bench-import.ts`: speed and memory figures (not a test) for the SSDA903 import. Imports
 * the whole synthetic return (tests/fixtures/ssda903-fake) into an empty temporary data root at 2018-03-31,
 * then runs `panel check` on what it wrote. Each measured run is a fresh process, so peak memory is its own;
 * the figures are medians of BENCH_RUNS runs (default 3). Target: import and check each under 3 s.
 *
 * Internal use: `bench-import.ts --run <root> [--dry-run]` is one measured import, printing one JSON line.
 * The dry run reads and maps everything and writes nothing: the difference is the cost of writing the
 * files safely (a temporary file, fsync, rename, per file), which depends on the disk more than the code.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const RETURN = path.join(repo, 'tests/fixtures/ssda903-fake');
const AS_OF = '2018-03-31';
const TARGET_MS = 3000;

if (process.argv[2] === '--run') {
  const { runImport903 } = await import('../src/cli/import903.js');
  const root = process.argv[3];
  const dryRun = process.argv[4] === '--dry-run';
  let bytes = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const code = runImport903(RETURN, { root, asOf: AS_OF, dryRun }, { out: (s) => (bytes += s.length), err: process.stderr });
  const ms = Math.round(performance.now() - t0);
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
  console.log(JSON.stringify({ ms, cpuMs, code, reportBytes: bytes, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
  process.exit(0);
}

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const node = (args: string[]) => {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - t0;
  if (r.status === null || r.status > 1) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { ms, stdout: r.stdout };
};
const lastJson = (s: string) => JSON.parse(s.trim().split('\n').at(-1)!);

const dir = mkdtempSync(path.join(tmpdir(), 'panel-bench-import-'));
try {
  const imports = [];
  const dryRuns = [];
  const importCommands = [];
  const checks = [];
  const checkCommands = [];
  let files = 0;
  for (let i = 0; i < RUNS; i++) {
    // The import in-process (its own fresh process), then the whole command, each into an empty root.
    const a = path.join(dir, `a${i}`);
    const b = path.join(dir, `b${i}`);
    for (const d of [a, b]) rmSync(d, { recursive: true, force: true });
    spawnSync('mkdir', ['-p', a, b]);
    dryRuns.push(lastJson(node(['--import', 'tsx', fileURLToPath(import.meta.url), '--run', a, '--dry-run']).stdout));
    imports.push(lastJson(node(['--import', 'tsx', fileURLToPath(import.meta.url), '--run', a]).stdout));
    importCommands.push(node([path.join(repo, 'bin/panel.js'), 'import', '903', RETURN, '--root', b, '--as-of', AS_OF]).ms);
    files = readdirSync(path.join(a, 'cases')).length;
    checks.push(lastJson(node(['--import', 'tsx', path.join(here, 'bench-check.ts'), 'check', a, AS_OF]).stdout));
    checkCommands.push(node([path.join(repo, 'bin/panel.js'), 'check', '--root', a, '--as-of', AS_OF, '--format', 'json']).ms);
  }
  const importMs = median(imports.map((r) => r.ms));
  const checkMs = median(checks.map((r) => r.ms));
  console.log(`SSDA903 import of the synthetic return (${files} case files written at ${AS_OF}), median of ${RUNS} runs, each in a fresh process`);
  console.table([
    { what: 'import --dry-run: read CSVs, map, report (no writes)', 'time ms': median(dryRuns.map((r) => r.ms)), 'cpu ms': median(dryRuns.map((r) => r.cpuMs)), 'peak MB': Math.max(...dryRuns.map((r) => r.maxRssMb)) },
    { what: 'import: the same, and write each file safely (temp, fsync, rename)', 'time ms': importMs, 'cpu ms': median(imports.map((r) => r.cpuMs)), 'peak MB': Math.max(...imports.map((r) => r.maxRssMb)) },
    { what: '`panel import 903` command incl. process start', 'time ms': Math.round(median(importCommands)) },
    { what: 'check: read, validate, all rules, JSON', 'time ms': checkMs, 'peak MB': Math.max(...checks.map((r) => r.maxRssMb)), findings: checks[0].findings },
    { what: '`panel check` command incl. process start', 'time ms': Math.round(median(checkCommands)) },
  ]);
  const met = (ms: number) => (ms < TARGET_MS ? 'MET' : 'NOT MET');
  console.log(`import ${importMs} ms (target < ${TARGET_MS} ms): ${met(importMs)}; check ${checkMs} ms (target < ${TARGET_MS} ms): ${met(checkMs)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
