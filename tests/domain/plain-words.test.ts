/** Words for people: legal status, dates, chart months, minutes as typed. */
import { describe, expect, it } from 'vitest';
import { renderMinutes } from '../../src/components/markdown.js';
import { monthLabel, peopleDate, peopleDates } from '../../src/domain/dates.js';
import { countBy, legalStatusGroup, legalStatusLabel } from '../../src/domain/tracker.js';
import type { Finding } from '../../src/domain/findings.js';
import { findingHead } from '../../src/data/pack-html.js';
import { packFinding } from '../../src/data/pack-model.js';
import { headline, headlineBesideStatus, MEETING_RULES, RULES } from '../../src/rules/index.js';
import { statusLabel } from '../../src/components/tags.js';

describe('legal status in words', () => {
  it('a looked-after child with no legal status is "not recorded", never "not looked after", and counts there', () => {
    expect(legalStatusLabel({ lookedAfter: true, legalStatus: null })).toBe('Not recorded');
    expect(legalStatusLabel({ lookedAfter: true, legalStatus: 'C1' })).toBe('C1: Interim care order');
    expect(legalStatusLabel({ lookedAfter: false, legalStatus: null, ploStart: '2026-02-10' })).toBe('Not looked after (PLO or proceedings)');
    expect(legalStatusLabel({ lookedAfter: false, legalStatus: null })).toBe('Not looked after');
    const rows = [
      { lookedAfter: true, legalStatus: null, ploStart: null },
      { lookedAfter: true, legalStatus: null, ploStart: '2026-01-01' },
      { lookedAfter: false, legalStatus: null, ploStart: '2026-01-01' },
    ];
    expect(countBy(rows, legalStatusGroup)).toEqual([
      { key: 'Not recorded', count: 2 },
      { key: 'Not looked after (PLO or proceedings)', count: 1 },
    ]);
  });
});

describe('dates for people', () => {
  it('"4 Dec 2026", in sentences too; an impossible or partial date is left alone', () => {
    expect(peopleDate('2026-12-04')).toBe('4 Dec 2026');
    expect(peopleDate('2028-02-29')).toBe('29 Feb 2028');
    expect(peopleDates('The end of pre-proceedings was due on 2026-10-13 (after PLO started on 2026-04-13): 52 days overdue.')).toBe(
      'The end of pre-proceedings was due on 13 Oct 2026 (after PLO started on 13 Apr 2026): 52 days overdue.',
    );
    expect(peopleDates('ref 2026-02-30 and 12026-01-01x')).toBe('ref 2026-02-30 and 12026-01-01x');
  });
  it('chart months read "Nov 2026", never a day', () => {
    expect(monthLabel('2026-11-30')).toBe('Nov 2026');
    expect(monthLabel('2027-01-31')).toBe('Jan 2027');
  });
});

describe('minutes as typed', () => {
  it('keeps each line, ends a list at a line that is not an item, and renders headings', () => {
    const html = renderMinutes('## Decisions\nQuorate.\nThemes:\n- one\n- two\nEscalations:\n- three\n\n<b onclick="x()">bold</b>');
    expect(html).toContain('<h2>Decisions</h2>');
    expect(html).toContain('<p>Quorate.<br>\nThemes:</p>');
    expect(html).toContain('<li>two</li>\n</ul>\n<p>Escalations:</p>\n<ul>\n<li>three</li>');
    expect(html).not.toMatch(/<b[ >]/);
    expect(html).toContain('<code>&#x3C;b onclick');
  });
});

describe('links to the PDF packs', () => {
  it('only when this build renders them, to the files the build writes next to the site', async () => {
    const { packLinks } = await import('../../src/data/site-packs.js');
    expect(packLinks({ PANEL_PACKS_BUILT: '1', PANEL_PACK_DATE: '2026-12-04' })).toEqual({ date: '2026-12-04', full: '/pack-2026-12-04.pdf', redacted: '/pack-2026-12-04-redacted.pdf' });
    expect(packLinks({ PANEL_PACKS_BUILT: '', PANEL_PACK_DATE: '2026-12-04' })).toBeNull();
    expect(packLinks({ PANEL_PACKS_BUILT: '1' })).toBeNull();
    expect(packLinks({ PANEL_PACKS_BUILT: '1', PANEL_PACK_DATE: '2026-02-30' })).toBeNull();
  });
});

