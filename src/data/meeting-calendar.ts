/** The meeting cycle of a data root as an iCalendar file: `panel schedule --format ics` and the site's .ics. */
import { icsStamp, meetingsCalendar } from '../domain/ics.js';
import type { ScheduledMeeting } from '../domain/schedule.js';
import { validMeetings, type DataRoot } from './data-root.js';

/** `now` is when the file is made (DTSTAMP). A meeting with an agenda file lasts its items times the policy's minutes per item. */
export function meetingsIcs(data: DataRoot, meetings: readonly ScheduledMeeting[], now: Date): string {
  const items = new Map(validMeetings(data).map((m) => [m.value.date, m.value.agenda.length]));
  return meetingsCalendar(meetings, {
    panelName: data.policy.panel_name,
    council: data.policy.council,
    stamp: icsStamp(now),
    meetingMinutes: (date) => (items.get(date) ? items.get(date)! * data.policy.minutes_per_item : undefined),
  });
}
