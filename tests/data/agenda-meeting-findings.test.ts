/**
 * What is behind for the meeting itself (its agenda not agreed in time, papers missing) is said on the
 * agenda: on the site's agenda page (a GOV.UK warning) and on the pack's agenda page, in plain words with
 * dates as "27 Nov 2026", only when overdue or due soon at the as-of date. And the two counts of days
 * overdue say what they count to: the agenda's reasons to the meeting, a child's findings in the pack to
 * the as-of date.
 *
 * Default policy (no panel.yaml unless given): meetings on the first Friday (a bank holiday moves it to the
 * next working day), agenda agreed 5 working days before, papers 7 days before, 28-day warning window.
 * The meeting of Friday 4 Dec 2026: agenda due Friday 27 Nov, papers due Friday 27 Nov.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshFolders } from '../helpers.js';
import { buildSite } from '../../src/data/build-site.js';
import { evaluateDataRoot, meetingRuleFindings, readDataRoot } from '../../src/data/data-root.js';
import { meetingFindingsAt, meetingFindingsFor } from '../../src/data/meeting-cycle.js';
import { MEETING_RULES } from '../../src/rules/index.js';
import { panel, REPO } from '../cli/run.js';
import { writePackPages } from '../../src/data/pack-build.js';
import { peopleParts } from '../../src/domain/dates.js';

const tempDir = freshFolders('panel-meeting-findings-');

function rootWith(files: Record<string, string>): string {
  const root = tempDir('meeting-findings');
  mkdirSync(path.join(root, 'cases'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

/**
 * A looked-after child (FICTIONAL), in care since 1 Sep 2026 with no review held: the first review was due
 * 29 Sep 2026 (20 working days), so it is overdue both at the as-of date and at the meeting.
 */
const CASE = ['---', 'id: C-1', 'name: Ada Example', 'dob: 2016-04-01', 'looked_after:', '  start: 2026-09-01', '  legal_status: C2', '  placement: U4', 'reviews: []', '---', 'Summary for panel.', ''].join('\n');
const meeting = (date: string, extra: string[] = []) => ['---', `date: ${date}`, 'time: "10:00"', ...extra, '---', ''].join('\n');

const findingsOf = (root: string, asOf: string, date: string) => {
  const data = readDataRoot(root);
  return meetingFindingsFor(data, evaluateDataRoot(data, asOf).findings, date);
};
const brief = (root: string, asOf: string, date: string) => findingsOf(root, asOf, date).map((f) => ({ rule: f.rule, status: f.status, due: f.due, child: f.child }));

