/**
 * Nothing lost: a writer killed mid-write leaves the old file whole and nothing the loader would read, and
 * every command that writes files (`new`, `agenda --freeze`, `minutes`, `import 903`) refuses to replace a
 * person's file without --force, and leaves no temporary file behind when it does write.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCases } from '../../src/data/load.js';
import { writeFileSafely, WouldOverwriteError } from '../../src/data/write.js';
import { FIXTURES, panel, REPO } from '../cli/run.js';
import { corpusCopy } from './corpus.js';

const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
};

const PRECIOUS = '---\nid: H-0001\nname: Precious Work\ndob: 2015-03-01\n---\nA person wrote this.\n';
const tempFiles = (dir: string) => readdirSync(dir).filter((n) => n.startsWith('.') && n.endsWith('.tmp'));

/** Starts writer-child.ts and resolves once it has paused where `mode` says. */
function pausedWriter(mode: 'mid-write' | 'before-put', file: string, bytes: number, force = false) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'tests/hardening/writer-child.ts'), mode, file, String(bytes), force ? 'force' : ''], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const paused = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('paused')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`writer exited (${code}) before pausing: ${out}${err}`)));
  });
  const killed = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  return { paused, kill: () => (child.kill('SIGKILL'), killed) };
}

describe('a writer killed mid-write', () => {
  // Replacing needs --force (without it an existing file is refused before anything is written).
  const cases: [string, 'mid-write' | 'before-put'][] = [
    ['half way through writing the temporary file', 'mid-write'],
    ['with the temporary file complete, before the rename', 'before-put'],
  ];
  for (const [when, mode] of cases) {
    it(`replacing a file (--force): the old file stays whole and the loader reads nothing else; killed ${when}`, async () => {
      const root = tempDir('panel-kill-');
      const file = path.join(root, 'cases', 'H-0001.md');
      mkdirSync(path.dirname(file));
      writeFileSync(file, PRECIOUS);
      const size = 8 * 1024 * 1024;
      const writer = pausedWriter(mode, file, size, true);
      await writer.paused;
      const [temp] = tempFiles(path.dirname(file));
      expect(temp).toMatch(/^\.H-0001\.md\.\d+\.[0-9a-f]{8}\.tmp$/);
      expect(statSync(path.join(root, 'cases', temp)).size).toBe(mode === 'mid-write' ? size / 2 : size);
      expect(await writer.kill()).toBe('SIGKILL');

      expect(readFileSync(file, 'utf8')).toBe(PRECIOUS);
      // The stray temporary file is still there (a kill runs no clean-up), but the loader never reads it.
      expect(tempFiles(path.dirname(file))).toEqual([temp]);
      const loaded = loadCases(root);
      expect(loaded.map((c) => c.file)).toEqual(['cases/H-0001.md']);
      expect(loaded[0].value?.name).toBe('Precious Work');
      // And it never blocks a later write.
      writeFileSafely(file, PRECIOUS.replace('Precious Work', 'Written Later'), { force: true });
      expect(loadCases(root)[0].value?.name).toBe('Written Later');
    });

    it(`creating a file: nothing appears under its name, no half file; killed ${when}`, async () => {
      const root = tempDir('panel-kill-');
      const file = path.join(root, 'cases', 'H-0009.md');
      const writer = pausedWriter(mode, file, 4 * 1024 * 1024);
      await writer.paused;
      expect(await writer.kill()).toBe('SIGKILL');
      expect(existsSync(file)).toBe(false);
      expect(tempFiles(path.dirname(file))).toHaveLength(1);
      expect(loadCases(root)).toEqual([]);
    });
  }
});

