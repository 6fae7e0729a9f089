/**
 * `npm run bench`: every speed and memory figure of the project, each beside a baseline measured in the
 * same run, its target, and MET or NOT MET, printed as the markdown table the README's performance
 * section holds. Figures, never tests: `npm test` runs none of this.
 *
 *   npm run bench                      everything (several minutes on 2 cores)
 *   npm run bench -- --quick           fewer runs, smaller pack, no national-scale site
 *   npm run bench -- --readme          also writes the table into README.md (between the bench markers)
 *   npm run bench -- --only=check,history   some figures only (startup, check, import, history, build, national)
 *   npm run bench -- --national-site   also builds the 84,000-child site (long: tens of minutes) and prints it
 *
 * Each sub-bench (bench-history.ts, bench-build.ts, bench-import.ts, bench-national.ts) prints its own
 * tables, then one line `BENCH_ROW {json}` per figure, which this script gathers. Whole processes are timed
 * against whole processes, interleaved (baseline, measured, baseline, measured ...) so that other work on
 * a shared machine slows both alike; medians are reported.
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchStartup, printStartup } from './bench-startup.js';
import { writeSyntheticRoot } from './synthetic.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const ONLY = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const wanted = (name: string) => !ONLY || ONLY.includes(name);
const RUNS = Number(process.env.BENCH_RUNS ?? (QUICK ? 3 : 7));

export interface BenchRow {
  work: string;
  measured: string;
  baseline: string;
  target: string;
  met: boolean;
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
export const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

/** Wall time of one whole process, output discarded. */
function timeProcess(cmd: string, argv: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, { cwd: repo, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28 });
  const ms = performance.now() - t0;
  if (r.status === null || r.status > 1) throw new Error(`${cmd} ${argv.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr}`);
  return ms;
}

/** Baseline and measured, interleaved, `runs` times each: medians. */
function sideBySide(baseline: () => number, measured: () => number, runs = RUNS) {
  const b: number[] = [];
  const m: number[] = [];
  baseline(); // one warm-up of each (file cache, node's compile cache), not counted
  measured();
  for (let i = 0; i < runs; i++) {
    b.push(baseline());
    m.push(measured());
  }
  return { baseline: median(b), measured: median(m) };
}

const rows: BenchRow[] = [];
const panel = path.join(repo, 'bin', 'panel.js');

if (wanted('startup')) {
  // scripts/bench-startup.ts (the compiled command brought up to date first, one untimed run).
  const f = benchStartup(QUICK ? 7 : 15);
  printStartup(f);
  rows.push({ work: '`panel rules` (start-up)', measured: `${seconds(f.rulesMs)} (${(f.rulesMs / f.nodeMs).toFixed(2)}x)`, baseline: `\`node -e 0\`: ${seconds(f.nodeMs)}`, target: `< ${seconds(f.targetMs)}`, met: f.met });
}

