/**
 * The panel's agenda for one meeting: who must be discussed and why, siblings together as one item,
 * most urgent first, with an estimated time per item. Pure: the CLI, the site and the pack call it.
 */
import { routeWords } from './codes.js';
import type { WorkingDayCalendar } from './calendar.js';
import { plusMinutes } from './clock-time.js';
import type { IsoDate } from './dates.js';
import { daysBetween, shortDate } from './dates.js';
import { addDuration, describeDuration } from './duration.js';
import { CLOCK_RULES } from './clock-rules.js';
import { evaluate } from './engine.js';
import { compareSeverity, ragOf, type Finding, type Rag } from './findings.js';
import type { Policy } from './policy.js';
import { presentingAt, type PresentingCode } from './presenting.js';
import type { Child, Meeting } from './schema.js';
import { reviewsInCare } from './rule.js';
import { expectedPapers, papersDueBy } from './papers.js';
import { mustFix } from './partial.js';

export type ReasonCode = 'must-fix' | 'overdue' | 'new' | 'never-discussed' | 'cadence' | 'plan-change' | 'left-care' | 'court' | 'actions' | 'sibling' | 'booking' | PresentingCode;

export interface AgendaReason {
  code: ReasonCode;
  text: string;
}

export interface OpenAction {
  action: string;
  owner: string | null;
  due: IsoDate;
  /** The panel that set it. */
  from: IsoDate;
  /** The later panels that carried it forward (`carried_forward` in their entries), oldest first. */
  carriedForward: IsoDate[];
}

export interface AgendaChild {
  id: string;
  name: string;
  rag: Rag;
  reasons: AgendaReason[];
  /** Actions not yet done, from earlier panels: followed up in this item. */
  openActions: OpenAction[];
  /** Findings open at the meeting date, worst first. */
  findings: Finding[];
  /** Invited for this child besides the social worker (the IRO where they and the social worker differ). */
  invited: string[];
  /** The papers expected for this child (papers_expected, or listed in the meeting file) and when each arrived. */
  papers: { label: string; received: IsoDate | null; late: boolean }[];
  /** "This file must be fixed before panel": the case file is invalid; shown in red with what is wrong. Null when valid. */
  mustFix: { file: string; problems: string[] } | null;
}

export interface AgendaItem {
  number: number;
  children: AgendaChild[];
  start: string;
  minutes: number;
}

export interface Agenda {
  date: IsoDate;
  /**
   * Where the order comes from: `frozen` when meetings/<date>.md holds an order, `proposed` when it is
   * worked out now. A frozen order is still only a proposal until a chair agrees it: see `agreed`.
   */
  status: 'proposed' | 'frozen';
  /** True only when the meeting file records the chairs' agreement (`agenda_agreed`). Say "agreed" only then. */
  agreed: boolean;
  /** The date the chairs agreed it (`agenda_agreed`), else null. */
  agreedOn: IsoDate | null;
  /** The chair who agreed it (`agenda_agreed_by`), when recorded. */
  agreedBy: string | null;
  /** The date the order was frozen for the chairs (`agenda_proposed`), when recorded. */
  proposedOn: IsoDate | null;
  /** The meeting before this one, whose changes and actions this agenda follows up. */
  since: IsoDate | null;
  items: AgendaItem[];
  totalMinutes: number;
  /** The day papers for this meeting are due with the chair (papers_due before it). */
  papersDueBy: IsoDate;
  /** Children of a frozen agenda who no longer need discussing (e.g. permanence since secured). */
  notes: string[];
  /** How many case files could not be read (fully): their children are listed with what could be read. */
  unreadableFiles: number;
  /** Meeting files that could not be read: what they record is left out until they are fixed. */
  unreadableMeetings: UnreadableMeeting[];
}

/** A file of meetings/ that could not be read, and its meeting's date when that could be read. */
export interface UnreadableMeeting {
  file: string;
  date: IsoDate | null;
}

/**
 * What an agenda says about meeting files that could not be read, in plain words (the same on the site, in
 * the pack and from \`panel agenda\`); null when every meeting file was read. A meeting whose date could be
 * read still counts as held (the agenda follows it up); its agenda order, papers and minutes are not used.
 */
