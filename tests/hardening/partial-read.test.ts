/**
 * A child never drops out of tracking: an invalid case file keeps its child on the tracker and the agenda
 * with what could be read, marked "must be fixed before panel"; an unknown field never switches off the
 * child's clocks; a wrong value switches off only the clocks that need it, and the finding names them.
 * Variants are generated (fast-check), not one example each.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateDataRoot, readDataRoot } from '../../src/data/data-root.js';
import { agendaFor } from '../../src/data/meeting-cycle.js';
import { writePackPages } from '../../src/data/pack-build.js';
import { agendaText } from '../../src/cli/meetings.js';
import { unreadableMeetingsSentence } from '../../src/domain/agenda.js';
import { trackerRows } from '../../src/data/site.js';
import { escalations } from '../../src/domain/escalation.js';
import { didYouMean, knownFieldsAt } from '../../src/domain/problems.js';
import { caseSchema } from '../../src/domain/schema.js';

const AS_OF = '2026-11-20';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A data root holding these case files (name → text), with no panel.yaml (the defaults). */
export function rootWith(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'panel-partial-'));
  dirs.push(root);
  mkdirSync(path.join(root, 'cases'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

/**
 * A looked-after child (FICTIONAL) whose first review (due 2026-09-29) and first panel are overdue at AS_OF,
 * and whose proceedings 26-week clock runs; `extra` lines go in the front matter as written.
 */
const caseText = (id: string, extra: string[] = [], over: Record<string, string> = {}) =>
  [
    '---',
    `id: ${id}`,
    `name: ${over.name ?? 'Ada Example'}`,
    `dob: ${over.dob ?? '2016-04-01'}`,
    'looked_after:',
    '  start: 2026-09-01',
    `  legal_status: ${over.legal_status ?? 'C2'}`,
    `  placement: ${over.placement ?? 'U4'}`,
    `reviews: ${over.reviews ?? '[]'}`,
    'proceedings:',
    `  issued: ${over.issued ?? '2026-05-01'}`,
    ...extra,
    '---',
    'Summary for panel.',
    '',
  ].join('\n');

function read(root: string) {
  const data = readDataRoot(root);
  const { findings } = evaluateDataRoot(data, AS_OF);
  const { rows } = trackerRows(data, AS_OF, findings);
  return { data, findings, rows };
}

const KNOWN = new Set(knownFieldsAt(caseSchema, []));
const fieldName = fc.stringMatching(/^[a-z][a-z_]{1,14}$/).filter((k) => !KNOWN.has(k));

/** An unknown field that resembles no known field at its place (a likely misspelling is tests/hardening/misspelt-field.test.ts). */
const unlike = (field: string, where: string) => didYouMean(field, knownFieldsAt(caseSchema, where === 'top' ? [] : [where])) === undefined;

describe('an unknown field that resembles no known field', () => {
  it('is an error on that field, and every clock of the child is still read (generated names and places)', () => {
    fc.assert(
      fc.property(fc.tuple(fieldName, fc.constantFrom('top', 'looked_after', 'proceedings')).filter(([field, where]) => unlike(field, where)), ([field, where]) => {
        const extra = where === 'top' ? [`${field}: something`] : [];
        let text = caseText('C-1', extra);
        if (where !== 'top') text = text.replace(where === 'looked_after' ? '  start: 2026-09-01' : '  issued: 2026-05-01', (l) => `${l}\n  ${field}: 1`);
        const { findings, rows } = read(rootWith({ 'cases/C-1.md': text }));
        const schema = findings.filter((f) => f.rule === 'schema');
        expect(schema).toHaveLength(1);
        expect(schema[0].message).toContain(`an unknown field "${field}"`);
        expect(schema[0].message).not.toContain('Not read until');
        for (const rule of ['first-review', 'first-panel', 'proceedings-26-weeks']) expect(findings.map((f) => f.rule)).toContain(rule);
        expect(rows).toHaveLength(1);
        expect(rows[0].mustFix).not.toBeNull();
        expect(rows[0].rag).toBe('red');
      }),
      { numRuns: 25 },
    );
  });
});

/** A wrong value in one field, the rules that must stay on and the rules the finding must name as off. */
const WRONG: { over: Record<string, string>; on: string[]; off: string[] }[] = [
  { over: { placement: 'Z9' }, on: ['first-review', 'first-panel', 'proceedings-26-weeks'], off: [] },
  { over: { reviews: '[2026-13-45]' }, on: ['first-panel', 'proceedings-26-weeks'], off: ['First looked-after review'] },
  { over: { reviews: 'soon' }, on: ['first-panel', 'proceedings-26-weeks'], off: ['First looked-after review'] },
  { over: { issued: '31/12/2025' }, on: ['first-review'], off: ['Care proceedings within 26 weeks'] },
  { over: { issued: '2199-01-01' }, on: ['first-review'], off: ['Care proceedings within 26 weeks'] },
  { over: { dob: '1850-01-01' }, on: ['first-review', 'first-panel', 'proceedings-26-weeks'], off: ['Consistent case data'] },
];

describe('a wrong value', () => {
  it.each(WRONG)('switches off only the clocks that need it, and names them: %o', ({ over, on, off }) => {
    const { findings, rows } = read(rootWith({ 'cases/C-1.md': caseText('C-1', [], over) }));
    const schema = findings.filter((f) => f.rule === 'schema');
    expect(schema).toHaveLength(1);
    for (const rule of on) expect(findings.map((f) => f.rule), rule).toContain(rule);
    for (const title of off) expect(schema[0].message).toContain(title);
    if (!off.length) expect(schema[0].message).not.toContain('Not read until');
    expect(rows.map((r) => r.id)).toEqual(['C-1']);
    expect(rows[0].mustFix?.problems.length).toBeGreaterThan(0);
  });

  it('names only the clocks the council keeps: none its policy leaves out (plan confirmed, family group conference, booking)', () => {
    const kept = ['Permanence plan confirmed', 'Booked onto panel between the first and second review'];
    const message = (panelYaml?: string) => {
      const files: Record<string, string> = { 'cases/C-1.md': caseText('C-1', [], { reviews: 'soon' }) };
      if (panelYaml) files['panel.yaml'] = panelYaml;
      return read(rootWith(files)).findings.find((f) => f.rule === 'schema')!.message;
    };
    // The defaults (and north-somerset) keep none of the three.
    for (const policy of [undefined, 'preset: north-somerset\n']) {
      const m = message(policy);
      expect(m).toContain('First looked-after review');
      for (const title of [...kept, 'Family group conference referred']) expect(m, `${policy}: ${title}`).not.toContain(title);
    }
    // Presets that keep them name them when the reviews cannot be read.
    expect(message('preset: permanence-guidance-note\n')).toContain('Permanence plan confirmed');
    expect(message('preset: central-bedfordshire\n')).toContain('Booked onto panel between the first and second review');
  });

  it('of the date of birth keeps the child, with no date of birth or age rather than a wrong one', () => {
    const { rows } = read(rootWith({ 'cases/C-1.md': caseText('C-1', [], { dob: 'unknown' }) }));
    expect(rows[0]).toMatchObject({ id: 'C-1', name: 'Ada Example', dob: null, age: null });
  });
});

describe('a file whose front matter cannot be read at all', () => {
  const broken = [
    caseText('C-2', ['decision: Plan: adoption; contingency: fostering']),
    caseText('C-2', ['\tteam: North']),
    caseText('C-2').replace('---\nSummary', '-----\nSummary'),
    caseText('C-2').replace('reviews: []', '<<<<<<< HEAD\nreviews: []\n=======\nreviews: [2026-09-20]\n>>>>>>> other'),
  ];
  it.each(broken.map((t, i) => [i, t]))('keeps its child on the tracker, the agenda and the escalation list, named and marked (%i)', (_, text) => {
    const root = rootWith({ 'cases/C-2.md': text as string, 'cases/C-3.md': caseText('C-3') });
    const { data, findings, rows } = read(root);
    const schema = findings.filter((f) => f.rule === 'schema');
    expect(schema).toHaveLength(1);
    expect(schema[0]).toMatchObject({ file: 'cases/C-2.md', child: 'C-2', level: 'error' });
    expect(schema[0].message).toContain('No clock of this child can be read until the file is fixed');
    const row = rows.find((r) => r.id === 'C-2')!;
    expect(row).toMatchObject({ name: 'Ada Example', file: 'cases/C-2.md', rag: 'red' });
    expect(row.mustFix).not.toBeNull();
    const agenda = agendaFor(data, '2026-12-04');
    const onAgenda = agenda.items.flatMap((i) => i.children);
    expect(onAgenda.find((c) => c.id === 'C-2')?.mustFix).toMatchObject({ file: 'cases/C-2.md' });
    expect(onAgenda.find((c) => c.id === 'C-3')?.mustFix).toBeNull();
    expect(agenda.unreadableFiles).toBe(1);
    expect(escalations(rows, AS_OF).map((e) => e.id)).toContain('C-2');
  });

  it('names no name it could not read', () => {
    const { rows } = read(rootWith({ 'cases/C-4.md': '---\nid: C-4\nname: [unclosed\n---\n' }));
    expect(rows).toEqual([expect.objectContaining({ id: 'C-4', name: 'Name not readable' })]);
  });

  it('does not make its sibling\'s file wrong ("does not list") when its own siblings could not be read', () => {
    const { findings } = read(rootWith({ 'cases/C-5.md': caseText('C-5', ['siblings: [C-6]']), 'cases/C-6.md': caseText('C-6', ['siblings: [C-5', 'x']) }));
    expect(findings.filter((f) => f.file === 'cases/C-5.md' && f.rule === 'data-consistency')).toEqual([]);
  });
});

describe('a meeting file that cannot be read', () => {
  const meeting = (date: string, extra: string[] = []) => ['---', `date: ${date}`, 'time: "10:00"', 'agenda: [C-1]', 'agenda_agreed: 2026-10-28', ...extra, '---', ''].join('\n');
  const day = (d: string) => `day ${d}`;

  it('still counts as a panel held on its date (the agenda follows it up), and the agenda names it', () => {
    const root = rootWith({ 'cases/C-1.md': caseText('C-1'), 'meetings/2026-10-02.md': meeting('2026-10-02'), 'meetings/2026-11-06.md': meeting('2026-11-06', ['minutes_published: 2026-11-31']) });
    const data = readDataRoot(root);
    const agenda = agendaFor(data, '2026-12-04');
    expect(agenda.since).toBe('2026-11-06');
    expect(agenda.unreadableMeetings).toEqual([{ file: 'meetings/2026-11-06.md', date: '2026-11-06' }]);
    expect(unreadableMeetingsSentence(agenda, day)).toBe(
      'The meeting file meetings/2026-11-06.md could not be read: the agenda order, papers and minutes it records are not used until it is fixed. The panel of day 2026-11-06 still counts as held.',
    );
    expect(agendaText(agenda, 'PTP')).toContain('Warning: The meeting file meetings/2026-11-06.md could not be read');
    // Its own finding is still reported, as before.
    expect(evaluateDataRoot(data, AS_OF).findings.filter((f) => f.file === 'meetings/2026-11-06.md').map((f) => f.rule)).toEqual(['schema']);
  });

  it('takes the date from its name when its own date cannot be read, and claims no date when neither can', () => {
    const data = readDataRoot(
      rootWith({ 'cases/C-1.md': caseText('C-1'), 'meetings/2026-10-02.md': meeting('2026-10-02'), 'meetings/2026-11-06.md': meeting('2026-13-06'), 'meetings/2026-11-20.md': '---\ndate: [unclosed\n---\n' }),
    );
    const agenda = agendaFor(data, '2026-12-04');
    expect(agenda.unreadableMeetings).toEqual([
      { file: 'meetings/2026-11-06.md', date: '2026-11-06' },
      { file: 'meetings/2026-11-20.md', date: '2026-11-20' },
    ]);
    expect(agenda.since).toBe('2026-11-20');
    const unnamed = readDataRoot(rootWith({ 'cases/C-1.md': caseText('C-1'), 'meetings/2026-10-02.md': meeting('2026-10-02'), 'meetings/2026-11-31.md': meeting('2026-11-31') }));
    const a2 = agendaFor(unnamed, '2026-12-04');
    expect(a2.unreadableMeetings).toEqual([{ file: 'meetings/2026-11-31.md', date: null }]);
    expect(a2.since).toBe('2026-10-02');
    expect(unreadableMeetingsSentence(a2, day)).not.toContain('held');
  });

  it("says when it is this meeting's own file (its frozen order is not used), and lists several", () => {
    const data = readDataRoot(rootWith({ 'cases/C-1.md': caseText('C-1'), 'meetings/2026-12-04.md': meeting('2026-12-04', ['papers: 12']) }));
    const agenda = agendaFor(data, '2026-12-04');
    expect(agenda.status).toBe('proposed');
    expect(unreadableMeetingsSentence(agenda, day)).toBe("The meeting file meetings/2026-12-04.md could not be read: this meeting's frozen order and the papers it records are not used until it is fixed.");
    const two = readDataRoot(rootWith({ 'cases/C-1.md': caseText('C-1'), 'meetings/2026-11-06.md': meeting('2026-11-06', ['venue: [x']), 'meetings/2026-12-04.md': meeting('2026-12-04', ['papers: 12']) }));
    expect(unreadableMeetingsSentence(agendaFor(two, '2026-12-04'), day)).toBe(
      '2 meeting files could not be read (meetings/2026-11-06.md, meetings/2026-12-04.md): the agenda order, papers and minutes they record are not used until they are fixed. The panel of day 2026-11-06 still counts as held.',
    );
  });

  it('is named on the pack\'s agenda page, full and redacted', async () => {
    const root = rootWith({ 'cases/C-1.md': caseText('C-1'), 'meetings/2026-11-06.md': meeting('2026-11-06', ['minutes_published: 2026-11-31']) });
    const dist = mkdtempSync(path.join(tmpdir(), 'panel-partial-pack-'));
    dirs.push(dist);
    const { routes } = await writePackPages({ root, asOf: AS_OF, dist, variants: ['full', 'redacted'] });
    for (const route of Object.values(routes)) {
      const html = readFileSync(path.join(dist, route!), 'utf8');
      expect(html).toMatch(/data-testid="unreadable-meetings">The meeting file meetings\/2026-11-06\.md could not be read: [^<]*The panel of 6 Nov 2026 still counts as held\.</);
    }
  });
});
