/**
 * `npx tsx scripts/bench-history.ts`: speed and memory of the audit trail (figures, not a test).
 *
 * Builds a deterministic repository with `git fast-import`: 2,500 synthetic case files, 20 versions each
 * (an initial import, then 19 rounds in which every file changes once, through pull requests of 10 files
 * each: a branch commit and a "Merge pull request #N" merge commit, as GitHub makes them), and 25 files
 * renamed half-way. Then times `readHistory` without its cache (one git log, one cat-file, every
 * field-level change of every version) in fresh processes, compiled exactly as the `panel` command is
 * (bin/build-cli.js's esbuild options, the worker thread as its own entry), beside git's own work on the same history (the
 * same `git log`, then `git cat-file --batch` of every blob it names, output discarded), interleaved; then
 * the daily case: one new commit, read with the cache (history-cache.ts) and without it. A row for the
 * record times the same cold read with every comparison in a worker thread (history-worker.ts).
 * BENCH_FILES, BENCH_VERSIONS and BENCH_RUNS change the sizes; `--quick` runs once; `--keep` leaves the
 * repository in place. Prints `BENCH_ROW` lines for `npm run bench`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { plusDays } from '../src/domain/dates.js';
import { ROUTES } from '../src/domain/codes.js';
import { prng } from './synthetic.js';

const here = path.dirname(fileURLToPath(import.meta.url));


const WORKERS = ['Worker A', 'Worker B', 'Worker C', 'Worker D', 'Worker E', 'Worker F'];
const LEGAL = ['C1', 'C2', 'E1', 'V2'];
const PLACEMENTS = ['U4', 'U6', 'U1', 'U3', 'K2', 'A5'];
const PARAGRAPH = 'Synthetic benchmark text about the child, not a real person. ';

interface State {
  id: string;
  dob: string;
  start: string;
  now: string;
  legal: string;
  placement: string;
  worker: string;
  reviews: string[];
  route: string;
  contingency: string;
  agreed: string | null;
  panel: { date: string; decision: string; actions: { action: string; owner: string; due: string; done: string | null }[] }[];
  body: string[];
}

function initialState(i: number, rnd: () => number): State {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const start = plusDays('2023-06-01', Math.floor(rnd() * 200));
  const state: State = {
    id: `S-${String(i).padStart(5, '0')}`,
    dob: plusDays(start, -1000 - Math.floor(rnd() * 4000)),
    start,
    now: plusDays(start, 200),
    legal: pick(LEGAL),
    placement: pick(PLACEMENTS),
    worker: pick(WORKERS),
    reviews: [plusDays(start, 18), plusDays(start, 100)],
    route: pick(ROUTES),
    contingency: pick(ROUTES),
    agreed: null,
    panel: [],
    body: ['## Background', PARAGRAPH.repeat(6), '## Wishes and feelings', PARAGRAPH.repeat(4)],
  };
  for (let d = plusDays(start, 10); d < state.now; d = plusDays(d, 35)) {
    state.panel.push({ date: d, decision: 'Plan reviewed; next steps agreed.', actions: [{ action: `Update the care plan ${d}`, owner: pick(WORKERS), due: plusDays(d, 14), done: plusDays(d, 10) }] });
  }
  return state;
}

/** One realistic edit: the kind of change a panel administrator makes in a pull request. */
function evolve(s: State, rnd: () => number): void {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  s.now = plusDays(s.now, 30);
  const open = s.panel.flatMap((p) => p.actions).find((a) => !a.done);
  const r = rnd();
  if (r < 0.3) s.panel.push({ date: s.now, decision: `Discussed at panel on ${s.now}; plan confirmed.`, actions: [{ action: `Follow up ${s.now}`, owner: pick(WORKERS), due: plusDays(s.now, 14), done: null }] });
  else if (r < 0.45 && open) open.done = s.now;
  else if (r < 0.55) s.reviews.push(s.now);
  else if (r < 0.62) s.legal = pick(LEGAL);
  else if (r < 0.69) s.placement = pick(PLACEMENTS);
  else if (r < 0.75) s.worker = pick(WORKERS);
  else if (r < 0.8) s.route = pick(ROUTES);
  else if (r < 0.85) s.agreed = s.now;
  else s.body.push(`Update ${s.now}: ${PARAGRAPH}`);
}

