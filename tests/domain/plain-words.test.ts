/** Words for people: legal status, dates, chart months, minutes as typed. */
import { describe, expect, it } from 'vitest';
import { renderMinutes } from '../../src/components/markdown.js';
import { monthLabel, peopleDate, peopleDates } from '../../src/domain/dates.js';
import { countBy, legalStatusGroup, legalStatusLabel } from '../../src/domain/tracker.js';

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
