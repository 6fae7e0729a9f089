/**
 * `panel schedule --format ics`: an iCalendar file that a real parser (ical.js, Mozilla's, used by
 * Thunderbird) reads back with the same meetings, UK times across the clock change, and deadlines; RFC
 * 5545 escaping and line folding checked on the raw text.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, meetingsCalendar } from '../../src/domain/ics.js';
import type { ScheduledMeeting } from '../../src/domain/schedule.js';
import { FIXTURES, panel } from '../cli/run.js';

const meeting = (date: string, over: Partial<ScheduledMeeting> = {}): ScheduledMeeting => ({
  date,
  time: '10:00',
  venue: 'Room 2; Civic Centre, and Teams \\ online',
  agendaAgreedBy: '2026-03-20',
  papersDueBy: '2026-03-23',
  minutesDueBy: '2026-04-07',
  ...over,
});

const events = (ics: string) => new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));

describe('meetingsCalendar', () => {
  const ics = meetingsCalendar(
    [
      meeting('2026-03-27'), // GMT: 10:00 is 10:00Z
      meeting('2026-04-03', { agendaAgreedBy: '2026-03-27', papersDueBy: '2026-03-30', minutesDueBy: '2026-04-14' }), // BST: 09:00Z
    ],
    { panelName: 'Permanency Tracking Panel', council: 'Ünïcode Borough Council, "fictional"', stamp: '20261130T090000Z', meetingMinutes: (d) => (d === '2026-03-27' ? 90 : undefined) },
  );

  it('parses with ical.js: four events a meeting, the meeting at 10:00 UK time either side of the clock change', () => {
    const all = events(ics);
    expect(all).toHaveLength(8);
    const meetings = all.filter((e) => e.uid.startsWith('meeting-'));
    expect(meetings.map((e) => e.startDate.toJSDate().toISOString())).toEqual(['2026-03-27T10:00:00.000Z', '2026-04-03T09:00:00.000Z']);
    expect(meetings[0].endDate.toJSDate().toISOString()).toBe('2026-03-27T11:30:00.000Z'); // 90 minutes
    expect(meetings[0].location).toBe('Room 2; Civic Centre, and Teams \\ online');
    expect(meetings[0].summary).toBe('Permanency Tracking Panel');
    const agenda = all.find((e) => e.uid.startsWith('agenda-2026-04-03'))!;
    expect(agenda.startDate.isDate).toBe(true);
    expect(agenda.startDate.toString()).toBe('2026-03-27');
    expect(agenda.summary).toBe('Agenda to be agreed: panel on 3 Apr 2026');
    expect(all.find((e) => e.uid.startsWith('minutes-2026-04-03'))!.startDate.toString()).toBe('2026-04-14');
    expect(new Set(all.map((e) => e.uid)).size).toBe(8);
  });

  it('uses CRLF, folds every line to 75 octets without splitting a character, and escapes TEXT', () => {
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(ics).toContain('LOCATION:Room 2\\; Civic Centre\\, and Teams \\\\ online');
    expect(escapeText('a\nb\r\nc')).toBe('a\\nb\\nc');
    const long = `SUMMARY:${'é'.repeat(60)}`;
    const folded = foldLine(long);
    expect(folded.split('\r\n ').join('')).toBe(long);
    for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded).not.toContain('\uFFFD');
  });

  it('names no child: only the panel, the council, the venue and dates', () => {
    expect(ics).not.toMatch(/C-\d/);
  });
});

describe('panel schedule --format ics', () => {
  it('prints a calendar of the next meetings that ical.js reads, with the policy time and deadlines', () => {
    const r = panel(['schedule', '--root', `${FIXTURES}/basic`, '--from', '2026-12-01', '--count', '2', '--format', 'ics']);
    expect(r.code).toBe(0);
    const all = events(r.stdout);
    const meetings = all.filter((e) => e.uid.startsWith('meeting-'));
    // The default policy: the first Friday of the month at 10:00; New Year's Day 2027 moves to the next working day.
    expect(meetings.map((e) => e.startDate.toJSDate().toISOString())).toEqual(['2026-12-04T10:00:00.000Z', '2027-01-04T10:00:00.000Z']);
    expect(all).toHaveLength(8);
  });
});
