/**
 * A folder with neither panel.yaml nor cases/ is not a data root: every command that reads one stops with
 * exit 2 and says so (naming the data root when the folder lies inside one), instead of `panel check` passing
 * on no case file and `panel new` writing cases/cases/<id>.md. `panel init` and `panel import 903` may start one.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, panel } from './run.js';

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
const temp = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'panel-not-root-'));
  made.push(dir);
  return dir;
};
/** A council repository with an invalid case file. */
function council(): string {
  const dir = temp();
  mkdirSync(path.join(dir, 'cases'));
  mkdirSync(path.join(dir, 'meetings'));
  writeFileSync(path.join(dir, 'panel.yaml'), 'council: Anytown (fictional)\n');
  writeFileSync(path.join(dir, 'cases/C-4001.md'), '---\nid: C-4001\nname: Ada Example\ndob: 02/04/2018\n---\n');
  return dir;
}
const noStack = (r: { stderr: string }) => expect(r.stderr).not.toMatch(/\n\s+at /);

describe('run from the wrong folder', () => {
  it('check from cases/ stops with exit 2 and names the data root to use', () => {
    const dir = council();
    const r = panel(['check', '--as-of', '2026-11-20'], path.join(dir, 'cases'));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${path.join(dir, 'cases')} is not a Panel data root: it has no panel.yaml and no cases/ folder. It is inside the data root ${dir}: run panel there, or give --root ${dir}.`);
    noStack(r);
    // From the data root itself, the invalid file is found.
    expect(panel(['check', '--as-of', '2026-11-20'], dir).code).toBe(1);
  });

  it('new and import 903 from cases/ write nothing (no cases/cases/)', () => {
    const dir = council();
    const r = panel(['new', 'C-4050', '--name', 'Sam Example'], path.join(dir, 'cases'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not a Panel data root');
    expect(existsSync(path.join(dir, 'cases', 'cases'))).toBe(false);
    // The import may start a data root in an empty folder, but not inside one.
    const imported = panel(['import', '903', path.join(FIXTURES, 'ssda903-fake'), '--as-of', '2018-03-31'], path.join(dir, 'cases'));
    expect(imported.code).toBe(2);
    expect(imported.stderr).toContain(`It is inside the data root ${dir}`);
    expect(readdirSync(path.join(dir, 'cases'))).toEqual(['C-4001.md']);
  });

  it('--root an empty folder: check, agenda, minutes, rules, policy, pack, build and history all stop with exit 2', () => {
    const empty = temp();
    const message = `${empty} is not a Panel data root: it has no panel.yaml and no cases/ folder. Run panel in your council's repository, or give --root <folder>. (panel init <folder> makes a new one.)`;
    const commands = [
      ['check'],
      ['new', 'C-1', '--name', 'Sam Example'],
      ['agenda', '--date', '2026-12-04'],
      ['minutes', '2026-12-04'],
      ['rules'],
      ['policy'],
      ['pack', '--date', '2026-12-04'],
      ['build', '--no-pack'],
      ['history', 'C-1'],
      ['escalation'],
      ['triangulate', '903', path.join(FIXTURES, 'ssda903-fake')],
    ];
    for (const args of commands) {
      const r = panel([...args, '--root', empty]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(message);
      noStack(r);
    }
    expect(readdirSync(empty)).toEqual([]);
  });

  it('init still makes a new data root, and a root with only cases/ (no panel.yaml) is one', () => {
    const dir = temp();
    const target = path.join(dir, 'council');
    expect(panel(['init', target]).code).toBe(0);
    expect(panel(['check', '--root', target, '--as-of', '2026-11-20']).code).toBe(0);
    expect(panel(['check', '--root', path.join(FIXTURES, 'clean'), '--as-of', '2026-11-20']).code).not.toBe(2);
  });
});
