/**
 * `panel check` over a data root on disk, its case files shared among worker threads when there are many.
 *
 * Every case file is read, validated and checked by its own rules by the same function wherever it runs
 * (checkCaseFiles: the loader's loadCaseFile, then caseOutcome), in this thread or in a worker
 * (data/check-worker.ts). The files are cut into chunks in their sorted order; the threads take chunks from
 * one shared counter, and each chunk's outcomes are put back in their place, so the findings are assembled
 * in the same order whatever thread made them, and then by the same code as evaluateDataRoot (the checks
 * that compare cases with each other, the meetings, the order of the report). A worker that fails or stops
 * loses nothing: this thread checks the chunks it did not hand back.
 *
 * Small data roots are checked in this thread alone (a worker costs its start-up and its own warm-up, about a
 * second of CPU time). A large one is shared between this thread and one worker per processor that other
 * work leaves free (see workersFor); a very large one is checked by workers alone (see threadPlan).
 * PANEL_CHECK_WORKERS sets the number of worker threads whatever the number of files (0: none); they then
 * check every chunk.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, loadavg, type CpuInfo } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { IsoDate } from '../domain/dates.js';
import type { Finding } from '../domain/findings.js';
import type { Policy } from '../domain/policy.js';
import type { RecordedFacts } from '../domain/recorded.js';
import type { Child } from '../domain/schema.js';
import { englandAndWalesCalendar } from '../domain/calendar.js';
import { agendaIds, agendasByChild, assembleFindings, caseOutcome, checkContext, type CaseOutcome, type DataRoot } from './data-root.js';
import { caseEntryProblem, listCases, loadCaseFile, loadMeetings, type CaseListing } from './load.js';
import { loadPolicy } from './policy.js';

/**
 * Below this many case files, no worker thread is started: its start-up and warm-up would cost more than it
 * saves. On 4 processors or more, 1,000. On 2 or 3, where a worker can only halve the work and costs about a
 * second of CPU time to start and warm up, 10,000 (measured on 2 processors, quiet: one worker beside this
 * thread made 2,500 files slower, 1.1 s against 1.0 s, and 20,000 faster, 3.5 s against 4.4 s).
 */
export const PARALLEL_FROM = 1000;
export const PARALLEL_FROM_FEW_PROCESSORS = 10_000;
/**
 * From this many files the workers check them all, this thread only gathering their outcomes: a worker's
 * larger young generation (WORKER_LIMITS) keeps its garbage away from the outcomes, which this thread's
 * collections would otherwise go through again and again. Measured on 84,000 files on a busy machine: one
 * worker took 20.2 s of CPU time against 24.5 s in this thread alone (peak memory 620 MB against 1.1 GB), and
 * two workers 20.3 s (their warm-up is lost in the work). At 20,000 files a worker's warm-up still costs
 * more than it saves (5.4 s against 4.7 s in this thread alone).
 */
export const WORKERS_ONLY_FROM = 40_000;
export const parallelFrom = (processors: number) => (processors >= 4 ? PARALLEL_FROM : PARALLEL_FROM_FEW_PROCESSORS);
/** Case files per chunk: small enough that the threads finish together, large enough that handing one over is cheap. */
export const CHUNK = 64;

export interface CheckRun {
  asOf: IsoDate;
  findings: Finding[];
  /** The valid files' children: id to name. */
  names: Map<string, string>;
  /** Entries of cases/ (read or not). */
  caseFiles: number;
  policy: Policy;
  policySource: string;
  /** Worker threads used (0: this thread alone). */
  workers: number;
  /** Chunks of case files, and how many of them worker threads checked. */
  chunks: { all: number; byWorkers: number };
}

/** What a share of the case files is checked with: plain data, as a worker receives it. */
export interface ChunkJob {
  listing: Pick<CaseListing, 'root' | 'realRoot' | 'names'>;
  plain: readonly string[];
  asOf: IsoDate;
  policy: Policy;
  agendas: ReadonlyMap<string, readonly IsoDate[]>;
  /** Ids whose readable child is kept whole (the meeting files' agendas). */
  wanted: readonly string[];
  /** Case files per chunk. */
  chunk: number;
}

/** A thread's means to check chunks: one context for all its chunks (its calendar, its memos). */
export function chunkChecker(job: ChunkJob, recorded: RecordedFacts | null = null): (chunk: number) => CaseOutcome[] {
  const shared = checkContext({ policy: job.policy, calendar: englandAndWalesCalendar() }, job.asOf, job.agendas, recorded);
  const plain = new Set(job.plain);
  const wanted = new Set(job.wanted);
  const want = (id: string) => wanted.has(id);
  const { names } = job.listing;
  return (chunk) => {
    const out: CaseOutcome[] = [];
    for (let i = chunk * job.chunk; i < Math.min(names.length, (chunk + 1) * job.chunk); i++) {
      out.push(caseOutcome(loadCaseFile(job.listing, names[i], plain.has(names[i])), shared, want));
    }
    return out;
  };
}

