/**
 * The meeting cycle on a data root: the agenda for a meeting (frozen when meetings/<date>.md holds an
 * order, worked out otherwise; agreed only when a chair has agreed it), freezing it, agreeing it.
 */
import path from 'node:path';
import { buildAgenda, type Agenda } from '../domain/agenda.js';
import { plusDays, type IsoDate } from '../domain/dates.js';
import { meetingDates } from '../domain/schedule.js';
import { describeDuration } from '../domain/duration.js';
import { meetingRuleFindings, readableCases, unreadableCaseFiles, unreadableMeetings, validMeetings, type DataRoot } from './data-root.js';
import { existsSync, readFileSync } from 'node:fs';
import { meetingSchema } from '../domain/schema.js';
import { headline, MEETING_RULES } from '../rules/index.js';
import type { Finding } from '../domain/findings.js';
import { setEmptyTopLevelField } from './case-edit.js';
import { parseMarkdownFile } from './frontmatter.js';
import { writeFileSafely } from './write.js';

/**
 * The meeting before `date`: the latest meeting file (one that could not be read counts when its date could
 * be read: the meeting was held), else the schedule's previous date.
 */
export function previousMeeting(data: DataRoot, date: IsoDate): IsoDate | null {
  const held = data.meetings.flatMap((m) => (m.key && m.key < date ? [m.key] : [])).sort().at(-1);
  if (held) return held;
  return meetingDates(data.policy.schedule, data.calendar, plusDays(date, -120), plusDays(date, -1)).at(-1) ?? null;
}

export function meetingFile(data: DataRoot, date: IsoDate) {
  return validMeetings(data).find((m) => m.value.date === date);
}

const MEETING_RULE_IDS = new Set(MEETING_RULES.map((r) => r.id));

/**
 * What is behind or about to be for the meeting on `date`, at the as-of date of `findings`: the meeting
 * rules' findings (agenda not agreed in time, papers missing, minutes not published) on its meeting file (or
 * on meetings/<date>.md when it has none yet) that are overdue or due soon, overdue first. What was done,
 * late or not, is left to `panel check`. The agenda page and the pack's agenda page show these.
 */
export function meetingFindingsFor(data: Pick<DataRoot, 'meetings'>, findings: readonly Finding[], date: IsoDate): Finding[] {
  const files = new Set(validMeetings(data).filter((m) => m.value.date === date).map((m) => m.file));
  if (!files.size) files.add(`meetings/${date}.md`);
  const rank = (f: Finding) => (f.status === 'overdue' ? 0 : 1);
  return findings
    .filter((f) => MEETING_RULE_IDS.has(f.rule) && files.has(f.file) && (f.status === 'overdue' || f.status === 'due-soon'))
    .sort((a, b) => rank(a) - rank(b));
}

/** The same, read at `asOf` from the meeting rules alone (for `panel agenda`, which has no findings to hand). */
export function meetingFindingsAt(data: DataRoot, asOf: IsoDate, date: IsoDate): Finding[] {
  return meetingFindingsFor(data, meetingRuleFindings(data, asOf), date);
}

/** The agenda of a meeting: the agreed order when frozen (unless `fresh`), else a proposal. */
export function agendaFor(data: DataRoot, date: IsoDate, { fresh = false } = {}): Agenda {
  const file = meetingFile(data, date);
  const frozen =
    !fresh && file && file.value.agenda.length
      ? { order: file.value.agenda, agreedOn: file.value.agenda_agreed ?? null, agreedBy: file.value.agenda_agreed_by ?? null, proposedOn: file.value.agenda_proposed ?? null }
      : undefined;
  return buildAgenda({
    date,
    children: readableCases(data).map((c) => c.readable),
    since: previousMeeting(data, date),
    frozen,
    policy: data.policy,
    calendar: data.calendar,
    start: file?.value.time ?? data.policy.schedule.time,
    unreadableFiles: unreadableCaseFiles(data),
    unreadableMeetings: unreadableMeetings(data),
    papers: file?.value.papers,
    describeRule: (rule) => headline(rule),
  });
}

const yamlString = (s: string) => JSON.stringify(s);

