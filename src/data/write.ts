/**
 * Writing files without losing anyone's work: refuse to replace an existing file unless forced, and write
 * atomically (a temporary file in the same folder, flushed to disk, then put in place in one step), so a
 * crash or a kill mid-write leaves the old file whole. The temporary file's name starts with "." so the
 * loader never reads one left behind by a killed process.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

export class WouldOverwriteError extends Error {
  constructor(readonly file: string) {
    super(`${file} already exists; it was left unchanged (use --force to replace it)`);
  }
}

// Hard links are missing on some network and FAT drives; there a last check before the rename is used.
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

/** The folder's entry is flushed too, where the system allows it, so the new name survives a power cut. */
function syncFolder(dir: string) {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not every system can open a folder for syncing (Windows); the rename is still atomic.
  }
}

/** A file could not be written, in plain words: which path, and what is in the way. Nothing was changed. */
export class WriteError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

/** The first part of `file`'s folder path that exists but is not a folder (a file where a folder should be). */
function fileInTheWay(file: string): string | undefined {
  let dir = path.dirname(path.resolve(file));
  const parts: string[] = [];
  while (dir !== path.dirname(dir)) {
    parts.unshift(dir);
    dir = path.dirname(dir);
  }
  for (const p of parts) {
    const st = lstatSync(p, { throwIfNoEntry: false });
    if (!st) return undefined;
    if (st.isSymbolicLink()) continue;
    if (!st.isDirectory()) return p;
  }
  return undefined;
}

function explain(file: string, err: unknown): WriteError {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  const blocker = code === 'ENOTDIR' || code === 'EEXIST' ? fileInTheWay(file) : undefined;
  const why =
    blocker ? `${blocker} is a file where a folder is needed: move or rename it`
    : code === 'EISDIR' ? `${file} is a folder where a file is needed: move or rename the folder`
    : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : code === 'EROFS' ? 'the disk is read-only'
    : code === 'ENOSPC' ? 'the disk is full'
    : code === 'ELOOP' ? 'a symbolic link on the way leads round in a loop'
    : code === 'ENAMETOOLONG' ? 'the name is too long'
    : (err as Error).message;
  return new WriteError(file, `${file} could not be written: ${why}; nothing was changed`);
}

export function writeFileSafely(file: string, content: string | Uint8Array, opts: { force?: boolean } = {}): void {
  try {
    writeOrThrow(file, content, opts);
  } catch (err) {
    if (err instanceof WouldOverwriteError || err instanceof WriteError) throw err;
    throw explain(file, err);
  }
}

function writeOrThrow(file: string, content: string | Uint8Array, { force = false }: { force?: boolean }): void {
  // lstat, not exists: a dangling symbolic link is still something a person put there.
  const previous = lstatSync(file, { throwIfNoEntry: false });
  if (previous?.isDirectory()) throw new WriteError(file, `${file} is a folder where a file is needed: move or rename the folder; nothing was changed`);
  if (!force && previous) throw new WouldOverwriteError(file);
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true });
  // A random part as well as the pid: a temporary file left by a killed process never blocks a later write.
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'wx', 0o666);
    try {
      if (previous?.isFile()) fchmodSync(fd, previous.mode & 0o7777);
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (force) renameSync(temp, file);
    else {
      try {
        // Linking fails if the file appeared since the check above: it is never replaced, not even by a race.
        linkSync(temp, file);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? '';
        if (code === 'EEXIST') throw new WouldOverwriteError(file);
        if (!NO_HARD_LINKS.has(code)) throw err;
        if (lstatSync(file, { throwIfNoEntry: false })) throw new WouldOverwriteError(file);
        renameSync(temp, file);
      }
    }
    syncFolder(dir);
  } finally {
    rmSync(temp, { force: true });
  }
}
