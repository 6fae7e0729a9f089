import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { panel, REPO } from '../cli/run.js';
import { HAVE_CHROMIUM } from './harness.js';

const run = HAVE_CHROMIUM || !!process.env.CI;
const pdftotext = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
const pagesOf = (text: string) => text.split('\f').slice(0, -1);

describe.runIf(run)('PDF meeting pack', () => {
  let dist: string;
  let full: string[];
  let redacted: string[];
  let agenda: { items: { number: number; children: { id: string; name: string }[] }[] };

  beforeAll(() => {
    dist = mkdtempSync(path.join(tmpdir(), 'panel-pack-'));
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'scripts/build.ts')], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, PANEL_AS_OF: '2026-11-22', PANEL_DIST: dist, PANEL_BUILD_QUIET: '1' },
    });
    if (r.status !== 0) throw new Error(`build failed: ${r.stdout}\n${r.stderr}`);
    expect(r.stdout).toContain('Pack: ');
    full = pagesOf(pdftotext(path.join(dist, 'pack-2026-12-04.pdf')));
    redacted = pagesOf(pdftotext(path.join(dist, 'pack-2026-12-04-redacted.pdf')));
    agenda = JSON.parse(panel(['agenda', '--date', '2026-12-04', '--as-of', '2026-11-22', '--format', 'json']).stdout);
  });

  it('writes the full and the redacted pack for the next meeting, tagged A4', () => {
    const info = execFileSync('pdfinfo', [path.join(dist, 'pack-2026-12-04.pdf')], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(info).toMatch(/Tagged:\s+yes/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBe(full.length);
    expect(pages).toBeGreaterThan(agenda.items.length);
    expect(existsSync(path.join(dist, 'pack-2026-12-04-redacted.pdf'))).toBe(true);
  });

  it('numbers every page "Page N of M" and marks every page top and bottom', () => {
    for (const pack of [full, redacted]) {
      pack.forEach((text, i) => {
        expect(text).toContain(`Page ${i + 1} of ${pack.length}`);
        expect(text.match(/OFFICIAL-SENSITIVE/g)!.length).toBeGreaterThanOrEqual(2);
      });
    }
  });

  it('has a cover with the meeting, the data commit and the as-of date', () => {
    expect(full[0]).toContain('Permanency Tracking Panel');
    expect(full[0]).toContain('Friday 4 December 2026');
    expect(full[0]).toContain('Sunday 22 November 2026');
    expect(full[0]).toMatch(/Data commit\s+[0-9a-f]{7,}/);
  });

  it('gives every child on the agenda a section, in agenda order, each starting a page with the name in the running header', () => {
    const children = agenda.items.flatMap((i) => i.children.map((c) => ({ ...c, item: i.number })));
    expect(children.length).toBeGreaterThan(5);
    const starts = children.map((c) => {
      const heading = `${c.item}. ${c.name} (${c.id})`;
      const page = full.findIndex((p) => p.split('\n').some((l) => l.trim().startsWith(heading)) && p.includes('Plan and contingency'));
      expect(page, heading).toBeGreaterThan(0);
      // The running header carries the same heading on the section's pages.
      expect(full[page].split('\n').slice(0, 3).join(' ')).toContain(heading);
      return page;
    });
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(new Set(starts).size).toBe(starts.length);
  });

  it('has a contents page whose page numbers match the pages', () => {
    const contents = full.find((p) => /^\s*Contents\s*$/m.test(p))!;
    const entries = [...contents.matchAll(/^\s*(\d+\. .+? \(C-\d+\)|Agenda|Summary tracker|Open actions log|Themes snapshot)\s+(\d+)\s*$/gm)];
    expect(entries.length).toBe(agenda.items.flatMap((i) => i.children).length + 4);
    for (const [, title, page] of entries) {
      const text = full[Number(page) - 1];
      expect(text.split('\n').some((l) => l.trim().startsWith(title.trim())), `${title} on page ${page}`).toBe(true);
    }
  });

  it('repeats the summary tracker header on each of its pages and never splits a row', () => {
    const pages = full.filter((p) => p.includes('Summary tracker') || /Item\s+Child\s+Age\s+Legal/.test(p));
    for (const p of pages.filter((x) => /C-\d{4}/.test(x) && /RED|AMBER|GREEN/.test(x))) expect(p).toMatch(/Item\s+Child\s+Age/);
  });

  it('the redacted pack has no child full names, no dates of birth and no case notes', () => {
    const text = redacted.join('\n');
    const names = readdirSync(path.join(REPO, 'cases')).map((f) => /\nname: (.+)\n/.exec(readFileSync(path.join(REPO, 'cases', f), 'utf8'))![1].trim());
    for (const name of names) expect(text, name).not.toContain(name);
    for (const name of names) for (const part of name.split(' ')) expect(text.includes(` ${part} `), part).toBe(false);
    expect(text).not.toContain('Date of birth');
    expect(text).not.toContain('Born');
    expect(text).not.toContain('Summary for panel');
    expect(text).toContain('J.S. (C-1030)');
  });

  it('without Chromium, still builds the site and says how to install Chromium', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'panel-nochromium-'));
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'scripts/build.ts')], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, PANEL_AS_OF: '2026-11-22', PANEL_DIST: out, PANEL_BUILD_QUIET: '1', PANEL_CHROMIUM: '/nonexistent/chromium' },
    });
    expect(r.status).toBe(0);
    expect(existsSync(path.join(out, 'index.html'))).toBe(true);
    expect(existsSync(path.join(out, 'pack-2026-12-04.pdf'))).toBe(false);
    expect(r.stderr).toContain('The site was built, but not the PDF pack.');
    expect(r.stderr).toContain('apt-get install -y chromium');
    // A whole site build inside the test: as long as the build hooks are given.
  }, 300_000);
});
