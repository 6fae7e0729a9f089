/**
 * The next year's meetings and their deadlines as an iCalendar file (meetings/panel-meetings.ics in the
 * build), for people to add to their calendars. Stamped with the build's as-of date, so the same inputs
 * give the same file. Names no child.
 */
import type { APIRoute } from 'astro';
import { meetingsIcs } from '../../data/meeting-calendar';
import { siteModelReady } from '../../data/site';
import { plusDays } from '../../domain/dates';
import { meetingDates, scheduledMeeting } from '../../domain/schedule';

export const GET: APIRoute = async () => {
  const model = await siteModelReady();
  const { policy, calendar } = model.data;
  const meetings = meetingDates(policy.schedule, calendar, model.asOf, plusDays(model.asOf, 366)).map((date) => scheduledMeeting(date, policy, calendar));
  return new Response(meetingsIcs(model.data, meetings, new Date(`${model.asOf}T00:00:00Z`)), {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8' },
  });
};
