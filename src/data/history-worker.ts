/**
 * The comparisons of a long history in a worker thread, so that reading and parsing the versions (and the
 * garbage collection that comes with them) runs beside the main thread, which streams `git log` and builds
 * the trails. The worker runs its own `git cat-file --batch` and Comparer (history-git.ts), exactly as the
 * main thread would: the same code on the same blobs gives the same comparisons
 * (tests/data/history-worker.test.ts holds the two equal).
 *
 * This file is both the worker's entry (bin/build-cli.js bundles it as `history-worker.js` next to the
 * command's chunks) and the main thread's side of it, `WorkerComparer`. When the worker cannot start (a
 * bundle without the entry, as inside the site's Vite build), `workerAvailable()` says so and history.ts
 * compares in the main thread; when it fails half-way, history.ts compares what it did not finish.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { BlobReader, Comparer, pairKey, type Comparison } from './history-git.js';

const ROLE = 'panel-history-compare';
const BUNDLED = './history-worker.js';

/** Results travel in batches of this many comparisons: few messages, and the main thread takes them as they come. */
const BATCH = 1000;

type Result = [key: string, fields: Comparison['fields'], bodyChanged: boolean, unreadable: string | null];
/** `want`: before blob ('' for none), after blob and the path at before, three strings a comparison. */
type ToWorker = { want: string[] } | { end: true };
type FromWorker = { results: Result[] } | { done: true; error: string | null };

/**
 * The worker's script: the bundled `history-worker.js` beside this module, or, when this module runs from
 * its TypeScript source (tests, scripts under tsx), a few lines that register tsx in the worker and then
 * import this very file.
 */
function workerScript(): { code: string; eval: boolean } | null {
  try {
    const own = fileURLToPath(import.meta.url);
    if (own.endsWith('.ts')) {
      const tsx = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
      const api = path.join(tsx, 'dist', 'esm', 'api', 'index.mjs');
      if (!existsSync(api)) return null;
      return { code: `import(${JSON.stringify(pathToFileURL(api).href)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); });`, eval: true };
    }
    // A name in a variable: bundlers that rewrite `new URL('./literal', import.meta.url)` (Vite, in the site
    // build) leave it alone, and the file is simply not found there.
    const file = fileURLToPath(new URL(BUNDLED, import.meta.url));
    return existsSync(file) ? { code: file, eval: false } : null;
  } catch {
    return null;
  }
}

export function workerAvailable(): boolean {
  return workerScript() !== null;
}

/**
 * The main thread's side: `want` as with a Comparer (ids sent once per chunk of log by `flush`), results
 * in `results` as they arrive; `end` resolves when every comparison has come back, with git's error or
 * null, or with `failed` set when the worker itself could not finish (history.ts then compares what is
 * missing itself).
 */
export class WorkerComparer {
  readonly results = new Map<string, Comparison>();
  failed: string | null = null;
  private worker: Worker;
  private queued: string[] = [];
  /** Every pair asked for, so that what a failed worker did not finish can be compared elsewhere. */
  readonly pairs: [before: string | null, after: string][] = [];
  private asked = new Set<string>();
  private done: Promise<string | null>;

  /** Workers started by this process (for the tests). */
  static started = 0;

  constructor(root: string) {
    const script = workerScript();
    if (!script) throw new Error('the history worker is not available');
    // V8's default heap sizes: a larger young generation (tried up to 128 MB semi-spaces) did not lower
    // the CPU time, since most of what survives a scavenge is the trail itself.
    this.worker = new Worker(script.code, { eval: script.eval, workerData: { role: ROLE, root } });
    WorkerComparer.started++;
    this.done = new Promise((resolve) => {
      let finished = false;
      this.worker.on('message', (m: FromWorker) => {
        if ('results' in m) {
          for (const [key, fields, bodyChanged, unreadable] of m.results) this.results.set(key, { fields, bodyChanged, unreadable });
        } else {
          finished = true;
          resolve(m.error);
          this.worker.unref();
        }
      });
      this.worker.on('error', (e) => {
        this.failed ??= e.message;
      });
      this.worker.on('exit', (code) => {
        if (finished) return;
        this.failed ??= `the history worker stopped (exit ${code})`;
        resolve(null);
      });
    });
  }

  want(before: string | null, after: string, path: string): void {
    const key = pairKey(before, after);
    if (this.asked.has(key)) return;
    this.asked.add(key);
    this.pairs.push([before, after]);
    this.queued.push(before ?? '', after, path);
  }

  flush(): void {
    if (!this.queued.length) return;
    this.worker.postMessage({ want: this.queued } satisfies ToWorker);
    this.queued = [];
  }

  end(): Promise<string | null> {
    this.flush();
    this.worker.postMessage({ end: true } satisfies ToWorker);
    return this.done;
  }
}

// ---------------------------------------------------------------------------------------------------------
// The worker

function runWorker(root: string): void {
  const port = parentPort!;
  let batch: Result[] = [];
  const send = () => {
    if (batch.length) port.postMessage({ results: batch } satisfies FromWorker);
    batch = [];
  };
  const comparer = new Comparer((key, result) => {
    batch.push([key, result.fields, result.bodyChanged, result.unreadable]);
    if (batch.length >= BATCH) send();
  });
  const reader = new BlobReader(root, (id, text) => comparer.receive(id, text));
  comparer.reader = reader;
  port.on('message', (m: ToWorker) => {
    if ('want' in m) {
      const ids = m.want;
      for (let i = 0; i < ids.length; i += 3) comparer.want(ids[i] || null, ids[i + 1], ids[i + 2]);
      reader.flush();
      return;
    }
    void reader.end().then((error) => {
      send();
      port.postMessage({ done: true, error } satisfies FromWorker);
      port.close();
    });
  });
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === ROLE) runWorker((workerData as { root: string }).root);
