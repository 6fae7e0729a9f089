/** Reading the CSVs (BOM, CRLF, blank lines and cells, line numbers) and the case file text the import writes. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES } from '../cli/run.js';
import { parseMarkdownFile } from '../../src/data/frontmatter.js';
import { parseCsv } from '../../src/data/ssda903.js';
import { caseSchema } from '../../src/domain/schema.js';
import { newCaseFile } from '../../src/domain/ssda903-case-file.js';
import { splitFrontMatter, updateCaseFile } from '../../src/domain/ssda903-case-update.js';
import type { ReturnRecord } from '../../src/domain/ssda903.js';

describe('parseCsv', () => {
  it('handles a byte order mark, Windows line endings, blank lines, spaces and blank cells, keeping real line numbers', () => {
    const text = '\uFEFFCHILD,DECOM, dec \r\n1, 01/02/2016 ,\r\n\r\n2,"03/04/2016",\r\n';
    const { table, problems } = parseCsv('episodes.csv', text);
    expect(table.columns).toEqual(['CHILD', 'DECOM', 'DEC']);
    expect(table.rows).toEqual([
      { line: 2, cells: { CHILD: '1', DECOM: '01/02/2016', DEC: '' } },
      { line: 4, cells: { CHILD: '2', DECOM: '03/04/2016', DEC: '' } },
    ]);
    expect(problems).toEqual([]);
  });

  it('gives a record the line it starts on when a quoted cell holds a line break', () => {
    const { table } = parseCsv('x.csv', 'CHILD,NOTE\r\n1,"two\r\nlines"\r\n2,b\r\n');
    expect(table.rows.map((r) => r.line)).toEqual([2, 4]);
  });

  it('reports a row of the wrong width, and a quote left open, with their lines', () => {
    const { table, problems } = parseCsv('header.csv', 'CHILD,DOB\n1,01/01/2010\n2\n3,01/01/2010,extra\n4,"01/01/2010\n5,01/01/2010\n');
    expect(table.rows.map((r) => r.cells.CHILD)).toEqual(['1']);
    expect(problems.map((p) => [p.line, p.child, p.message.slice(0, 40)])).toEqual([
      [3, '2', 'the row has 1 cells where the header lin'],
      [4, '3', 'the row has 3 cells where the header lin'],
      [5, null, 'a quote (") opened on this line is never'],
    ]);
  });
});

const record: ReturnRecord = {
  id: '566910',
  dob: '2008-03-27',
  start: '2016-02-15',
  first: { line: 2, decom: '2016-02-15', dec: '2017-08-14', rne: 'L', ls: 'C2', place: 'T2', rec: 'X1' },
  legalStatus: 'C2',
  placement: 'A3',
  end: null,
  reasonCeased: null,
  permanence: null,
  reviews: [{ date: '2017-08-30', line: 2 }],
  adoption: [{ file: 'ad1.csv', line: 3, dates: [{ what: 'Matched with prospective adopters', date: '2017-01-05' }] }],
};

describe('newCaseFile', () => {
  const text = newCaseFile(record, { importedOn: '2026-11-20', asOf: '2018-03-31' });

  it('is a valid case file with a placeholder name, the import comment and a note on the unconfirmed start', () => {
    const parsed = parseMarkdownFile(text);
    expect(parsed.syntax).toEqual([]);
    const child = caseSchema.parse(parsed.data);
    expect(child).toMatchObject({
      id: '566910',
      name: 'Child 566910 (name to be added)',
      dob: '2008-03-27',
      looked_after: { start: '2016-02-15', legal_status: 'C2', placement: 'A3', end: null, reason_ceased: null },
      reviews: ['2017-08-30'],
      permanence: { secured: null, route: null },
    });
    expect(text.split('\n')[1]).toBe('# Imported from the SSDA903 return on 2026-11-20 (the return read as at 2018-03-31).');
    expect(text).toContain('id: "566910"'); // quoted: a bare number would not be an id
    expect(text).toContain('start: 2016-02-15 # first episode of this period in the return (RNE L)');
    expect(parsed.body).toContain('## To complete');
    expect(parsed.body).toContain('- Matched with prospective adopters: 2017-01-05 (ad1.csv line 3).');
  });

  it('keeps any id a string, even one YAML would read as a number, a boolean or null', () => {
    for (const id of ['566910', '007', 'true', 'NULL', '1e3', '0x1F', '1_000', 'y', 'C-1001', 'a_b-c']) {
      const child = caseSchema.parse(parseMarkdownFile(newCaseFile({ ...record, id }, { importedOn: '2026-11-20', asOf: '2018-03-31' })).data);
      expect([child.id, child.name]).toEqual([id, `Child ${id} (name to be added)`]);
    }
  });

  it('records permanence secured from the reason care ended', () => {
    const ended = { ...record, first: { ...record.first, rne: 'S' as const }, end: '2017-06-01', reasonCeased: 'E47' as const, permanence: { secured: '2017-06-01', route: 'special-guardianship' as const } };
    const child = caseSchema.parse(parseMarkdownFile(newCaseFile(ended, { importedOn: '2026-11-20', asOf: '2018-03-31' })).data);
    expect(child.looked_after).toMatchObject({ end: '2017-06-01', reason_ceased: 'E47' });
    expect(child.permanence).toMatchObject({ secured: '2017-06-01', route: 'special-guardianship' });
  });
});

const PERSON_WRITTEN = `---
# Written by a person: keep this comment.
id: "566910"
name: Amara Example        # the real name
dob: 2008-03-27
siblings: []
social_worker: Priya Shah
looked_after:
  start: 2016-02-16        # corrected by hand
  legal_status: C1
  placement:               # to check
  end: null
  reason_ceased: null
reviews: [2015-01-01, 2017-08-31]   # held
plan:
  route: adoption
  contingency: long-term-fostering
  agreed: 2017-09-01
permanence: null
panel:
  - date: 2017-09-05
    decision: Plan of adoption endorsed.
---
Body written by a person.

Keep   every byte.
`;

/** The same file with no comment on a value's line (a comment on a line confirms its value). */
const UNCOMMENTED = PERSON_WRITTEN.replace('start: 2016-02-16        # corrected by hand', 'start: 2016-02-16').replace('reviews: [2015-01-01, 2017-08-31]   # held', 'reviews: [2015-01-01, 2017-08-31]');

