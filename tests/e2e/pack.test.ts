/**
 * The demo's PDF packs, built once for the file by `npm run build`'s script (both packs, rendered in
 * parallel chunks and joined): read back with pdftotext, pdfinfo and pdf-lib as a person's tools would.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { panel, REPO } from '../cli/run.js';
import { HAVE_CHROMIUM } from './harness.js';
import { bookmarksOf, headerOf, linksOf, pagesOf, pdfinfo, pdftotext, structureOf, type Bookmark } from './pdf-read.js';
import { dobForms } from './pack-corpus.js';
import { loadCases } from '../../src/data/load.js';

const run = HAVE_CHROMIUM || !!process.env.CI;

describe.runIf(run)('PDF meeting pack (demo)', () => {
  let dist: string;
  let fullPdf: string;
  let redactedPdf: string;
  let full: string[];
  let redacted: string[];
  let agenda: { items: { number: number; children: { id: string; name: string; invited: string[] }[] }[] };
  let children: { id: string; name: string; item: number }[];

  beforeAll(() => {
    dist = mkdtempSync(path.join(tmpdir(), 'panel-pack-'));
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'scripts/build.ts')], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, PANEL_AS_OF: '2026-11-22', PANEL_DIST: dist, PANEL_BUILD_QUIET: '1' },
    });
    if (r.status !== 0) throw new Error(`build failed: ${r.stdout}\n${r.stderr}`);
    expect(r.stdout).toContain('Pack: ');
    fullPdf = path.join(dist, 'pack-2026-12-04.pdf');
    redactedPdf = path.join(dist, 'pack-2026-12-04-redacted.pdf');
    full = pagesOf(pdftotext(fullPdf));
    redacted = pagesOf(pdftotext(redactedPdf));
    agenda = JSON.parse(panel(['agenda', '--date', '2026-12-04', '--as-of', '2026-11-22', '--format', 'json']).stdout);
    children = agenda.items.flatMap((i) => i.children.map((c) => ({ ...c, item: i.number })));
  });

  const isContents = (p: string) => /^\s*Contents\s*$/m.test(p);
  /** The page a part starts on: its heading at the start of a line (the contents page lists them all). */
  const startOf = (pages: string[], heading: string) =>
    heading === 'Contents' ? pages.findIndex(isContents) : pages.findIndex((p) => p.split('\n').some((l) => l.trim().startsWith(heading)) && !isContents(p));

  it('writes the full and the redacted pack for the next meeting, tagged A4', async () => {
    for (const file of [fullPdf, redactedPdf]) {
      const info = pdfinfo(file);
      expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
      expect(info).toMatch(/Tagged:\s+yes/);
      expect(info).toMatch(/Title:\s+Permanency Tracking Panel pack, 4 Dec 2026/);
      const structure = await structureOf(file);
      expect(structure[0]).toBe('Document');
      expect(structure.filter((s) => s === 'H1').length).toBeGreaterThan(children.length);
      expect(structure).toContain('P');
    }
    const pages = Number(/Pages:\s+(\d+)/.exec(pdfinfo(fullPdf))![1]);
    expect(pages).toBe(full.length);
    expect(pages).toBeGreaterThan(agenda.items.length);
  });

  it('numbers every page "Page N of M" across the joined chunks, and marks every page top and bottom', () => {
    for (const pack of [full, redacted]) {
      pack.forEach((text, i) => {
        expect(text, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pack.length}`);
        expect(text.match(/OFFICIAL-SENSITIVE/g)!.length, `page ${i + 1}`).toBeGreaterThanOrEqual(2);
      });
    }
  });

  it('says "Redacted copy" at the foot of every page of the redacted pack, and keeps the running header on one line', () => {
    redacted.forEach((text, i) => {
      const lines = text.split('\n').filter((l) => l.trim());
      expect(lines.at(-1), `page ${i + 1}`).toMatch(/^OFFICIAL-SENSITIVE\s+Redacted copy\s+Page \d+ of \d+$/);
      // Past the cover, the panel, the date, the marking and the section share the first line.
      if (i > 0) expect(lines[0], `page ${i + 1}`).toMatch(/^Permanency Tracking Panel · 4 Dec 2026\s+OFFICIAL-SENSITIVE\s+\S/);
    });
    full.forEach((text, i) => {
      expect(text, `page ${i + 1}`).not.toContain('Redacted');
      expect(text.split('\n').filter((l) => l.trim()).at(-1), `page ${i + 1}`).toMatch(/^OFFICIAL-SENSITIVE\s+Page \d+ of \d+$/);
    });
  });

  it('has a cover with the meeting, the data commit and the as-of date, dates as people write them', () => {
    expect(full[0]).toContain('Permanency Tracking Panel');
    expect(full[0]).toMatch(/Date\s+4 Dec 2026/);
    expect(full[0]).toMatch(/Clocks read as of\s+22 Nov 2026/);
    expect(full[0]).toMatch(/Data commit\s+[0-9a-f]{7,}/);
    // The chairs have not agreed this agenda: it is proposed, on the cover and on the agenda page.
    expect(full[0]).toContain('Proposed: not yet agreed by the chairs');
    expect(full[startOf(full, 'Proposed agenda')]).toContain('Proposed agenda');
  });

  it('gives every child a section in agenda order, each starting a page with its own heading in the running header', () => {
    expect(children.length).toBeGreaterThan(5);
    const starts = children.map((c) => {
      const heading = `${c.item}. ${c.name} (${c.id})`;
      const page = startOf(full, heading);
      expect(page, heading).toBeGreaterThan(0);
      expect(full[page]).toContain('Plan and contingency');
      expect(headerOf(full[page])).toContain(heading);
      // The section's later pages carry its heading too, until the next section starts.
      return page;
    });
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(new Set(starts).size).toBe(starts.length);
    starts.forEach((start, i) => {
      const end = i + 1 < starts.length ? starts[i + 1] : startOf(full, 'Open actions log');
      const heading = `${children[i].item}. ${children[i].name} (${children[i].id})`;
      for (let p = start; p < end; p++) expect(headerOf(full[p]), `page ${p + 1}`).toContain(heading);
    });
  });

  it('names the open actions log and the themes snapshot in their running headers, not the last child', () => {
    const last = children.at(-1)!;
    for (const pack of [full, redacted]) {
      for (const title of ['Open actions log', 'Themes snapshot', 'Summary tracker', 'Contents']) {
        const page = startOf(pack, title);
        expect(page, title).toBeGreaterThan(0);
        expect(headerOf(pack[page])).toContain(title);
        expect(headerOf(pack[page])).not.toContain(last.id);
      }
    }
  });

  it('names who is invited for an item on its agenda page, as the site agenda does', () => {
    const invited = agenda.items.flatMap((i) => i.children.filter((c) => c.invited.length));
    expect(invited.length).toBeGreaterThan(0);
    for (const pack of [full, redacted]) {
      const start = startOf(pack, 'Proposed agenda');
      const agendaText = pack.slice(start, startOf(pack, 'Contents')).join('\n').replace(/\s+/g, ' ');
      for (const c of invited) expect(agendaText).toContain(`Invited: ${c.invited.join(', ')}`);
    }
  });

  it('says whose open actions its log lists, and how many open actions of other children it leaves to the tracker', () => {
    const onAgenda = new Set(children.map((c) => c.id));
    const others = loadCases(REPO)
      .map((c) => c.readable)
      .filter((c) => c && !onAgenda.has(c.id))
      .map((c) => c!.panel.reduce((n, d) => n + d.actions.filter((a) => !a.done).length, 0))
      .filter((n) => n > 0);
    const actions = others.reduce((a, b) => a + b, 0);
    expect(actions).toBeGreaterThan(0);
    for (const pack of [full, redacted]) {
      const log = pack[startOf(pack, 'Open actions log')].replace(/\s+/g, ' ');
      expect(log).toContain('The open actions of the children on this agenda.');
      expect(log).toContain(`${actions} more open action${actions === 1 ? '' : 's'}, for ${others.length} ${others.length === 1 ? 'child' : 'children'} not on this agenda,`);
    }
  });

  it('has a contents page whose page numbers match the pages', () => {
    const contents = full.find((p) => /^\s*Contents\s*$/m.test(p))!;
    const entries = [...contents.matchAll(/^\s*(\d+\. .+? \(C-\d+\)|Proposed agenda|Agenda|Summary tracker|Open actions log|Themes snapshot)\s+(\d+)\s*$/gm)];
    expect(entries.length).toBe(children.length + 4);
    for (const [, title, page] of entries) {
      const text = full[Number(page) - 1];
      expect(text.split('\n').some((l) => l.trim().startsWith(title.trim())), `${title} on page ${page}`).toBe(true);
    }
  });

  it('has bookmarks for every part and child, each leading to its page, with the sections inside', async () => {
    for (const [file, pages] of [[fullPdf, full], [redactedPdf, redacted]] as const) {
      const marks = await bookmarksOf(file);
      const titles = marks.map((m) => m.title);
      for (const t of ['Summary tracker', 'Open actions log', 'Themes snapshot', 'Contents']) expect(titles).toContain(t);
      const childMarks = marks.filter((m) => /\(C-\d+\)$/.test(m.title));
      expect(childMarks.length).toBe(children.length);
      for (const m of marks) {
        expect(m.page, m.title).toBeGreaterThanOrEqual(0);
        expect(pages[m.page].split('\n').some((l) => l.trim().startsWith(m.title)), `${m.title} on page ${m.page + 1}`).toBe(true);
      }
      const kids: Bookmark[] = childMarks[0].kids;
      expect(kids.map((k) => k.title)).toEqual(expect.arrayContaining(['Summary', 'Plan and contingency', 'Findings', 'Timeline']));
    }
  });

  it('links the contents and the agenda to the pages of the sections, and to nothing outside the pack', async () => {
    const links = await linksOf(fullPdf);
    const contentsPage = full.findIndex((p) => /^\s*Contents\s*$/m.test(p));
    const fromContents = links.filter((l) => l.from === contentsPage);
    expect(fromContents.length).toBe(children.length + 4);
    for (const l of fromContents) expect(l.to).toBeGreaterThanOrEqual(0);
    expect(fromContents.map((l) => l.to)).toContain(startOf(full, 'Open actions log'));
    expect(fromContents.map((l) => l.to)).toContain(startOf(full, 'Summary tracker'));
    for (const c of children) expect(fromContents.map((l) => l.to)).toContain(startOf(full, `${c.item}. ${c.name} (${c.id})`));
    expect(links.filter((l) => l.uri && /^https?:/.test(l.uri))).toEqual([]);
  });

  it('shows the PLO start in the summary tracker', () => {
    const page = full[startOf(full, 'Summary tracker')];
    const lines = page.split('\n');
    const head = lines.findIndex((l) => /Item\s+Child/.test(l));
    expect(lines.slice(head, head + 2).join(' ')).toMatch(/Care\s+PLO/);
    expect(lines[head + 1]).toMatch(/start\s+start/);
    // Kai Thompson (C-1034) entered pre-proceedings on 13 April 2026.
    const row = page.split('\n').findIndex((l) => l.includes('Kai'));
    expect(page.split('\n').slice(row, row + 3).join(' ')).toContain('13 Apr');
  });

  it('says the rules in plain words', () => {
    const kai = full[startOf(full, `${children.find((c) => c.id === 'C-1034')!.item}. Kai Thompson (C-1034)`)];
    expect(kai).toContain('Pre-proceedings open too long');
    expect(kai).not.toContain('plo-duration');
    expect(kai).toMatch(/due 13 Oct 2026/);
    expect(kai).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('says each finding\'s status once, in words, never the rule\'s level', () => {
    const page = (id: string, name: string) => full[startOf(full, `${children.find((c) => c.id === id)!.item}. ${name} (${id})`)].replace(/\s+/g, ' ');
    // Theo (C-1032): an action done after its due date of 18 Sep 2026; two adoption clocks overdue (warnings).
    const theo = page('C-1032', 'Theo Marsh');
    expect(theo).toContain('Panel action done late, was due 18 Sep 2026');
    expect(theo).toContain('Overdue: Not referred to the adoption register, due 30 Jun 2026');
    // Maya (C-1025): her next review due 18 Dec 2026.
    expect(page('C-1025', 'Maya Johnson')).toContain('Later looked-after review due soon: 18 Dec 2026');
    for (const text of [full.join('\n'), redacted.join('\n')].map((t) => t.replace(/\s+/g, ' '))) {
      expect(text).not.toMatch(/\((error|warning|notice)\)/i);
      expect(text).not.toMatch(/: (met late|due soon),/i);
      expect(text).not.toMatch(/Due soon: [^.]{0,80}due soon/i);
      expect(text).not.toMatch(/Done late: [^.]{0,80}late/i);
    }
  });

  it('says what changed since the last panel in words: field labels, never field names', () => {
    const page = (pages: string[], id: string, heading: string) => pages[startOf(pages, `${children.find((c) => c.id === id)!.item}. ${heading} (${id})`)].replace(/\s+/g, ' ');
    const maya = page(full, 'C-1025', 'Maya Johnson');
    expect(maya).toContain('Foster match with an independent fostering agency (IFA): no');
    expect(maya).toContain('Foster match proposed: 20 Nov 2026');
    for (const text of [full.join('\n'), redacted.join('\n')].map((t) => t.replace(/\s+/g, ' '))) {
      expect(text).not.toMatch(/\w, [\w ]+ recorded/);
      expect(text).not.toMatch(/\b(foster_match|long_term_plan|local_match_pursued|placed_since|looked_after|legal_status)\b/);
      expect(text).not.toMatch(/\b(foster match|remand|adoption), (IFA|proposed|long term plan|local match pursued)\b/i);
    }
  });

  it('the redacted pack has no name, no date of birth and no case note, only initials and ages', () => {
    const text = redacted.join('\n');
    const files = readdirSync(path.join(REPO, 'cases')).map((f) => readFileSync(path.join(REPO, 'cases', f), 'utf8'));
    for (const file of files) {
      const name = /\nname: (.+)\n/.exec(file)![1].trim();
      const dob = /\ndob: (\d{4}-\d{2}-\d{2})/.exec(file)![1];
      for (const part of name.split(/[\s-]+/).filter((p) => p.length > 1)) expect(text, part).not.toMatch(new RegExp(`(^|[^\\p{L}])${part}([^\\p{L}]|$)`, 'u'));
      for (const form of dobForms(dob)) expect(text, form).not.toContain(form);
      // Every sentence of the case notes is left out.
      const body = file.split(/\n---\n/)[1] ?? '';
      for (const sentence of body.split(/(?<=[.!?])\s+|\n/).map((s) => s.replace(/[*_#`>-]/g, '').trim()).filter((s) => s.length > 30)) expect(text, sentence).not.toContain(sentence.slice(0, 30));
      // Nor what a person wrote in a field: the IRO's summary, a disruption meeting's lessons.
      for (const m of file.matchAll(/^\s*(?:summary|lessons_child|lessons_service): (.{30,})$/gm)) expect(text.replace(/\s+/g, ' '), m[1]).not.toContain(m[1].slice(0, 30));
    }
    // (The full pack does give them: the check above is not empty.)
    expect(full.join('\n').replace(/\s+/g, ' ')).toContain('The IRO considers special guardianship');
    expect(text).not.toContain('Date of birth');
    expect(text).not.toContain('Born');
    expect(text).not.toContain('Summary for panel');
    expect(text).toContain('J.S. (C-1030)');
    expect(text).toMatch(/Age\s+13 years/);
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
    void execFileSync;
  }, 600_000);
});
