/**
 * The meeting cycle as an iCalendar file (RFC 5545), for people's calendars: each panel meeting at its
 * time in UK time, and the deadlines before and after it (agenda agreed, papers to the chair, minutes due)
 * as all-day events. No child is named: the file holds dates, the venue and the panel's name only.
 *
 * Written by hand (about 80 lines) rather than with a generator library: three kinds of event, and the
 * libraries need a separate time-zone or date package for a correct `TZID`. The RFC's rules followed:
 * CRLF line ends; lines folded at 75 octets (never inside a UTF-8 character) with CRLF and a space; TEXT
 * values escape backslash, semicolon, comma and line breaks; a VTIMEZONE for every TZID used; UID and
 * DTSTAMP on every event. Pure: the stamp (the time the file is made) is given.
 */
import type { IsoDate } from './dates.js';
import { plusDays, shortDate } from './dates.js';
import type { ScheduledMeeting } from './schedule.js';

/** RFC 5545 s3.3.11: a TEXT value. */
export function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** RFC 5545 s3.1: content lines longer than 75 octets are folded; a UTF-8 character is never split. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    // The first line may hold 75 octets; each continuation line starts with a space, so 74 more.
    if (octets + size > (out.length ? 74 : 75)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const compact = (iso: IsoDate) => iso.replace(/-/g, '');

/** UK time, as every panel meets: BST from the last Sunday of March, GMT from the last Sunday of October. */
const LONDON = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/London',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0100',
  'TZNAME:BST',
  'DTSTART:19810329T010000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0000',
  'TZNAME:GMT',
  'DTSTART:19961027T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

export interface CalendarOptions {
  /** The panel's name and the council's, for the calendar's name and the events' titles. */
  panelName: string;
  council: string;
  /** When the file is made, UTC, as YYYYMMDDTHHMMSSZ. */
  stamp: string;
  /**
   * How long a meeting is, in minutes, where known (its agenda's length times the policy's minutes per
   * item). Unknown: the event has a start and no end, as RFC 5545 allows, rather than an invented length.
   */
  meetingMinutes?: (date: IsoDate) => number | undefined;
}

/** A UTC instant as iCalendar writes it: 2026-12-04T09:30:00.000Z -> 20261204T093000Z. */
export const icsStamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');

export function meetingsCalendar(meetings: readonly ScheduledMeeting[], opts: CalendarOptions): string {
  const domain = `${opts.council.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'council'}.panel.invalid`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Panel//Permanency Tracking Panel//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(`${opts.panelName}, ${opts.council}`)}`,
    ...LONDON,
  ];
  const event = (uid: string, when: string[], summary: string, description: string, location?: string) =>
    lines.push(
      'BEGIN:VEVENT',
      `UID:${uid}@${domain}`,
      `DTSTAMP:${opts.stamp}`,
      ...when,
      `SUMMARY:${escapeText(summary)}`,
      `DESCRIPTION:${escapeText(description)}`,
      ...(location ? [`LOCATION:${escapeText(location)}`] : []),
      'TRANSP:' + (location ? 'OPAQUE' : 'TRANSPARENT'),
      'END:VEVENT',
    );
  const allDay = (date: IsoDate) => [`DTSTART;VALUE=DATE:${compact(date)}`, `DTEND;VALUE=DATE:${compact(plusDays(date, 1))}`];
  for (const m of meetings) {
    const on = shortDate(m.date);
    const [hh, mm] = m.time.split(':');
    const length = opts.meetingMinutes?.(m.date);
    const deadlines = `Agenda agreed by ${shortDate(m.agendaAgreedBy)}; papers to the chair by ${shortDate(m.papersDueBy)}; minutes and actions due by ${shortDate(m.minutesDueBy)}.`;
    event(
      `meeting-${m.date}`,
      [`DTSTART;TZID=Europe/London:${compact(m.date)}T${hh.padStart(2, '0')}${mm}00`, ...(length ? [`DURATION:PT${length}M`] : [])],
      opts.panelName,
      `${opts.panelName}, ${opts.council}. ${deadlines}`,
      m.venue,
    );
    event(`agenda-${m.date}`, allDay(m.agendaAgreedBy), `Agenda to be agreed: panel on ${on}`, `The chairs agree the agenda of the panel on ${on}. ${deadlines}`);
    event(`papers-${m.date}`, allDay(m.papersDueBy), `Papers to the chair: panel on ${on}`, `Papers for the panel on ${on} reach the chair today. ${deadlines}`);
    event(`minutes-${m.date}`, allDay(m.minutesDueBy), `Minutes due: panel on ${on}`, `Minutes and actions of the panel on ${on} are due out today. ${deadlines}`);
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
