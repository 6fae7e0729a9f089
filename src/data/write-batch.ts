/**
 * Writing many files at once (the SSDA903 import's case files) with the guarantee writeFileSafely gives one
 * file, for one flush of the disk instead of one per file.
 *
 * The guarantee: a crash, a kill or a power cut at any moment leaves each file either as it was or as
 * written, never half-written, and a file that did not exist is never replaced by a race (without force).
 * The fsync policy that keeps it:
 * 1. stage: each content goes to a temporary file beside its target (".<name>.<pid>.<random>-<n>.tmp", one
 *    random part per batch and a count, which the loader never reads), with no fsync;
 * 2. flush: one flush of the file system holding the temporary files (`sync -f`, Linux's syncfs), so every
 *    byte is on disk before any name points at it; where `sync -f` is missing, each temporary file is
 *    fsynced instead (the old cost, the same guarantee);
 * 3. commit: each temporary file is put in place in one step: rename over an old file when forced, else a
 *    hard link that fails if the name appeared meanwhile (then the file is reported, not replaced);
 * 4. one fsync of each folder, so the new names survive a power cut.
 * A process killed between 1 and 3 leaves only temporary files, which the next write never collides with.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { WouldOverwriteError } from './write.js';

// Hard links are missing on some network and FAT drives; there a last check before the rename is used.
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

interface Staged {
  file: string;
  temp: string;
  force: boolean;
  /** The temporary file was renamed into place: there is nothing left to remove. */
  moved?: boolean;
}

/** Removes a temporary file; one already gone is fine. */
function removeTemp(temp: string) {
  try {
    unlinkSync(temp);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

function fsyncPath(p: string) {
  try {
    const fd = openSync(p, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not every system can open a folder for syncing (Windows); the rename is still atomic.
  }
}

/** One flush of the file system holding `dir` (syncfs); false when the system has no `sync -f`. */
function flushFileSystem(dir: string): boolean {
  if (process.platform !== 'linux') return false;
  const r = spawnSync('sync', ['-f', dir], { stdio: 'ignore' });
  return r.status === 0;
}

export class BatchWriter {
  private staged: Staged[] = [];
  private readonly dirs = new Set<string>();
  // Temporary names: the process id and one random part per batch, then a count (an existing name, left by
  // a killed process, is never reused: the file is opened with "wx" and the next count is tried).
  private readonly tempTag = `${process.pid}.${randomBytes(4).toString('hex')}`;
  private count = 0;

  /**
   * Writes the content to a temporary file beside `file`. Throws WouldOverwriteError at once when the file
   * exists and `force` is not given (checked again, without a race, at commit).
   */
  stage(file: string, content: string, { force = false } = {}): void {
    const previous = lstatSync(file, { throwIfNoEntry: false });
    if (!force && previous) throw new WouldOverwriteError(file);
    const dir = path.dirname(file);
    if (!this.dirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.dirs.add(dir);
    }
    const { temp, fd } = this.openTemp(dir, path.basename(file));
    try {
      if (previous?.isFile()) fchmodSync(fd, previous.mode & 0o7777);
      const bytes = Buffer.from(content, 'utf8');
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
    } catch (err) {
      closeSync(fd);
      removeTemp(temp);
      throw err;
    }
    closeSync(fd);
    this.staged.push({ file, temp, force });
  }

  private openTemp(dir: string, name: string): { temp: string; fd: number } {
    for (;;) {
      const temp = path.join(dir, `.${name}.${this.tempTag}-${this.count++}.tmp`);
      try {
        return { temp, fd: openSync(temp, 'wx', 0o666) };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
  }

  get size() {
    return this.staged.length;
  }

  /** Flushes once, puts every staged file in place, syncs each folder once. Returns the files refused (they appeared meanwhile). */
  commit(): { written: string[]; refused: string[] } {
    const staged = this.staged;
    this.staged = [];
    const written: string[] = [];
    const refused: string[] = [];
    if (!staged.length) return { written, refused };
    try {
      const flushed = flushFileSystem([...this.dirs][0]);
      if (!flushed) for (const s of staged) fsyncPath(s.temp);
      for (const s of staged) {
        if (s.force) {
          renameSync(s.temp, s.file);
          s.moved = true;
          written.push(s.file);
          continue;
        }
        try {
          linkSync(s.temp, s.file);
          written.push(s.file);
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code ?? '';
          if (code === 'EEXIST') refused.push(s.file);
          else if (!NO_HARD_LINKS.has(code)) throw err;
          else if (lstatSync(s.file, { throwIfNoEntry: false })) refused.push(s.file);
          else {
            renameSync(s.temp, s.file);
            s.moved = true;
            written.push(s.file);
          }
        }
      }
      for (const dir of this.dirs) fsyncPath(dir);
    } finally {
      for (const s of staged) if (!s.moved) removeTemp(s.temp);
    }
    return { written, refused };
  }

  /** Removes every staged temporary file; nothing is put in place. */
  abort(): void {
    for (const s of this.staged) removeTemp(s.temp);
    this.staged = [];
  }
}
