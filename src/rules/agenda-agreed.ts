import { clockFinding } from '../domain/clock.js';
import { describeDuration, subtractDuration } from '../domain/duration.js';
import type { MeetingRule } from '../domain/rule.js';

export const agendaAgreed: MeetingRule = {
  id: 'agenda-agreed',
  title: 'Agenda agreed before the meeting',
  headline: 'Agenda not agreed in time',
  item: 'Agenda agreed by the chairs',
  soon: 'Agenda due to be agreed soon',
  late: 'Agenda agreed late',
  clock: (p) => `The agenda agreed by the chairs (\`agenda_agreed\` in the meeting file) at least ${describeDuration(p.timescales.agenda_agreed)} before the meeting.`,
  source: { kind: 'local', ref: 'Panel terms of reference: agenda agreed by the chairs at least one working week before' },
  check(meeting, ctx) {
    // A meeting already held with no agreed date recorded cannot be read; nothing to chase now.
    if (!meeting.agendaAgreed && meeting.date < ctx.asOf) return [];
    const period = ctx.policy.timescales.agenda_agreed;
    const finding = clockFinding(
      {
        what: `The agenda for the panel on ${meeting.date}`,
        dueWhat: `Agreeing the agenda for the panel on ${meeting.date}`,
        due: subtractDuration(meeting.date, period, ctx.calendar),
        basis: `${describeDuration(period)} before the meeting; ${meeting.exists ? `a chair agrees it with \`panel agenda --date ${meeting.date} --agree --by <name>\`` : `propose it with \`panel agenda --date ${meeting.date} --freeze\`, then a chair agrees it`}`,
        met: meeting.agendaAgreed,
        metPhrase: 'was agreed on',
        path: ['agenda_agreed'],
        overdueLevel: ctx.policy.levels['agenda-agreed'],
      },
      ctx,
    );
    return finding ? [finding] : [];
  },
};
