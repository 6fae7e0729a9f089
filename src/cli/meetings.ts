/** The meeting cycle commands: `schedule`, `agenda` (and `--freeze`), `minutes`, `escalation`. */
import type { Command } from 'commander';
import { Option } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readDataRoot } from '../data/data-root.js';
import { meetingsIcs } from '../data/meeting-calendar.js';
import { agendaFor, AgreeError, agreeAgenda, freezeAgenda, meetingFindingsAt } from '../data/meeting-cycle.js';
import { applyPlan, draftFile, minutesScaffold, planApply } from '../data/minutes.js';
import { trackerRows } from '../data/site.js';
import { writeFileSafely } from '../data/write.js';
import { carriedForwardText, unreadableMeetingsSentence, type Agenda } from '../domain/agenda.js';
import { longDate, peopleDates, peopleParts, plusDays, shortDate, type IsoDate } from '../domain/dates.js';
import type { Finding } from '../domain/findings.js';
import { ESCALATION_DAYS, escalations, escalationSentences, PANELS_WITHOUT_PLAN, type Escalation } from '../domain/escalation.js';
import { headline } from '../rules/index.js';
import { meetingDates, scheduledMeeting } from '../domain/schedule.js';
import { nextMeeting } from '../domain/tracker.js';
import { dateOption, resolveAsOf, resolveRoot, UsageError } from './options.js';

const format = () => new Option('--format <format>', 'output format').choices(['text', 'json']).default('text');
const root = () => new Option('--root <dir>', 'data root holding panel.yaml, cases/ and meetings/').default('.');


/** Where an agenda stands, in words: proposed until a chair has agreed it. */
export function agendaStanding(agenda: Agenda): string {
  if (agenda.agreed) return `agreed${agenda.agreedOn ? ` on ${shortDate(agenda.agreedOn)}` : ''}${agenda.agreedBy ? ` by ${agenda.agreedBy}` : ''}`;
  if (agenda.status === 'frozen') return `proposed${agenda.proposedOn ? ` on ${shortDate(agenda.proposedOn)}` : ''}, not yet agreed by the chairs`;
  return 'proposed: not yet frozen for the chairs';
}

/**
 * `panel agenda` for people. `meetingFindings`: what is overdue or due soon for the meeting itself (its
 * agenda not agreed in time, papers missing: meetingFindingsFor), said first, as on the site and in the pack.
 */
export function agendaText(agenda: Agenda, panelName: string, meetingFindings: readonly Finding[] = []): string {
  const children = agenda.items.reduce((n, i) => n + i.children.length, 0);
  const out = [
    `${panelName}: agenda for ${longDate(agenda.date)} (${agendaStanding(agenda)})`,
    agenda.items.length
      ? `Following up the panel of ${agenda.since ? shortDate(agenda.since) : '(none before)'}; ${agenda.items.length} item${agenda.items.length === 1 ? '' : 's'}, ${children} ${children === 1 ? 'child' : 'children'}, about ${agenda.totalMinutes} minutes. Days overdue are counted to the meeting.`
      : `No child needs discussing at this meeting: no clock is overdue at the meeting, nobody is new, no plan or court outcome changed and no action is due (following up the panel of ${agenda.since ? shortDate(agenda.since) : '(none before)'}).`,
    '',
  ];
  for (const f of meetingFindings) out.push(`Warning: ${headline(f.rule, f.status)}. ${peopleParts(f.message).map((p) => p.text).join('')}`);
  if (meetingFindings.length) out.push('');
  const meetings = unreadableMeetingsSentence(agenda, shortDate);
  if (meetings) out.push(`Warning: ${meetings}`, '');
  for (const item of agenda.items) {
    out.push(`${String(item.number).padStart(2)}. ${item.start} (${item.minutes} min)  ${item.children.map((c) => `${c.id} ${c.name} [${c.rag}]`).join(' + ')}`);
    for (const c of item.children) {
      const prefix = item.children.length > 1 ? `${c.id}: ` : '';
      for (const r of c.reasons) out.push(`      ${prefix}${peopleDates(r.text)}`);
      if (c.invited.length) out.push(`      ${prefix}invited: ${c.invited.join(', ')}`);
      if (c.papers.length) out.push(`      ${prefix}papers (due by ${shortDate(agenda.papersDueBy)}): ${c.papers.map((p) => `${p.label.toLowerCase()} ${p.received ? `received ${shortDate(p.received)}${p.late ? ' (late)' : ''}` : 'not received'}`).join('; ')}`);
      for (const a of c.openActions) out.push(`      ${prefix}open action: ${a.action} (owner ${a.owner ?? 'not recorded'}, due ${shortDate(a.due)}, from the panel of ${shortDate(a.from)}${a.carriedForward.length ? `; ${carriedForwardText(a)}` : ''})`);
    }
  }
  if (agenda.notes.length) out.push('', ...agenda.notes.map((n) => `Note: ${peopleDates(n)}`));
  return `${out.join('\n')}\n`;
}

