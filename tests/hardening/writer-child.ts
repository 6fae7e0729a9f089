/**
 * A writer to kill mid-write (spawned by writers.test.ts, not a test itself). It replaces fs functions
 * before loading write.ts, so no hook is needed in the product: `mid-write` writes half the bytes and stops;
 * `before-put` stops when the finished temporary file is about to be put in place. It prints "paused" and
 * waits forever, for the test to SIGKILL it.
 *   node --import tsx writer-child.ts <mid-write|before-put> <file> <bytes> [force]
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const [mode, file, bytes, force] = process.argv.slice(2);
const realWrite = fs.writeSync;
const say = (s: string) => realWrite(1, `${s}\n`);
const pause = (): never => {
  say('paused');
  for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
};

if (mode === 'mid-write') {
  fs.writeSync = ((fd: number, buffer: Buffer, offset: number, length: number) => {
    realWrite(fd, buffer, offset, Math.floor(length / 2));
    fs.fsyncSync(fd);
    return pause();
  }) as unknown as typeof fs.writeSync;
} else if (mode === 'before-put') {
  fs.renameSync = pause as typeof fs.renameSync;
  fs.linkSync = pause as typeof fs.linkSync;
} else throw new Error(`unknown mode ${mode}`);
syncBuiltinESMExports();

const { writeFileSafely } = await import('../../src/data/write.js');
writeFileSafely(file, 'N'.repeat(Number(bytes)), { force: force === 'force' });
say('done');
