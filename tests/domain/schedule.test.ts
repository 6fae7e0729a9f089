/**
 * The meeting schedule (panel.yaml `schedule`): monthly nth weekday, fortnightly from a date, explicit
 * dates; bank holidays moved by the policy's rule; each meeting's agenda, papers and minutes deadlines.
 * Every expected date below was worked out by hand against the GOV.UK England & Wales bank holidays:
 * 2025: Jan 1, Apr 18, Apr 21, May 5, May 26, Aug 25, Dec 25, Dec 26
 * 2026: Jan 1, Apr 3, Apr 6, May 4, May 25, Aug 31, Dec 25, Dec 28
 * 2027: Jan 1, Mar 26, Mar 29, May 3, May 31, Aug 30, Dec 27, Dec 28
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type Schedule } from '../../src/domain/policy.js';
import { meetingDates, nextAvailableMeeting, scheduledMeeting } from '../../src/domain/schedule.js';
import { calendar, policyWith } from '../helpers.js';

const common = { time: '10:00', venue: 'Room 1', chairs: [] as string[] };
const monthly = (nth: 1 | 2 | 3 | 4 | -1, weekday: 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday', bank_holiday: Schedule['bank_holiday'] = 'next-working-day'): Schedule => ({
  kind: 'monthly',
  nth,
  weekday,
  bank_holiday,
  ...common,
});
const fortnightly = (from: string, bank_holiday: Schedule['bank_holiday'] = 'next-working-day'): Schedule => ({ kind: 'fortnightly', from, bank_holiday, ...common });
const dates = (list: string[], bank_holiday: Schedule['bank_holiday'] = 'next-working-day'): Schedule => ({ kind: 'dates', dates: list, bank_holiday, ...common });

const FIRST_FRIDAYS_2026_2027 = [
  '2026-01-02', '2026-02-06', '2026-03-06', '2026-04-03', '2026-05-01', '2026-06-05', '2026-07-03', '2026-08-07', '2026-09-04', '2026-10-02', '2026-11-06', '2026-12-04',
  '2027-01-01', '2027-02-05', '2027-03-05', '2027-04-02', '2027-05-07', '2027-06-04', '2027-07-02', '2027-08-06', '2027-09-03', '2027-10-01', '2027-11-05', '2027-12-03',
];
const replace = (list: string[], from: string, to: string | null) => list.flatMap((d) => (d === from ? (to ? [to] : []) : [d]));

describe('monthly, first Friday, 2026-2027', () => {
  it('next-working-day (the default): Good Friday 2026-04-03 moves past Easter Monday to Tuesday 2026-04-07; 2027-01-01 to Monday 2027-01-04', () => {
    let expected = replace(FIRST_FRIDAYS_2026_2027, '2026-04-03', '2026-04-07');
    expected = replace(expected, '2027-01-01', '2027-01-04');
    expect(meetingDates(monthly(1, 'friday'), calendar, '2026-01-01', '2027-12-31')).toEqual(expected);
  });

  it('the default policy is monthly first Friday, next working day', () => {
    expect(meetingDates(DEFAULT_POLICY.schedule, calendar, '2026-03-01', '2026-05-31')).toEqual(['2026-03-06', '2026-04-07', '2026-05-01']);
  });

  it('previous-working-day: 2026-04-03 to Thursday 2026-04-02; 2027-01-01 to Thursday 2026-12-31', () => {
    let expected = replace(FIRST_FRIDAYS_2026_2027, '2026-04-03', '2026-04-02');
    expected = replace(expected, '2027-01-01', '2026-12-31');
    expect(meetingDates(monthly(1, 'friday', 'previous-working-day'), calendar, '2026-01-01', '2027-12-31')).toEqual(expected);
  });

  it('previous-working-day: a meeting moved back into the previous month is listed only if that date is in range', () => {
    // The January 2027 meeting is held on 2026-12-31, so a list of 2027 starts in February.
    expect(meetingDates(monthly(1, 'friday', 'previous-working-day'), calendar, '2027-01-01', '2027-03-31')).toEqual(['2027-02-05', '2027-03-05']);
    expect(meetingDates(monthly(1, 'friday', 'previous-working-day'), calendar, '2026-12-01', '2026-12-31')).toEqual(['2026-12-04', '2026-12-31']);
  });

  it('skip: no meeting in April 2026 or January 2027', () => {
    let expected = replace(FIRST_FRIDAYS_2026_2027, '2026-04-03', null);
    expected = replace(expected, '2027-01-01', null);
    expect(meetingDates(monthly(1, 'friday', 'skip'), calendar, '2026-01-01', '2027-12-31')).toEqual(expected);
  });

  it('the range is inclusive at both ends and a moved meeting counts at its moved date', () => {
    expect(meetingDates(monthly(1, 'friday'), calendar, '2026-04-07', '2026-05-01')).toEqual(['2026-04-07', '2026-05-01']);
    expect(meetingDates(monthly(1, 'friday'), calendar, '2026-04-03', '2026-04-06')).toEqual([]);
    expect(meetingDates(monthly(1, 'friday'), calendar, '2026-12-05', '2027-01-03')).toEqual([]);
    expect(meetingDates(monthly(1, 'friday'), calendar, '2026-12-05', '2027-01-04')).toEqual(['2027-01-04']);
  });

  it('no meeting at all when the range is empty or between meetings', () => {
    expect(meetingDates(monthly(1, 'friday'), calendar, '2026-06-06', '2026-07-02')).toEqual([]);
  });
});

describe('monthly, other weekdays and positions', () => {
  it('last Thursday (nth -1), 2026', () => {
    expect(meetingDates(monthly(-1, 'thursday'), calendar, '2026-01-01', '2026-12-31')).toEqual([
      '2026-01-29', '2026-02-26', '2026-03-26', '2026-04-30', '2026-05-28', '2026-06-25',
      '2026-07-30', '2026-08-27', '2026-09-24', '2026-10-29', '2026-11-26', '2026-12-31',
    ]);
  });

  it('last Thursday of December 2025 is Christmas Day: next working day is Monday 2025-12-29 (Boxing Day and the weekend skipped)', () => {
    expect(meetingDates(monthly(-1, 'thursday'), calendar, '2025-11-01', '2026-01-31')).toEqual(['2025-11-27', '2025-12-29', '2026-01-29']);
  });

  it('last Thursday of December 2025, previous-working-day: Christmas Eve 2025-12-24', () => {
    expect(meetingDates(monthly(-1, 'thursday', 'previous-working-day'), calendar, '2025-11-01', '2026-01-31')).toEqual(['2025-11-27', '2025-12-24', '2026-01-29']);
  });

  it('last Thursday of December 2025, skip: no December meeting', () => {
    expect(meetingDates(monthly(-1, 'thursday', 'skip'), calendar, '2025-11-01', '2026-01-31')).toEqual(['2025-11-27', '2026-01-29']);
  });

  it('second Wednesday and third Thursday (presets)', () => {
    expect(meetingDates(monthly(2, 'wednesday'), calendar, '2026-01-01', '2026-04-30')).toEqual(['2026-01-14', '2026-02-11', '2026-03-11', '2026-04-08']);
    expect(meetingDates(monthly(3, 'thursday'), calendar, '2026-01-01', '2026-04-30')).toEqual(['2026-01-15', '2026-02-19', '2026-03-19', '2026-04-16']);
  });

  it('first Monday: Easter Monday 2026-04-06 moves to Tuesday 2026-04-07; 2026-05-04 (Early May) to 2026-05-05', () => {
    expect(meetingDates(monthly(1, 'monday'), calendar, '2026-03-01', '2026-06-30')).toEqual(['2026-03-02', '2026-04-07', '2026-05-05', '2026-06-01']);
  });

  it('last Monday: Spring bank holiday 2026-05-25 and Summer 2026-08-31 move to the Tuesday', () => {
    expect(meetingDates(monthly(-1, 'monday'), calendar, '2026-05-01', '2026-08-31')).toEqual(['2026-05-26', '2026-06-29', '2026-07-27']);
    expect(meetingDates(monthly(-1, 'monday'), calendar, '2026-05-01', '2026-09-01')).toEqual(['2026-05-26', '2026-06-29', '2026-07-27', '2026-09-01']);
  });
});

describe('fortnightly from a date', () => {
  // Anchored on Monday 2026-03-23: 03-23, 04-06 (Easter Monday), 04-20, 05-04 (Early May), 05-18, 06-01.
  it('every 14 days from the anchor, bank holidays moved to the next working day', () => {
    expect(meetingDates(fortnightly('2026-03-23'), calendar, '2026-03-23', '2026-06-01')).toEqual(['2026-03-23', '2026-04-07', '2026-04-20', '2026-05-05', '2026-05-18', '2026-06-01']);
  });

  it('previous-working-day: Easter Monday to Thursday 2026-04-02 (Good Friday is a holiday too); 05-04 to Friday 05-01', () => {
    expect(meetingDates(fortnightly('2026-03-23', 'previous-working-day'), calendar, '2026-03-23', '2026-05-31')).toEqual(['2026-03-23', '2026-04-02', '2026-04-20', '2026-05-01', '2026-05-18']);
  });

  it('skip: the Easter Monday and Early May meetings are dropped, the rhythm is kept', () => {
    expect(meetingDates(fortnightly('2026-03-23', 'skip'), calendar, '2026-03-23', '2026-05-31')).toEqual(['2026-03-23', '2026-04-20', '2026-05-18']);
  });

  it('listed from a date after the anchor: the rhythm stays on the anchor', () => {
    expect(meetingDates(fortnightly('2026-03-23'), calendar, '2026-04-08', '2026-05-31')).toEqual(['2026-04-20', '2026-05-05', '2026-05-18']);
    // 2026-12-28 (the Boxing Day substitute) moves to Tuesday 2026-12-29.
    expect(meetingDates(fortnightly('2026-03-23'), calendar, '2026-11-01', '2026-12-31')).toEqual(['2026-11-02', '2026-11-16', '2026-11-30', '2026-12-14', '2026-12-29']);
    // A year on: 2027-03-22 is 52 weeks after the anchor; Easter Monday 2027 is 03-29, not a meeting week.
    expect(meetingDates(fortnightly('2026-03-23'), calendar, '2027-03-15', '2027-04-10')).toEqual(['2027-03-22', '2027-04-05']);
  });

  it('listed from the date a moved meeting is held: it is included', () => {
    expect(meetingDates(fortnightly('2026-03-23'), calendar, '2026-04-07', '2026-04-20')).toEqual(['2026-04-07', '2026-04-20']);
  });

  it('the fortnightly preset (from 2026-01-06, Tuesdays)', () => {
    const preset = policyWith({ schedule: { kind: 'fortnightly', from: '2026-01-06' } });
    expect(meetingDates(preset.schedule, calendar, '2026-01-06', '2026-02-28')).toEqual(['2026-01-06', '2026-01-20', '2026-02-03', '2026-02-17']);
  });

  it('listed from a date before the anchor: the first meeting is the anchor itself', () => {
    expect(meetingDates(fortnightly('2026-03-23'), calendar, '2026-03-01', '2026-04-30')).toEqual(['2026-03-23', '2026-04-07', '2026-04-20']);
  });
});

describe('explicit dates', () => {
  it('listed ascending, within the range, duplicates once', () => {
    const s = dates(['2026-12-11', '2026-09-18', '2027-02-12', '2026-12-11']);
    expect(meetingDates(s, calendar, '2026-01-01', '2027-12-31')).toEqual(['2026-09-18', '2026-12-11', '2027-02-12']);
    expect(meetingDates(s, calendar, '2026-09-19', '2026-12-11')).toEqual(['2026-12-11']);
    expect(meetingDates(s, calendar, '2027-02-13', '2027-12-31')).toEqual([]);
  });

  it('an explicit date on a bank holiday is moved like any other (issue: "moved off bank holidays by the policy\'s rule")', () => {
    expect(meetingDates(dates(['2026-12-28']), calendar, '2026-12-01', '2027-01-31')).toEqual(['2026-12-29']);
  });
});

describe('scheduledMeeting: agenda agreed 5 working days before, papers 7 days before, minutes 3 working days after', () => {
  const at = (date: string) => scheduledMeeting(date, DEFAULT_POLICY, calendar);

  it('an ordinary Friday, 2026-12-04', () => {
    expect(at('2026-12-04')).toEqual({
      date: '2026-12-04',
      time: '10:00',
      venue: 'To be confirmed',
      agendaAgreedBy: '2026-11-27',
      papersDueBy: '2026-11-27',
      minutesDueBy: '2026-12-09',
    });
  });

  it('Monday 2027-01-04: the agenda count skips 01-01, 12-28 and 12-25 (12-23); papers 7 days before fall on the 12-28 holiday, so the working day before (12-24); minutes 01-07', () => {
    expect(at('2027-01-04')).toMatchObject({ agendaAgreedBy: '2026-12-23', papersDueBy: '2026-12-24', minutesDueBy: '2027-01-07' });
  });

  it('Tuesday 2026-12-29: agenda 2026-12-18; papers 12-22; minutes skip New Year\'s Day (2027-01-04)', () => {
    expect(at('2026-12-29')).toMatchObject({ agendaAgreedBy: '2026-12-18', papersDueBy: '2026-12-22', minutesDueBy: '2027-01-04' });
  });

  it('Tuesday 2026-04-07 (after Easter): agenda skips Easter Monday and Good Friday (2026-03-27); papers 03-31; minutes 04-10', () => {
    expect(at('2026-04-07')).toMatchObject({ agendaAgreedBy: '2026-03-27', papersDueBy: '2026-03-31', minutesDueBy: '2026-04-10' });
  });

  it('Friday 2026-05-01: minutes skip the Early May bank holiday (2026-05-07)', () => {
    expect(at('2026-05-01')).toMatchObject({ agendaAgreedBy: '2026-04-24', papersDueBy: '2026-04-24', minutesDueBy: '2026-05-07' });
  });

  it('Thursday 2027-03-25: minutes skip Good Friday and Easter Monday (2027-04-01)', () => {
    expect(at('2027-03-25')).toMatchObject({ agendaAgreedBy: '2027-03-18', papersDueBy: '2027-03-18', minutesDueBy: '2027-04-01' });
  });

  it('Friday 2027-12-24: minutes skip both substitute days (2027-12-31)', () => {
    expect(at('2027-12-24')).toMatchObject({ agendaAgreedBy: '2027-12-17', papersDueBy: '2027-12-17', minutesDueBy: '2027-12-31' });
  });

  it('follows the policy: time, venue and the three timescales', () => {
    const p = policyWith({
      schedule: { time: '13:30', venue: 'Civic Centre' },
      timescales: { agenda_agreed: { working_days: 10 }, papers_due: { days: 3 }, minutes_published: { working_days: 5 } },
    });
    expect(scheduledMeeting('2026-12-04', p, calendar)).toEqual({
      date: '2026-12-04',
      time: '13:30',
      venue: 'Civic Centre',
      agendaAgreedBy: '2026-11-20',
      papersDueBy: '2026-12-01',
      minutesDueBy: '2026-12-11',
    });
  });
});

describe('nextAvailableMeeting: the first meeting whose agenda is still open on the date', () => {
  const next = (date: string) => nextAvailableMeeting(date, DEFAULT_POLICY, calendar);
  it('on the agenda deadline itself the meeting is still available', () => expect(next('2026-11-27')).toBe('2026-12-04'));
  it('the day after the deadline it is the following meeting (2027-01-04, moved off New Year\'s Day)', () => expect(next('2026-11-28')).toBe('2027-01-04'));
  it('on a meeting day whose agenda has closed, the next meeting', () => expect(next('2026-12-04')).toBe('2027-01-04'));
  it('across Christmas: open on 2026-12-23, closed on 2026-12-24', () => {
    expect(next('2026-12-23')).toBe('2027-01-04');
    expect(next('2026-12-24')).toBe('2027-02-05');
  });
  it('across Easter 2026: the 04-07 agenda closes on 03-27', () => {
    expect(next('2026-03-27')).toBe('2026-04-07');
    expect(next('2026-03-28')).toBe('2026-05-01');
  });
  it('explicit dates: null when no listed meeting is still open', () => {
    const p = policyWith({ schedule: { kind: 'dates', dates: ['2026-12-04'] } });
    expect(nextAvailableMeeting('2026-11-27', p, calendar)).toBe('2026-12-04');
    expect(nextAvailableMeeting('2026-11-28', p, calendar)).toBeNull();
  });
});
