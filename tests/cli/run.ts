/** Runs the real `panel` command (bin/panel.js) as a user would, capturing output and exit code. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = path.join(REPO, 'tests/fixtures');

export function panel(args: string[], cwd = REPO) {
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin/panel.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
