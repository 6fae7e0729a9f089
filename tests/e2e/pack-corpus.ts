/**
 * A data root for the pack tests (fictional): names in the shapes people write them, a former name and a
 * corrected date of birth in the audit trail, text meant to escape into CSS, bidirectional controls, a
 * very long action, a very long case note and a long unbroken line. A git repository, so the pack's
 * "what changed" lines and the former name come from a real audit trail.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const AS_OF = '2026-11-22';
export const MEETING = '2026-12-04';

/** Numbered words that appear nowhere else, so each can be looked for in the PDF. */
export const words = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(4, '0')}`);
export const LONG_ACTION = words('actword', 900);
export const LONG_NOTE = words('noteword', 2500);
export const UNBROKEN = `unbroken${'x'.repeat(300)}end`;

/** Every name a child has had; the redacted pack shows none of them in any form. */
export const CHILDREN = [
  { id: 'P-0001', name: "Zoë O'Brien-Smith", dob: '2015-02-28' },
  { id: 'P-0002', name: 'Ana María de la Cruz Fernández', dob: '2016-07-10', formerName: 'Ana Lopez', formerDob: '2016-07-09' },
  { id: 'P-0003', name: 'Tobi Adeyemi', dob: '2018-11-05' },
  { id: 'P-0004', name: 'Eve "\\"; } @page { @top-right { content: url(http://evil.example/x) } } \u202Egnp.exe', dob: '2014-01-31' },
];

/** The name shapes each child's text uses for the others, and each name part as a whole word. */
export const NAME_FORMS = [
  "Zoë", 'Zoe', 'ZOË', 'Zoe\u0308', "O'Brien", 'O’Brien', 'OBrien', "O'Brien's", 'O’Brien’s', 'Smith', "Zoë's", 'Zoe’s',
  'Ana', 'María', 'Maria', 'Cruz', 'Fernández', 'Fernandez', 'Lopez', 'López', "Lopez's",
  'Tobi', "Tobi's", 'Tobi’s', 'Adeyemi', "Adeyemi's",
];

/** Dates of birth, as the product or a person may print them. */
export function dobForms(iso: string): string[] {
  const [y, m, d] = iso.split('-').map(Number);
  const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const mm = String(m).padStart(2, '0');
  const dd = String(d).padStart(2, '0');
  return [iso, `${dd}/${mm}/${y}`, `${d}/${m}/${y}`, `${d} ${MONTHS[m - 1].slice(0, 3)} ${y}`, `${d} ${MONTHS[m - 1]} ${y}`, `${dd}.${mm}.${y}`];
}

function caseFile(c: { id: string; name: string; dob: string }, extra: string, body: string): string {
  return `---\n# Fictional test case.\nid: ${c.id}\nname: ${JSON.stringify(c.name)}\ndob: ${c.dob}\n${extra}---\n${body}\n`;
}

export function packCorpus(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'panel-pack-corpus-'));
  mkdirSync(path.join(root, 'cases'));
  mkdirSync(path.join(root, 'meetings'));
  const git = (args: string[], date = '2026-10-01T10:00:00Z') =>
    execFileSync('git', args, { cwd: root, env: { ...process.env, GIT_AUTHOR_NAME: 'Test Admin', GIT_AUTHOR_EMAIL: 'admin@example.invalid', GIT_COMMITTER_NAME: 'Test Admin', GIT_COMMITTER_EMAIL: 'admin@example.invalid', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
  writeFileSync(
    path.join(root, 'panel.yaml'),
    'council: Testshire (fictional)\npanel_name: Permanency Tracking Panel\nmarking: OFFICIAL-SENSITIVE\nschedule:\n  kind: monthly\n  nth: 1\n  weekday: friday\n  time: "10:00"\n  venue: Room 1\n  chairs: [Chair One]\n',
  );
  writeFileSync(path.join(root, 'meetings', '2026-11-06.md'), '---\ndate: 2026-11-06\nchair: Chair One\n---\n');
  const [zoe, ana, tobi, eve] = CHILDREN;
  const care = (start: string) => `looked_after:\n  start: ${start}\n  legal_status: C1\n`;
  const write = (c: { id: string; name: string; dob: string }, extra: string, body: string) => writeFileSync(path.join(root, 'cases', `${c.id}.md`), caseFile(c, extra, body));

  // The first versions: Ana under her former name and date of birth.
  write({ ...ana, name: ana.formerName!, dob: ana.formerDob! }, `siblings: [P-0001]\n${care('2026-10-20')}`, 'First notes.');
  write(zoe, `siblings: [P-0002]\n${care('2026-10-19')}`, 'First notes.');
  write(tobi, care('2026-10-21'), 'First notes.');
  write(eve, care('2026-10-22'), 'First notes.');
  git(['init', '-q', '-b', 'main']);
  git(['add', '.']);
  git(['commit', '-q', '-m', 'Cases added'], '2026-10-25T10:00:00Z');

  // Since the last panel (6 Nov): Ana's name changed and her date of birth corrected.
  write(
    ana,
    `siblings: [P-0001]\n${care('2026-10-20')}panel:\n  - date: 2026-11-06\n    decision: ${JSON.stringify(`Ana (formerly Ana Lopez, born 09/07/2016) to stay with Zoë; Lopez's school told. María's and Fernandez's contact with ZOË agreed; born 10 July 2016.`)}\n    actions:\n      - action: ${JSON.stringify(`Tell Tobi's carer and O’Brien’s school; check 2016-07-10 and 28/02/2015 on file`)}\n        owner: Sam Worker\n        due: 2026-11-20\n`,
    `Ana López and Zoe O'Brien are sisters; Tobi visits. Born 10 July 2016.`,
  );
  // Zoë: a long action, a long case note, a long unbroken line; her text names the others in other forms.
  write(
    zoe,
    `siblings: [P-0002]\n${care('2026-10-19')}panel:\n  - date: 2026-11-06\n    decision: ${JSON.stringify(`Zoe's plan agreed; Zoe\u0308 and OBrien to meet Maria; born 28 Feb 2015, DOB 2015-02-28. ${UNBROKEN}`)}\n    actions:\n      - action: ${JSON.stringify(`Long action for Tobi’s sister: ${LONG_ACTION.join(' ')}`)}\n        owner: Sam Worker\n        due: 2026-11-20\n`,
    `# Background\n\n${LONG_NOTE.join(' ')}\n`,
  );
  write(tobi, `${care('2026-10-21')}panel:\n  - date: 2026-11-06\n    decision: ${JSON.stringify(`Adeyemi's review brought forward; Tobi\u2019s and Fernández's workers to meet; \u202Edesrever\u202C text shown.`)}\n    actions:\n      - action: Book the review\n        owner: Sam Worker\n        due: 2026-11-20\n`, 'Notes about Tobi.');
  git(['add', '.']);
  git(['commit', '-q', '-m', 'Name change, corrected date of birth, panel of 6 November'], '2026-11-10T10:00:00Z');
  return root;
}