describe('meetingFindingsFor: what is behind for the meeting an agenda is for', () => {
  it('agenda not agreed: due soon on the due day (27 Nov), overdue the day after, counted to the as-of date', () => {
    const root = rootWith({ 'cases/C-1.md': CASE });
    expect(brief(root, '2026-11-27', '2026-12-04')).toEqual([{ rule: 'agenda-agreed', status: 'due-soon', due: '2026-11-27', child: null }]);
    expect(brief(root, '2026-11-28', '2026-12-04')).toEqual([{ rule: 'agenda-agreed', status: 'overdue', due: '2026-11-27', child: null }]);
    const [late] = findingsOf(root, '2026-11-30', '2026-12-04');
    expect(late.message).toMatch(/was due on 2026-11-27 .*: 3 days overdue\.$/);
  });

  it('the warning window: nothing the day before it opens, due soon the day it opens (window of 7 days)', () => {
    const root = rootWith({ 'cases/C-1.md': CASE, 'panel.yaml': 'warning_window_days: 7\n' });
    expect(brief(root, '2026-11-19', '2026-12-04')).toEqual([]);
    expect(brief(root, '2026-11-20', '2026-12-04')).toEqual([{ rule: 'agenda-agreed', status: 'due-soon', due: '2026-11-27', child: null }]);
  });

  it('over Christmas: the meeting of Fri 1 Jan 2027 (bank holiday) moves to Mon 4 Jan; its agenda was due Wed 23 Dec (25 and 28 Dec are bank holidays)', () => {
    const root = rootWith({ 'cases/C-1.md': CASE });
    expect(brief(root, '2026-12-23', '2027-01-04')).toEqual([{ rule: 'agenda-agreed', status: 'due-soon', due: '2026-12-23', child: null }]);
    expect(brief(root, '2026-12-24', '2027-01-04')).toEqual([{ rule: 'agenda-agreed', status: 'overdue', due: '2026-12-23', child: null }]);
  });

  it('agreed in time: nothing; agreed late: nothing either (done, if late: `panel check` says so)', () => {
    const onTime = rootWith({ 'cases/C-1.md': CASE, 'meetings/2026-12-04.md': meeting('2026-12-04', ['agenda: [C-1]', 'agenda_agreed: 2026-11-27']) });
    expect(brief(onTime, '2026-11-30', '2026-12-04')).toEqual([]);
    const late = rootWith({ 'cases/C-1.md': CASE, 'meetings/2026-12-04.md': meeting('2026-12-04', ['agenda: [C-1]', 'agenda_agreed: 2026-11-30']) });
    expect(brief(late, '2026-12-01', '2026-12-04')).toEqual([]);
    const data = readDataRoot(late);
    expect(evaluateDataRoot(data, '2026-12-01').findings.filter((f) => f.rule === 'agenda-agreed').map((f) => f.status)).toEqual(['late']);
  });

  it('papers missing for a child on the meeting file: overdue from 28 Nov, with the child; another meeting\'s minutes are not this meeting\'s', () => {
    const root = rootWith({
      'cases/C-1.md': CASE,
      'meetings/2026-11-06.md': meeting('2026-11-06', ['agenda: [C-1]', 'agenda_agreed: 2026-10-29']),
      'meetings/2026-12-04.md': meeting('2026-12-04', ['agenda: [C-1]', 'agenda_agreed: 2026-11-20', 'papers:', '  C-1:', '    - { paper: care-plan, received: null }']),
    });
    expect(brief(root, '2026-11-28', '2026-12-04')).toEqual([{ rule: 'papers-due', status: 'overdue', due: '2026-11-27', child: 'C-1' }]);
    // The minutes of 6 Nov are overdue at 28 Nov (due 11 Nov), but they are the November meeting's.
    const all = evaluateDataRoot(readDataRoot(root), '2026-11-28').findings;
    expect(all.some((f) => f.rule === 'minutes-due' && f.status === 'overdue' && f.file === 'meetings/2026-11-06.md')).toBe(true);
    expect(brief(root, '2026-11-28', '2026-11-06')).toEqual([{ rule: 'minutes-due', status: 'overdue', due: '2026-11-11', child: null }]);
  });

  it('peopleParts: dates for people outside `code`, a command inside it kept as written', () => {
    expect(peopleParts('due on 2026-11-27 (run `panel agenda --date 2026-12-04 --freeze`): 2026-02-30 stays')).toEqual([
      { text: 'due on 27 Nov 2026 (run ', code: false },
      { text: 'panel agenda --date 2026-12-04 --freeze', code: true },
      { text: '): 2026-02-30 stays', code: false },
    ]);
  });
});