/** `panel escalation` for people: plain words, "4 Dec 2026", the longest overdue first. */
export function escalationText(list: readonly Escalation[], asOf: IsoDate): string {
  const out = [
    `Escalation at ${shortDate(asOf)}: ${list.length} ${list.length === 1 ? 'child' : 'children'} with long-standing drift`,
    `(an error-level clock overdue ${ESCALATION_DAYS} days or more, or ${PANELS_WITHOUT_PLAN} or more panels with no permanence plan agreed; longest overdue first)`,
    '',
  ];
  for (const e of list) {
    const days = e.daysOverdue ? `${e.daysOverdue} days overdue` : `${e.panelsWithoutPlan} panels without a plan`;
    out.push(`${e.id} ${e.name}: ${days} (social worker ${e.socialWorker ?? 'not recorded'}, team manager ${e.teamManager ?? 'not recorded'})`);
    for (const s of escalationSentences(e, (rule) => headline(rule), shortDate)) out.push(`  ${s}`);
  }
  return `${out.join('\n')}\n`;
}

export function registerMeetingCommands(cli: Command, setExit: (code: number) => void): void {
  cli
    .command('schedule')
    .description('list the next panel meetings with their agenda-agreed, papers-due and minutes-due dates')
    .addOption(root())
    .option('--from <date>', 'first date to list from (default: today)')
    .option('--count <n>', 'how many meetings', '6')
    .addOption(new Option('--format <format>', 'output format (ics: an iCalendar file of the meetings and their deadlines)').choices(['text', 'json', 'ics']).default('text'))
    .action((o) => {
      const data = readDataRoot(resolveRoot(o.root));
      const from = resolveAsOf(dateOption('--from', o.from));
      const count = Number(o.count);
      if (!Number.isInteger(count) || count < 1) throw new UsageError(`--count: expected a whole number of meetings, found "${o.count}"`);
      const dates = meetingDates(data.policy.schedule, data.calendar, from, plusDays(from, 31 * count + 31)).slice(0, count);
      const meetings = dates.map((d) => scheduledMeeting(d, data.policy, data.calendar));
      if (o.format === 'json') process.stdout.write(`${JSON.stringify(meetings, null, 2)}\n`);
      else if (o.format === 'ics') process.stdout.write(meetingsIcs(data, meetings, new Date()));
      else {
        process.stdout.write(`${data.policy.panel_name}: next ${meetings.length === 1 ? 'meeting' : `${meetings.length} meetings`} from ${shortDate(from)}\n\n`);
        for (const m of meetings) {
          process.stdout.write(`${longDate(m.date)} ${m.time}\n  agenda agreed by ${longDate(m.agendaAgreedBy)}; papers to the chair by ${longDate(m.papersDueBy)}; minutes due by ${longDate(m.minutesDueBy)}\n`);
        }
      }
      setExit(0);
    });

  cli
    .command('agenda')
    .description('the agenda for a meeting: who must be discussed and why, siblings together, most urgent first')
    .addOption(root())
    .option('--date <date>', 'the meeting date (default: the next meeting on or after today)')
    .option('--as-of <date>', 'today, for choosing the next meeting and dating a frozen agenda')
    .addOption(format())
    .option('--freeze', 'write meetings/<date>.md with this order as a proposal, for the chairs to agree')
    .option('--force', 'replace an existing meeting file when freezing', false)
    .option('--agree', 'record that a chair agreed the frozen agenda (sets agenda_agreed and agenda_agreed_by)')
    .option('--by <name>', 'with --agree: the chair who agreed it')
    .option('--on <date>', 'with --agree: the date it was agreed (default: --as-of, or today)')
    .action((o) => {
      const data = readDataRoot(resolveRoot(o.root));
      const asOf = resolveAsOf(dateOption('--as-of', o.asOf));
      const date = dateOption('--date', o.date) ?? nextMeeting(data.policy, data.calendar, asOf);
      if (!date) throw new UsageError('no meeting is scheduled in the next four months: give --date');
      if (o.agree) {
        if (o.freeze) throw new UsageError('--agree and --freeze are separate steps: freeze (propose) first, then a chair agrees');
        if (!o.by || !String(o.by).trim()) throw new UsageError('--agree needs --by "<the chair\'s name>"');
        const on = dateOption('--on', o.on) ?? asOf;
        if (on > date) throw new UsageError(`--on ${on}: an agenda is agreed before its meeting on ${date}`);
        try {
          const file = agreeAgenda(data, date, on, String(o.by).trim());
          process.stderr.write(`Recorded in ${path.relative(process.cwd(), file) || file}: the agenda for ${shortDate(date)} agreed on ${shortDate(on)} by ${String(o.by).trim()}.\n`);
        } catch (err) {
          if (err instanceof AgreeError) throw new UsageError(err.message);
          throw err;
        }
        const fresh = readDataRoot(data.root);
        const agreed = agendaFor(fresh, date);
        process.stdout.write(o.format === 'json' ? `${JSON.stringify(agreed, null, 2)}\n` : agendaText(agreed, data.policy.panel_name, meetingFindingsAt(fresh, asOf, date)));
        setExit(0);
        return;
      }
      if (o.by || o.on) throw new UsageError('--by and --on go with --agree');
      // Re-freezing with --force replaces the agreed order with a fresh proposal; without --force the
      // agreed file is never touched (writeFileSafely refuses).
      const agenda = agendaFor(data, date, { fresh: !!(o.freeze && o.force) });
      if (o.freeze) {
        const file = freezeAgenda(data, agenda, asOf, o.force);
        process.stderr.write(`Proposed the agenda for ${shortDate(date)} in ${path.relative(process.cwd(), file) || file}: open a pull request; a chair agrees it with panel agenda --date ${date} --agree --by "<name>".\n`);
      }
      // (After --freeze the meeting file holds the order; what is behind for the meeting is read from it.)
      const behind = o.format === 'json' ? [] : meetingFindingsAt(o.freeze ? readDataRoot(data.root) : data, asOf, date);
      process.stdout.write(o.format === 'json' ? `${JSON.stringify(agenda, null, 2)}\n` : agendaText(agenda, data.policy.panel_name, behind));
      setExit(0);
    });

  cli
    .command('minutes <date>')
    .description("scaffold the minutes draft; with --apply, add the reviewed draft's decisions and actions to each child's file")
    .addOption(root())
    .option('--force', 'replace an existing draft', false)
    .option('--apply', "add each child's reviewed block to its case file and set the meeting's minutes_published")
    .option('--as-of <date>', 'the date the minutes are published, with --apply (default: today)')
    .option('--dry-run', 'with --apply: say what would be written, write nothing')
    .action((date, o) => {
      const when = dateOption('<date>', date)!;
      const data = readDataRoot(resolveRoot(o.root));
      const file = draftFile(data.root, when);
      const shown = path.relative(process.cwd(), file) || file;
      if (o.apply) {
        if (!existsSync(file)) throw new UsageError(`there is no minutes draft for ${when} (${shown}): make it with \`panel minutes ${when}\`, fill it in, then apply it`);
        const publishedOn = resolveAsOf(dateOption('--as-of', o.asOf));
        const plan = planApply(data, when, readFileSync(file, 'utf8'), publishedOn);
        for (const n of plan.notes) process.stderr.write(`note: ${n}\n`);
        if (plan.alreadyRecorded.length) process.stderr.write(`Already recorded for ${when}, left as they are: ${plan.alreadyRecorded.join(', ')}\n`);
        if (plan.problems.length) {
          const blocked = plan.problems.filter((p) => p.blocked);
          process.stderr.write(`Nothing was written${blocked.length ? ', and minutes_published was not set' : ''}: ${plan.problems.length} problem${plan.problems.length === 1 ? '' : 's'} to fix first.\n`);
          for (const p of plan.problems) process.stderr.write(`  ${p.file}${p.line ? `:${p.line}` : ''}  ${p.message}\n`);
          if (blocked.length) {
            // A child on the agenda whose file cannot be written: the minutes are not complete without its decision.
            process.stderr.write(
              `Fix or add ${blocked.length === 1 ? 'that case file' : 'those case files'} (\`panel check\` says what is wrong with each), then run \`panel minutes ${when} --apply\` again: the draft keeps the words written in it. (An id on the agenda by mistake: correct the agenda in meetings/${when}.md.)\n`,
            );
          }
          setExit(blocked.length ? 2 : 1);
          return;
        }
        if (!o.dryRun) applyPlan(data, plan);
        const verb = o.dryRun ? 'Would write' : 'Wrote';
        for (const w of plan.writes) process.stdout.write(`${verb} ${w.file}: ${w.what}\n`);
        if (!plan.writes.length) process.stdout.write(`Nothing to write: the minutes of ${when} are already in every child's record.\n`);
        else if (!o.dryRun) process.stdout.write(`Open a pull request with these ${plan.writes.length} files: the audit trail records the minutes as this change.\n`);
        setExit(0);
        return;
      }
      const agenda = agendaFor(data, when);
      writeFileSafely(file, minutesScaffold(data, agenda), { force: o.force });
      process.stdout.write(`Wrote ${shown}: ${agenda.items.length} items (${agenda.status} agenda). Fill in each child's decision and actions, have it reviewed, then run \`panel minutes ${when} --apply\`.\n`);
      setExit(0);
    });

  cli
    .command('escalation')
    .description('children with the longest-standing drift, for senior managers')
    .addOption(root())
    .option('--as-of <date>', 'the date to read the clocks at (default: today)')
    .addOption(format())
    .action((o) => {
      const data = readDataRoot(resolveRoot(o.root));
      const asOf = resolveAsOf(dateOption('--as-of', o.asOf));
      const list = escalations(trackerRows(data, asOf).rows, asOf);
      if (o.format === 'json') process.stdout.write(`${JSON.stringify({ asOf, escalations: list }, null, 2)}\n`);
      else process.stdout.write(escalationText(list, asOf));
      setExit(0);
    });
}
