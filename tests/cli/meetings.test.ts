/**
 * The meeting cycle through the real `panel` command: schedule, agenda (proposed, frozen, --freeze),
 * minutes, and the meeting rules and meeting-file errors in `panel check`. Anything that writes runs on
 * a copy of the data in a temporary folder; the demo data at the repository root is only read.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { readDataRoot, validCases } from '../../src/data/data-root.js';
import { FIXTURES, panel, REPO } from './run.js';

/** A copy of the demo data root (panel.yaml, cases/, meetings/) in a fresh temporary folder. */
function demoCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'panel-meetings-'));
  for (const p of ['panel.yaml', 'cases', 'meetings']) cpSync(path.join(REPO, p), path.join(dir, p), { recursive: true });
  return dir;
}
function basicCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'panel-meetings-basic-'));
  cpSync(path.join(FIXTURES, 'basic'), dir, { recursive: true });
  return dir;
}

interface AgendaJson {
  date: string;
  status: 'proposed' | 'frozen';
  agreed: boolean;
  agreedOn: string | null;
  agreedBy: string | null;
  proposedOn: string | null;
  since: string | null;
  items: { number: number; start: string; minutes: number; children: { id: string; rag: string; reasons: { code: string; text: string }[] }[] }[];
  totalMinutes: number;
  notes: string[];
}
function agendaJson(args: string[]): AgendaJson {
  const r = panel(['agenda', ...args, '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}
// Each test spawns the real CLI several times (about a second each, several on a loaded CI machine).
vi.setConfig({ testTimeout: 240_000 });

const groups = (a: AgendaJson) => a.items.map((i) => i.children.map((c) => c.id));

interface FindingJson {
  child: string | null;
  file: string;
  rule: string;
  status: string;
  level: string;
  due: string | null;
  message: string;
  line?: number;
}
function check(root: string, asOf: string): { code: number | null; findings: FindingJson[] } {
  const r = panel(['check', '--root', root, '--as-of', asOf, '--format', 'json']);
  return { code: r.code, findings: JSON.parse(r.stdout).findings };
}
const lineOf = (text: string, prefix: string) => text.split('\n').findIndex((l) => l.startsWith(prefix)) + 1;

describe('panel schedule', () => {
  const basic = path.join(FIXTURES, 'basic'); // no panel.yaml: the default policy

  it('--from 2026-11-22 --count 3, text: the next three meetings with their deadlines, January moved off New Year\'s Day', () => {
    const r = panel(['schedule', '--root', basic, '--from', '2026-11-22', '--count', '3']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'Permanency Tracking Panel: next 3 meetings from 22 Nov 2026',
        '',
        'Friday 4 December 2026 10:00',
        '  agenda agreed by Friday 27 November 2026; papers to the chair by Friday 27 November 2026; minutes due by Wednesday 9 December 2026',
        'Monday 4 January 2027 10:00',
        '  agenda agreed by Wednesday 23 December 2026; papers to the chair by Thursday 24 December 2026; minutes due by Thursday 7 January 2027',
        'Friday 5 February 2027 10:00',
        '  agenda agreed by Friday 29 January 2027; papers to the chair by Friday 29 January 2027; minutes due by Wednesday 10 February 2027',
        '',
      ].join('\n'),
    );
  });

  it('--format json on the demo data: venue from panel.yaml', () => {
    const r = panel(['schedule', '--root', REPO, '--from', '2026-11-22', '--count', '3', '--format', 'json']);
    expect(r.code).toBe(0);
    const venue = 'Room 2.14, Civic Centre, and Microsoft Teams';
    expect(JSON.parse(r.stdout)).toEqual([
      { date: '2026-12-04', time: '10:00', venue, agendaAgreedBy: '2026-11-27', papersDueBy: '2026-11-27', minutesDueBy: '2026-12-09' },
      { date: '2027-01-04', time: '10:00', venue, agendaAgreedBy: '2026-12-23', papersDueBy: '2026-12-24', minutesDueBy: '2027-01-07' },
      { date: '2027-02-05', time: '10:00', venue, agendaAgreedBy: '2027-01-29', papersDueBy: '2027-01-29', minutesDueBy: '2027-02-10' },
    ]);
  });

  it('--from on a meeting day includes it', () => {
    const r = panel(['schedule', '--root', basic, '--from', '2026-12-04', '--count', '1', '--format', 'json']);
    expect(JSON.parse(r.stdout).map((m: { date: string }) => m.date)).toEqual(['2026-12-04']);
  });

  it('usage errors exit 2: an impossible --from, a count that is not a positive whole number', () => {
    expect(panel(['schedule', '--root', basic, '--from', '2026-02-30']).code).toBe(2);
    expect(panel(['schedule', '--root', basic, '--count', '0']).code).toBe(2);
    expect(panel(['schedule', '--root', basic, '--count', 'two']).code).toBe(2);
  });
});

describe('panel agenda --date 2026-12-04 on the demo data (as of 2026-11-22)', () => {
  const a = agendaJson(['--root', REPO, '--date', '2026-12-04', '--as-of', '2026-11-22']);
  const onAgenda = groups(a).flat();
  const demo = validCases(readDataRoot(REPO)).map((c) => c.value);

  // Worked out by hand from the demo case files, meeting 2026-12-04, previous meeting 2026-11-06:
  const expected: Record<string, string[]> = {
    'C-1006': ['overdue'], // PLO since 2026-07-20: past 3 months (siblings with C-1007)
    'C-1007': ['overdue'],
    'C-1016': ['overdue'], // review 2026-05-14: next due 2026-11-14
    'C-1017': ['staying-put'], // Staying Put proposed 2026-11-16, not yet approved
    'C-1019': ['overdue', 'emergency-change'], // proceedings issued 2026-04-27, 26 weeks: 2026-10-26; plan changed in an emergency 2026-11-19
    'C-1023': ['overdue', 'actions'], // second review due 2026-11-06; action due 2026-11-20
    'C-1024': ['disruption'], // disruption meeting 2026-11-18, after the last panel
    'C-1025': ['foster-match'], // aged 13, placed since 2025-05-12 (over a year), match proposed 2026-11-20
    'C-1026': ['foster-match'], // IFA placement, long-term match proposed 2026-11-23
    'C-1028': ['stability'], // stability meeting 2026-11-13
    'C-1029': ['overdue', 'plan-change', 'cadence'], // last discussed 2026-10-02; plan agreed 2026-11-19
    'C-1030': ['overdue', 'actions', 'cadence'], // last discussed 2026-08-07; action due 2026-08-21
    'C-1031': ['overdue', 'iro-difference', 'actions'], // action due 2026-11-20; difference of opinion with the IRO since 2026-11-12
    'C-1032': ['overdue', 'adoption-plan-change'], // no match 121 days after the placement order of 2026-06-04 (2026-10-03), no register referral 3 months after the agency decision of 2026-03-30 (2026-06-30); change to the plan for adoption proposed 2026-11-24
    'C-1034': ['overdue'], // PLO since 2026-04-13: past 6 months
    'C-1036': ['overdue', 'never-discussed'], // in care since 2026-10-12, never discussed
    'C-1037': ['remand', 'new'], // in care 2026-11-09, on remand with a long-term plan
    'C-1038': ['new'], // in care 2026-11-16
    'C-1039': ['plan-change'], // plan agreed 2026-11-13
  };

  it('is the proposed agenda following up the panel of 2026-11-06', () => {
    expect(a).toMatchObject({ date: '2026-12-04', status: 'proposed', agreedOn: null, since: '2026-11-06', notes: [] });
  });

  it('has exactly the children who must be there, each once', () => {
    expect([...onAgenda].sort()).toEqual(Object.keys(expected).sort());
    expect(new Set(onAgenda).size).toBe(onAgenda.length);
  });

  it('each child with the reasons that bring them', () => {
    for (const item of a.items) for (const c of item.children) expect([c.id, c.reasons.map((r) => r.code)]).toEqual([c.id, expected[c.id]]);
    for (const item of a.items) for (const c of item.children) for (const r of c.reasons) expect(r.text.length).toBeGreaterThan(0);
  });

  it('no child whose permanence is secured', () => {
    const secured = demo.filter((c) => c.permanence?.secured).map((c) => c.id);
    expect(secured.length).toBeGreaterThan(0);
    for (const id of secured) expect(onAgenda).not.toContain(id);
  });

  it('siblings adjacent in one item: every tracked sibling of a child on the agenda is in the same item', () => {
    const byId = new Map(demo.map((c) => [c.id, c]));
    for (const g of groups(a)) {
      for (const id of g) {
        for (const s of byId.get(id)!.siblings) {
          if (!byId.get(s)?.permanence?.secured) expect(g).toContain(s);
        }
      }
    }
    const item = a.items.find((i) => i.children.some((c) => c.id === 'C-1006'))!;
    expect(item.children.map((c) => c.id)).toEqual(['C-1006', 'C-1007']);
    expect(item.minutes).toBe(15);
  });

  it('most urgent first: red items before amber before green', () => {
    const rank = { red: 0, amber: 1, green: 2 } as Record<string, number>;
    const worst = a.items.map((i) => Math.min(...i.children.map((c) => rank[c.rag])));
    expect(worst).toEqual([...worst].sort((x, y) => x - y));
    expect(worst[0]).toBe(0);
  });

  it('start times from 10:00, one after another; the total is the sum of the items', () => {
    expect(a.items[0].start).toBe('10:00');
    let t = 10 * 60;
    for (const i of a.items) {
      expect(i.start).toBe(`${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`);
      t += i.minutes;
    }
    expect(a.totalMinutes).toBe(a.items.reduce((n, i) => n + i.minutes, 0));
    expect(a.totalMinutes).toBe(185); // 17 single items and one pair
  });

  it('without --date, the next meeting after --as-of', () => {
    expect(agendaJson(['--root', REPO, '--as-of', '2026-11-22']).date).toBe('2026-12-04');
  });

  it('the text form lists every child, the siblings together, and a reason under each', () => {
    const r = panel(['agenda', '--root', REPO, '--date', '2026-12-04', '--as-of', '2026-11-22']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('agenda for Friday 4 December 2026 (proposed: not yet frozen for the chairs)');
    expect(r.stdout).toContain('18 items, 19 children, about 185 minutes');
    expect(r.stdout).toMatch(/ 8\. 11:10 \(15 min\) {2}C-1006 Lily Pearce \[amber\] \+ C-1007 Mason Pearce \[amber\]/);
    for (const id of Object.keys(expected)) expect(r.stdout).toContain(id);
    expect(r.stdout).toContain('new to care on 9 Nov 2026');
    // Plain words, not rule ids, and days counted to the meeting.
    expect(r.stdout).toContain('overdue at the meeting: Pre-proceedings open too long (52 days by the meeting)');
    // The agenda for 4 Dec is due on 27 Nov: due soon at 22 Nov, said first. A command keeps its ISO date (it must still work).
    expect(r.stdout).toMatch(/\n\nWarning: Agenda due to be agreed soon\. Agreeing the agenda for the panel on 4 Dec 2026 is due in 5 days, on 27 Nov 2026 [^\n]*panel agenda --date 2026-12-04 --freeze/);
    expect(r.stdout.replaceAll('panel agenda --date 2026-12-04', '')).not.toMatch(/plo-duration|panel-cadence|\d{4}-\d{2}-\d{2}/);
  });

  it('an impossible --date is a usage error (exit 2)', () => {
    expect(panel(['agenda', '--root', REPO, '--date', '2026-02-30']).code).toBe(2);
  });
});

const agree = (root: string, ...args: string[]) => panel(['agenda', '--root', root, '--date', '2026-12-04', '--agree', ...args]);

describe('panel agenda --freeze', () => {
  it('writes meetings/<date>.md as a proposal, refuses to overwrite (exit 2, file untouched), --force replaces it; read back as frozen in the same order, not agreed', () => {
    const root = demoCopy();
    const file = path.join(root, 'meetings', '2026-12-04.md');
    const proposed = agendaJson(['--root', root, '--date', '2026-12-04', '--as-of', '2026-11-22']);

    const first = panel(['agenda', '--root', root, '--date', '2026-12-04', '--as-of', '2026-11-22', '--freeze']);
    expect(first.code, first.stderr).toBe(0);
    expect(existsSync(file)).toBe(true);
    const written = readFileSync(file);
    const text = written.toString('utf8');
    expect(text).toContain('date: 2026-12-04');
    expect(text).toContain('agenda_proposed: 2026-11-22');
    expect(text).toMatch(/^agenda_agreed: null /m);
    expect(text).toContain('minutes_published: null');
    expect(first.stderr).toContain('--agree --by');

    const again = panel(['agenda', '--root', root, '--date', '2026-12-04', '--as-of', '2026-11-23', '--freeze']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
    expect(again.stderr).toContain('--force');
    expect(readFileSync(file).equals(written)).toBe(true);

    // Read back: frozen (proposed on 2026-11-22), not agreed, the same items in the same order.
    const frozen = agendaJson(['--root', root, '--date', '2026-12-04']);
    expect(frozen).toMatchObject({ status: 'frozen', agreed: false, agreedOn: null, proposedOn: '2026-11-22' });
    expect(panel(['agenda', '--root', root, '--date', '2026-12-04']).stdout).toContain('(proposed on 22 Nov 2026, not yet agreed by the chairs)');
    expect(groups(frozen)).toEqual(groups(proposed));
    expect(frozen.items.map((i) => [i.start, i.minutes])).toEqual(proposed.items.map((i) => [i.start, i.minutes]));

    // The written file is a valid meeting file: no schema or consistency finding about it; only the
    // agreement is still to come.
    const { findings } = check(root, '2026-11-22');
    expect(findings.filter((f) => f.file === 'meetings/2026-12-04.md').map((f) => [f.rule, f.status])).toEqual([['agenda-agreed', 'due-soon']]);

    const forced = panel(['agenda', '--root', root, '--date', '2026-12-04', '--as-of', '2026-11-25', '--freeze', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    const replaced = readFileSync(file, 'utf8');
    expect(replaced).not.toBe(text);
    expect(replaced).toContain('agenda_proposed: 2026-11-25');
    expect(agendaJson(['--root', root, '--date', '2026-12-04']).proposedOn).toBe('2026-11-25');
  });

  it('the chairs\' edited order is what the frozen agenda shows', () => {
    const root = demoCopy();
    const file = path.join(root, 'meetings', '2026-12-04.md');
    expect(panel(['agenda', '--root', root, '--date', '2026-12-04', '--as-of', '2026-11-22', '--freeze']).code).toBe(0);
    // The chairs move C-1039 to the top in the pull request.
    const lines = readFileSync(file, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('  - C-1039'));
    const [moved] = lines.splice(at, 1);
    lines.splice(lines.indexOf('agenda:') + 1, 0, moved);
    writeFileSync(file, lines.join('\n'));
    const frozen = agendaJson(['--root', root, '--date', '2026-12-04']);
    expect(groups(frozen)[0]).toEqual(['C-1039']);
    expect(groups(frozen)).toContainEqual(['C-1006', 'C-1007']);
  });

  it('panel check: before freezing, the next meeting\'s agenda is chased on meetings/<date>.md with child null and no line', () => {
    const root = demoCopy();
    const overdue = check(root, '2026-11-28').findings.filter((f) => f.rule === 'agenda-agreed' && f.file === 'meetings/2026-12-04.md');
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toMatchObject({ child: null, status: 'overdue', level: 'warning', due: '2026-11-27' });
    expect('line' in overdue[0]).toBe(false);
    const soon = check(root, '2026-11-22').findings.filter((f) => f.rule === 'agenda-agreed' && f.file === 'meetings/2026-12-04.md');
    expect(soon.map((f) => [f.status, f.level, f.due])).toEqual([['due-soon', 'warning', '2026-11-27']]);
  });

  it('panel check: frozen on time but not agreed, the agenda is still chased; agreed on time, no agenda-agreed finding', () => {
    const root = demoCopy();
    expect(panel(['agenda', '--root', root, '--date', '2026-12-04', '--as-of', '2026-11-20', '--freeze']).code).toBe(0);
    const chased = check(root, '2026-11-30').findings.filter((f) => f.rule === 'agenda-agreed' && f.file === 'meetings/2026-12-04.md');
    expect(chased.map((f) => [f.status, f.due])).toEqual([['overdue', '2026-11-27']]);
    expect(chased[0].message).toContain('a chair agrees it with `panel agenda --date 2026-12-04 --agree --by <name>`');
    expect(agree(root, '--by', 'Angela Whitfield', '--on', '2026-11-22').code).toBe(0);
    for (const asOf of ['2026-11-22', '2026-11-30', '2026-12-04']) {
      expect(check(root, asOf).findings.filter((f) => f.rule === 'agenda-agreed' && f.file === 'meetings/2026-12-04.md')).toEqual([]);
    }
  });

  it('panel check: agreed 2 working days before the meeting (2026-12-02), a late notice on the agenda_agreed line', () => {
    const root = demoCopy();
    expect(panel(['agenda', '--root', root, '--date', '2026-12-04', '--as-of', '2026-11-20', '--freeze']).code).toBe(0);
    expect(agree(root, '--by', 'Angela Whitfield', '--as-of', '2026-12-02').code).toBe(0);
    const text = readFileSync(path.join(root, 'meetings', '2026-12-04.md'), 'utf8');
    const found = check(root, '2026-12-02').findings.filter((f) => f.rule === 'agenda-agreed' && f.file === 'meetings/2026-12-04.md');
    expect(found).toEqual([
      expect.objectContaining({ child: null, status: 'late', level: 'notice', due: '2026-11-27', line: lineOf(text, 'agenda_agreed:') }),
    ]);
    expect(found[0].message).toContain('5 days after the due date of 2026-11-27');
  });
});

describe('panel agenda --agree: a chair agrees the proposed order, a separate step', () => {
  it('sets agenda_agreed and agenda_agreed_by, changing no other line; the agenda then reads agreed', () => {
    const root = demoCopy();
    const file = path.join(root, 'meetings', '2026-12-04.md');
    expect(panel(['agenda', '--root', root, '--date', '2026-12-04', '--as-of', '2026-11-20', '--freeze']).code).toBe(0);
    const before = readFileSync(file, 'utf8').split('\n');
    const r = agree(root, '--by', 'Angela Whitfield', '--as-of', '2026-11-23');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('(agreed on 23 Nov 2026 by Angela Whitfield)');
    const after = readFileSync(file, 'utf8').split('\n');
    const changed = after.filter((l, i) => l !== before[i]);
    expect(after.length).toBe(before.length);
    expect(changed).toEqual([expect.stringMatching(/^agenda_agreed: 2026-11-23 +# set by a chair/), 'agenda_agreed_by: "Angela Whitfield"']);
    expect(agendaJson(['--root', root, '--date', '2026-12-04'])).toMatchObject({ status: 'frozen', agreed: true, agreedOn: '2026-11-23', agreedBy: 'Angela Whitfield', proposedOn: '2026-11-20' });
    expect(check(root, '2026-11-23').findings.filter((f) => f.file === 'meetings/2026-12-04.md')).toEqual([]);
  });

  it('refuses (exit 2, file untouched): no frozen agenda, no --by, already agreed, --on after the meeting, with --freeze', () => {
    const root = demoCopy();
    const file = path.join(root, 'meetings', '2026-12-04.md');
    const none = agree(root, '--by', 'A Chair');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('freeze the agenda first');
    expect(existsSync(file)).toBe(false);
    expect(panel(['agenda', '--root', root, '--date', '2026-12-04', '--as-of', '2026-11-20', '--freeze']).code).toBe(0);
    const proposed = readFileSync(file, 'utf8');
    expect(agree(root).stderr).toContain('--agree needs --by');
    expect(agree(root, '--by', 'A Chair', '--on', '2026-12-05').code).toBe(2);
    expect(agree(root, '--by', 'A Chair', '--freeze').code).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe(proposed);
    expect(agree(root, '--by', 'A Chair', '--on', '2026-11-24').code).toBe(0);
    const agreed = readFileSync(file, 'utf8');
    const twice = agree(root, '--by', 'Someone Else');
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('already agreed on 2026-11-24 by A Chair');
    expect(readFileSync(file, 'utf8')).toBe(agreed);
  });

  it('a meeting file written by an older version with agenda_agreed is read as agreed, as before', () => {
    const a = agendaJson(['--root', REPO, '--date', '2026-11-06']);
    expect(a).toMatchObject({ status: 'frozen', agreed: true, agreedOn: '2026-10-28' });
  });
});

describe('panel minutes <date>', () => {
  it('writes meetings/drafts/<date>-minutes.md, refuses the second time (exit 2, untouched), --force replaces it', () => {
    const root = demoCopy();
    const draft = path.join(root, 'meetings', 'drafts', '2026-12-04-minutes.md');
    const first = panel(['minutes', '2026-12-04', '--root', root]);
    expect(first.code, first.stderr).toBe(0);
    expect(existsSync(draft)).toBe(true);
    const text = readFileSync(draft, 'utf8');
    expect(text).toContain('# Minutes draft: Permanency Tracking Panel, 2026-12-04');
    // A block for every child on the agenda, in agenda order.
    const order = groups(agendaJson(['--root', root, '--date', '2026-12-04', '--as-of', '2026-11-22'])).flat();
    const positions = order.map((id) => text.indexOf(`: ${id} `));
    for (const p of positions) expect(p).toBeGreaterThan(-1);
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
    // Open actions to follow up (C-1030's, due 2026-08-21).
    expect(text).toContain('Allocate fostering social worker for matching assessment');

    writeFileSync(draft, 'edited by the panel administrator\n');
    const again = panel(['minutes', '2026-12-04', '--root', root]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
    expect(readFileSync(draft, 'utf8')).toBe('edited by the panel administrator\n');

    const forced = panel(['minutes', '2026-12-04', '--root', root, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(draft, 'utf8')).toBe(text);
  });

  it('the draft is not read as a meeting file by panel check', () => {
    const root = demoCopy();
    expect(panel(['minutes', '2026-12-04', '--root', root]).code).toBe(0);
    expect(check(root, '2026-11-22').findings.filter((f) => f.file.startsWith('meetings/drafts'))).toEqual([]);
  });

  it('of a frozen agenda: says so, in the agreed order', () => {
    const root = demoCopy();
    expect(panel(['agenda', '--root', root, '--date', '2026-12-04', '--as-of', '2026-11-20', '--freeze']).code).toBe(0);
    expect(agree(root, '--by', 'Angela Whitfield', '--on', '2026-11-22').code).toBe(0);
    const r = panel(['minutes', '2026-12-04', '--root', root]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('frozen');
    expect(readFileSync(path.join(root, 'meetings', 'drafts', '2026-12-04-minutes.md'), 'utf8')).toContain('agreed on 2026-11-22');
  });

  it('an impossible date is a usage error (exit 2) and writes nothing', () => {
    const root = demoCopy();
    expect(panel(['minutes', '2026-02-30', '--root', root]).code).toBe(2);
    expect(existsSync(path.join(root, 'meetings', 'drafts'))).toBe(false);
  });
});

describe('broken meeting files in panel check', () => {
  const root = basicCopy();
  mkdirSync(path.join(root, 'meetings'), { recursive: true });
  writeFileSync(path.join(root, 'meetings', '2026-02-30.md'), '---\ndate: 2026-02-30\nchair: Test Chair\n---\n');
  writeFileSync(path.join(root, 'meetings', '2026-12-04.md'), '---\ndate: 2026-12-04\nagenda:\n  - C-2001\n  - C-7777\nagenda_agreed: 2026-11-20\n---\n');
  const r = panel(['check', '--root', root, '--as-of', '2026-11-20', '--format', 'json']);
  const findings: FindingJson[] = JSON.parse(r.stdout).findings;

  it('an impossible meeting date: a schema error naming the file, the line and the field', () => {
    const f = findings.filter((x) => x.file === 'meetings/2026-02-30.md');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ child: null, rule: 'schema', status: 'invalid', level: 'error', due: null, line: 2 });
    expect(f[0].message).toContain('date');
    expect(f[0].message).toContain('2026-02-30');
  });

  it('an unknown child id on the agenda: a data-consistency error on its line', () => {
    const f = findings.filter((x) => x.file === 'meetings/2026-12-04.md' && x.rule === 'data-consistency');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ child: null, status: 'invalid', level: 'error', line: 5 });
    expect(f[0].message).toContain('C-7777');
  });

  it('exits 1, and the text form names file and line too', () => {
    expect(r.code).toBe(1);
    const t = panel(['check', '--root', root, '--as-of', '2026-11-20']);
    expect(t.stdout).toMatch(/meetings\/2026-02-30\.md[\s\S]*?\n\s+2\s+error\s+invalid\s+schema/);
    expect(t.stdout).toMatch(/meetings\/2026-12-04\.md[\s\S]*?\n\s+5\s+error\s+invalid\s+data-consistency/);
  });

  it('the other files are still read: the cases\' findings are all there', () => {
    expect(findings.some((f) => f.file.startsWith('cases/'))).toBe(true);
  });
});