export function unreadableMeetingsSentence(agenda: Pick<Agenda, 'date' | 'unreadableMeetings'>, day: (d: IsoDate) => string): string | null {
  const list = agenda.unreadableMeetings;
  if (!list.length) return null;
  const one = list.length === 1;
  const files = list.map((m) => m.file).join(', ');
  const own = list.some((m) => m.date === agenda.date);
  const lead = one ? `The meeting file ${files} could not be read` : `${list.length} meeting files could not be read (${files})`;
  const records = own && one ? "this meeting's frozen order and the papers it records are" : `the agenda order, papers and minutes ${one ? 'it records are' : 'they record are'}`;
  const held = list.filter((m) => m.date && m.date < agenda.date).map((m) => day(m.date!));
  const counted = held.length ? ` The panel${held.length === 1 ? '' : 's'} of ${held.join(', ')} still count${held.length === 1 ? 's' : ''} as held.` : '';
  return `${lead}: ${records} not used until ${one ? 'it is' : 'they are'} fixed.${counted}`;
}

export interface AgendaInput {
  date: IsoDate;
  children: readonly Child[];
  /** The previous meeting's date, or null when this is the first. */
  since: IsoDate | null;
  /** The agreed order, when the agenda is frozen. */
  frozen?: { order: string[]; agreedOn: IsoDate | null; agreedBy?: string | null; proposedOn?: IsoDate | null };
  policy: Policy;
  calendar: WorkingDayCalendar;
  start: string;
  /** The meeting file's record of papers received, by child id. */
  papers?: Meeting['papers'];
  /** How many case files could not be read (fully), for the agenda to say so. */
  unreadableFiles?: number;
  /** Meeting files that could not be read, for the agenda to say so. */
  unreadableMeetings?: UnreadableMeeting[];
  /** A rule's plain words for people (the rules' `headline`, injected: the domain does not read rules/). */
  describeRule?: (rule: string) => string;
}

const REASON_RANK: Record<ReasonCode, number> = {
  'must-fix': -1,
  overdue: 0,
  court: 1,
  'left-care': 2,
  disruption: 3,
  'emergency-change': 3,
  'iro-difference': 3,
  'plan-change': 4,
  'adoption-plan-change': 4,
  remand: 4,
  stability: 4,
  new: 5,
  'foster-match': 5,
  'staying-put': 5,
  'never-discussed': 6,
  booking: 6,
  actions: 7,
  cadence: 8,
  sibling: 9,
};

function entryDate(child: Child): IsoDate | null {
  return [child.looked_after?.start, child.plo?.start, child.proceedings?.issued].filter((d): d is string => !!d).sort()[0] ?? null;
}

/** Why this child must be discussed at the meeting on `date` (empty: not due). */
export function reasonsFor(child: Child, findings: Finding[], input: Pick<AgendaInput, 'date' | 'since' | 'policy' | 'calendar' | 'describeRule'>): AgendaReason[] {
  const { date, since, policy, calendar } = input;
  const describe = input.describeRule ?? ((rule: string) => rule);
  const after = (d: IsoDate | null | undefined) => !!d && (!since || d > since) && d <= date;
  const reasons: AgendaReason[] = [];
  const overdue = findings.filter((f) => f.status === 'overdue');
  if (overdue.length) {
    const days = (f: Finding) => daysBetween(f.due!, date);
    reasons.push({ code: 'overdue', text: `overdue at the meeting: ${overdue.map((f) => `${describe(f.rule)} (${days(f)} day${days(f) === 1 ? '' : 's'} by the meeting)`).join(', ')}` });
  }
  const entry = entryDate(child);
  if (after(child.looked_after?.start)) reasons.push({ code: 'new', text: `new to care on ${child.looked_after!.start}` });
  else if (after(child.plo?.start)) reasons.push({ code: 'new', text: `entered pre-proceedings (PLO) on ${child.plo!.start}` });
  else if (after(child.proceedings?.issued)) reasons.push({ code: 'new', text: `care proceedings issued on ${child.proceedings!.issued}` });
  else if (!child.panel.length && entry && entry <= date) reasons.push({ code: 'never-discussed', text: `not yet discussed at panel (entered on ${entry})` });
  const last = child.panel.at(-1)?.date;
  if (last) {
    // Both of the policy's dates, named as the tracker names them: the usual interval (its warning) and the
    // limit (the "next panel due" the tracker shows), so the agenda never gives a second "due" date.
    const { cadence_warning, cadence_limit } = policy.timescales;
    const expected = addDuration(last, cadence_warning, calendar);
    if (expected <= date) {
      const limit = addDuration(last, cadence_limit, calendar);
      reasons.push({ code: 'cadence', text: `last discussed on ${last}; expected again within ${describeDuration(cadence_warning)} (by ${expected}) and at the latest within ${describeDuration(cadence_limit)} (by ${limit})` });
    }
  }
  if (after(child.plan?.agreed)) reasons.push({ code: 'plan-change', text: `permanence plan (${child.plan?.route ? routeWords(child.plan.route) : 'route not recorded'}) agreed on ${child.plan!.agreed}` });
  if (after(child.looked_after?.end)) reasons.push({ code: 'left-care', text: `ceased to be looked after on ${child.looked_after!.end}${child.looked_after?.reason_ceased ? ` (${child.looked_after.reason_ceased})` : ''} without permanence recorded` });
  if (after(child.proceedings?.concluded)) reasons.push({ code: 'court', text: `care proceedings concluded on ${child.proceedings!.concluded}` });
  const booked = bookingReason(child, date, policy, calendar);
  if (booked && !reasons.some((r) => r.code === 'new' || r.code === 'never-discussed')) reasons.push(booked);
  for (const p of presentingAt(child, date)) reasons.push({ code: p.code, text: p.text });
  const dueActions = openActionsOf(child).filter((a) => a.due <= date);
  if (dueActions.length) reasons.push({ code: 'actions', text: `${dueActions.length} action${dueActions.length === 1 ? '' : 's'} due by the meeting not yet done` });
  return reasons;
}

