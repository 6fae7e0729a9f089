/**
 * Writing files without losing anyone's work: refuse to replace an existing file unless forced, and write
 * atomically (a temporary file in the same folder, then a rename), so a crash mid-write leaves the old
 * file whole.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

export class WouldOverwriteError extends Error {
  constructor(readonly file: string) {
    super(`${file} already exists; it was left unchanged (use --force to replace it)`);
  }
}

export function writeFileSafely(file: string, content: string, { force = false } = {}): void {
  if (!force && existsSync(file)) throw new WouldOverwriteError(file);
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    const fd = openSync(temp, 'wx');
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (!force && existsSync(file)) throw new WouldOverwriteError(file);
    renameSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
}
