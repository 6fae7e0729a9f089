/**
 * The compiled `panel check` (lib/, with its worker thread lib/<build>/check-worker.js) prints the same
 * report and exits with the same code whether the case files are checked in worker threads or in the main
 * thread alone, in every format; PANEL_CHECK_TIMING says which threads checked them.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSyntheticRoot } from '../../scripts/synthetic.js';
import { FIXTURES, REPO } from './run.js';

const temp = mkdtempSync(path.join(tmpdir(), 'panel-check-workers-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function check(root: string, workers: string, format: string) {
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin/panel.js'), 'check', '--root', root, '--as-of', '2026-11-20', '--format', format], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', PANEL_CHECK_WORKERS: workers, PANEL_CHECK_TIMING: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('panel check with worker threads (compiled command)', () => {
  const synthetic = writeSyntheticRoot(path.join(temp, 'synthetic'), 200);
  const broken = path.join(temp, 'broken');
  cpSync(path.join(FIXTURES, 'hardening'), broken, { recursive: true });
  writeFileSync(path.join(broken, 'cases', 'H-0001-copy.md'), '---\nid: H-0001\nname: Copy\ndob: 2015-01-01\nsiblings: [H-9999]\n---\n');

  it.each([
    ['the demo', REPO],
    ['generated cases', synthetic],
    ['broken and duplicated files', broken],
  ])('%s: the same output and exit code in worker threads as in the main thread alone', (_name, root) => {
    for (const format of ['json', 'text', 'github']) {
      const alone = check(root, '0', format);
      const workers = check(root, '2', format);
      expect(alone.stderr).toMatch(/checked by 0 worker threads/);
      // Every chunk was checked by a worker (none left to the main thread by a worker that failed to start).
      const [, all, byWorkers] = /in ([\d,]+) chunks, ([\d,]+) checked by 2 worker threads, 0 in the main thread/.exec(workers.stderr) ?? [];
      expect(byWorkers, workers.stderr).toBe(all);
      expect(workers.code).toBe(alone.code);
      expect(workers.stdout).toBe(alone.stdout);
    }
  });
});