describe('headlines read as a manager would say them: the status once, no rule level', () => {
  const STATUS_WORDS = /\b(due soon|overdue|late|met late|done late)\b/gi;
  const statuses = ['overdue', 'due-soon', 'late', 'invalid'] as const;
  const all = [...RULES, ...MEETING_RULES];

  it('every rule at every status: no rule id, no level in brackets, no "Title: status", the status said at most once', () => {
    for (const r of all) {
      for (const s of statuses.filter((x) => !(r.id === 'notification' && x === 'overdue'))) {
        const h = headline(r.id, s);
        const where = `${r.id} ${s}: ${h}`;
        expect(h, where).not.toContain(r.id);
        expect(h, where).not.toMatch(/\((error|warning|notice)\)/i);
        expect(h, where).not.toMatch(/: (due soon|met late|done late|overdue)$/i);
        expect(h.match(STATUS_WORDS)?.length ?? 0, where).toBeLessThanOrEqual(1);
        expect(h, where).not.toMatch(/_/);
      }
      if (r.id === 'data-consistency') continue; // never due soon or late: the records disagree or they do not
      expect(headline(r.id, 'due-soon'), r.id).toMatch(/\bsoon\b|\bdue to\b/i);
      expect(headline(r.id, 'late'), r.id).toMatch(/\blate\b|\bafter\b/i);
    }
  });

  it('beside a status tag (a child\'s findings table, the job summary) the words add no second status', () => {
    for (const r of all) {
      for (const s of statuses.filter((x) => !(r.id === 'notification' && x === 'overdue'))) {
        const cell = headlineBesideStatus(r.id, s);
        const row = `${statusLabel({ status: s })} | ${cell}`;
        expect(row.match(STATUS_WORDS)?.length ?? 0, row).toBeLessThanOrEqual(1);
        expect(cell, row).not.toMatch(/\bsoon\b/i);
        expect(cell, row).not.toContain(r.id);
      }
    }
    expect(headlineBesideStatus('review-interval', 'due-soon')).toBe('Later looked-after review');
    expect(headlineBesideStatus('action-overdue', 'late')).toBe('Panel action');
    expect(headlineBesideStatus('action-overdue', 'overdue')).toBe('Panel action not done');
  });

  it('the reviewer\'s cases: Theo\'s action done late, Amira\'s action and Maya\'s review due soon', () => {
    expect(headline('action-overdue', 'late')).toBe('Panel action done late');
    expect(headline('action-overdue', 'due-soon')).toBe('Panel action due soon');
    expect(headline('review-interval', 'due-soon')).toBe('Later looked-after review due soon');
    expect(headline('action-overdue')).toBe('Panel action not done');
  });

  it('a pack item head: "Overdue" (never "(error)") before what is overdue; a due-soon or late item says its status once, with its date', () => {
    const day = (d: string | null | undefined) => (d ? peopleDate(d) : '–');
    const said = (s: string) => s;
    const finding = (rule: string, status: Finding['status'], level: Finding['level'], due: string | null): Finding => ({ child: 'C-1', file: 'cases/C-1.md', rule, status, level, due, message: 'm' });
    const head = (f: Finding) => findingHead(packFinding(f, said), day).replace(/<[^>]+>/g, '');
    expect(head(finding('action-overdue', 'late', 'notice', '2026-12-04'))).toBe('Panel action done late, was due 4 Dec 2026');
    expect(head(finding('action-overdue', 'due-soon', 'warning', '2026-12-18'))).toBe('Panel action due soon: 18 Dec 2026');
    expect(head(finding('review-interval', 'due-soon', 'warning', '2026-12-18'))).toBe('Later looked-after review due soon: 18 Dec 2026');
    expect(head(finding('review-interval', 'overdue', 'error', '2026-12-04'))).toBe('Overdue: Next looked-after review not held, due 4 Dec 2026');
    expect(head(finding('life-story', 'overdue', 'warning', '2026-06-04'))).toBe('Overdue: Life story work or later life letter not finished, due 4 Jun 2026');
    expect(findingHead(packFinding(finding('review-interval', 'overdue', 'error', '2026-12-04'), said), day)).toContain('<span class="overdue">Overdue</span>');
    for (const r of all) {
      // notification reports only "late" (it reads git): its headline is "Added to the tracker late".
      for (const s of statuses.filter((x) => !(r.id === 'notification' && x === 'overdue'))) {
        for (const level of ['error', 'warning', 'notice'] as const) {
          const text = head(finding(r.id, s, level, s === 'invalid' ? null : '2026-12-04'));
          expect(text, `${r.id} ${s} ${level}`).not.toMatch(/\((error|warning|notice)\)/i);
          expect(text.match(STATUS_WORDS)?.length ?? 0, `${r.id} ${s} ${level}: ${text}`).toBeLessThanOrEqual(1);
          expect(text, `${r.id} ${s} ${level}`).not.toContain(r.id);
        }
      }
    }
  });
});