describe('writeFileSafely', () => {
  it('refuses an existing file, even one that appears while it writes, and a dangling symbolic link', () => {
    const dir = tempDir('panel-write-');
    const file = path.join(dir, 'a.md');
    writeFileSync(file, 'old');
    expect(() => writeFileSafely(file, 'new')).toThrow(WouldOverwriteError);
    expect(readFileSync(file, 'utf8')).toBe('old');
    spawnSync('ln', ['-s', path.join(dir, 'missing.md'), path.join(dir, 'link.md')]);
    expect(() => writeFileSafely(path.join(dir, 'link.md'), 'new')).toThrow(WouldOverwriteError);
    expect(tempFiles(dir)).toEqual([]);
  });

  it('writes every byte of a large file, keeps the old file\'s permissions when forced, and leaves no temporary file', () => {
    const dir = tempDir('panel-write-');
    const file = path.join(dir, 'big.md');
    const content = 'é'.repeat(6 * 1024 * 1024);
    writeFileSafely(file, content);
    expect(readFileSync(file, 'utf8')).toBe(content);
    spawnSync('chmod', ['640', file]);
    writeFileSafely(file, 'small', { force: true });
    expect(readFileSync(file, 'utf8')).toBe('small');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(tempFiles(dir)).toEqual([]);
  });
});

describe('every command that writes refuses to overwrite without --force', { timeout: 120_000 }, () => {
  const root = corpusCopy();
  temps.push(path.dirname(root));
  const AS_OF = '2026-11-20';
  const precious = (file: string) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, PRECIOUS);
  };
  const untouched = (file: string) => {
    expect(readFileSync(file, 'utf8')).toBe(PRECIOUS);
    expect(tempFiles(path.dirname(file))).toEqual([]);
  };

  it('panel new', () => {
    const file = path.join(root, 'cases', 'H-5001.md');
    precious(file);
    const r = panel(['new', 'H-5001', '--root', root, '--name', 'New Child']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('already exists; it was left unchanged (use --force to replace it)');
    untouched(file);
    expect(panel(['new', 'H-5001', '--root', root, '--name', 'New Child', '--force']).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('New Child');
    expect(tempFiles(path.dirname(file))).toEqual([]);
  });

  it('panel agenda --freeze (the corpus already has the agreed agenda of 2026-12-04)', () => {
    const file = path.join(root, 'meetings', '2026-12-04.md');
    const agreed = readFileSync(file, 'utf8');
    const r = panel(['agenda', '--root', root, '--as-of', AS_OF, '--freeze']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('already exists; it was left unchanged (use --force to replace it)');
    expect(readFileSync(file, 'utf8')).toBe(agreed);
    expect(tempFiles(path.dirname(file))).toEqual([]);
    const forced = panel(['agenda', '--root', root, '--as-of', AS_OF, '--freeze', '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('agenda_proposed: 2026-11-20');
    expect(tempFiles(path.dirname(file))).toEqual([]);
  });

  it('panel minutes', () => {
    const file = path.join(root, 'meetings', 'drafts', '2026-12-04-minutes.md');
    precious(file);
    const r = panel(['minutes', '2026-12-04', '--root', root]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('already exists; it was left unchanged (use --force to replace it)');
    untouched(file);
    expect(panel(['minutes', '2026-12-04', '--root', root, '--force']).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('# Minutes draft');
    expect(tempFiles(path.dirname(file))).toEqual([]);
  });

  it('panel import 903: an existing case file is left alone without --force (or --update), replaced with it', () => {
    // Two children of the shared synthetic return, so the command runs in seconds.
    const ret = tempDir('panel-return-');
    for (const name of ['header', 'episodes', 'reviews']) {
      const lines = readFileSync(path.join(FIXTURES, 'ssda903-fake', `${name}.csv`), 'utf8').split(/\r?\n/);
      writeFileSync(path.join(ret, `${name}.csv`), [lines[0], ...lines.filter((l) => /^(566910|384923),/.test(l))].join('\n'));
    }
    const dir = tempDir('panel-import-');
    const file = path.join(dir, 'cases', '566910.md');
    precious(file);
    const r = panel(['import', '903', ret, '--root', dir, '--as-of', '2018-03-31']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/left alone\s+cases\/566910\.md/);
    expect(r.stdout).toMatch(/created\s+cases\/384923\.md/);
    untouched(file);
    const forced = panel(['import', '903', ret, '--root', dir, '--as-of', '2018-03-31', '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/replaced\s+cases\/566910\.md/);
    expect(readFileSync(file, 'utf8')).not.toBe(PRECIOUS);
    expect(tempFiles(path.dirname(file))).toEqual([]);
  });
});
