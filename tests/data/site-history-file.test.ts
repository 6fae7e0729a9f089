/**
 * A child's page shows the audit trail of the child's own file. A file whose name is not its id (a
 * finding, but the child is still on the site) must not show the trail of the file named after the id:
 * here `cases/C-5.md` belonged to another child, since deleted.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshFolders } from '../helpers.js';
import { buildSite } from '../../src/data/build-site.js';

const temp = freshFolders('panel-site-trail-');

const child = (id: string, name: string) =>
  ['---', `id: ${id}`, `name: ${name}`, 'dob: 2016-04-01', 'looked_after:', '  start: 2025-09-01', '  legal_status: C2', '---', 'Summary for panel (fictional).', ''].join('\n');

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/\s+/g, ' ');

describe("a child's page and the audit trail of its file", () => {
  it('shows the trail of the file the child is read from, not of another file named after its id', async () => {
    const root = temp('site-trail');
    mkdirSync(path.join(root, 'cases'));
    const git = (args: string[], date: string) =>
      execFileSync('git', ['-c', 'user.name=Test Admin', '-c', 'user.email=admin@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
        cwd: root,
        stdio: 'pipe',
        env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      });
    const commit = (rel: string, content: string | null, message: string, date: string) => {
      if (content === null) git(['rm', '-q', rel], date);
      else {
        writeFileSync(path.join(root, rel), content);
        git(['add', '-A'], date);
      }
      git(['commit', '-q', '-m', message], date);
    };
    git(['init', '-q', '-b', 'main'], '2026-01-01T10:00:00Z');
    commit('cases/C-5.md', child('C-5', 'Zed Other'), 'Add Zed', '2026-01-01T10:00:00Z');
    commit('cases/C-5.md', child('C-5', 'Zed Another'), 'Name of Zed corrected', '2026-01-02T10:00:00Z');
    commit('cases/C-5.md', null, 'Zed left: file removed', '2026-01-03T10:00:00Z');
    mkdirSync(path.join(root, 'cases'), { recursive: true });
    commit('cases/smith.md', child('C-5', 'Sam Smith'), 'Add Sam', '2026-01-04T10:00:00Z');
    commit('cases/smith.md', child('C-5', 'Samuel Smith'), 'Name of Sam corrected', '2026-01-05T10:00:00Z');

    const dist = temp('site-trail-dist');
    await buildSite({ root, asOf: '2026-01-10', dist, pdf: false, quiet: true });
    const page = text(readFileSync(path.join(dist, 'children', 'C-5', 'index.html'), 'utf8'));
    const trail = page.slice(page.indexOf('Changes to this record'));
    expect(trail).toContain('Changes to cases/smith.md');
    expect(trail).toContain('Name changed from "Sam Smith" to "Samuel Smith"');
    expect(trail).toContain('Name of Sam corrected');
    expect(trail).not.toContain('Zed');
  }, 120_000);
});
