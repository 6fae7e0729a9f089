/**
 * The meeting cycle on a data root: the agenda for a meeting (frozen when meetings/<date>.md holds the
 * agreed order, proposed otherwise), freezing it, and the minutes scaffold.
 */
import path from 'node:path';
import { buildAgenda, type Agenda } from '../domain/agenda.js';
import { plusDays, type IsoDate } from '../domain/dates.js';
import { meetingDates } from '../domain/schedule.js';
import { describeDuration } from '../domain/duration.js';
import { readableCases, unreadableCaseFiles, validMeetings, type DataRoot } from './data-root.js';
import { writeFileSafely } from './write.js';

/** The meeting before `date`: the latest meeting file, else the schedule's previous date. */
export function previousMeeting(data: DataRoot, date: IsoDate): IsoDate | null {
  const held = validMeetings(data).map((m) => m.value.date).filter((d) => d < date).sort().at(-1);
  if (held) return held;
  return meetingDates(data.policy.schedule, data.calendar, plusDays(date, -120), plusDays(date, -1)).at(-1) ?? null;
}

export function meetingFile(data: DataRoot, date: IsoDate) {
  return validMeetings(data).find((m) => m.value.date === date);
}

/** The agenda of a meeting: the agreed order when frozen (unless `fresh`), else a proposal. */
export function agendaFor(data: DataRoot, date: IsoDate, { fresh = false } = {}): Agenda {
  const file = meetingFile(data, date);
  const frozen = !fresh && file && file.value.agenda.length ? { order: file.value.agenda, agreedOn: file.value.agenda_agreed ?? null } : undefined;
  return buildAgenda({
    date,
    children: readableCases(data).map((c) => c.readable),
    since: previousMeeting(data, date),
    frozen,
    policy: data.policy,
    calendar: data.calendar,
    start: file?.value.time ?? data.policy.schedule.time,
    unreadableFiles: unreadableCaseFiles(data),
    papers: file?.value.papers,
  });
}

const yamlString = (s: string) => JSON.stringify(s);

/** The meeting file holding the agreed order, with each child's reasons as comments for the chairs' review. */
export function frozenMeetingFile(data: DataRoot, agenda: Agenda, agreedOn: IsoDate): string {
  const { schedule, council, panel_name } = data.policy;
  const lines = [
    '---',
    `# ${panel_name}, ${council}. Agenda frozen by \`panel agenda --freeze\` for the chairs to approve in the pull request.`,
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
    `agenda_agreed: ${agreedOn}`,
    'minutes_published: null',
    '---',
    '## Minutes',
    '',
    `Minutes of the ${panel_name} on ${agenda.date} are written here after the meeting (\`panel minutes ${agenda.date}\` scaffolds them).`,
    '',
  ];
  return lines.join('\n');
}

export function freezeAgenda(data: DataRoot, agenda: Agenda, agreedOn: IsoDate, force = false): string {
  const file = path.join(data.root, 'meetings', `${agenda.date}.md`);
  writeFileSafely(file, frozenMeetingFile(data, agenda, agreedOn), { force });
  return file;
}
