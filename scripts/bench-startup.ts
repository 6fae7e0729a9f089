/**
 * `npx tsx scripts/bench-startup.ts`: the `panel` command's start-up, whole processes, next to bare Node
 * (`node -e 0`) measured in the same run, interleaved so both see the same machine load. Target:
 * `panel rules` under 300 ms. The compiled command is brought up to date first (one untimed run).
 * Also exported as benchStartup() for scripts/bench.ts.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timed(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: repo, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed (exit ${r.status}): ${r.stderr}`);
  return ms;
}

export interface StartupFigures {
  runs: number;
  /** `node -e 0`, the baseline. */
  nodeMs: number;
  /** `panel rules`, the whole process. */
  rulesMs: number;
  /** `panel --help`: every command registered. */
  helpMs: number;
  targetMs: number;
  met: boolean;
}

export function benchStartup(runs = Number(process.env.BENCH_RUNS ?? 15)): StartupFigures {
  const panel = path.join(repo, 'bin/panel.js');
  timed([panel, 'rules']); // builds lib/ if the sources changed: not part of a start-up
  const node: number[] = [];
  const rules: number[] = [];
  const help: number[] = [];
  for (let i = 0; i < runs; i++) {
    node.push(timed(['-e', '0']));
    rules.push(timed([panel, 'rules']));
    help.push(timed([panel, '--help']));
  }
  const rulesMs = Math.round(median(rules));
  return { runs, nodeMs: Math.round(median(node)), rulesMs, helpMs: Math.round(median(help)), targetMs: 300, met: rulesMs < 300 };
}

export function printStartup(f: StartupFigures): void {
  console.log(`panel start-up (median of ${f.runs} runs each, interleaved, whole processes)`);
  console.table([
    { what: '`node -e 0` (baseline)', 'time ms': f.nodeMs },
    { what: '`panel rules`', 'time ms': f.rulesMs, 'x baseline': (f.rulesMs / f.nodeMs).toFixed(2) },
    { what: '`panel --help` (every command loaded)', 'time ms': f.helpMs, 'x baseline': (f.helpMs / f.nodeMs).toFixed(2) },
  ]);
  console.log(`panel rules ${f.rulesMs} ms (target < ${f.targetMs} ms): ${f.met ? 'MET' : 'NOT MET'}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) printStartup(benchStartup());