/**
 * 002 s8: with `booking_between_reviews`, a looked-after child is booked onto the first panel after their
 * first review that has not yet discussed them, until the second review is held.
 */
function bookingReason(child: Child, date: IsoDate, policy: Policy, calendar: WorkingDayCalendar): AgendaReason | null {
  if (!policy.timescales.booking_between_reviews || !child.looked_after?.start || child.looked_after.end) return null;
  const [first, second] = reviewsInCare(child);
  if (!first || first > date || (second && second <= date)) return null;
  if (child.panel.some((p) => p.date >= first && p.date < date)) return null;
  const secondDue = addDuration(first, policy.timescales.second_review, calendar);
  return { code: 'booking', text: `booked between the first review (${shortDate(first)}) and the second (due ${shortDate(secondDue)}) for the permanence plan` };
}

export function openActionsOf(child: Child): OpenAction[] {
  // Later panels that carried an action forward name it by the panel that set it and its words.
  const carried = new Map<string, IsoDate[]>();
  for (const p of child.panel) {
    for (const c of p.carried_forward ?? []) {
      const key = `${c.from} ${c.action}`;
      (carried.get(key) ?? carried.set(key, []).get(key)!).push(p.date);
    }
  }
  return child.panel.flatMap((p) =>
    p.actions.filter((a) => !a.done).map((a) => ({ action: a.action, owner: a.owner ?? null, due: a.due, from: p.date, carriedForward: carried.get(`${p.date} ${a.action}`) ?? [] })),
  );
}

/** "carried forward at the panels of 6 Nov 2026 and 4 Dec 2026", or empty when never carried forward. */
export function carriedForwardText(action: OpenAction): string {
  const at = action.carriedForward.map(shortDate);
  if (!at.length) return '';
  return `carried forward at the panel${at.length === 1 ? '' : 's'} of ${at.length === 1 ? at[0] : `${at.slice(0, -1).join(', ')} and ${at.at(-1)}`}`;
}

/** Minutes for an item: the policy's time for one child, half again for each sibling discussed with them. */
export function itemMinutes(children: number, policy: Policy): number {
  return policy.minutes_per_item + Math.round((children - 1) * policy.minutes_per_item * 0.5);
}

