/**
 * The audit trail's cache (src/data/history-cache.ts): a read with the cache gives exactly what a read
 * without it gives, after one new commit, after a branch with older dates is merged, after history is
 * rewritten, and with a damaged cache file; and the read after one new commit takes the older commits and
 * comparisons from the cache, not from git. Plus a YAML alias bomb in an old version: that version's
 * problem, and the trail goes on.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as frontmatter from '../../src/data/frontmatter.js';
import { cacheFile, readHistoryCache, writeHistoryCache } from '../../src/data/history-cache.js';
import { readHistory, trailOf, type History } from '../../src/data/history.js';
import { at, buildStory, C2_V1, gitFixture, type GitFixture } from './git-fixture.js';

describe('the audit trail cache', () => {
  let f: GitFixture;
  let story: Record<string, string>;
  const commit = (message: string, author: { name: string; date: string }) => f.commit(message, author);
  const both = async (): Promise<[History, History]> => [await readHistory(f.root, { cache: true }), await readHistory(f.root, { cache: false })];

  beforeAll(() => {
    f = gitFixture('panel-history-cache-');
    story = buildStory(f);
  });
  afterAll(() => f.remove());

  it('gives the same trail with and without the cache, and keeps it under .panel-cache, git-ignored', async () => {
    const [cached, plain] = await both();
    expect(cached).toEqual(plain);
    expect(existsSync(cacheFile(f.root))).toBe(true);
    expect(f.git(['status', '--porcelain', '--untracked-files=all'])).toBe('');
    const again = await readHistory(f.root);
    expect(again).toEqual(plain);
  });

  it('after one new commit reads only that commit from git: the older commits and comparisons come from the cache', async () => {
    const before = await readHistory(f.root);
    const cache = readHistoryCache(f.root, 'panel-data/')!;
    expect(cache.head).toBe(before.head);
    // Mark the cached log and comparisons: only a read that uses them shows the marks.
    const first = cache.commits.at(-1)!;
    first.subject = `${first.subject} [from the cache]`;
    const [key, result] = [...cache.results].find(([, r]) => r.fields.length)!;
    cache.results.set(key, { ...result, fields: result.fields.map((x) => ({ ...x, text: `${x.text} [cached]` })) });
    writeHistoryCache(f.root, cache);

    f.write('panel-data/cases/C-20.md', C2_V1.replace('id: C-2', 'id: C-20').replace('dob: 2016-09-12', 'dob: 2016-09-12\nsocial_worker: Sam Worker'));
    const head = commit('Social worker for C-20', at('Alice Admin', '2026-03-10'));
    const incremental = await readHistory(f.root);
    expect(incremental.head).toBe(head);
    const entries = incremental.trails.flatMap((t) => t.entries);
    expect(entries.some((e) => e.subject.endsWith('[from the cache]'))).toBe(true);
    expect(entries.some((e) => e.fields.some((x) => x.text.endsWith('[cached]')))).toBe(true);
    // The new commit itself was read from git and compared.
    const newest = trailOf(incremental, 'cases/C-20.md')!.entries[0];
    expect(newest.commit).toBe(head);
    expect(newest.fields.map((x) => x.text)).toEqual(['social_worker added "Sam Worker"']);

    // Without the marks, the incremental read is exactly the full read.
    writeFileSync(cacheFile(f.root), 'not a cache');
    await readHistory(f.root, { files: ['cases/C-20.md'] }); // a partial read rebuilds the cache from git
    f.write('panel-data/cases/C-20.md', C2_V1.replace('id: C-2', 'id: C-20').replace('dob: 2016-09-12', 'dob: 2016-09-12\nsocial_worker: Kim Worker'));
    commit('Another social worker for C-20', at('Alice Admin', '2026-03-11'));
    const [cached, plain] = await both();
    expect(cached).toEqual(plain);
    expect(trailOf(cached, 'cases/C-20.md')!.entries[0].fields.map((x) => x.text)).toEqual(['social_worker changed from "Sam Worker" to "Kim Worker"']);
  });

  it('orders a merged branch with older dates exactly as a full read does', async () => {
    await readHistory(f.root); // cache at the current head
    // A branch from February, merged now: its commit is older than the main line's last five.
    f.git(['checkout', '-q', '-b', 'late', story.merge]);
    f.write('panel-data/cases/C-1.md', readFileSync(`${f.root}/cases/C-1.md`, 'utf8').replace('name: Ada Example', 'name: Ada Example-Smith'));
    commit('Name corrected on an old branch', at('Priya Shah', '2026-02-20'));
    f.git(['checkout', '-q', 'main']);
    f.git(['merge', '-q', '--no-ff', 'late', '-m', 'Merge pull request #9 from org/late'], at('Tom Merger', '2026-03-12'));
    const [cached, plain] = await both();
    expect(cached).toEqual(plain);
    expect(cached.trails.flatMap((t) => t.entries).some((e) => e.pr === 9)).toBe(true);
  });

  it('reads everything again when history was rewritten, or the cache is cut, corrupted or foreign', async () => {
    await readHistory(f.root);
    f.git(['commit', '-q', '--amend', '-m', 'Merge pull request #9 from org/late (reworded)'], at('Tom Merger', '2026-03-12'));
    let [cached, plain] = await both();
    expect(cached).toEqual(plain);
    expect(cached.trails.flatMap((t) => t.entries).some((e) => e.subject.endsWith('(reworded)'))).toBe(true);

    const good = readFileSync(cacheFile(f.root));
    const damaged = [good.subarray(0, good.length >> 1), Buffer.from(good).fill(7, 100, 140), Buffer.alloc(0), Buffer.from('PANELHC1')];
    for (const bytes of damaged) {
      writeFileSync(cacheFile(f.root), bytes);
      expect(readHistoryCache(f.root, 'panel-data/')).toBeNull();
      [cached, plain] = await both();
      expect(cached).toEqual(plain);
      expect(readHistoryCache(f.root, 'panel-data/')).not.toBeNull(); // rebuilt
    }
    // A cache made for another folder of the repository is not this data root's.
    expect(readHistoryCache(f.root, 'elsewhere/')).toBeNull();
  });

  // The bound on YAML aliases lives in the shared parse (frontmatter.ts, MAX_EXPANDED_NODES); this runs
  // wherever that bound is present.
  it.runIf('MAX_EXPANDED_NODES' in frontmatter)('reports a YAML alias bomb in an old version as that version\'s problem, and the trail goes on', async () => {
    const bomb = [
      '---',
      'id: C-3',
      'name: Cy Example',
      'dob: 2017-01-01',
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
      'f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]',
      'g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]',
      'h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]',
      'i: [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]',
      '---',
      'Fictional test child.',
      '',
    ].join('\n');
    f.write('panel-data/cases/C-3.md', bomb);
    const bad = commit('Add C-3 (pasted badly)', at('Alice Admin', '2026-03-13'));
    f.write('panel-data/cases/C-3.md', '---\nid: C-3\nname: Cy Example\ndob: 2017-01-01\n---\nFictional test child.\n');
    const fixed = commit('Fix C-3', at('Alice Admin', '2026-03-14'));
    f.write('panel-data/cases/C-3.md', '---\nid: C-3\nname: Cy Example\ndob: 2017-01-02\n---\nFictional test child.\n');
    const later = commit('Correct the date of birth of C-3', at('Alice Admin', '2026-03-15'));

    const [cached, plain] = await both();
    expect(cached).toEqual(plain);
    const trail = trailOf(cached, 'cases/C-3.md')!;
    expect(trail.entries.map((e) => e.commit)).toEqual([later, fixed, bad]);
    const [third, second, first] = trail.entries;
    expect(first.note).toMatch(/front matter not readable at this version/);
    expect(second.note).toMatch(/front matter not readable at the previous version/);
    expect(third.note).toBeNull();
    expect(third.fields.map((x) => x.text)).toEqual(['dob changed from 2017-01-01 to 2017-01-02']);
  }, 30_000);
});
