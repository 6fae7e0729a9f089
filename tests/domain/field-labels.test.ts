/**
 * Every field of the case and meeting files has a plain label, and a change to any of them reads in words:
 * no field path, no snake_case, no "a, b recorded" (the pack said "foster match, IFA recorded: no";
 * the site "foster_match.ifa added false").
 */
import { describe, expect, it } from 'vitest';
import { changeInWords } from '../../src/domain/change-words.js';
import { shortDate, type IsoDate } from '../../src/domain/dates.js';
import { diffFrontMatter } from '../../src/domain/field-changes.js';
import { FIELD_LABELS, fieldLabel } from '../../src/domain/field-labels.js';
import { caseJsonSchema, fieldRows, meetingJsonSchema, type FieldRow } from '../../src/domain/field-reference.js';

const day = (d: IsoDate) => shortDate(d);
const text = (s: string) => s.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (d) => shortDate(d));
const words = (before: object, after: object, redact = false) => diffFrontMatter(before, after).map((f) => changeInWords(f, { redact, day, text }));

const caseRows = fieldRows(caseJsonSchema());
const meetingRows = fieldRows(meetingJsonSchema());

/** A value of the field's type, as a person would write it. */
function sample(row: FieldRow): unknown {
  const t = row.type;
  if (t.startsWith('date')) return '2026-11-20';
  if (t.startsWith('`true`')) return false;
  if (t === 'whole number') return 1;
  if (t.startsWith('one of')) return /`([^`]+)`/.exec(t)![1];
  if (t === 'list of dates') return ['2026-11-20'];
  if (t === 'list of ids') return ['C-2'];
  if (t.startsWith('list of')) return ['Sam Jones'];
  return 'Carers need more support';
}

/** The items a list of blocks is matched by, so a field inside one is a change to an item that was there. */
const ITEM: Record<string, Record<string, unknown>> = {
  panel: { date: '2026-11-06' },
  actions: { action: 'Call the school' },
  carried_forward: { from: '2026-10-02', action: 'Call the school' },
  disruption_meetings: { date: '2026-11-18' },
  stability_meetings: { date: '2026-11-18' },
};

/** Front matter with the list items above the field in place; with the field set to `value` unless undefined. */
function build(path: string, value: unknown): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let at = root;
  const parts = path.split('.');
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    const name = part.replace('[]', '');
    if (part.endsWith('[]')) {
      const item = { ...ITEM[name] };
      at[name] = [item];
      at = item;
    } else if (last) {
      if (value !== undefined) at[name] = value;
    } else at = (at[name] = {}) as Record<string, unknown>;
  });
  return root;
}

describe('field labels', () => {
  const leaves = (rows: FieldRow[]) => rows.filter((r) => r.type !== 'block' && r.type !== 'list of blocks');

  it('every field of the case and meeting schemas has its own label: plain words, no snake_case, no path, no colon', () => {
    for (const row of [...caseRows, ...meetingRows]) {
      const label = FIELD_LABELS[row.field];
      expect(label, row.field).toBeDefined();
      expect(fieldLabel(row.field)).toBe(label);
      expect(label, row.field).toMatch(/^[A-Z]/);
      expect(label, row.field).not.toMatch(/_|\.|\[|:/);
      expect(label, row.field).not.toMatch(/^\w+, \w+/);
    }
    expect(caseRows.length).toBeGreaterThan(70);
  });

  it('a list item\'s field reads as its field: panel[2026-06-05].actions["Call"].due', () => {
    expect(fieldLabel('panel[2026-06-05].actions["Call the school"].due')).toBe('Panel action due date');
    expect(fieldLabel('disruption_meetings[2026-11-18].lessons_child')).toBe("Disruption meeting lessons for the child's future");
  });

  it('a field no schema has (an invalid file) reads from the nearest known field, still without snake_case', () => {
    expect(fieldLabel('adoption.match_date')).toBe('Adoption, match date');
    expect(fieldLabel('foster_carer_name')).toBe('Foster carer name');
  });

  it('a change to every field of the case file reads in words: added, changed and removed', () => {
    for (const row of leaves(caseRows)) {
      const value = sample(row);
      const other = typeof value === 'string' && /^\d{4}-/.test(value) ? '2026-12-01' : typeof value === 'boolean' ? true : typeof value === 'number' ? 2 : Array.isArray(value) ? [...value, value[0] === 'C-2' ? 'C-3' : '2026-12-01'] : 'Other words';
      const lines = [
        ...words(build(row.field, undefined), build(row.field, value)),
        ...words(build(row.field, value), build(row.field, other)),
        ...words(build(row.field, value), build(row.field, undefined)),
        ...words(build(row.field, value), build(row.field, other), true),
      ];
      expect(lines.length, row.field).toBeGreaterThan(0);
      for (const line of lines) {
        const where = `${row.field}: ${line}`;
        expect(line, where).toMatch(/^[A-Z]/);
        expect(line, where).not.toMatch(/_/);
        expect(line, where).not.toMatch(/\b[a-z]+\.[a-z]+\b/);
        expect(line, where).not.toMatch(/\w, [\w ]+ recorded/);
        expect(line, where).not.toMatch(/\d{4}-\d{2}-\d{2}/);
        expect(line, where).not.toMatch(/\b(true|false)\b/);
      }
    }
  });

  it('a field of one panel discussion says which discussion', () => {
    const before = { panel: [{ date: '2026-11-06' }] };
    const after = { panel: [{ date: '2026-11-06', decision: 'Plan of adoption endorsed' }] };
    expect(words(before, after)).toEqual(['Panel decision of 6 Nov 2026: "Plan of adoption endorsed"']);
    expect(words(before, after, true)).toEqual(['Panel decision of 6 Nov 2026 recorded (what was written is not shown in this version)']);
    expect(words({}, after)).toEqual(['Panel discussion added 6 Nov 2026']);
  });

  it('the reviewer\'s three: Maya\'s foster match, Jamal\'s remand, Theo\'s local match', () => {
    expect(words({}, { foster_match: { ifa: false, proposed: '2026-11-20' } })).toEqual(['Foster match with an independent fostering agency (IFA): no', 'Foster match proposed: 20 Nov 2026']);
    expect(words({ remand: { start: '2026-10-01' } }, { remand: { start: '2026-10-01', long_term_plan: true } })).toEqual(['Plan to stay looked after long term when the remand ends: yes']);
    expect(words({ adoption: {} }, { adoption: { local_match_pursued: false } })).toEqual(['Local adoption match pursued: no']);
  });
});
