/**
 * Issue 11's "Done when": a council adopts panel from its tarball, in a fresh folder outside this
 * repository. `npm pack` here; there `npm init -y`, install the tarball, `npx panel init` for every preset
 * (the folder itself, then one sub-folder per other preset), add two case files, then `npx panel check`
 * and `npx panel build --no-pack` work, dist/index.html is written and git-ignored, and the installed
 * package is byte for byte what it was. Needs the npm registry (or its cache) for the dependencies.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRESETS } from '../../src/domain/policy.js';
import { REPO } from '../cli/run.js';

const AS_OF = '2026-11-20';
const dir = mkdtempSync(path.join(tmpdir(), 'panel-adopt-'));
const council = path.join(dir, 'council');
const installed = path.join(council, 'node_modules', 'panel');

const CASES: Record<string, string> = {
  'T-0001': `---
# FICTIONAL TEST DATA: this child does not exist.
id: T-0001
name: Ada Example
dob: 2019-03-02
siblings: []
team: Children in Care Team
social_worker: Sam Worker
team_manager: Tess Manager
iro: Ian Reviewer
looked_after:
  start: 2026-11-02
  legal_status: C2
  placement: U3
  end: null
  reason_ceased: null
reviews: []
plo: null
proceedings: null
fgc:
  referred: null
  held: null
plan: null
permanence:
  secured: null
---
Fictional child for the adoption test.
`,
  'T-0002': `---
# FICTIONAL TEST DATA: this child does not exist.
id: T-0002
name: Ben Example
dob: 2021-07-19
siblings: []
team: Court & PLO Team
social_worker: Sam Worker
team_manager: Tess Manager
iro: null
looked_after: null
reviews: []
plo:
  start: 2026-11-05
  end: null
proceedings: null
fgc:
  referred: 2026-11-06
  held: null
plan: null
permanence:
  secured: null
---
Fictional child in pre-proceedings for the adoption test.
`,
};

function sh(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false' }, maxBuffer: 1 << 26 });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}
const npx = (args: string[], cwd = council) => sh('npx', ['--no-install', 'panel', ...args], cwd);

/** One hash of every file (path, mode, content) and link under a folder. */
function hashTree(root: string): string {
  const h = createHash('sha256');
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      h.update(`${path.relative(root, p)}\0${e.isDirectory() ? 'd' : e.isSymbolicLink() ? 'l' : 'f'}\0`);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) h.update(`${statSync(p).mode}\0`).update(readFileSync(p));
    }
  };
  walk(root);
  return h.digest('hex');
}

let before = '';

beforeAll(() => {
  const pack = sh('npm', ['pack', '--json', '--pack-destination', dir], REPO);
  expect(pack.code, pack.stderr).toBe(0);
  const tarball = JSON.parse(pack.stdout)[0].filename as string;
  execFileSync('mkdir', [council]);
  expect(sh('npm', ['init', '-y'], council).code).toBe(0);
  const install = sh('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(dir, tarball)], council);
  expect(install.code, install.stderr).toBe(0);
  before = hashTree(installed);
}, 900_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a council adopts panel from its tarball', () => {
  it('the package holds the compiled command, the site, templates and public files, and no tests, demo data or development files', () => {
    const files = (sub: string) => readdirSync(path.join(installed, sub));
    expect(readdirSync(installed).sort()).toEqual(
      expect.arrayContaining(['astro.config.mjs', 'bin', 'lib', 'package.json', 'public', 'README.md', 'CHANGELOG.md', 'scripts', 'src', 'templates']),
    );
    for (const absent of ['tests', 'cases', 'meetings', 'panel.yaml', 'node_modules', '.git', 'dist', 'vitest.config.ts']) {
      expect(existsSync(path.join(installed, absent)), absent).toBe(false);
    }
    expect(files('scripts')).toEqual(['astro-build.mjs']);
    expect(files('lib').filter((f) => f.startsWith('build-'))).toHaveLength(1);
    // The site's stylesheet, compiled when the package was packed (an installed panel compiles no Sass).
    expect(files('lib/styles').filter((f) => /^app-[0-9a-f]{16}\.css$/.test(f))).toHaveLength(1);
    expect(files('templates/github').length).toBeGreaterThan(0);
  });

  const roots = [
    { preset: PRESETS[0].name, folder: '.' },
    ...PRESETS.slice(1).map((p) => ({ preset: p.name, folder: `with-${p.name}` })),
  ];
  it.each(roots)('$preset: init, two case files, check and build --no-pack in $folder', { timeout: 600_000 }, ({ preset, folder }) => {
    const root = path.join(council, folder);
    const init = npx(['init', folder, '--preset', preset, '--council', 'Test Council']);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    for (const [id, text] of Object.entries(CASES)) writeFileSync(path.join(root, 'cases', `${id}.md`), text);

    const check = npx(['check', '--root', folder, '--as-of', AS_OF, '--format', 'json']);
    expect([0, 1], check.stderr).toContain(check.code);
    const findings = JSON.parse(check.stdout).findings as { file: string; rule: string; child: string | null }[];
    expect(findings.filter((f) => f.rule === 'schema'), 'no case file is invalid').toEqual([]);
    expect(new Set(findings.map((f) => f.child).filter(Boolean))).toEqual(new Set(['T-0001', 'T-0002']));

    const build = npx(['build', '--root', folder, '--as-of', AS_OF, '--no-pack', '--quiet']);
    expect(build.code, build.stderr).toBe(0);
    const index = path.join(root, 'dist', 'index.html');
    expect(existsSync(index)).toBe(true);
    expect(readFileSync(index, 'utf8')).toContain('Test Council');
    expect(existsSync(path.join(root, 'dist', 'children', 'T-0002', 'index.html'))).toBe(true);
  });

  it('dist/ is git-ignored, the case files and the template are not, and the installed package is unchanged', () => {
    execFileSync('git', ['init', '-q'], { cwd: council });
    const ignored = (f: string) => spawnSync('git', ['check-ignore', '-q', f], { cwd: council }).status === 0;
    expect(ignored('dist/index.html')).toBe(true);
    expect(ignored('node_modules/panel/package.json')).toBe(true);
    expect(ignored('cases/T-0001.md')).toBe(false);
    expect(ignored('templates/case.md')).toBe(false);
    const pkg = JSON.parse(readFileSync(path.join(council, 'package.json'), 'utf8'));
    expect(pkg.private).toBe(true);
    expect(pkg.scripts).toMatchObject({ check: 'panel check', build: 'panel build' });
    expect(pkg.dependencies.panel).toMatch(/^file:.*panel-\d+\.\d+\.\d+\.tgz$/);
    expect(hashTree(installed)).toBe(before);
  });
});