describe('`panel agenda` says it too, read from the meeting rules alone', () => {
  it('the meeting rules alone give the findings the full check gives (the demo and the small roots, around the November and December panels)', () => {
    const ids = new Set(MEETING_RULES.map((r) => r.id));
    const roots = [
      REPO,
      rootWith({ 'cases/C-1.md': CASE }),
      rootWith({ 'cases/C-1.md': CASE, 'meetings/2026-12-04.md': meeting('2026-12-04', ['agenda: [C-1]', 'papers:', '  C-1:', '    - { paper: care-plan, received: null }']) }),
    ];
    for (const root of roots) {
      const data = readDataRoot(root);
      for (const asOf of ['2026-10-30', '2026-11-06', '2026-11-12', '2026-11-22', '2026-11-27', '2026-11-30', '2026-12-04', '2026-12-10']) {
        const full = evaluateDataRoot(data, asOf).findings.filter((f) => ids.has(f.rule));
        const alone = meetingRuleFindings(data, asOf);
        const key = (f: { file: string; rule: string; status: string; message: string }) => `${f.file} ${f.rule} ${f.status} ${f.message}`;
        expect(alone.map(key).sort(), `${root} ${asOf}`).toEqual(full.map(key).sort());
        expect(meetingFindingsAt(data, asOf, '2026-12-04'), `${root} ${asOf}`).toEqual(meetingFindingsFor(data, evaluateDataRoot(data, asOf).findings, '2026-12-04'));
      }
    }
  });

  it('warns under the heading when the agenda is late; says nothing when all is on time; JSON unchanged', () => {
    const late = rootWith({ 'cases/C-1.md': CASE });
    const text = panel(['agenda', '--root', late, '--as-of', '2026-11-30']).stdout;
    expect(text).toContain(
      '\n\nWarning: Agenda not agreed in time. Agreeing the agenda for the panel on 4 Dec 2026 was due on 27 Nov 2026 (5 working days before the meeting; propose it with panel agenda --date 2026-12-04 --freeze, then a chair agrees it): 3 days overdue.\n\n',
    );
    expect(text).toContain('First looked-after review not held (66 days by the meeting)');
    expect(panel(['agenda', '--root', late, '--as-of', '2026-11-30', '--format', 'json']).stdout).not.toContain('not agreed in time');
    const onTime = rootWith({ 'cases/C-1.md': CASE, 'meetings/2026-12-04.md': meeting('2026-12-04', ['agenda: [C-1]', 'agenda_agreed: 2026-11-26']) });
    expect(panel(['agenda', '--root', onTime, '--as-of', '2026-11-30']).stdout).not.toContain('Warning');
  });
});

const LATE_AGENDA =
  /<strong>Agenda not agreed in time\.<\/strong> Agreeing the agenda for the panel on 4 Dec 2026 was due on 27 Nov 2026 \(5 working days before the meeting; propose it with <code class="nowrap">panel agenda --date 2026-12-04 --freeze<\/code>, then a chair agrees it\): 3 days overdue\.<\/p>/;

describe('the pack\'s agenda page and a child\'s findings (writePackPages), as of 30 Nov 2026', () => {
  it('says the agenda was not agreed in time, on the agenda page, full and redacted; and which date each count of days runs to', async () => {
    const root = rootWith({ 'cases/C-1.md': CASE });
    const dist = tempDir('meeting-findings-pack');
    const { routes } = await writePackPages({ root, asOf: '2026-11-30', dist, variants: ['full', 'redacted'] });
    for (const route of Object.values(routes)) {
      const html = readFileSync(path.join(dist, route!), 'utf8');
      const agendaPage = html.slice(html.indexOf('id="agenda"'), html.indexOf('id="contents"'));
      expect(agendaPage).toMatch(LATE_AGENDA);
      expect(agendaPage).toContain('<p class="overdue" data-testid="meeting-finding">');
      expect(agendaPage).toContain('Days overdue are counted to the meeting, 4 Dec 2026.');
      expect(html).toContain('<dt>Behind for this meeting</dt><dd class="overdue" data-testid="cover-behind">Agenda not agreed in time (see the agenda page)</dd>');
      // First review due 29 Sep 2026: 66 days by the meeting (4 Dec), 62 days at the as-of date (30 Nov).
      expect(agendaPage).toContain('First looked-after review not held (66 days by the meeting)');
      const child = html.slice(html.indexOf('id="child-C-1"'));
      expect(child).toContain('First looked-after review not held (66 days by the meeting)');
      expect(child).toContain('<h2>Findings</h2> <p class="muted" data-testid="findings-as-of">Clocks read on 30 Nov 2026: days overdue here are counted to that date, not to the meeting.</p>');
      expect(child).toMatch(/due on 2026-09-29|due on 29 Sep 2026/);
      expect(child).toContain('62 days overdue');
    }
  }, 60_000);

  it('says nothing about the meeting when everything for it is on time', async () => {
    const root = rootWith({ 'cases/C-1.md': CASE, 'meetings/2026-12-04.md': meeting('2026-12-04', ['agenda: [C-1]', 'agenda_agreed: 2026-11-26', 'papers:', '  C-1:', '    - { paper: care-plan, received: 2026-11-20 }']) });
    const dist = tempDir('meeting-findings-pack-ok');
    const { routes } = await writePackPages({ root, asOf: '2026-11-30', dist, variants: ['full'] });
    const html = readFileSync(path.join(dist, routes.full), 'utf8');
    expect(html).toContain('id="agenda"');
    expect(html).not.toContain('data-testid="meeting-finding"');
    expect(html).not.toContain('not agreed in time');
    expect(html).not.toContain('cover-behind');
  }, 60_000);
});