/** PANEL_CHECK_WORKERS, when it is a whole number (0 or more). */
function workersSet(env: NodeJS.ProcessEnv): number | undefined {
  const set = env.PANEL_CHECK_WORKERS?.trim();
  return set && /^\d+$/.test(set) ? Number(set) : undefined;
}

/**
 * How many worker threads to start for `files` case files, beside this thread: none for a small root (see
 * PARALLEL_FROM), else one per processor that the machine's other work leaves free, at most 7. `busy` is how
 * many processors other work keeps busy (see otherWork): on a machine whose processors are all busy, threads
 * only add their start-up and warm-up to the CPU time.
 */
export function workersFor(files: number, env: NodeJS.ProcessEnv = process.env, processors = availableParallelism(), busy = loadavg()[0]): number {
  const set = workersSet(env);
  if (set !== undefined) return Math.min(set, 16, Math.ceil(files / CHUNK));
  if (files < parallelFrom(processors)) return 0;
  // This thread takes one processor; each worker another.
  const free = Math.round(processors - 1 - busy);
  return Math.max(0, Math.min(processors - 1, free, 7, Math.ceil(files / CHUNK) - 1));
}

/**
 * The threads for `files` case files when nothing is set: this thread and workersFor's workers, or, from
 * WORKERS_ONLY_FROM files, workers alone, one per processor other work leaves free (this thread's included),
 * at least one.
 */
export function threadPlan(files: number, processors: number, busy: number): { workers: number; shareHere: boolean } {
  if (files < WORKERS_ONLY_FROM) {
    const workers = workersFor(files, {}, processors, busy);
    return { workers, shareHere: true };
  }
  return { workers: Math.max(1, Math.min(processors, 8, Math.round(processors - busy))), shareHere: false };
}

/**
 * How many processors other work kept busy between two readings of the processors' times (os.cpus()): the
 * busy share of every processor, less the one this thread kept busy. Null when too little time passed for
 * the clock ticks to say (under about 20 ms a processor), where the caller falls back on the load average.
 * Unlike the load average (a minute's decaying mean, which still counts work that has just ended), this
 * is the machine as it is now.
 */
export function otherWork(before: readonly CpuInfo[], after: readonly CpuInfo[]): number | null {
  if (before.length !== after.length || !before.length) return null;
  let busy = 0;
  let elapsed = 0;
  for (let i = 0; i < after.length; i++) {
    const t = (c: CpuInfo) => c.times.user + c.times.nice + c.times.sys + c.times.idle + c.times.irq;
    const total = t(after[i]) - t(before[i]);
    if (total <= 0) continue;
    busy += 1 - (after[i].times.idle - before[i].times.idle) / total;
    elapsed += total;
  }
  if (elapsed / after.length < 20) return null;
  return Math.max(0, busy - 1);
}

/** The processors' times when this module was loaded: the start of the window otherWork reads. */
const cpusAtLoad = (() => {
  try {
    return cpus();
  } catch {
    return [];
  }
})();

/** The compiled worker's file name, beside this module in lib/<build>/ (a variable: bundlers that rewrite `new URL('./literal', import.meta.url)` leave it alone). */
const BUNDLED_WORKER = './check-worker.js';

/**
 * A worker thread: the compiled check-worker.js beside this module in lib/, or, when this module runs from
 * its TypeScript source (tests, scripts under tsx), a few lines that register tsx in the worker and import
 * check-worker.ts. Null when neither can be found (the main thread then checks every chunk).
 */
/** A young generation large enough that most of a chunk's garbage dies young (less time collecting). */
export const WORKER_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 64 };

function startWorker(job: ChunkJob, counter: SharedArrayBuffer, resourceLimits: ResourceLimits): Worker | null {
  const options = { workerData: { job, counter }, resourceLimits };
  const own = fileURLToPath(import.meta.url);
  if (own.endsWith('.ts')) {
    const tsx = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
    const api = path.join(tsx, 'dist', 'esm', 'api', 'index.mjs');
    if (!existsSync(api)) return null;
    const source = pathToFileURL(path.join(path.dirname(own), 'check-worker.ts')).href;
    return new Worker(`import(${JSON.stringify(pathToFileURL(api).href)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`, { ...options, eval: true });
  }
  const file = fileURLToPath(new URL(BUNDLED_WORKER, import.meta.url));
  return existsSync(file) ? new Worker(file, options) : null;
}

/** A worker's message: one chunk's outcomes. */
export interface WorkerMessage {
  chunk: number;
  outcomes: CaseOutcome[];
}

/**
 * Checks every case file of `job`, in chunks taken from one counter by this thread and `workers` worker
 * threads. The outcomes come back in the files' order.
 */