function render(s: State): string {
  return [
    '---',
    '# SYNTHETIC BENCHMARK DATA: not a real child.',
    `id: ${s.id}`,
    `name: Child ${s.id.slice(2)}`,
    `dob: ${s.dob}`,
    `social_worker: ${s.worker}`,
    'looked_after:',
    `  start: ${s.start}`,
    `  legal_status: ${s.legal}`,
    `  placement: ${s.placement}`,
    `reviews: [${s.reviews.join(', ')}]`,
    'plan:',
    `  route: ${s.route}`,
    `  contingency: ${s.contingency}`,
    `  agreed: ${s.agreed ?? 'null'}`,
    'panel:',
    ...s.panel.flatMap((p) => [
      `  - date: ${p.date}`,
      `    decision: ${p.decision}`,
      '    actions:',
      ...p.actions.flatMap((a) => [`      - action: ${a.action}`, `        owner: ${a.owner}`, `        due: ${a.due}`, `        done: ${a.done ?? 'null'}`]),
    ]),
    '---',
    ...s.body,
    '',
  ].join('\n');
}

/** Writes the repository through one `git fast-import`; returns the number of commits. */
async function buildRepository(dir: string, files: number, versions: number): Promise<number> {
  spawnSync('git', ['init', '-q', '-b', 'main', dir]);
  const fi = spawn('git', ['fast-import', '--quiet'], { cwd: dir, stdio: ['pipe', 'inherit', 'inherit'] });
  const write = async (s: string) => {
    if (!fi.stdin.write(s)) await once(fi.stdin, 'drain');
  };
  const rnd = prng(2026);
  const states = Array.from({ length: files }, (_, i) => initialState(i + 1, prng(903 * 100_003 + i)));
  const paths = states.map((s) => `cases/${s.id}.md`);
  let mark = 0;
  let main = 0;
  let time = Date.UTC(2024, 0, 1) / 1000;
  let pr = 0;
  const who = (name: string) => `${name} <${name.toLowerCase().replace(/\W+/g, '.')}@council.example> ${(time += 3600)} +0000`;
  const data = (s: string) => `data ${Buffer.byteLength(s)}\n${s}\n`;
  const modify = (p: string, text: string) => `M 100644 inline ${p}\n${data(text)}`;
  const commit = async (ref: string, author: string, message: string, body: string, parents: number[]) => {
    mark++;
    const by = who(author);
    await write(`commit ${ref}\nmark :${mark}\nauthor ${by}\ncommitter ${by}\n${data(message)}${parents[0] ? `from :${parents[0]}\n` : ''}${parents[1] ? `merge :${parents[1]}\n` : ''}${body}\n`);
    return mark;
  };

  for (let start = 0; start < files; start += 100) {
    const body = states.slice(start, start + 100).map((s, k) => modify(paths[start + k], render(s))).join('');
    main = await commit('refs/heads/main', 'Import Bot', `Import cases ${start + 1} to ${Math.min(start + 100, files)}`, body, [main]);
  }
  for (let round = 1; round < versions; round++) {
    if (round === Math.floor(versions / 2)) {
      const renames = [];
      for (let k = 0; k < Math.min(25, files); k++) {
        const i = Math.floor((k * files) / 25);
        const to = paths[i].replace('.md', '-R.md');
        renames.push(`R ${paths[i]} ${to}\n`);
        paths[i] = to;
      }
      main = await commit('refs/heads/main', 'Data Officer', 'Rename 25 case files', renames.join(''), [main]);
    }
    const order = states.map((_, i) => i).sort(() => rnd() - 0.5);
    for (let g = 0; g < order.length; g += 10) {
      const group = order.slice(g, g + 10);
      const body = group
        .map((i) => {
          evolve(states[i], rnd);
          return modify(paths[i], render(states[i]));
        })
        .join('');
      pr++;
      const worker = WORKERS[pr % WORKERS.length];
      const branch = await commit(`refs/heads/pr-${pr}`, worker, `Panel updates ${round}.${g / 10 + 1}`, body, [main]);
      main = await commit('refs/heads/main', 'Team Manager', `Merge pull request #${pr} from council/pr-${pr}`, body, [main, branch]);
    }
  }
  fi.stdin.end();
  await once(fi, 'close');
  spawnSync('git', ['reset', '-q', '--hard', 'main'], { cwd: dir });
  // Branch refs are left as merged PR branches usually are: deleted.
  spawnSync('sh', ['-c', "git for-each-ref --format='delete %(refname)' refs/heads/pr-* | git update-ref --stdin"], { cwd: dir });
  return mark;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** CPU seconds of this process and of the git processes it waited for (Linux /proc; null elsewhere). */
function cpuMs(): { self: number; children: number | null } {
  const u = process.cpuUsage();
  const self = Math.round((u.user + u.system) / 1000);
  if (!existsSync('/proc/self/stat')) return { self, children: null };
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return { self, children: Math.round(((Number(fields[13]) + Number(fields[14])) * 1000) / 100) };
}

/**
 * readHistory compiled as the command compiles it (bin/build-cli.js: esbuild, minified, the worker thread's
 * entry beside it), into a temporary folder: the bench times the code the command runs, not tsx's.
 */
async function compileHistory(dir: string): Promise<string> {
  const esbuild = await import('esbuild');
  // @ts-expect-error: plain JavaScript module without types
  const { bundleOptions } = await import('../bin/build-cli.js');
  await esbuild.build({
    ...bundleOptions(),
    entryPoints: { history: 'src/data/history.ts', 'history-worker': 'src/data/history-worker.ts' },
    splitting: true,
    outdir: dir,
    chunkNames: 'chunk-[hash]',
  });
  return path.join(dir, 'history.js');
}

async function measureOnce(root: string, cache: boolean, compiled: string, compareIn: 'auto' | 'worker') {
  const { readHistory } = (await import(pathToFileURL(compiled).href)) as typeof import('../src/data/history.js');
  const before = cpuMs();
  const t0 = performance.now();
  const history = await readHistory(root, { cache, compareIn });
  const ms = performance.now() - t0;
  const after = cpuMs();
  const entries = history.trails.reduce((n, t) => n + t.entries.length, 0);
  const fields = history.trails.reduce((n, t) => n + t.entries.reduce((m, e) => m + e.fields.length, 0), 0);
  console.log(
    JSON.stringify({
      ms: Math.round(ms),
      nodeCpuMs: after.self - before.self,
      gitCpuMs: after.children === null ? null : after.children - (before.children ?? 0),
      maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      trails: history.trails.length,
      entries,
      fields,
      notes: history.notes,
    }),
  );
}

/**
 * git's own work for the same trail, output discarded: the same `git log` (raw diffs, renames), then
 * `git cat-file --batch` of every blob that log names (each version once), as two plain processes.
 */
function gitBaseline(root: string): { ms: number; cpuMs: number | null; blobs: number } {
  const cpu0 = cpuMs().children;
  const t0 = performance.now();
  const log = spawnSync('git', ['log', '-z', '--raw', '--no-abbrev', '-M', '--root', '--diff-merges=first-parent', '--date-order', '--format=%x01%H%x00%P%x00%aN%x00%aI%x00%s%x00%b%x00', 'HEAD', '--'], { cwd: root, maxBuffer: 1 << 30, encoding: 'utf8' });
  const ids = new Set<string>();
  for (const raw of log.stdout.split('\0')) {
    // A commit's first change line follows a newline: every change line counts (each version readHistory reads).
    const token = raw.replace(/^\n+/, '');
    if (token.charCodeAt(0) !== 58) continue;
    const [, , a, b] = token.split(' ');
    for (const id of [a, b]) if (!/^0+$/.test(id)) ids.add(id);
  }
  spawnSync('git', ['cat-file', '--batch'], { cwd: root, input: [...ids].join('\n') + '\n', maxBuffer: 1 << 30, stdio: ['pipe', 'ignore', 'ignore'] });
  const ms = performance.now() - t0;
  const cpu1 = cpuMs().children;
  return { ms, cpuMs: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0, blobs: ids.size };
}

function measureInChild(dir: string, cache: boolean, compareIn: 'auto' | 'worker' = 'auto') {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--measure', dir, cache ? 'cache' : 'no-cache', compiled, compareIn], { cwd: path.resolve(here, '..'), encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!);
}

let compiled = '';

async function main() {
  const quick = process.argv.includes('--quick');
  const files = Number(process.env.BENCH_FILES ?? 2500);
  const versions = Number(process.env.BENCH_VERSIONS ?? 20);
  const runs = Number(process.env.BENCH_RUNS ?? (quick ? 1 : 3));
  const dir = mkdtempSync(path.join(tmpdir(), 'panel-bench-history-'));
  const lib = mkdtempSync(path.join(tmpdir(), 'panel-bench-history-lib-'));
  try {
    compiled = await compileHistory(lib);
    const t0 = performance.now();
    const commits = await buildRepository(dir, files, versions);
    console.log(`Audit trail on a generated repository: ${files} case files x ${versions} versions, ${commits} commits (PR branch commits and merges), built with git fast-import in ${Math.round(performance.now() - t0)} ms`);

    // Cold: no cache (each run in a fresh process), interleaved with git's own work on the same history.
    const cold = [];
    const inWorker = [];
    const git = [];
    gitBaseline(dir); // warm the file cache once, not counted
    for (let i = 0; i < runs; i++) {
      git.push(gitBaseline(dir));
      cold.push(measureInChild(dir, false));
      // For the record: the same read with every comparison in a worker thread, whatever the machine.
      inWorker.push(measureInChild(dir, false, 'worker'));
    }
    const one = cold[0];
    const coldMs = median(cold.map((m) => m.ms));
    const gitMs = median(git.map((g) => g.ms));
    // CPU time (user + system) beside the wall times, which the machine's other work stretches: readHistory's
    // own (all threads) and its git processes', against git's alone.
    const gitCpu = git.every((g) => g.cpuMs !== null) ? median(git.map((g) => g.cpuMs!)) : null;
    const coldCpu = cold.every((m) => m.gitCpuMs !== null) ? median(cold.map((m) => m.nodeCpuMs + m.gitCpuMs)) : null;

    // Incremental: the cache written by a first read, then one new commit (one case file changed), read again.
    measureInChild(dir, true);
    const file = path.join(dir, 'cases', 'S-00007.md');
    const warm = [];
    const coldAgain = [];
    for (let i = 0; i < runs; i++) {
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^social_worker: .*$/m, `social_worker: Worker ${String.fromCharCode(65 + i)}${i}`));
      spawnSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@council.example', 'commit', '-q', '-am', `Daily update ${i + 1}`], { cwd: dir });
      warm.push(measureInChild(dir, true));
      coldAgain.push(measureInChild(dir, false));
    }
    const warmMs = median(warm.map((m) => m.ms));
    const coldAgainMs = median(coldAgain.map((m) => m.ms));

    const workerNote = cpus().length >= 4 ? 'the default here when processors are idle' : 'PANEL_HISTORY_COMPARE=worker; the default uses it from 4 processors';
    console.table([
      { what: 'readHistory, no cache: one git log + one cat-file, every field change', 'time ms': coldMs, 'node CPU ms': median(cold.map((m) => m.nodeCpuMs)), 'git CPU ms': median(cold.map((m) => m.gitCpuMs ?? 0)), 'peak MB': Math.max(...cold.map((m) => m.maxRssMb)), trails: one.trails, entries: one.entries, 'field changes': one.fields },
      { what: `  the same, compared in a worker thread (${workerNote}; for the record)`, 'time ms': median(inWorker.map((m) => m.ms)), 'node CPU ms': median(inWorker.map((m) => m.nodeCpuMs)), 'git CPU ms': median(inWorker.map((m) => m.gitCpuMs ?? 0)), 'peak MB': Math.max(...inWorker.map((m) => m.maxRssMb)), trails: inWorker[0].trails, entries: inWorker[0].entries, 'field changes': inWorker[0].fields },
      { what: `  git alone: the same git log, then cat-file of its ${git[0].blobs} blobs (output discarded)`, 'time ms': Math.round(gitMs), 'git CPU ms': gitCpu },
      { what: 'readHistory after one new commit, with the cache', 'time ms': warmMs, 'node CPU ms': median(warm.map((m) => m.nodeCpuMs)), 'git CPU ms': median(warm.map((m) => m.gitCpuMs ?? 0)), 'peak MB': Math.max(...warm.map((m) => m.maxRssMb)) },
      { what: '  the same, without the cache', 'time ms': coldAgainMs },
    ]);
    const load = loadavg()[0].toFixed(1);
    const ratio = coldMs / gitMs;
    const cpuNote = coldCpu !== null && gitCpu ? `; CPU ${(coldCpu / 1000).toFixed(2)} s vs ${(gitCpu / 1000).toFixed(2)} s, ${(coldCpu / gitCpu).toFixed(2)}x` : '';
    console.log(`readHistory ${coldMs} ms vs git's own work ${Math.round(gitMs)} ms: ${ratio.toFixed(2)}x (target <= 1.5x)${cpuNote}; after one new commit ${warmMs} ms with the cache vs ${coldAgainMs} ms without (median of ${runs}; ${cpus().length} CPUs, load average ${load}).`);
    if (one.notes.length) console.log(`notes: ${one.notes.join('; ')}`);
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const label = `${files.toLocaleString('en-GB')} files x ${versions} versions`;
    console.log(`BENCH_ROW ${JSON.stringify({ work: `audit trail, ${label} (no cache)`, measured: `${s(coldMs)}, ${ratio.toFixed(2)}x, ${Math.max(...cold.map((m) => m.maxRssMb))} MB${coldCpu !== null && gitCpu ? `; CPU ${s(coldCpu)} vs ${s(gitCpu)}` : ''}`, baseline: `git log + cat-file of the same blobs: ${s(gitMs)}`, target: '<= 1.5x', met: ratio <= 1.5 })}`);
    const incRatio = warmMs / coldAgainMs;
    console.log(`BENCH_ROW ${JSON.stringify({ work: 'audit trail after one new commit, with the cache', measured: `${s(warmMs)}, ${incRatio.toFixed(2)}x`, baseline: `the same read without the cache: ${s(coldAgainMs)}`, target: 'measurably faster (< 0.5x)', met: incRatio < 0.5 })}`);
  } finally {
    if (process.argv.includes('--keep')) console.log(`repository kept at ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
    rmSync(lib, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--measure') await measureOnce(process.argv[3], process.argv[4] === 'cache', process.argv[5], process.argv[6] === 'worker' ? 'worker' : 'auto');
else await main();
