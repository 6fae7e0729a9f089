/**
 * A worker thread of `panel check` (data/check-run.ts): takes chunks of case files from the shared counter,
 * checks each file with the same code as the main thread, and posts each chunk's outcomes back. Bundled
 * beside the command as lib/<build>/check-worker.js (bin/build-cli.js).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { chunkChecker, type ChunkJob, type WorkerMessage } from './check-run.js';

const { job, counter } = workerData as { job: ChunkJob; counter: SharedArrayBuffer };
const claims = new Int32Array(counter);
const chunks = Math.ceil(job.listing.names.length / job.chunk);
const check = chunkChecker(job);
for (let chunk = Atomics.add(claims, 0, 1); chunk < chunks; chunk = Atomics.add(claims, 0, 1)) {
  const message: WorkerMessage = { chunk, outcomes: check(chunk) };
  parentPort!.postMessage(message);
}