export async function checkCaseFiles(
  job: ChunkJob,
  workers: number,
  { recorded = null, shareHere = true, limits = WORKER_LIMITS }: { recorded?: RecordedFacts | null; shareHere?: boolean; limits?: ResourceLimits } = {},
): Promise<{ outcomes: CaseOutcome[]; chunks: number; byWorkers: number }> {
  const chunks = Math.ceil(job.listing.names.length / job.chunk);
  const results: (CaseOutcome[] | undefined)[] = new Array(chunks);
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const threads: Promise<void>[] = [];
  let byWorkers = 0;
  // The audit trail's facts are functions over git's history: they stay in this thread.
  for (let w = 0; w < (recorded ? 0 : workers); w++) {
    threads.push(
      new Promise<void>((resolve) => {
        let worker: Worker | null;
        try {
          worker = startWorker(job, counter.buffer as SharedArrayBuffer, limits);
        } catch {
          worker = null;
        }
        if (!worker) return resolve();
        worker.on('message', (m: WorkerMessage) => {
          results[m.chunk] = m.outcomes;
          byWorkers++;
        });
        // A worker that cannot start or fails: its chunks are checked below, in this thread.
        worker.on('error', () => undefined);
        worker.on('exit', () => resolve());
      }),
    );
  }
  const check = chunkChecker(job, recorded);
  // This thread takes chunks too (while the workers start), unless told to leave them to the workers.
  if (shareHere || !threads.length) {
    for (let chunk = Atomics.add(counter, 0, 1); chunk < chunks; chunk = Atomics.add(counter, 0, 1)) {
      results[chunk] = check(chunk);
      // Between chunks, take the workers' messages as they come (not all at the end, after the last chunk).
      if (threads.length) await new Promise((resolve) => setImmediate(resolve));
    }
  }
  await Promise.all(threads);
  const outcomes: CaseOutcome[] = [];
  for (let chunk = 0; chunk < chunks; chunk++) for (const o of results[chunk] ?? check(chunk)) outcomes.push(o);
  return { outcomes, chunks, byWorkers };
}

/**
 * `panel check`'s reading of a data root: the same findings as evaluateDataRoot(readDataRoot(root), asOf),
 * with the case files checked in worker threads when there are many (see the top of this file). Throws
 * PolicyError when panel.yaml is invalid, as readDataRoot does.
 */
export async function checkDataRoot(
  root: string,
  asOf: IsoDate,
  {
    recorded = null,
    workers,
    chunk = CHUNK,
    shareHere = true,
    limits = WORKER_LIMITS,
  }: { recorded?: RecordedFacts | null; workers?: number; chunk?: number; shareHere?: boolean; limits?: ResourceLimits } = {},
): Promise<CheckRun> {
  const { policy, source, notes } = loadPolicy(root);
  const listing = listCases(root);
  const meetings = loadMeetings(root);
  const data: Pick<DataRoot, 'meetings' | 'policy' | 'calendar' | 'policyNotes' | 'policySource'> = { meetings, policy, calendar: englandAndWalesCalendar(), policyNotes: notes ?? [], policySource: source };
  const wanted = agendaIds(data);
  const job: ChunkJob = { listing: { root: listing.root, realRoot: listing.realRoot, names: listing.names }, plain: listing.plain, asOf, policy, agendas: agendasByChild(data), wanted: [...wanted], chunk };
  // Whether processors are free: what other work did since this module was loaded (the command's start,
  // the policy, the listing of the files), or, over too short a time, the load average.
  let seen = '';
  const busy = () => {
    let other: number | null = null;
    try {
      other = otherWork(cpusAtLoad, cpus());
    } catch {
      // No processor times here: the load average says.
    }
    const load = other ?? loadavg()[0];
    seen = other === null ? `load average ${load.toFixed(1)}` : `${other.toFixed(1)} processors busy with other work`;
    return load;
  };
  const files = listing.names.length;
  const processors = availableParallelism();
  let threads = 0;
  let share = shareHere;
  if (recorded) threads = 0;
  else if (workers !== undefined) threads = workers;
  else if (workersSet(process.env) !== undefined) {
    // Workers set by PANEL_CHECK_WORKERS check every chunk (this thread only those a worker could not).
    threads = workersFor(files, process.env, processors, 0);
    share = !threads;
  } else if (files >= parallelFrom(processors)) {
    ({ workers: threads, shareHere: share } = threadPlan(files, processors, busy()));
  }
  const t0 = performance.now();
  const { outcomes, chunks, byWorkers } = await checkCaseFiles(job, threads, { recorded, shareHere: share, limits });
  if (process.env.PANEL_CHECK_TIMING) {
    const n = (x: number) => x.toLocaleString('en-GB');
    process.stderr.write(`panel check: ${n(listing.names.length)} case files in ${n(chunks)} chunks, ${n(byWorkers)} checked by ${threads} worker thread${threads === 1 ? '' : 's'}, ${n(chunks - byWorkers)} in the main thread: ${Math.round(performance.now() - t0)} ms${seen ? ` (${seen})` : ''}\n`);
  }
  for (const p of listing.problems) outcomes.push(caseOutcome(caseEntryProblem(p), checkContext(data, asOf, job.agendas)));
  const children = new Map<string, Child>();
  for (const o of outcomes) if (o.child) children.set(o.child.id, o.child);
  const names = new Map<string, string>();
  for (const o of outcomes) if (o.valid) names.set(o.valid.id, o.valid.name);
  return {
    asOf,
    findings: assembleFindings(data, outcomes, (id) => children.get(id) ?? null, asOf),
    names,
    caseFiles: outcomes.length,
    policy,
    policySource: source,
    workers: threads,
    chunks: { all: chunks, byWorkers },
  };
}
