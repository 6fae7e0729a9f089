// The thread that writes the site's pages (scripts/astro-build.mjs starts it in Astro's build process). The
// middleware hands each page's bytes to it (src/data/site-pages.ts, writePage), transferred, not copied, and this
// thread makes the page's folder and writes its file synchronously, one page after another: the file system's
// work (a folder and a file created for every page) is done beside Astro's rendering, on the other processor,
// without a round trip through Node's thread pool for each call. A write that fails fails the build when the
// writer is closed, naming the file. It is handed at most `limit` pages not yet written: past that, the
// middleware waits for it (a national build renders tens of thousands of pages, and a slow disk must not
// leave them all in memory). Plain JavaScript: loaded as it is.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const WRITER = Symbol.for('panel.page-writer');

/** Pages handed to the writer and not yet written, at most (about 30 MB of the largest child pages). */
export const PAGES_IN_HAND = 512;
/** How long the middleware waits for one page to be written before the build fails (the writer has stopped). */
const STALLED_MS = 60_000;

/**
 * Starts the writer and makes it the one writePage uses; `close()` waits until every page handed to it is
 * written (or throws the first write's error) and ends it; `stop()` ends it at once. `inHand()` says how many
 * pages were handed and not yet written at the most (for the tests).
 */
export function installPageWriter({ limit = PAGES_IN_HAND } = {}) {
  // Pages the writer has finished with (written, or given up on after a failed write), counted by it.
  const done = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(new URL(import.meta.url), { workerData: { panelPageWriter: true, done } });
  let failed = null;
  let handed = 0;
  let mostInHand = 0;
  worker.on('error', (e) => (failed ??= e));
  globalThis[WRITER] = {
    /** Hands a page's bytes to the writer (their buffer is transferred: not to be used after). */
    write(file, bytes) {
      if (failed) throw failed;
      // Back-pressure: with `limit` pages in hand, wait (this thread may block: it is Node's) until one is written.
      for (let seen = Atomics.load(done, 0); handed - seen >= limit; seen = Atomics.load(done, 0)) {
        if (Atomics.wait(done, 0, seen, STALLED_MS) === 'timed-out' && Atomics.load(done, 0) === seen) {
          throw new Error(`writing the site's pages: the page writer wrote nothing for ${STALLED_MS / 1000} s (${file} was next)`);
        }
      }
      worker.postMessage({ file, bytes }, [bytes.buffer]);
      handed++;
      mostInHand = Math.max(mostInHand, handed - Atomics.load(done, 0));
    },
  };
  return {
    inHand: () => mostInHand,
    async close() {
      delete globalThis[WRITER];
      // Messages are read in order: the answer to this one comes after every page before it is written.
      const answer = await new Promise((resolve) => {
        worker.once('message', resolve);
        worker.once('exit', () => resolve({ error: failed ? String(failed) : 'the page writer stopped' }));
        worker.postMessage({ end: true });
      });
      await worker.terminate();
      if (answer.error) throw new Error(`writing the site's pages: ${answer.error}`);
    },
    /** Ends it whatever it was doing (a build that failed). */
    stop() {
      delete globalThis[WRITER];
      void worker.terminate();
    },
  };
}

if (!isMainThread && workerData?.panelPageWriter) {
  const { done } = workerData;
  let error = null;
  parentPort.on('message', (m) => {
    if (m.end) return parentPort.postMessage({ error });
    try {
      if (!error) {
        mkdirSync(path.dirname(m.file), { recursive: true });
        writeFileSync(m.file, m.bytes);
      }
    } catch (e) {
      error = `${m.file}: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      // One more page finished with (after a failure too, so the middleware never waits on a page never written).
      Atomics.add(done, 0, 1);
      Atomics.notify(done, 0);
    }
  });
}
