/**
 * The audit trail for the site: read from git once per build, and only when a page asks for it (the
 * child pages' trail, the changes page), with the same data root as `siteModel()`. Never fails: without
 * history the pages show the note that says why.
 */
import { readHistory, type History } from './history.js';
import { siteModel } from './site.js';

let cached: Promise<History> | undefined;

export function siteHistory(): Promise<History> {
  cached ??= readHistory(siteModel().data.root);
  return cached;
}
