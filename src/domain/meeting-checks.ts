/** Consistency of meeting files: the file is named by its date, and its agenda names known children. */
import type { Finding } from './findings.js';
import type { Policy } from './policy.js';
import type { FieldPath } from './problems.js';
import type { Meeting } from './schema.js';

export interface EvaluableMeeting {
  file: string;
  meeting: Meeting;
  locate(path: FieldPath, atKey?: boolean): number;
}

export function checkMeetings(meetings: readonly EvaluableMeeting[], knownIds: ReadonlySet<string>, policy: Policy): Finding[] {
  const out: Finding[] = [];
  const level = policy.levels['data-consistency'];
  for (const m of meetings) {
    const report = (path: FieldPath, message: string) =>
      out.push({ child: null, file: m.file, rule: 'data-consistency', status: 'invalid', level, due: null, message, line: m.locate(path) });
    const base = m.file.split('/').pop();
    if (base !== `${m.meeting.date}.md`) report(['date'], `meeting date ${m.meeting.date} does not match the file name ${base}: name the file ${m.meeting.date}.md.`);
    m.meeting.agenda.forEach((id, i) => {
      if (!knownIds.has(id)) report(['agenda', i], `agenda item ${id} is not a known child: no cases/${id}.md (check the id).`);
      else if (m.meeting.agenda.indexOf(id) !== i) report(['agenda', i], `agenda lists ${id} twice.`);
    });
    if (m.meeting.agenda_agreed && m.meeting.agenda_agreed > m.meeting.date) {
      report(['agenda_agreed'], `agenda agreed on ${m.meeting.agenda_agreed}, after the meeting on ${m.meeting.date}.`);
    }
    if (m.meeting.minutes_published && m.meeting.minutes_published < m.meeting.date) {
      report(['minutes_published'], `minutes published on ${m.meeting.minutes_published}, before the meeting on ${m.meeting.date}.`);
    }
  }
  return out;
}