describe('updateCaseFile', () => {
  it('changes only the return\'s fields, in place, keeping comments, layout, the rest and the body byte for byte', () => {
    const result = updateCaseFile(UNCOMMENTED, record, '2018-03-31');
    if (!result.ok) throw new Error(result.reason);
    expect(result.changes.map((c) => [c.field, c.from, c.to])).toEqual([
      ['looked_after.start', '2016-02-16', '2016-02-15'],
      ['looked_after.legal_status', 'C1', 'C2'],
      ['looked_after.placement', null, 'A3'],
      ['reviews', ['2015-01-01', '2017-08-31'], ['2017-08-30', '2017-08-31']],
    ]);
    expect(result.kept).toEqual([]);
    expect(result.reviewsAdded).toEqual(['2017-08-30']);
    expect(result.reviewsRemoved).toEqual(['2015-01-01']); // before care started: it would make the file inconsistent
    const expected = UNCOMMENTED
      .replace('start: 2016-02-16', 'start: 2016-02-15')
      .replace('legal_status: C1', 'legal_status: C2')
      .replace('placement:               # to check', 'placement: A3               # to check')
      .replace('reviews: [2015-01-01, 2017-08-31]', 'reviews: [2017-08-30, 2017-08-31]');
    expect(result.text).toBe(expected);
  });

  it('never changes a value a person confirmed with a comment on its line, and says which', () => {
    const result = updateCaseFile(PERSON_WRITTEN, record, '2018-03-31');
    if (!result.ok) throw new Error(result.reason);
    // start has "# corrected by hand": kept. placement is blank ("# to check" confirms nothing): filled in.
    // reviews has "# held": every date listed stays, even 2015-01-01 before care started; the return's are added.
    expect(result.changes.map((c) => [c.field, c.from, c.to])).toEqual([
      ['looked_after.legal_status', 'C1', 'C2'],
      ['looked_after.placement', null, 'A3'],
      ['reviews', ['2015-01-01', '2017-08-31'], ['2015-01-01', '2017-08-30', '2017-08-31']],
    ]);
    expect(result.kept).toEqual([
      { field: 'reviews', value: '2015-01-01', fromReturn: 'outside the period of care 2016-02-15 to 2018-03-31 (still looked after)', comment: 'held' },
      { field: 'looked_after.start', value: '2016-02-16', fromReturn: '2016-02-15', comment: 'corrected by hand' },
    ]);
    expect(result.reviewsRemoved).toEqual([]);
    expect(result.text).toContain('start: 2016-02-16        # corrected by hand');
    expect(result.text).toContain('reviews: [2015-01-01, 2017-08-30, 2017-08-31]   # held');
  });

  it('a comment on a block\'s line confirms every field in it; a comment on one review item confirms that date', () => {
    const block = UNCOMMENTED.replace('looked_after:\n', 'looked_after:   # checked with the IRO\n');
    const a = updateCaseFile(block, record, '2018-03-31');
    if (!a.ok) throw new Error(a.reason);
    expect(a.kept.map((k) => k.field)).toEqual(['looked_after.start', 'looked_after.legal_status']);
    expect(a.changes.map((c) => c.field)).toEqual(['looked_after.placement', 'reviews']); // placement was blank
    const items = UNCOMMENTED.replace('reviews: [2015-01-01, 2017-08-31]', 'reviews:\n  - 2015-01-01  # earlier period, keep\n  - 2017-08-31');
    const b = updateCaseFile(items, record, '2018-03-31');
    if (!b.ok) throw new Error(b.reason);
    expect(b.text).toContain('reviews:\n  - 2015-01-01  # earlier period, keep\n  - 2017-08-30\n  - 2017-08-31\n');
    expect(b.kept).toEqual([{ field: 'reviews', value: '2015-01-01', fromReturn: expect.stringContaining('outside the period'), comment: 'earlier period, keep' }]);
  });

  it('the import\'s own note after the care start is not a confirmation, and goes once the start is known', () => {
    const noted = UNCOMMENTED.replace('start: 2016-02-16', 'start: 2016-02-16 # first episode of this period in the return (RNE P), not its start (RNE S): confirm');
    const fromS = { ...record, first: { ...record.first, rne: 'S' as const } };
    const r = updateCaseFile(noted, fromS, '2018-03-31');
    if (!r.ok) throw new Error(r.reason);
    expect(r.kept).toEqual([]);
    expect(r.text).toContain('  start: 2016-02-15\n');
    const fromL = updateCaseFile(noted, record, '2018-03-31');
    if (!fromL.ok) throw new Error(fromL.reason);
    expect(fromL.text).toContain('  start: 2016-02-15 # first episode of this period in the return (RNE L), not its start (RNE S): confirm\n');
  });

  it('is unchanged when the file already agrees', () => {
    const once = updateCaseFile(PERSON_WRITTEN, record, '2018-03-31');
    if (!once.ok) throw new Error(once.reason);
    const twice = updateCaseFile(once.text, record, '2018-03-31');
    expect(twice).toMatchObject({ ok: true, changes: [] });
    if (twice.ok) expect(twice.text).toBe(once.text);
  });

  it('creates a block that is null or missing (permanence), still keeping comments and the body', () => {
    const ended = { ...record, end: '2017-06-01', reasonCeased: 'E11' as const, permanence: { secured: '2017-06-01', route: 'adoption' as const }, reviews: [] };
    const result = updateCaseFile(UNCOMMENTED, ended, '2018-03-31');
    if (!result.ok) throw new Error(result.reason);
    expect(result.reviewsRemoved).toEqual(['2015-01-01', '2017-08-31']); // both outside 2016-02-15 to 2017-06-01
    const parts = splitFrontMatter(result.text)!;
    expect(parts.after).toBe(splitFrontMatter(PERSON_WRITTEN)!.after);
    expect(result.text).toContain('# Written by a person: keep this comment.');
    expect(result.text).toContain('# to check');
    const child = caseSchema.parse(parseMarkdownFile(result.text).data);
    expect(child).toMatchObject({
      name: 'Amara Example',
      social_worker: 'Priya Shah',
      looked_after: { start: '2016-02-15', end: '2017-06-01', reason_ceased: 'E11' },
      reviews: [],
      plan: { route: 'adoption', contingency: 'long-term-fostering', agreed: '2017-09-01' },
      permanence: { secured: '2017-06-01', route: 'adoption' },
      panel: [{ date: '2017-09-05', decision: 'Plan of adoption endorsed.' }],
    });
  });

  it('edits a block list of reviews and a file with Windows line endings in place', () => {
    const crlf = PERSON_WRITTEN.replace('reviews: [2015-01-01, 2017-08-31]   # held', 'reviews:\n  - 2017-08-31\n  - 2017-09-30').replace(/\n/g, '\r\n');
    const result = updateCaseFile(crlf, record, '2018-03-31');
    if (!result.ok) throw new Error(result.reason);
    expect(result.text).toContain('reviews:\r\n  - 2017-08-30\r\n  - 2017-08-31\r\n  - 2017-09-30\r\n');
    expect(result.text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(result.text.endsWith('Keep   every byte.\r\n')).toBe(true);
  });

  it('refuses a file whose front matter cannot be read, saying where', () => {
    expect(updateCaseFile('no front matter', record, '2018-03-31')).toMatchObject({ ok: false, reason: expect.stringContaining('no front matter') });
    expect(updateCaseFile('---\nid: 1\nname: [unclosed\n---\n', record, '2018-03-31')).toMatchObject({ ok: false, reason: expect.stringContaining('YAML syntax, line') });
  });
});

describe('parseCsv: text with no quote is split directly, exactly as csv-parse reads it', () => {
  const both = (text: string) => [parseCsv('x.csv', text), parseCsv('x.csv', text, { engine: 'csv-parse' })];
  it('the same tables and problems for blank lines, spaces, tabs, CRLF, a BOM, wrong widths, trailing commas', () => {
    const samples = [
      'CHILD,DOB\n1,01/01/2010\n',
      '\uFEFFchild , dob\r\n 1 ,\t01/01/2010 \r\n\r\n\r\n2,02/02/2012\r\n',
      'CHILD,DOB\n\n\n1,01/01/2010\n2\n3,01/01/2010,extra\n4,,\n5,\n',
      'CHILD,DOB\n   \n1,01/01/2010',
      'CHILD,DOB,\n1,01/01/2010,\n',
      '',
      '\n\n',
      'CHILD\n',
      'CHILD\n\u00a0\n1\u00a0\n\f\n',
      'A,B\n , \n',
    ];
    for (const text of samples) {
      const [fast, slow] = both(text);
      expect(fast, JSON.stringify(text)).toEqual(slow);
    }
  });
  it('the same tables for every file of the synthetic return', () => {
    for (const name of ['header.csv', 'episodes.csv', 'reviews.csv', 'placed_for_adoption.csv', 'ad1.csv']) {
      const text = readFileSync(path.join(FIXTURES, 'ssda903-fake', name), 'utf8');
      expect(text.includes('"')).toBe(false);
      const [fast, slow] = both(text);
      expect(fast).toEqual(slow);
    }
  });
});
