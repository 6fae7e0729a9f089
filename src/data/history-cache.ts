/**
 * The audit trail's cache, so the daily build after one new commit reads only that commit: kept in the
 * data root's cache folder (`.panel-cache/history/trail.bin`, git-ignored by the folder's own .gitignore)
 * and keyed by commit.
 *
 * It holds two things, both facts that cannot go stale:
 * - the parsed `git log` up to a commit (`head`): a later HEAD that has it as an ancestor adds only the
 *   commits after it (history.ts orders the whole by `git rev-list --date-order`, exactly as a full log);
 * - each comparison of two versions, by their blob ids: a blob id names its content, so the field changes
 *   between two blobs are the same forever (for one version of this code: CACHE_VERSION).
 *
 * Robust by construction: the file carries a checksum of its content and a version; a missing, cut,
 * corrupted, foreign or older cache is ignored (and rebuilt), never trusted and never an error. Written
 * to a temporary file and renamed, so a build stopped half-way leaves the old cache or the new one.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Comparison, Commit } from './history-git.js';

/** Bump when the parsed log or the comparisons change shape or meaning. */
export const CACHE_VERSION = 1;
const MAGIC = Buffer.from('PANELHC1');

export interface HistoryCache {
  version: number;
  /** The data root's folder inside the repository (`git rev-parse --show-prefix`): the log was filtered by it. */
  prefix: string;
  /** The commit the log was read from. */
  head: string;
  /** `git log` from `head`, newest first, as LogParser returned it. */
  commits: Commit[];
  /** Comparisons by pairKey(before blob, after blob). */
  results: Map<string, Comparison>;
}

export const cacheFile = (root: string) => path.join(root, '.panel-cache', 'history', 'trail.bin');

const isCommit = (c: unknown): c is Commit =>
  !!c && typeof c === 'object' && typeof (c as Commit).hash === 'string' && Array.isArray((c as Commit).parents) && Array.isArray((c as Commit).changes);

/** The cache for this data root, or null when there is none that can be trusted. */
export function readHistoryCache(root: string, prefix: string): HistoryCache | null {
  const file = cacheFile(root);
  try {
    if (!existsSync(file)) return null;
    const bytes = readFileSync(file);
    if (bytes.length < MAGIC.length + 32 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return null;
    const sum = bytes.subarray(MAGIC.length, MAGIC.length + 32);
    const payload = bytes.subarray(MAGIC.length + 32);
    if (!createHash('sha256').update(payload).digest().equals(sum)) return null;
    const value = deserialize(payload) as HistoryCache;
    if (!value || value.version !== CACHE_VERSION || value.prefix !== prefix || typeof value.head !== 'string') return null;
    if (!Array.isArray(value.commits) || !(value.results instanceof Map) || !value.commits.every(isCommit)) return null;
    return value;
  } catch {
    return null;
  }
}

/** Writes the cache; a cache that cannot be written (read-only folder, full disk) is simply not kept. */
export function writeHistoryCache(root: string, cache: HistoryCache): void {
  const file = cacheFile(root);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const folder = path.dirname(path.dirname(file));
    mkdirSync(path.dirname(file), { recursive: true });
    const ignore = path.join(folder, '.gitignore');
    if (!existsSync(ignore)) writeFileSync(ignore, '# panel build cache: safe to delete\n*\n');
    const payload = serialize(cache);
    writeFileSync(tmp, Buffer.concat([MAGIC, createHash('sha256').update(payload).digest(), payload]));
    renameSync(tmp, file);
  } catch {
    rmSync(tmp, { force: true });
  }
}
