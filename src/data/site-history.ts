/**
 * The audit trail for the site: read from git once per build, and only when a page asks for it (the
 * child pages' trail, the changes page), with the same data root as `siteModel()`. Never fails: without
 * history the pages show the note that says why. Each page then finds its file's trail by a map lookup
 * (the same answer as `trailOf`), never by a scan of every trail.
 */
import { readHistory, type FileTrail, type History } from './history.js';
import { siteModel } from './site.js';

export interface SiteHistory extends History {
  /** `trailOf(history, file)`, looked up. */
  trail(file: string): FileTrail | undefined;
}

let cached: Promise<SiteHistory> | undefined;
const SITE_HISTORY = Symbol.for('panel.site-history');

/**
 * Indexes trails by file exactly as `trailOf` chooses: the live file now at a path wins; otherwise the
 * LAST trail (in history order) that had the path, deleted or renamed away.
 */
export function indexTrails(history: History): (file: string) => FileTrail | undefined {
  const live = new Map<string, FileTrail>();
  const fallback = new Map<string, FileTrail>();
  for (const t of history.trails) {
    if (!t.deleted && !live.has(t.file)) live.set(t.file, t);
    fallback.set(t.file, t);
    for (const p of t.paths) fallback.set(p, t);
  }
  return (file) => live.get(file) ?? fallback.get(file);
}

export function siteHistory(): Promise<SiteHistory> {
  // In the child pages' worker thread (site-pages-worker.mjs): the trail the build thread read, not read again.
  const asked = (globalThis as { [SITE_HISTORY]?: () => Promise<History> })[SITE_HISTORY];
  cached ??= (asked ? asked() : readHistory(siteModel().data.root)).then((history) => ({ ...history, trail: indexTrails(history) }));
  return cached;
}

