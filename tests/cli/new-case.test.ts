/**
 * `panel new` says only what is left to fill in, and `panel check` then asks for each detail it left
 * empty for a looked-after child (legal status, placement, social worker, team): a notice each, on its
 * line, gone once filled in.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { panel } from './run.js';

const root = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'panel-new-'));
  mkdirSync(path.join(dir, 'cases'));
  return dir;
};
type F = { child: string; rule: string; level: string; status: string; message: string; line?: number };

describe('panel new, then panel check', () => {
  it('with name, date of birth and care start: no request to fill those in; a notice each for the four details', () => {
    const dir = root();
    const r = panel(['new', 'C-5001', '--root', dir, '--name', 'Sam Example', '--dob', '2018-04-02', '--start', '2026-11-20']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/complete the|Fill in/);
    expect(r.stdout).toContain('asks for the legal status, placement, social worker and team while they are empty');
    const check = panel(['check', '--root', dir, '--as-of', '2026-11-20', '--format', 'json']);
    expect(check.code).toBe(0);
    const notices = (JSON.parse(check.stdout).findings as F[]).filter((f) => f.level === 'notice' && f.rule === 'data-consistency');
    const text = readFileSync(path.join(dir, 'cases', 'C-5001.md'), 'utf8').split('\n');
    const lineOf = (prefix: string) => text.findIndex((l) => l.trimStart().startsWith(prefix)) + 1;
    expect(notices.map((f) => [f.message.split(':')[0], f.line]).sort((a, b) => Number(a[1]) - Number(b[1]))).toEqual([
      ['team not recorded', lineOf('team:')],
      ['social worker not recorded', lineOf('social_worker:')],
      ['legal status not recorded for a looked-after child', lineOf('legal_status:')],
      ['placement not recorded for a looked-after child', lineOf('placement:')],
    ]);
    for (const f of notices) expect(f.status).toBe('invalid');

    // Filled in: the notices go.
    const filled = text.join('\n')
      .replace(/^team:.*$/m, 'team: Children in Care Team')
      .replace(/^social_worker:.*$/m, 'social_worker: Priya Shah')
      .replace(/^(\s+)legal_status:.*$/m, '$1legal_status: C1')
      .replace(/^(\s+)placement:.*$/m, '$1placement: U4');
    writeFileSync(path.join(dir, 'cases', 'C-5001.md'), filled);
    const after = JSON.parse(panel(['check', '--root', dir, '--as-of', '2026-11-20', '--format', 'json']).stdout).findings as F[];
    expect(after.filter((f) => f.level === 'notice')).toEqual([]);
  });

  it('without the dates: asks only for what was not given', () => {
    const r = panel(['new', 'C-5003', '--root', root(), '--name', 'Sam Example']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Fill in the date of birth and the date care started');
    expect(r.stdout).not.toContain('the name');
  });
});