export function buildAgenda(input: AgendaInput): Agenda {
  const { date, children, policy, calendar } = input;
  const tracked = children.filter((c) => !c.permanence?.secured || c.permanence.secured > date);
  const byId = new Map(children.map((c) => [c.id, c]));
  // The clocks as they will stand on the meeting day.
  const findings = evaluate(
    tracked.map((child) => ({ file: `cases/${child.id}.md`, child, locate: () => 0 })),
    { asOf: date, policy, calendar },
    // The clocks only: data-consistency's findings are not the agenda's (the tracker and invalid files page show them).
    CLOCK_RULES,
  );
  const findingsOf = new Map<string, Finding[]>();
  for (const f of findings) (findingsOf.get(f.child!) ?? findingsOf.set(f.child!, []).get(f.child!)!).push(f);
  for (const list of findingsOf.values()) list.sort(compareSeverity);

  const papersDue = papersDueBy(date, policy, calendar);
  const entryFor = (child: Child, extra: AgendaReason[] = []): AgendaChild => {
    const mine = findingsOf.get(child.id) ?? [];
    const open = mine.filter((f) => f.status === 'overdue' || f.status === 'due-soon');
    const broken = mustFix(child);
    // A child whose file is invalid is always on the agenda: its clocks may be off until the file is fixed.
    const fix: AgendaReason[] = broken ? [{ code: 'must-fix', text: `this file must be fixed before panel (${broken.file})` }] : [];
    return {
      id: child.id,
      name: child.name,
      rag: broken ? 'red' : ragOf(open),
      reasons: [...fix, ...reasonsFor(child, mine, input), ...extra].sort((a, b) => REASON_RANK[a.code] - REASON_RANK[b.code]),
      openActions: openActionsOf(child),
      findings: open,
      invited: presentingAt(child, date).flatMap((p) => (p.invite ? [p.invite] : [])),
      papers: expectedPapers({ date, papers: input.papers ?? {} }, child.id, child, policy).map((p) => ({ label: p.label, received: p.received, late: !!p.received && p.received > papersDue })),
      mustFix: broken ? { file: broken.file, problems: broken.problems } : null,
    };
  };

  const notes: string[] = [];
  let groups: AgendaChild[][];
  if (input.frozen) {
    groups = [];
    for (const id of input.frozen.order) {
      const child = byId.get(id);
      if (!child) {
        notes.push(`${id} is on the agreed agenda but has no case file.`);
        continue;
      }
      if (child.permanence?.secured && child.permanence.secured <= date) notes.push(`${id} is on the agreed agenda; permanence was secured on ${child.permanence.secured}.`);
      const entry = entryFor(child);
      const previous = groups.at(-1);
      // Siblings the chairs listed next to each other stay one item.
      if (previous && previous.some((c) => byId.get(c.id)?.siblings.includes(id))) previous.push(entry);
      else groups.push([entry]);
    }
  } else {
    const due = tracked.map((c) => entryFor(c)).filter((c) => c.reasons.length);
    const onAgenda = new Set(due.map((c) => c.id));
    // Siblings are discussed together: a sibling still tracked joins the item even when not due.
    for (const c of [...due]) {
      for (const s of byId.get(c.id)!.siblings) {
        const sibling = byId.get(s);
        if (sibling && !onAgenda.has(s) && tracked.includes(sibling)) {
          onAgenda.add(s);
          due.push(entryFor(sibling, [{ code: 'sibling', text: `discussed with sibling ${c.id}` }]));
        }
      }
    }
    const seen = new Set<string>();
    groups = [];
    const dueById = new Map(due.map((c) => [c.id, c]));
    for (const c of due) {
      if (seen.has(c.id)) continue;
      const group: AgendaChild[] = [];
      const stack = [c.id];
      while (stack.length) {
        const id = stack.pop()!;
        if (seen.has(id) || !dueById.has(id)) continue;
        seen.add(id);
        group.push(dueById.get(id)!);
        for (const s of byId.get(id)!.siblings) stack.push(s);
      }
      group.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
      groups.push(group);
    }
    groups.sort((a, b) => urgency(a, date) - urgency(b, date) || a[0].id.localeCompare(b[0].id, 'en', { numeric: true }));
  }

  let clock = input.start;
  const items = groups.map((children, i) => {
    const minutes = itemMinutes(children.length, policy);
    const item = { number: i + 1, children, start: clock, minutes };
    clock = plusMinutes(clock, minutes);
    return item;
  });
  return {
    date,
    status: input.frozen ? 'frozen' : 'proposed',
    agreed: !!input.frozen?.agreedOn,
    agreedOn: input.frozen?.agreedOn ?? null,
    agreedBy: input.frozen?.agreedOn ? (input.frozen.agreedBy ?? null) : null,
    proposedOn: input.frozen?.proposedOn ?? null,
    since: input.since,
    items,
    totalMinutes: items.reduce((n, i) => n + i.minutes, 0),
    papersDueBy: papersDue,
    notes,
    unreadableFiles: input.unreadableFiles ?? 0,
    unreadableMeetings: input.unreadableMeetings ?? [],
  };
}

/** Lower is more urgent: red before amber before green, then the strongest reason, then days overdue. */
function urgency(group: AgendaChild[], date: IsoDate): number {
  // (Folded, not spread: a group may be as large as a hostile siblings list.)
  const ragRank = group.reduce((m, c) => Math.min(m, { red: 0, amber: 1, green: 2 }[c.rag]), 2);
  const reasonRank = group.reduce((m, c) => c.reasons.reduce((n, r) => Math.min(n, REASON_RANK[r.code]), m), Infinity);
  let overdueDays = 0;
  for (const c of group) for (const f of c.findings) if (f.status === 'overdue' && f.due) overdueDays = Math.max(overdueDays, daysBetween(f.due, date));
  return ragRank * 1_000_000 + reasonRank * 10_000 - Math.min(overdueDays, 9_999);
}