/**
 * The meeting file holding the proposed order, with each child's reasons as comments for the chairs'
 * review. Freezing proposes; only a chair agrees (`agenda_agreed`, set by `panel agenda --agree`).
 */
export function frozenMeetingFile(data: DataRoot, agenda: Agenda, proposedOn: IsoDate): string {
  const { schedule, council, panel_name } = data.policy;
  const lines = [
    '---',
    `# ${panel_name}, ${council}. Agenda proposed by \`panel agenda --freeze\` for the chairs to agree in the pull request.`,
    `date: ${agenda.date}`,
    `time: ${yamlString(schedule.time)}`,
    `venue: ${yamlString(schedule.venue)}`,
    `chair: ${schedule.chairs[0] ? yamlString(schedule.chairs[0]) : 'null'}`,
    'attendees: []',
    'apologies: []',
    'agenda:',
    ...agenda.items.flatMap((item) =>
      item.children.map((c, i) => `  - ${c.id}   # item ${item.number}${i ? ' (sibling)' : ''}, ${item.start}: ${c.reasons.map((r) => r.text).join('; ').replace(/#/g, 'no.')}`),
    ),
    `agenda_proposed: ${proposedOn}`,
    `agenda_agreed: null      # set by a chair: panel agenda --date ${agenda.date} --agree --by "<chair's name>"`,
    'agenda_agreed_by: null',
    'minutes_published: null',
    '---',
    '## Minutes',
    '',
    `Minutes of the ${panel_name} on ${agenda.date} are written here after the meeting (\`panel minutes ${agenda.date}\` scaffolds them).`,
    '',
  ];
  return lines.join('\n');
}

export function freezeAgenda(data: DataRoot, agenda: Agenda, proposedOn: IsoDate, force = false): string {
  const file = path.join(data.root, 'meetings', `${agenda.date}.md`);
  writeFileSafely(file, frozenMeetingFile(data, agenda, proposedOn), { force });
  return file;
}

export class AgreeError extends Error {}

/**
 * A chair agrees the frozen agenda of `date`: `agenda_agreed: <on>` and `agenda_agreed_by: <by>` are set in
 * meetings/<date>.md, every other byte of the file kept. Refused (nothing written) when there is no frozen
 * order, when it is already agreed, or when the edited file would not read back as exactly that.
 */
export function agreeAgenda(data: DataRoot, date: IsoDate, on: IsoDate, by: string): string {
  const rel = path.join('meetings', `${date}.md`);
  const file = path.join(data.root, rel);
  const meeting = meetingFile(data, date);
  if (!existsSync(file)) throw new AgreeError(`${rel} does not exist: freeze the agenda first (panel agenda --date ${date} --freeze)`);
  if (!meeting) throw new AgreeError(`${rel} cannot be read: run panel check and fix it first`);
  if (!meeting.value.agenda.length) throw new AgreeError(`${rel} has no agenda to agree: freeze it first (panel agenda --date ${date} --freeze --force)`);
  if (meeting.value.agenda_agreed) throw new AgreeError(`${rel}: the agenda was already agreed on ${meeting.value.agenda_agreed}${meeting.value.agenda_agreed_by ? ` by ${meeting.value.agenda_agreed_by}` : ''}; nothing changed`);
  let text = readFileSync(file, 'utf8');
  for (const [key, value] of [['agenda_agreed', on], ['agenda_agreed_by', JSON.stringify(by)]] as const) {
    const edit = setEmptyTopLevelField(text, key, value);
    if (!edit.ok) throw new AgreeError(`${rel}: ${edit.reason}; nothing changed`);
    if ('unchanged' in edit) throw new AgreeError(`${rel}: ${key} already holds ${edit.unchanged}; nothing changed`);
    text = edit.text;
  }
  const back = meetingSchema.safeParse(parseMarkdownFile(text).data);
  if (!back.success || back.data.agenda_agreed !== on || back.data.agenda_agreed_by !== by || back.data.agenda.join() !== meeting.value.agenda.join()) {
    throw new AgreeError(`${rel}: the file could not be edited safely (check its front matter); nothing changed`);
  }
  writeFileSafely(file, text, { force: true });
  return file;
}
