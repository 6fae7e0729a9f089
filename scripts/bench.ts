/**
 * `npm run bench`: speed and memory figures (not tests). For `panel check` on 2,500 generated cases:
 * wall time and peak memory, next to just reading and parsing the same files (target: check under 1 s
 * and within 1.5x of parse), plus the whole command as a user runs it (process start included).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchStartup, printStartup } from './bench-startup.js';
import { writeSyntheticRoot } from './synthetic.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(mode: string, root: string) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, 'bench-check.ts'), mode, root], { cwd: repo, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${mode} failed: ${r.stderr}`);
    runs.push(JSON.parse(r.stdout.trim().split('\n').at(-1)!));
  }
  return { ms: median(runs.map((r) => r.ms)), maxRssMb: Math.max(...runs.map((r) => r.maxRssMb)), findings: runs[0].findings };
}

function wholeCommand(root: string) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [path.join(repo, 'bin/panel.js'), 'check', '--root', root, '--as-of', '2026-11-20', '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    times.push(performance.now() - t0);
    if (r.status === null || r.status > 1) throw new Error(r.stderr);
  }
  return Math.round(median(times));
}

// Start-up first: `panel rules` against bare `node -e 0`, whole processes (scripts/bench-startup.ts).
printStartup(benchStartup());
console.log();

const dir = mkdtempSync(path.join(tmpdir(), 'panel-bench-'));
try {
  const n = Number(process.env.BENCH_CASES ?? 2500);
  const root = writeSyntheticRoot(dir, n);
  console.log(`panel check on ${n} generated cases (median of ${RUNS} runs, each in a fresh process)`);
  const parse = measure('parse', root);
  const check = measure('check', root);
  const cli = wholeCommand(root);
  // The pull-request gate: the same root as a git repository whose last commit changed one case file.
  const git = (...args: string[]) => spawnSync('git', args, { cwd: root, env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@example.org', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@example.org' } });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  appendFileSync(path.join(root, 'cases', readdirSync(path.join(root, 'cases')).sort()[0]), '\nA note.\n');
  git('commit', '-q', '-a', '-m', 'one file changed');
  const since = measure('since', root);
  const ratio = check.ms / parse.ms;
  console.table([
    { what: 'read + parse only (baseline)', 'time ms': parse.ms, 'peak MB': parse.maxRssMb },
    { what: 'check: read, validate, all rules, JSON', 'time ms': check.ms, 'peak MB': check.maxRssMb, findings: check.findings },
    { what: '`panel check` command incl. process start', 'time ms': cli },
    { what: 'check --since: + the base from git, checked and compared', 'time ms': since.ms, 'peak MB': since.maxRssMb },
  ]);
  console.log(`check --since / check = ${(since.ms / check.ms).toFixed(2)}x (target <= 2.5x: two checks and one git read)`);
  console.log(`check / parse = ${ratio.toFixed(2)}x (target <= 1.5x); check ${check.ms} ms (target < 1000 ms): ${ratio <= 1.5 && check.ms < 1000 ? 'MET' : 'NOT MET'}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// The other figures, each in its own process: import from the SSDA903 return, the audit trail from git,
// and the site and PDF pack builds. BENCH_ONLY=check skips them.
if (process.env.BENCH_ONLY !== 'check') {
  for (const script of ['bench-import.ts', 'bench-history.ts', 'bench-build.ts']) {
    console.log(`\n== ${script} ==`);
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, script)], { cwd: repo, stdio: 'inherit' });
    if (r.status !== 0) console.log(`${script} did not finish (exit ${r.status ?? r.signal})`);
  }
}
