/**
 * The build always finishes and says what is wrong: with broken case files (their children stay on the
 * tracker, the agenda and in the PDF pack, marked "this file must be fixed before panel", and the agenda and
 * pack say how many files could not be read), with an alias bomb in an old commit (that version's problem,
 * the trail goes on), and with a schedule whose dates have run out (no upcoming meeting).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../cli/run.js';
import { HAVE_CHROMIUM } from '../e2e/harness.js';
import { aliasBomb, cleanRoots, makeRoot, validCase } from './hostile-roots.js';

const AS_OF = '2026-11-20';
const run = HAVE_CHROMIUM || !!process.env.CI;
const dists: string[] = [];
afterAll(() => {
  cleanRoots();
  dists.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

function build(root: string, { pack }: { pack: boolean }) {
  const dist = mkdtempSync(path.join(tmpdir(), 'panel-finishes-'));
  dists.push(dist);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'scripts/build.ts')], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 600_000,
    env: { ...process.env, PANEL_ROOT: root, PANEL_AS_OF: AS_OF, PANEL_DIST: dist, PANEL_BUILD_QUIET: '1', PANEL_NO_PACK: pack ? '' : '1' },
  });
  return { dist, status: r.status, out: `${r.stdout}\n${r.stderr}`, page: (p: string) => readFileSync(path.join(dist, p, 'index.html'), 'utf8') };
}

const git = (root: string, args: string[]) => execFileSync('git', ['-c', 'user.name=Test Admin', '-c', 'user.email=admin@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: root, stdio: 'pipe' });
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');

describe.runIf(run)('the build with broken case files and a bomb in history', () => {
  let b: ReturnType<typeof build>;
  beforeAll(() => {
    const root = makeRoot({
      'panel.yaml': 'council: Test Council (fictional)\nschedule:\n  kind: dates\n  dates: [2026-10-02, 2026-12-04]\n',
      'cases/C-1.md': validCase('C-1'),
      // A typo in a field name: its clocks are still read.
      'cases/C-2.md': validCase('C-2', ['socail_worker: Sam Worker']).replace('Ada Example', 'Bea Typo'),
      // Front matter that cannot be read (an unquoted colon): the child is kept with its id and name.
      'cases/C-3.md': validCase('C-3', ['team: Plan: adoption; contingency: fostering']).replace('Ada Example', 'Cal Broken'),
    });
    git(root, ['init', '-q', '-b', 'main']);
    // An old version of C-1 holds an alias bomb; it was fixed in the next commit.
    const good = readFileSync(path.join(root, 'cases/C-1.md'), 'utf8');
    execFileSync('sh', ['-c', `printf '%s' "$1" > cases/C-1.md`, 'sh', good.replace('---\nSummary', `${aliasBomb()}---\nSummary`)], { cwd: root });
    git(root, ['add', '-A']);
    git(root, ['commit', '-q', '-m', 'first import', '--date', '2026-10-01T10:00:00Z']);
    execFileSync('sh', ['-c', `printf '%s' "$1" > cases/C-1.md`, 'sh', good], { cwd: root });
    git(root, ['commit', '-q', '-am', 'remove the pasted block', '--date', '2026-11-01T10:00:00Z']);
    b = build(root, { pack: true });
  }, 900_000);

  it('finishes, with the site and the PDF pack', () => {
    expect(b.status, b.out).toBe(0);
    expect(b.out).not.toMatch(/^\s+at .+[(:]\d+/m);
    expect(existsSync(path.join(b.dist, 'pack-2026-12-04.pdf'))).toBe(true);
  });

  it('keeps the broken files\' children on the tracker, each marked', () => {
    const tracker = text(b.page('tracker'));
    for (const [id, name] of [['C-2', 'Bea Typo'], ['C-3', 'Cal Broken']]) expect(tracker).toMatch(new RegExp(`${name} ${id} Must fix`));
    expect(tracker).not.toMatch(/Ada Example C-1 Must fix/);
  });

  it('the child page says the file must be fixed, what is wrong, and which clocks are off', () => {
    const c3 = text(b.page('children/C-3'));
    expect(c3).toContain('This file must be fixed before panel');
    expect(c3).toContain('the value of team contains a colon followed by a space');
    // Nothing but the id and the name could be read: the rest is "Not readable", never "None" or "No".
    expect(c3).toMatch(/Looked after Not readable/);
    expect(c3).not.toContain('On track');
    const c2 = text(b.page('children/C-2'));
    expect(c2).toContain('an unknown field "socail_worker"');
    // The typo does not switch off C-2's clocks: its first review is still read.
    expect(c2).toMatch(/first looked-after review/i);
  });

  it('the agenda lists them, marked, and says how many files could not be read', () => {
    const agenda = text(b.page('agenda'));
    expect(agenda).toContain('2 case files could not be read in full');
    expect(agenda).toContain('This file must be fixed before panel: cases/C-3.md');
    expect(agenda).toContain('This file must be fixed before panel: cases/C-2.md');
  });

  it('the PDF pack has them with the red line and the count', () => {
    const pdf = execFileSync('pdftotext', [path.join(b.dist, 'pack-2026-12-04.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(pdf).toContain('2 case files could not be read in full');
    expect(pdf).toContain('Cal Broken (C-3)');
    expect(pdf).toMatch(/This file must be fixed before panel \(cases\/C-3\.md\)/);
  });

  it('the bomb in history is that version\'s problem, and the trail goes on', () => {
    const c1 = text(b.page('children/C-1'));
    expect(c1).toContain('remove the pasted block');
    expect(c1).toMatch(/alias bomb/);
  });
});

describe.runIf(run)('the build with a schedule whose dates have run out', () => {
  it('finishes and says there is no meeting ahead, on the dashboard, the agenda and the invalid files page', () => {
    const root = makeRoot({ 'panel.yaml': 'schedule:\n  kind: dates\n  dates: [2026-01-09, 2026-03-06]\n', 'cases/C-1.md': validCase('C-1') });
    const b = build(root, { pack: true });
    expect(b.status, b.out).toBe(0);
    expect(text(b.page('agenda'))).toContain('No meeting scheduled');
    // (The site writes dates for people: "20 Nov 2026".)
    expect(text(b.page('invalid'))).toMatch(/No panel meeting is scheduled in the four months after (2026-11-20|20 Nov 2026)/);
    expect(text(b.page('invalid'))).toMatch(/the last is (2026-03-06|6 Mar 2026)/);
    expect(text(b.page('invalid'))).toContain('Policy file needs attention');
  }, 900_000);
});
