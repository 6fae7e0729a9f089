import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, panel } from './run.js';

const basic = path.join(FIXTURES, 'basic');

describe('panel check exit codes', () => {
  it('exits 1 when any finding is at level error', () => {
    const r = panel(['check', '--root', basic, '--as-of', '2026-11-20']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✖');
  });

  it('exits 0 when findings are only warnings or notices', () => {
    const r = panel(['check', '--root', path.join(FIXTURES, 'clean'), '--as-of', '2026-11-20']);
    expect(r.code).toBe(0);
    // A warning for the child's cadence, and one for the next panel's agenda, not yet agreed.
    expect(r.stdout.trim().split('\n').at(-1)).toBe('✔ 0 errors, 2 warnings, 0 notices in 1 case file (1 child needs attention)');
  });

  it('exits 2 for a usage error: an impossible --as-of, an unknown format, an unknown option', () => {
    expect(panel(['check', '--root', basic, '--as-of', '2026-02-29']).code).toBe(2);
    expect(panel(['check', '--root', basic, '--as-of', '2026-02-29']).stderr).toContain('--as-of: expected a real date');
    expect(panel(['check', '--root', basic, '--format', 'xml']).code).toBe(2);
    expect(panel(['check', '--bogus']).code).toBe(2);
    expect(panel(['check', '--root', path.join(FIXTURES, 'no-such-folder')]).code).toBe(2);
  });

  it('exits 2 for an invalid panel.yaml, naming the file, line, field and a did-you-mean', () => {
    const r = panel(['check', '--root', path.join(FIXTURES, 'bad-policy'), '--as-of', '2026-11-20']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('panel.yaml:4  warning_windw_days');
    expect(r.stderr).toContain('did you mean "warning_window_days"?');
    expect(r.stderr).toContain('panel.yaml:8  schedule.weekday: expected a weekday: monday to friday, found "saturday"');
  });

  it('works from any folder given --root', () => {
    const r = panel(['check', '--root', basic, '--as-of', '2026-11-20', '--format', 'json'], tmpdir());
    expect(JSON.parse(r.stdout).findings.length).toBeGreaterThan(0);
  });
});

describe('panel check --format json', () => {
  const r = panel(['check', '--root', basic, '--as-of', '2026-11-20', '--format', 'json']);
  const out = JSON.parse(r.stdout);

  it('prints one object with asOf and findings, each finding with exactly the documented keys in order', () => {
    expect(Object.keys(out)).toEqual(['asOf', 'findings']);
    expect(out.asOf).toBe('2026-11-20');
    for (const f of out.findings) {
      // `line` is there where known: not for a meeting whose file does not exist yet.
      const keys = ['child', 'file', 'rule', 'status', 'level', 'due', 'message', 'line'];
      expect(Object.keys(f)).toEqual(f.line === undefined ? keys.slice(0, -1) : keys);
      expect(['overdue', 'due-soon', 'late', 'invalid']).toContain(f.status);
      expect(['error', 'warning', 'notice']).toContain(f.level);
      expect(f.due === null || /^\d{4}-\d{2}-\d{2}$/.test(f.due)).toBe(true);
      if (f.line !== undefined) expect(Number.isInteger(f.line)).toBe(true);
      else expect(f).toMatchObject({ child: null, rule: 'agenda-agreed', file: 'meetings/2026-12-04.md' });
    }
  });

  it('reports an overdue clock with its due date, level and line', () => {
    expect(out.findings).toContainEqual({
      child: 'C-2001',
      file: 'cases/C-2001.md',
      rule: 'proceedings-26-weeks',
      status: 'overdue',
      level: 'error',
      due: '2026-10-30',
      message: 'The conclusion of care proceedings was due on 2026-10-30 (26 weeks after issue on 2026-05-01): 21 days overdue.',
      line: 13,
    });
  });

  it('reports an invalid file as one schema finding: the first problem in full, then the others with field and line', () => {
    const bad = out.findings.filter((f: { file: string }) => f.file === 'cases/C-2003.md');
    expect(bad).toEqual([
      expect.objectContaining({
        child: 'C-2003',
        rule: 'schema',
        status: 'invalid',
        level: 'error',
        due: null,
        line: 4,
        message: 'dob: expected a real calendar date (that day does not exist), found "2019-02-30" (and 1 more: revews line 5: an unknown field "revews" (did you mean "reviews"?)). Not read until the file is fixed: Consistent case data',
      }),
    ]);
    expect(out.findings.some((f: { child: string }) => f.child === 'C-2002')).toBe(true);
  });

  it('reports a meeting agenda naming an unknown child, with file and line', () => {
    expect(out.findings).toContainEqual(
      expect.objectContaining({ child: null, file: 'meetings/2026-10-02.md', rule: 'data-consistency', line: 4, message: expect.stringContaining('C-9999 is not a known child') }),
    );
  });

  it('gives the same output for the same inputs and date', () => {
    expect(panel(['check', '--root', basic, '--as-of', '2026-11-20', '--format', 'json']).stdout).toBe(r.stdout);
  });
});

describe('panel check text and github formats', () => {
  it('text groups by child, worst first, with due dates and a one-line summary', () => {
    const r = panel(['check', '--root', basic, '--as-of', '2026-11-20']);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('Permanency tracking check at 2026-11-20 (policy: default)');
    const headings = lines.filter((l) => /^\S/.test(l) && !l.startsWith('Permanency') && !l.startsWith('✖'));
    // Files that cannot be read come first (they hide clocks), then the child with the most overdue error.
    expect(headings).toEqual(['C-2003  cases/C-2003.md', 'meetings/2026-10-02.md', 'C-2001 Ada Fixture  cases/C-2001.md', 'meetings/2026-12-04.md', 'C-2002 Ben Fixture  cases/C-2002.md']);
    expect(r.stdout).toMatch(/error\s+overdue\s+proceedings-26-weeks\s+due 2026-10-30/);
    expect(lines.at(-1)).toMatch(/^✖ \d+ errors, \d+ warnings?, \d+ notices? in 3 case files \(\d+ children need attention; 1 file could not be read\)$/);
  });

  it('github prints one workflow annotation per finding with file and line', () => {
    const r = panel(['check', '--root', basic, '--as-of', '2026-11-20', '--format', 'github'], path.join(FIXTURES, '..'));
    expect(r.stdout).toContain(
      '::error file=fixtures/basic/cases/C-2001.md,line=13,title=C-2001 Care proceedings past their deadline [proceedings-26-weeks]::The conclusion of care proceedings was due on 2026-10-30',
    );
    expect(r.stdout).toMatch(/::notice file=fixtures\/basic\/cases\/C-2002\.md,line=\d+,title=C-2002 First discussion at panel held late \[first-panel\]::/);
  });
});

describe('panel new', () => {
  function root() {
    const dir = mkdtempSync(path.join(tmpdir(), 'panel-new-'));
    mkdirSync(path.join(dir, 'cases'));
    return dir;
  }

  it('scaffolds a case file that check then reads, asking for what is missing', () => {
    const dir = root();
    const r = panel(['new', 'C-5001', '--root', dir, '--name', 'Sam Example', '--dob', '2018-04-02', '--start', '2026-11-20']);
    expect(r.code).toBe(0);
    const check = JSON.parse(panel(['check', '--root', dir, '--as-of', '2026-11-20', '--format', 'json']).stdout);
    expect(check.findings.filter((f: { rule: string }) => f.rule === 'schema')).toEqual([]);
    expect(check.findings).toContainEqual(expect.objectContaining({ child: 'C-5001', rule: 'first-review', status: 'due-soon', due: '2026-12-18' }));
  });

  it('refuses to overwrite an existing file without --force and leaves it unchanged', () => {
    const dir = root();
    const file = path.join(dir, 'cases', 'C-5002.md');
    writeFileSync(file, 'precious work');
    const r = panel(['new', 'C-5002', '--root', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('already exists; it was left unchanged (use --force to replace it)');
    expect(readFileSync(file, 'utf8')).toBe('precious work');
    expect(panel(['new', 'C-5002', '--root', dir, '--force']).code).toBe(0);
  });

  it('refuses ids that are not safe in paths and URLs', () => {
    const r = panel(['new', '../escape', '--root', root()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('use letters, digits');
  });
});
