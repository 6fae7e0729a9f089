/**
 * `panel check --history`: the clocks only git can tell, through the real command in a temporary
 * repository whose commits carry fixed dates: a child added to the tracker late is a notice (the level
 * from the policy), a held meeting's decision missing from a child's record is overdue with or without
 * history, and a decision committed late is a notice. Without --history nothing is read from git.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { panel } from './run.js';

vi.setConfig({ testTimeout: 240_000 });

function repo() {
  const dir = mkdtempSync(path.join(tmpdir(), 'panel-recorded-'));
  mkdirSync(path.join(dir, 'cases'));
  mkdirSync(path.join(dir, 'meetings'));
  const git = (args: string[], day = '2026-01-05') =>
    execFileSync('git', args, {
      cwd: dir,
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'Admin', GIT_AUTHOR_EMAIL: 'a@example.org', GIT_COMMITTER_NAME: 'Admin', GIT_COMMITTER_EMAIL: 'a@example.org', GIT_AUTHOR_DATE: `${day}T10:00:00+00:00`, GIT_COMMITTER_DATE: `${day}T10:00:00+00:00` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  git(['init', '-q', '-b', 'main']);
  const commit = (day: string, files: Record<string, string>) => {
    for (const [f, text] of Object.entries(files)) writeFileSync(path.join(dir, f), text);
    git(['add', '-A'], day);
    git(['commit', '-qm', `change of ${day}`], day);
  };
  return { dir, commit };
}

const caseFile = (id: string, start: string, panelEntries = '') =>
  `---\nid: ${id}\nname: Test ${id}\ndob: 2018-01-01\nlooked_after:\n  start: ${start}\n  legal_status: C1\n  placement: U4\nsocial_worker: A\nteam: T\nreviews: [${start}]\n${panelEntries ? `panel:\n${panelEntries}` : ''}---\n`;

interface Json { findings: { child: string; rule: string; status: string; level: string; due: string | null; message: string }[] }
const check = (dir: string, asOf: string, extra: string[] = []) => {
  const r = panel(['check', '--root', dir, '--as-of', asOf, '--format', 'json', ...extra]);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return (JSON.parse(r.stdout) as Json).findings;
};

describe('panel check --history', () => {
  it('a child added to the tracker after 3 working days is a late notice; on the due day it is on time', () => {
    const { dir, commit } = repo();
    commit('2026-10-01', { 'cases/C-0.md': caseFile('C-0', '2026-09-01') });
    // Monday 2 November: due Thursday 5 November.
    commit('2026-11-05', { 'cases/C-1.md': caseFile('C-1', '2026-11-02') });
    commit('2026-11-06', { 'cases/C-2.md': caseFile('C-2', '2026-11-02') });
    const f = check(dir, '2026-11-20', ['--history']).filter((x) => x.rule === 'notification');
    expect(f.map((x) => [x.child, x.status, x.level, x.due])).toEqual([['C-2', 'late', 'notice', '2026-11-05']]);
    expect(f[0].message).toContain('2026-11-06');
    // The event before the history began (C-0's care started before the first commit) is not judged; nor is anything without --history.
    expect(check(dir, '2026-11-20').filter((x) => x.rule === 'notification')).toEqual([]);
  });

  it("a held meeting's decision missing from a child's record is overdue; committed late it is a notice", () => {
    const { dir, commit } = repo();
    const meeting = '---\ndate: 2026-11-06\nagenda: [C-1, C-2]\nminutes_published: 2026-11-09\n---\n';
    const entry = '  - date: 2026-11-06\n    decision: Plan endorsed\n';
    commit('2026-11-02', { 'cases/C-1.md': caseFile('C-1', '2026-10-01'), 'cases/C-2.md': caseFile('C-2', '2026-10-01'), 'meetings/2026-11-06.md': meeting });
    // Friday 6 November: due Wednesday 11 November. C-1's decision on the due day; C-2's never.
    commit('2026-11-11', { 'cases/C-1.md': caseFile('C-1', '2026-10-01', entry) });
    const at = (asOf: string, extra: string[] = []) => check(dir, asOf, extra).filter((x) => x.rule === 'minutes-recorded').map((x) => [x.child, x.status, x.level, x.due]);
    expect(at('2026-11-12')).toEqual([['C-2', 'overdue', 'warning', '2026-11-11']]);
    expect(at('2026-11-12', ['--history'])).toEqual([['C-2', 'overdue', 'warning', '2026-11-11']]);
    commit('2026-11-13', { 'cases/C-2.md': caseFile('C-2', '2026-10-01', entry) });
    expect(at('2026-11-20')).toEqual([]);
    expect(at('2026-11-20', ['--history'])).toEqual([['C-2', 'late', 'notice', '2026-11-11']]);
  });

  it('outside a git repository --history says so and checks the files', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'panel-recorded-nogit-'));
    mkdirSync(path.join(dir, 'cases'));
    writeFileSync(path.join(dir, 'cases/C-1.md'), caseFile('C-1', '2026-11-02'));
    const r = panel(['check', '--root', dir, '--as-of', '2026-11-20', '--history']);
    expect(r.stderr).toContain('--history: no git history');
    expect([0, 1]).toContain(r.code);
  });
});