describe('the site\'s agenda page (a small data root, built)', () => {
  it('shows the late agenda as a GOV.UK warning with plain dates; nothing when the meeting is on time', async () => {
    const late = rootWith({ 'cases/C-1.md': CASE, 'meetings/2026-12-04.md': meeting('2026-12-04', ['agenda: [C-1]', 'papers:', '  C-1:', '    - { paper: care-plan, received: null }']) });
    const dist = tempDir('meeting-findings-site');
    await buildSite({ root: late, asOf: '2026-11-30', dist, pdf: false, quiet: true });
    const page = readFileSync(path.join(dist, 'agenda', 'index.html'), 'utf8');
    const warnings = [...page.matchAll(/<div class="govuk-warning-text" data-testid="meeting-finding" data-rule="([^"]+)" data-status="([^"]+)">(.*?)<\/div>/g)].map((m) => ({ rule: m[1], status: m[2], text: m[3].replace(/<[^>]+>/g, '') }));
    expect(warnings).toEqual([
      {
        rule: 'agenda-agreed',
        status: 'overdue',
        text: '!WarningAgenda not agreed in time. Agreeing the agenda for the panel on 4 Dec 2026 was due on 27 Nov 2026 (5 working days before the meeting; a chair agrees it with panel agenda --date 2026-12-04 --agree --by &lt;name&gt;): 3 days overdue.',
      },
      {
        rule: 'papers-due',
        status: 'overdue',
        text: '!WarningPapers missing for panel. Papers for C-1 were due on 27 Nov 2026 (7 days before the meeting on 4 Dec 2026): care plan (interim or section 20) not received, 3 days overdue.',
      },
    ]);
    expect(page).toContain('<code>panel agenda --date 2026-12-04 --agree --by &lt;name&gt;</code>');
    expect(page).toContain('(66 days by the meeting)');

    const onTime = rootWith({ 'cases/C-1.md': CASE, 'meetings/2026-12-04.md': meeting('2026-12-04', ['agenda: [C-1]', 'agenda_agreed: 2026-11-26', 'papers:', '  C-1:', '    - { paper: care-plan, received: 2026-11-20 }']) });
    const dist2 = tempDir('meeting-findings-site-ok');
    await buildSite({ root: onTime, asOf: '2026-11-30', dist: dist2, pdf: false, quiet: true });
    const ok = readFileSync(path.join(dist2, 'agenda', 'index.html'), 'utf8');
    expect(ok).toContain('data-testid="agenda-table"');
    expect(ok).not.toContain('data-testid="meeting-finding');
  }, 180_000);
});
