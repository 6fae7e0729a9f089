/**
 * `panel init` scaffolds a council's data repository; `panel new` prefers the data root's own template.
 * (The whole adoption, from `npm pack` to a built site in a fresh folder, is tests/adopt/tarball.test.ts.)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { loadPolicy } from '../../src/data/policy.js';
import { DEFAULT_POLICY, mergePolicy, PRESETS, type Preset } from '../../src/domain/policy.js';
import { panel, REPO } from '../cli/run.js';

const temps: string[] = [];
const temp = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'panel-init-'));
  temps.push(dir);
  return dir;
};
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

const version = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version as string;
const WORKFLOWS = readdirSync(path.join(REPO, 'templates/github'));

describe('panel init', () => {
  const cases: [string, Preset | undefined][] = [['the default policy', undefined], ...PRESETS.map((p): [string, Preset] => [p.name, p])];
  it.each(cases)('%s: panel.yaml is the preset, every setting written out with what it means and its source', (_, preset) => {
    const dir = temp();
    const r = panel(['init', dir, ...(preset ? ['--preset', preset.name] : []), '--council', 'Test Council']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);

    // The policy in force is exactly the preset's, with the council's name.
    const expected = { ...mergePolicy(DEFAULT_POLICY, preset?.values ?? {}), council: 'Test Council' };
    const loaded = loadPolicy(dir);
    expect(loaded.policy).toEqual(expected);

    const text = readFileSync(path.join(dir, 'panel.yaml'), 'utf8');
    const doc = parseDocument(text);
    // Every setting: the top level, the schedule's own, every timescale and every level, each with a comment above it.
    const lines = text.split('\n');
    const settingLines = lines.map((l, i) => [l, i] as const).filter(([l]) => /^(?:  )?[a-z_-]+:/.test(l) && !/^  (nth|weekday|from|dates):/.test(l));
    expect(settingLines.length).toBeGreaterThan(Object.keys(expected.timescales).length + Object.keys(expected.levels).length);
    for (const [line, i] of settingLines) expect(lines[i - 1], `comment above "${line}"`).toMatch(/^\s*#/);
    // Where each number comes from: the preset's own values name its seed file and section.
    for (const t of preset?.traced ?? []) {
      const key = t.setting.split('.').at(-1)!;
      const at = lines.findIndex((l) => new RegExp(`^\\s*${key}:`).test(l));
      const above = lines.slice(Math.max(0, at - 3), at).join('\n');
      if (t.basis.kind === 'seed') expect(above, t.setting).toContain(`${preset!.seed} ${t.basis.section}`);
      else if (t.basis.kind === 'default') expect(above, t.setting).toContain(t.basis.note ?? 'default');
      else expect(above, t.setting).toContain(t.basis.ref);
    }
    expect(text).toContain('Source: statutory: CPPCR Regulations 2010 reg 33');
    expect(doc.errors).toEqual([]);
    expect(text).toContain('time: "10:00"');

    // The rest of the repository.
    expect(readFileSync(path.join(dir, 'cases/.gitkeep'), 'utf8')).toBe('');
    expect(readFileSync(path.join(dir, 'meetings/.gitkeep'), 'utf8')).toBe('');
    expect(readFileSync(path.join(dir, 'templates/case.md'), 'utf8')).toBe(readFileSync(path.join(REPO, 'templates/case.md'), 'utf8'));
    for (const f of WORKFLOWS) {
      expect(readFileSync(path.join(dir, '.github/workflows', f), 'utf8')).toBe(readFileSync(path.join(REPO, 'templates/github', f), 'utf8'));
    }
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    expect(pkg.private).toBe(true);
    expect(pkg.scripts).toEqual({ check: 'panel check', build: 'panel build' });
    expect(pkg.dependencies).toEqual({ panel: `file:vendor/panel-${version}.tgz` });
    const readme = readFileSync(path.join(dir, 'README.md'), 'utf8');
    expect(readme).toMatch(/^# Test Council: Permanency Tracking Panel/);
    for (const words of ['npx panel new', 'reviews:', 'npx panel minutes', '--apply', 'pull request', 'Red (error)', 'Amber', 'Green', 'Panel gate']) {
      expect(readme).toContain(words);
    }
    // An empty data root is valid: check runs (meeting reminders only, no error).
    const check = panel(['check', '--root', dir, '--as-of', '2026-11-20']);
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
  });

  it('ignores what panel builds, drafts and caches, but not the case template', () => {
    const dir = temp();
    expect(panel(['init', dir, '--preset', 'north-somerset']).code).toBe(0);
    execFileSync('git', ['init', '-q', dir]);
    const ignored = (f: string) => spawnSync('git', ['check-ignore', '-q', f], { cwd: dir }).status === 0;
    for (const f of ['dist/index.html', 'pack-2026-12-04.pdf', 'pack-2026-12-04-redacted.pdf', 'meetings/drafts/2026-12-04-minutes.md', 'node_modules/panel/package.json', '.panel-cache/history/trail.bin', '.astro/x']) {
      expect(ignored(f), f).toBe(true);
    }
    for (const f of ['templates/case.md', 'cases/C-1001.md', 'meetings/2026-12-04.md', 'panel.yaml', 'package.json', '.github/workflows/panel-check.yml']) {
      expect(ignored(f), f).toBe(false);
    }
    // The council's own name is asked for when not given.
    expect(readFileSync(path.join(dir, 'panel.yaml'), 'utf8')).toContain("Replace with your council's name.");
  });

  it('refuses to replace any file: lists them, exits 2 and writes nothing', () => {
    const dir = temp();
    writeFileSync(path.join(dir, 'panel.yaml'), 'council: Mine\n');
    writeFileSync(path.join(dir, '.gitignore'), 'secret/\n');
    const r = panel(['init', dir, '--preset', 'north-somerset']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('panel.yaml');
    expect(r.stderr).toContain('.gitignore');
    expect(r.stderr).toContain('nothing was written');
    expect(r.stdout).toBe('');
    expect(readdirSync(dir).sort()).toEqual(['.gitignore', 'panel.yaml']);
    expect(readFileSync(path.join(dir, 'panel.yaml'), 'utf8')).toBe('council: Mine\n');
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toBe('secret/\n');
  });

  it('keeps an existing package.json (npm init, npm install) and adds only what is missing', () => {
    const dir = temp();
    const mine = { name: 'anytown-panel', version: '1.0.0', scripts: { test: 'echo no tests', build: 'make site' }, dependencies: { panel: 'file:panel-0.0.9.tgz' } };
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify(mine, null, 2));
    const r = panel(['init', dir]);
    expect(r.code).toBe(0);
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    expect(pkg).toEqual({ ...mine, private: true, scripts: { test: 'echo no tests', build: 'make site', check: 'panel check' } });
    expect(r.stdout).toContain('package.json: kept, added "private": true, the check script');
  });

  it('an unknown or renamed preset is a usage error, and nothing is written', () => {
    const dir = temp();
    const unknown = panel(['init', dir, '--preset', 'no-such-panel']);
    expect(unknown.code).toBe(2);
    for (const p of PRESETS) expect(unknown.stderr).toContain(p.name);
    const renamed = panel(['init', dir, '--preset', PRESETS[1].formerly]);
    expect(renamed.code).toBe(2);
    expect(renamed.stderr).toContain(`now called "${PRESETS[1].name}"`);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('panel new and the data root template', () => {
  it("uses the data root's own templates/case.md when there is one, else the built-in one", () => {
    const dir = temp();
    mkdirSync(path.join(dir, 'cases'));
    expect(panel(['new', 'C-1', '--root', dir, '--name', 'Ada Example']).code).toBe(0);
    expect(readFileSync(path.join(dir, 'cases/C-1.md'), 'utf8')).toContain('# One child\'s case file.');

    mkdirSync(path.join(dir, 'templates'));
    const own = readFileSync(path.join(REPO, 'templates/case.md'), 'utf8').replace("# One child's case file.", '# Anytown case file: ask the team manager before changing a plan.');
    writeFileSync(path.join(dir, 'templates/case.md'), own);
    const r = panel(['new', 'C-2', '--root', dir, '--name', 'Bea Example', '--dob', '2019-02-28', '--start', '2026-11-02']);
    expect(r.code).toBe(0);
    const written = readFileSync(path.join(dir, 'cases/C-2.md'), 'utf8');
    expect(written).toContain('# Anytown case file: ask the team manager');
    expect(written).toContain('id: C-2');
    expect(written).toContain('name: "Bea Example"');
    expect(written).toContain('start: 2026-11-02');
    expect(existsSync(path.join(dir, 'cases/C-1.md'))).toBe(true);
  });
});
