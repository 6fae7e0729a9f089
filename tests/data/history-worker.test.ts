/**
 * The audit trail compares versions in a worker thread for a long history (src/data/history-worker.ts):
 * the trail must be exactly the one the main thread gives, on the story fixture, on this repository's own
 * demo history, on a generated history of many versions, split between the two at any point, and from the
 * compiled command (lib/, where the worker is its own bundled entry).
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerComparer } from '../../src/data/history-worker.js';
import { readHistory, type History } from '../../src/data/history.js';
import { syntheticCase } from '../../scripts/synthetic.js';
import { buildStory, gitFixture, type GitFixture } from './git-fixture.js';

const REPO = path.resolve(__dirname, '../..');

async function bothWays(root: string, split: number | 'worker' = 'worker'): Promise<[History, History]> {
  const started = WorkerComparer.started;
  const there = await readHistory(root, { cache: false, compareIn: split });
  expect(WorkerComparer.started).toBe(started + 1);
  const here = await readHistory(root, { cache: false, compareIn: 'thread' });
  return [there, here];
}

describe('the audit trail compared in a worker thread', () => {
  let story: GitFixture;
  let many: GitFixture;

  beforeAll(() => {
    story = gitFixture('panel-history-worker-');
    buildStory(story);
    // 12 case files, 8 versions each, some with an invalid front matter on the way.
    many = gitFixture('panel-history-many-');
    for (let v = 0; v < 8; v++) {
      for (let i = 0; i < 12; i++) {
        let text = syntheticCase(i * 7 + v * 3).text.replace(/^id: .*$/m, `id: C-${i}`);
        if ((i + v) % 11 === 5) text = text.replace('plan:', 'plan: [unclosed');
        many.write(`panel-data/cases/C-${i}.md`, text);
      }
      many.git(['add', '-A'], { name: `Admin ${v % 3}`, date: `2026-0${1 + (v % 9)}-1${v % 10}T10:00:00+00:00` });
      many.git(['commit', '-q', '-m', `Round ${v}`], { name: `Admin ${v % 3}`, date: `2026-0${1 + (v % 9)}-1${v % 10}T10:00:00+00:00` });
    }
  });
  afterAll(() => {
    story.remove();
    many.remove();
  });

  it('gives the main thread’s trail on the story: merges, renames, a deletion, a meeting', async () => {
    const [there, here] = await bothWays(story.root);
    expect(here.trails.length).toBeGreaterThan(2);
    expect(there).toEqual(here);
  });

  it('gives the main thread’s trail on this repository’s demo history', async () => {
    const [there, here] = await bothWays(REPO);
    expect(here.trails.some((t) => t.entries.some((e) => e.fields.length))).toBe(true);
    expect(there).toEqual(here);
  });

  it('gives the main thread’s trail on many versions, whatever the split between the two', async () => {
    const here = await readHistory(many.root, { cache: false, compareIn: 'thread' });
    expect(here.trails).toHaveLength(12);
    expect(here.trails.flatMap((t) => t.entries).filter((e) => e.note?.includes('front matter not readable')).length).toBeGreaterThan(0);
    for (const split of ['worker', 1, 40] as const) {
      const [there] = await bothWays(many.root, split);
      expect(there).toEqual(here);
    }
  });

  it('from the compiled command: `panel changes` gives the same JSON with the worker and without it', () => {
    const run = (mode: string) => {
      rmSync(path.join(story.root, '.panel-cache'), { recursive: true, force: true });
      return execFileSync(process.execPath, [path.join(REPO, 'bin/panel.js'), 'changes', '--since', '2020-01-01', '--format', 'json', '--root', story.root], {
        encoding: 'utf8',
        env: { ...process.env, PANEL_HISTORY_COMPARE: mode },
      });
    };
    const there = JSON.parse(run('worker'));
    const here = JSON.parse(run('thread'));
    expect(here.changes.length).toBeGreaterThan(2);
    // A note would say so if the worker could not be used.
    expect(there.notes).toEqual([]);
    expect(there).toEqual(here);
  });
});
