// The thread that writes the site's pages (scripts/astro-build.mjs starts it in Astro's build process). The
// middleware hands each page's bytes to it (src/data/site-pages.ts, writePage), transferred, not copied, and this
// thread makes the page's folder and writes its file synchronously, one page after another: the file system's
// work (a folder and a file created for every page) is done beside Astro's rendering, on the other processor,
// without a round trip through Node's thread pool for each call. A write that fails fails the build when the
// writer is closed, naming the file. Plain JavaScript: loaded as it is.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const WRITER = Symbol.for('panel.page-writer');

/**
 * Starts the writer and makes it the one writePage uses; `close()` waits until every page handed to it is
 * written (or throws the first write's error) and ends it; `stop()` ends it at once.
 */
export function installPageWriter() {
  const worker = new Worker(new URL(import.meta.url), { workerData: { panelPageWriter: true } });
  let failed = null;
  worker.on('error', (e) => (failed ??= e));
  globalThis[WRITER] = {
    /** Hands a page's bytes to the writer (their buffer is transferred: not to be used after). */
    write(file, bytes) {
      if (failed) throw failed;
      worker.postMessage({ file, bytes }, [bytes.buffer]);
    },
  };
  return {
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
  let error = null;
  parentPort.on('message', (m) => {
    if (m.end) return parentPort.postMessage({ error });
    if (error) return;
    try {
      mkdirSync(path.dirname(m.file), { recursive: true });
      writeFileSync(m.file, m.bytes);
    } catch (e) {
      error = `${m.file}: ${e instanceof Error ? e.message : String(e)}`;
    }
  });
}