if (wanted('check')) {
  const dir = mkdtempSync(path.join(tmpdir(), 'panel-bench-check-'));
  try {
    const n = 2500;
    const root = writeSyntheticRoot(dir, n);
    const r = sideBySide(
      () => timeProcess(process.execPath, [path.join(here, 'bench-baseline-parse.mjs'), root]),
      () => timeProcess(process.execPath, [panel, 'check', '--root', root, '--as-of', '2026-11-20', '--format', 'json']),
    );
    const ratio = r.measured / r.baseline;
    console.log(`panel check, ${n} cases: ${Math.round(r.measured)} ms; read + js-yaml parse: ${Math.round(r.baseline)} ms (${ratio.toFixed(2)}x, median of ${RUNS}, whole processes)`);
    // In-process figures too (no process start on either side), for where the time goes.
    const inProcess = (mode: string) => {
      const out = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, 'bench-check.ts'), mode, root], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 28 });
      if (out.status !== 0) throw new Error(out.stderr);
      return JSON.parse(out.stdout.trim().split('\n').at(-1)!);
    };
    const parse = [];
    const check = [];
    for (let i = 0; i < Math.min(RUNS, 3); i++) {
      parse.push(inProcess('parse'));
      check.push(inProcess('check'));
    }
    const pm = median(parse.map((x) => x.ms));
    const cm = median(check.map((x) => x.ms));
    console.log(`  in-process: check ${cm} ms (peak ${Math.max(...check.map((x) => x.maxRssMb))} MB, ${check[0].findings} findings) vs read + parse ${pm} ms (${(cm / pm).toFixed(2)}x)`);
    rows.push({
      work: `\`panel check\`, ${n.toLocaleString('en-GB')} generated cases (whole process)`,
      measured: `${seconds(r.measured)} (in-process ${seconds(cm)})`,
      baseline: `node reading the files, parsing with js-yaml: ${seconds(r.baseline)} (in-process ${seconds(pm)})`,
      target: '<= 1.5x',
      met: ratio <= 1.5,
    });
    rows.at(-1)!.measured += `, ${ratio.toFixed(2)}x`;

    // The pull-request gate: the same root as a git repository whose last commit changed one case file.
    const git = (...argv: string[]) => spawnSync('git', argv, { cwd: root, env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@example.org', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@example.org' } });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    appendFileSync(path.join(root, 'cases', readdirSync(path.join(root, 'cases')).sort()[0]), '\nA note.\n');
    git('commit', '-q', '-a', '-m', 'one file changed');
    const since = [];
    for (let i = 0; i < Math.min(RUNS, 3); i++) since.push(inProcess('since'));
    const sm = median(since.map((x) => x.ms));
    console.log(`  check --since HEAD~1 (in-process): ${sm} ms, ${(sm / cm).toFixed(2)}x check`);
    rows.push({ work: '`panel check --since` (the pull-request gate), same cases, in-process', measured: `${seconds(sm)}, ${(sm / cm).toFixed(2)}x`, baseline: `\`panel check\` in-process: ${seconds(cm)}`, target: '<= 2.5x (two checks and one git read)', met: sm / cm <= 2.5 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs a sub-bench, passing its output through and gathering its BENCH_ROW lines. */
function subBench(script: string, extra: string[] = []): Promise<BenchRow[]> {
  console.log(`\n== ${script} ==`);
  return new Promise((resolve) => {
    const found: BenchRow[] = [];
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, script), ...(QUICK ? ['--quick'] : []), ...extra], { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] });
    let tail = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      const lines = (tail + text).split('\n');
      tail = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('BENCH_ROW ')) found.push(JSON.parse(line.slice('BENCH_ROW '.length)));
        else console.log(line);
      }
    });
    child.on('close', (code, signal) => {
      if (tail) console.log(tail);
      if (code !== 0) console.log(`${script} did not finish (exit ${code ?? signal})`);
      resolve(found);
    });
  });
}

const subs: [string, string, string[]][] = [
  ['import', 'bench-import.ts', []],
  ['history', 'bench-history.ts', []],
  ['build', 'bench-build.ts', []],
  ['national', 'bench-national.ts', args.includes('--national-site') ? ['--site'] : []],
];
for (const [name, script, extra] of subs) {
  if (!wanted(name)) continue;
  const found = await subBench(script, extra);
  if (!found.length) rows.push({ work: `(${script})`, measured: 'no figure printed', baseline: '', target: '', met: false });
  rows.push(...found);
}

const cell = (s: string) => s.replace(/\|/g, '\\|');
const table = [
  '| work | measured | baseline, same run | target | result |',
  '|---|---|---|---|---|',
  ...rows.map((r) => `| ${cell(r.work)} | ${cell(r.measured)} | ${cell(r.baseline)} | ${cell(r.target)} | ${r.met ? 'MET' : '**NOT MET**'} |`),
].join('\n');
const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
const header = `Measured by \`npm run bench${QUICK ? ' -- --quick' : ''}\` on ${when} UTC: ${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}), load average ${loadavg()[0].toFixed(1)} at the end, Node ${process.version}. Medians of ${RUNS} runs unless a row says otherwise.`;
console.log(`\n${header}\n\n${table}\n`);

if (args.includes('--readme')) {
  const readmePath = path.join(repo, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const start = '<!-- bench:start (generated by npm run bench -- --readme) -->';
  const end = '<!-- bench:end -->';
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) {
    console.error(`README.md has no bench markers (${start} ... ${end}): table not written`);
    process.exitCode = 1;
  } else {
    writeFileSync(readmePath, `${readme.slice(0, a + start.length)}\n${header}\n\n${table}\n${readme.slice(b)}`);
    console.log('README.md: performance table written.');
  }
}
