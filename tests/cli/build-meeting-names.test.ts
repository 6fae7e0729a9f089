/**
 * `panel build` on a council repository whose history holds meeting files not named by a date
 * (meetings/2026-11-06-draft.md, meetings/notes.md, committed and one later deleted): the build finishes, the
 * changes page names those files rather than taking their names for dates, and the real meeting keeps its link.
 * And a build that fails part way leaves its output folder so that the next build accepts it.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { at, gitFixture, type GitFixture } from '../data/git-fixture.js';
import { panel } from './run.js';

const CASE = `---
id: C-2001
name: Dev Fixture
dob: 2012-01-01
looked_after:
  start: 2026-10-01
  legal_status: V2
  placement: U6
reviews: [2026-10-28]
panel:
  - date: 2026-10-02
---
`;
const MEETING = '---\ndate: 2026-11-06\nchair: A\n---\n';
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');

describe('the build with meeting files whose names are not dates', () => {
  let f: GitFixture;
  let out: ReturnType<typeof panel>;
  let dist: string;
  beforeAll(() => {
    f = gitFixture('panel-meeting-names-');
    f.write('panel-data/cases/C-2001.md', CASE);
    f.write('panel-data/meetings/2026-11-06.md', MEETING);
    f.commit('first import', at('Ann Admin', '2026-10-01'));
    f.write('panel-data/meetings/2026-11-06-draft.md', MEETING);
    f.write('panel-data/meetings/notes.md', MEETING);
    f.write('panel-data/meetings/2026-11-06.md', MEETING.replace('chair: A', 'chair: A\nminutes_published: 2026-11-10'));
    f.commit('drafts', at('Ann Admin', '2026-11-10'));
    // Deleted since: still in the history the changes page reads.
    f.git(['rm', '-q', 'panel-data/meetings/notes.md']);
    f.commit('remove the notes', at('Ann Admin', '2026-11-12'));
    dist = path.join(f.repo, 'site');
    out = panel(['build', '--root', f.root, '--out', dist, '--as-of', '2026-11-20', '--no-pack', '--quiet']);
  }, 300_000);
  afterAll(() => f?.remove());

  it('finishes, with no stack trace', () => {
    expect(out.code, out.stderr).toBe(0);
    expect(`${out.stdout}${out.stderr}`).not.toMatch(/RangeError|^\s+at .+[(:]\d+/m);
  });

  it('names the files on the changes page, and links the real meeting', () => {
    const page = readFileSync(path.join(dist, 'changes', 'index.html'), 'utf8');
    const words = text(page);
    expect(words).toContain('since the panel of Friday 6 November 2026');
    expect(words).toContain('Meeting file meetings/2026-11-06-draft.md');
    expect(words).toContain('Meeting file meetings/notes.md');
    expect(page).not.toMatch(/href="[^"]*meetings\/(notes|2026-11-06-draft)\//);
    // The real meeting's own file links to its page.
    expect(page).toMatch(/<a [^>]*href="[^"]*meetings\/2026-11-06\/[^"]*"[^>]*>Panel meeting of Friday 6 November 2026<\/a>/);
    expect(words.match(/Panel meeting of Friday 6 November 2026/g)).toHaveLength(1);
  });

  it('the meeting page of the real meeting is built', () => {
    expect(text(readFileSync(path.join(dist, 'meetings', '2026-11-06', 'index.html'), 'utf8'))).toContain('6 November 2026');
  });
});

describe('a build that fails part way', () => {
  const dirs: string[] = [];
  afterAll(() => {
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
    vi.doUnmock('../../src/data/build-site.js');
  });

  it('leaves its output folder as the next build accepts it', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'panel-failed-build-'));
    dirs.push(root);
    mkdirSync(path.join(root, 'cases'));
    writeFileSync(path.join(root, 'cases', 'C-2001.md'), CASE);
    // The site builder writes some pages, then fails (as a page that throws does).
    vi.doMock('../../src/data/build-site.js', () => ({
      buildSite: async ({ dist }: { dist: string }) => {
        mkdirSync(path.join(dist, 'agenda'), { recursive: true });
        writeFileSync(path.join(dist, 'agenda', 'index.html'), '<p>half</p>');
        throw new Error('astro build failed (exit 1)');
      },
    }));
    const { runBuild, checkOutputFolder } = await import('../../src/cli/build.js');
    const quiet = () => {};
    await expect(runBuild({ root, asOf: '2026-11-20', pack: false, quiet: true }, quiet, quiet)).rejects.toThrow(/astro build failed/);
    const dist = path.join(root, 'dist');
    expect(readFileSync(path.join(dist, 'agenda', 'index.html'), 'utf8')).toBe('<p>half</p>');
    expect(() => checkOutputFolder(dist, root)).not.toThrow();
    // A folder left by an older version's failed build (no mark): refused, saying what to do.
    const left = path.join(root, 'left');
    mkdirSync(path.join(left, 'agenda'), { recursive: true });
    expect(() => checkOutputFolder(left, root)).toThrow(/the folder has other files in it.*delete it and build again/);
  });
});
