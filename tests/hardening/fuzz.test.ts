/**
 * Generated hostile case files (fast-check): lines drawn from valid fields, wrong values, YAML mistakes,
 * conflict markers, aliases, odd dashes and odd characters. Whatever the text, reading and evaluating never
 * throws, and no child drops out in silence: every entry of cases/ is either on the tracker or named in a
 * finding, and every tracker row of an invalid file is marked "must fix".
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateDataRoot, readDataRoot } from '../../src/data/data-root.js';
import { agendaFor } from '../../src/data/meeting-cycle.js';
import { trackerRows } from '../../src/data/site.js';
import { textReport } from '../../src/cli/report.js';
import { escalations } from '../../src/domain/escalation.js';
import { AS_OF, cleanRoots, makeRoot } from './hostile-roots.js';

afterAll(cleanRoots);

const LINES = [
  'name: Ada Example',
  'name: 42',
  'name: Plan: adoption',
  'dob: 2016-04-01',
  'dob: 2016-02-30',
  'dob: 12/03/2016',
  'dob: 2199-01-01',
  'team: North #2',
  'team: &t North',
  'social_worker: *t',
  'social_worker: @sam',
  'socail_worker: Sam',
  'looked_after:',
  '  start: 2026-09-01',
  '  start: soon',
  '  legal_status: C2',
  '  legal_status: ZZ',
  '\tplacement: U4',
  'reviews: [2026-09-20, 2026-10-30]',
  'reviews: [2026-13-01',
  'reviews:',
  '  - 2026-09-25',
  '  - nope',
  'proceedings:',
  '  issued: 2026-05-01',
  '  extensions: 99',
  'panel:',
  '  - date: 2026-10-02',
  '    decision: Plan: adoption; contingency: fostering',
  '    actions:',
  '      - action: Call',
  '        due: 2026-10-20',
  'siblings: [C-2, c-1, CON]',
  '<<<<<<< HEAD',
  '=======',
  '>>>>>>> other',
  '-----',
  'a: &a [1, 2, 3]',
  'b: [*a, *a, *a]',
  '"quoted": yes',
  '?',
  '- item',
  '',
  'üñíçødé: ✓',
  '\u202eevil: x',
];

const caseText = fc.tuple(
  fc.constantFrom('---\n', '---\n', '---\n', '', '---yaml\n', '\ufeff---\n'),
  fc.constantFrom('id: C-1\n', 'id: c-1\n', 'id: "C-1"\n', 'id: ../x\n', ''),
  fc.array(fc.constantFrom(...LINES), { maxLength: 14 }),
  fc.constantFrom('---\nBody.\n', '---\n', '', '----\nBody\n', '---\n<<<<<<< HEAD\nbody\n>>>>>>> x\n'),
).map(([open, id, lines, close]) => `${open}${id}${lines.join('\n')}\n${close}`);

const fileName = fc.constantFrom('C-1.md', 'C-1.md', 'C-2.md', 'c-1.md', 'CON.md', 'C-3.MD', 'C-4.md.txt', 'notes', 'sub/C-5.md', '.hidden.md', 'README.md');

describe('generated hostile case files', () => {
  it('never throw, and every entry is on the tracker or named in a finding', () => {
    fc.assert(
      fc.property(fc.dictionary(fileName, caseText, { minKeys: 1, maxKeys: 4 }), (files) => {
        const root = makeRoot(Object.fromEntries(Object.entries(files).map(([name, text]) => [`cases/${name}`, text])));
        const data = readDataRoot(root);
        const { findings } = evaluateDataRoot(data, AS_OF);
        const { rows } = trackerRows(data, AS_OF, findings);
        agendaFor(data, '2026-12-04');
        escalations(rows, AS_OF);
        textReport({ asOf: AS_OF, findings, names: new Map(), caseFiles: data.cases.length, invalidFiles: 0, policySource: 'default', rootFromCwd: '.', color: false });
        const onTracker = new Set(rows.map((r) => r.file));
        const named = new Set(findings.map((f) => f.file));
        for (const name of Object.keys(files)) {
          if (name.startsWith('.') || name === 'README.md') continue;
          const file = name.includes('/') ? `cases/${name.split('/')[0]}/` : `cases/${name}`;
          expect(onTracker.has(file) || named.has(file), `${file} dropped out:\n${files[name]}`).toBe(true);
        }
        const invalid = new Set(findings.filter((f) => f.rule === 'schema' && f.level === 'error').map((f) => f.file));
        for (const r of rows) if (invalid.has(r.file)) expect(r.mustFix, r.file).not.toBeNull();
        // No date a person reads is out of range or not a date.
        for (const f of findings) if (f.due) expect(f.due).toMatch(/^(19|20|21)\d\d-\d\d-\d\d$/);
        for (const r of rows) for (const d of [r.dob, r.careStart, r.nextReviewDue, r.proceedingsDue]) if (d) expect(d).toMatch(/^(19|20|21)\d\d-\d\d-\d\d$/);
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
