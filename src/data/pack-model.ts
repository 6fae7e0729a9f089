/**
 * What the PDF meeting pack shows, built once per pack from the site model: the full pack, or the
 * redacted one for wider circulation. The redacted model is made redacted, not scrubbed afterwards: a
 * child is an id, initials and an age in years; it has no name, no date of birth and no case notes to
 * leak. Every free text that may mention a child (reasons, finding messages, decisions, actions, "what
 * changed" lines, timeline events) goes through one filter that hides every name each child has had
 * (from the case files and from the audit trail) and every date of birth, in any form (domain/redact.ts).
 * Every text from a file has its bidirectional controls shown, never obeyed.
 */
import { ROUTE_LABELS, LEGAL_STATUSES } from '../domain/codes.js';
import { codeParts, isIsoDate, shortDate, type IsoDate } from '../domain/dates.js';
import type { Agenda } from '../domain/agenda.js';
import type { FieldChange } from '../domain/field-changes.js';
import { changeInWords, type ChangeWordsOptions } from '../domain/change-words.js';
import { fieldLabel } from '../domain/field-labels.js';
import type { Finding, Rag, Status } from '../domain/findings.js';
import { initials, redactor, showBidi } from '../domain/redact.js';
import { timelineOf } from '../domain/timeline.js';
import { isDropped, NOT_READ_FIELD, UNREADABLE_NAME } from '../domain/partial.js';
import { RULES, MEETING_RULES, headline } from '../rules/index.js';
import { readableCases } from './data-root.js';
import { meetingFile, meetingFindingsFor } from './meeting-cycle.js';
import type { History } from './history.js';
import { packHistory, type PackChange } from './pack-history.js';
import { siteAgenda, type SiteModel } from './site.js';

export interface PackFinding {
  status: Status;
  /** The status in a word before the headline, only where the headline does not say it ("Overdue"); else null. */
  lead: string | null;
  /** An overdue error: the lead is shown in red. */
  error: boolean;
  /** The rule in plain words (the id stays in `rule` for an administrator). */
  title: string;
  rule: string;
  due: IsoDate | null;
  message: string;
}

/** Something overdue or due soon for the meeting itself (its agenda not agreed in time, papers missing). */
export interface PackMeetingFinding {
  rule: string;
  status: string;
  /** What is wrong, in plain words ("Agenda not agreed in time"). */
  title: string;
  /** The rule's message as people read it: `code` parts (a command, a field) as written, dates as "27 Nov 2026" elsewhere. */
  parts: { text: string; code: boolean }[];
}

export interface PackAction {
  action: string;
  owner: string | null;
  from: IsoDate;
  due: IsoDate;
  done: IsoDate | null;
  /** Later panels that carried the action forward (open actions only). */
  carriedForward?: IsoDate[];
}

export interface PackChild {
  id: string;
  item: number;
  /** The name, or initials in the redacted pack. */
  label: string;
  /** "3. Amelia Hart (C-1001)": the heading and the running header of the child's section. */
  heading: string;
  /** Null in the redacted pack (or when it cannot be read). */
  dob: IsoDate | null;
  /** Null when the date of birth cannot be read. */
  age: number | null;
  /** The case file is invalid: what could be read is shown, with its problems. */
  mustFix: { file: string; problems: string[] } | null;
  rag: Rag;
  reasons: string[];
  socialWorker: string;
  legalStatus: string;
  lookedAfter: string;
  careStart: IsoDate | null;
  ploStart: IsoDate | null;
  ploEnd: IsoDate | null;
  proceedings: string;
  proceedingsDue: IsoDate | null;
  proceedingsConcluded: boolean;
  nextReviewDue: IsoDate | null;
  route: string;
  contingency: string;
  planAgreed: IsoDate | null;
  lastPanel: IsoDate | null;
  openActionCount: number;
  siblings: string[];
  /** Fields an invalid file gives but that could not be read: said to be not read, never "none", "never" or "not yet". */
  notRead: { siblings: boolean; planAgreed: boolean; panel: boolean };
  findings: PackFinding[];
  lastDiscussion: { date: IsoDate; decision: string } | null;
  actions: PackAction[];
  openActions: PackAction[];
  /** Lines of what changed since the last panel; undefined when the audit trail is not available. */
  changes: string[] | undefined;
  timeline: { date: IsoDate; kind: 'event' | 'due' | 'overdue'; text: string }[];
  /** The case notes (markdown), or null in the redacted pack. */
  body: string | null;
}

export interface PackModel {
  redacted: boolean;
  date: IsoDate;
  title: string;
  panelName: string;
  council: string;
  marking: string;
  time: string;
  venue: string;
  chairs: string;
  agenda: Agenda;
  agendaStatus: string;
  agreed: boolean;
  /** What is overdue or due soon for this meeting at the as-of date (nothing when all is on time). */
  meetingFindings: PackMeetingFinding[];
  asOf: IsoDate;
  commit: string | null;
  children: PackChild[];
  /** Open actions of children who are not on this agenda (listed on the tracker, not in the pack): how many, for how many children. */
  openActionsElsewhere: { actions: number; children: number };
  historyNote: string;
  fictional: boolean;
  /** Dates for people: "4 Dec 2026"; `none` when there is no date; "withheld" for a date of birth in the redacted pack. */
  day: (d: IsoDate | null | undefined, none?: string) => string;
}

const TITLES = new Map<string, string>([...RULES, ...MEETING_RULES].map((r) => [r.id, r.title]));
/** A rule in plain words: its title; the id only for what has no title (schema, a removed rule). */
export const ruleTitle = (id: string) => TITLES.get(id) ?? (id === 'schema' ? 'Case file must be fixed' : id);
const ISO_DATE = /(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d-])/g;
const RULE_ID = new RegExp(`(?<![\\w-])(${[...TITLES.keys()].map((id) => id.replace(/[-]/g, '\\-')).join('|')})(?![\\w-])`, 'g');
/**
 * The word a finding's line in the pack starts with, where its headline does not already say its status:
 * "Overdue: Panel action not done". A due-soon or late headline says it ("Panel action due soon"), and the
 * schema rule's title says the file must be fixed. Never the rule's level: "(error)" is not a manager's word.
 */
const LEAD: Partial<Record<Status, string>> = { overdue: 'Overdue', invalid: 'Needs correcting' };

/** A finding as the pack lists it under its child. */
export function packFinding(f: Finding, said: (s: string) => string): PackFinding {
  const schema = f.rule === 'schema';
  return {
    status: f.status,
    lead: schema ? null : (LEAD[f.status] ?? null),
    error: f.level === 'error' && f.status === 'overdue',
    title: schema ? ruleTitle(f.rule) : headline(f.rule, f.status),
    rule: f.rule,
    due: f.due,
    message: said(f.message),
  };
}
const route = (r: string | null | undefined) => (r ? (ROUTE_LABELS[r as keyof typeof ROUTE_LABELS] ?? r) : 'Not recorded');

/** A field in words (its label): `foster_match.ifa` → "Foster match with an independent fostering agency (IFA)". */
export const fieldWords = fieldLabel;

/** One field change for the pack, in plain words (domain/change-words.ts, shared with the site). */
export function packChangeText(f: FieldChange, options: ChangeWordsOptions): string {
  return changeInWords(f, options);
}

function changeLine(ch: PackChange, describe: (f: FieldChange) => string, text: (s: string) => string, day: (d: IsoDate) => string): string {
  const what = ch.added ? ['case file added'] : [...ch.fields.map(describe), ...(ch.bodyChanged ? ['summary text changed'] : [])];
  return `${day(ch.date)}, ${text(ch.author)}: ${what.join('; ')}${ch.pr ? ` (PR #${ch.pr})` : ''}`;
}

export interface PackSources {
  redact: boolean;
  /** The meeting's agenda (default: the site build's one agenda for the date, which its agenda page reads too). */
  agenda?: Agenda;
  /** The audit trail (default: the site build's one). */
  history?: Promise<History>;
}

export async function buildPackModel(model: SiteModel, date: IsoDate, { redact, agenda = siteAgenda(date), history: trail }: PackSources): Promise<PackModel> {
  const { policy } = model.data;
  const file = meetingFile(model.data, date);
  const history = await packHistory(agenda.since, trail);
  const valid = readableCases(model.data);
  const hideNames = redact
    ? redactor({
        // (The stand-in for a name an invalid file did not give is not a name: its words stay readable.)
        names: [...valid.map((c) => c.readable.name), ...model.rows.map((r) => r.name), ...history.formerNames].filter((n) => n !== UNREADABLE_NAME),
        datesOfBirth: [...valid.flatMap((c) => (c.readable.dob ? [c.readable.dob] : [])), ...history.formerDatesOfBirth],
      })
    : (s: string) => s;
  const dobs = new Set<string>(redact ? [...valid.flatMap((c) => (c.readable.dob ? [c.readable.dob] : [])), ...history.formerDatesOfBirth] : []);
  /** A date for people ("4 Dec 2026"); in the redacted pack a date that is someone's date of birth is withheld. */
  const day = (d: IsoDate | null | undefined, none = '–') => (!d ? none : dobs.has(d) ? 'withheld' : shortDate(d));
  /** Every text from a file: names and dates of birth hidden (redacted pack), dates as people write them, bidi controls shown. */
  const text = (s: string | null | undefined) => (s ? showBidi(hideNames(s).replace(ISO_DATE, (d) => (isIsoDate(d) ? day(d) : d))) : '');
  /** A generated sentence (an agenda reason, a finding): rule ids in plain words too. */
  const said = (s: string) => text(s).replace(RULE_ID, (id) => ruleTitle(id));
  // (Every text from the file in it goes through `text`: names hidden, dates in words, bidi controls shown.)
  const describe = (f: FieldChange) => packChangeText(f, { redact, day, text });
  const label = (id: string) => {
    const c = model.caseById.get(id)?.readable;
    const name = c?.name ?? model.byId.get(id)?.name;
    return showBidi(name ? (redact && name !== UNREADABLE_NAME ? initials(name) : name) : id);
  };

  const children: PackChild[] = agenda.items.flatMap((item) =>
    item.children.map((entry): PackChild => {
      const loaded = model.caseById.get(entry.id)!;
      const c = loaded.readable;
      const r = model.byId.get(entry.id)!;
      const actions = c.panel.flatMap((p) => p.actions.map((a) => ({ action: text(a.action), owner: a.owner ? text(a.owner) : null, from: p.date, due: a.due, done: a.done ?? null })));
      const lastDiscussion = c.panel.at(-1);
      const changes = history.get(loaded.file);
      const status = c.looked_after?.legal_status;
      return {
        id: c.id,
        item: item.number,
        label: label(c.id),
        heading: `${item.number}. ${label(c.id)} (${c.id})`,
        dob: redact ? null : (r.dob ?? null),
        mustFix: entry.mustFix ? { file: entry.mustFix.file, problems: entry.mustFix.problems.map(text) } : null,
        age: r.age,
        rag: r.rag,
        reasons: entry.reasons.map((x) => said(x.text)),
        socialWorker: `${c.social_worker ? text(c.social_worker) : 'Not recorded'}${c.team ? `, ${text(c.team)}` : ''}`,
        // (A field an invalid file gives but that could not be read is said to be not read, never "No".)
        legalStatus: status ? `${status}: ${LEGAL_STATUSES[status as keyof typeof LEGAL_STATUSES] ?? ''}` : isDropped(c, ['looked_after', 'legal_status']) ? NOT_READ_FIELD : c.looked_after ? 'Not recorded' : 'Not looked after',
        lookedAfter: c.looked_after ? `since ${day(c.looked_after.start)}${c.looked_after.end ? ` until ${day(c.looked_after.end)}` : ''}` : isDropped(c, ['looked_after']) ? NOT_READ_FIELD : 'No',
        careStart: r.careStart,
        ploStart: r.ploStart,
        ploEnd: r.ploEnd,
        proceedings: isDropped(c, ['proceedings']) && !c.proceedings
          ? NOT_READ_FIELD
          : `${isDropped(c, ['plo']) && !c.plo ? `PLO: ${NOT_READ_FIELD.toLowerCase()}. ` : ''}${
              c.proceedings
                ? `Issued ${day(c.proceedings.issued)}; ${c.proceedings.concluded ? `concluded ${day(c.proceedings.concluded)}` : r.proceedingsDue ? `26-week date ${day(r.proceedingsDue)}` : ''}`
                : 'No proceedings'
            }`,
        proceedingsDue: r.proceedingsDue,
        proceedingsConcluded: !!r.proceedingsConcluded,
        nextReviewDue: r.nextReviewDue,
        route: isDropped(c, ['plan', 'route']) ? NOT_READ_FIELD : route(c.plan?.route),
        contingency: isDropped(c, ['plan', 'contingency']) ? NOT_READ_FIELD : route(c.plan?.contingency),
        planAgreed: c.plan?.agreed ?? null,
        lastPanel: r.lastPanel,
        openActionCount: r.openActions,
        notRead: { siblings: isDropped(c, ['siblings']), planAgreed: isDropped(c, ['plan', 'agreed']), panel: isDropped(c, ['panel']) },
        siblings: c.siblings.map((s) => `${label(s)} (${s})`),
        findings: r.findings.map((f) => packFinding(f, said)),
        lastDiscussion: lastDiscussion ? { date: lastDiscussion.date, decision: text(lastDiscussion.decision) } : null,
        actions: actions.filter((a) => !a.done || a.from === lastDiscussion?.date),
        openActions: entry.openActions.map((a) => ({ action: text(a.action), owner: a.owner ? text(a.owner) : null, from: a.from, due: a.due, done: null, carriedForward: a.carriedForward })),
        changes: changes?.map((ch) => changeLine(ch, describe, text, day)),
        timeline: timelineOf(c, model.clocks.get(c.id) ?? [], model.asOf, { notes: !redact })
          .filter((e) => !(redact && e.date === c.dob && e.text === 'Born'))
          .map((e) => ({ date: e.date, kind: e.kind, text: e.kind === 'event' ? text(e.text) : said(e.text) })),
        body: redact ? null : showBidi(model.bodies.get(c.id) ?? ''),
      };
    }),
  );

  // A rule's message: its `backticked` commands and fields kept as written, its other words as every text.
  const messageParts = (message: string) => codeParts(message, said, (part) => showBidi(hideNames(part)));
  const meetingFindings = meetingFindingsFor(model.data, model.findings, date).map((f) => ({ rule: f.rule, status: f.status, title: headline(f.rule, f.status), parts: messageParts(f.message) }));
  const agreed = !!agenda.agreedOn;
  return {
    redacted: redact,
    date,
    title: `${policy.panel_name} pack, ${shortDate(date)}${redact ? ' (redacted)' : ''}`,
    panelName: showBidi(policy.panel_name),
    council: showBidi(policy.council),
    marking: showBidi(policy.marking),
    time: file?.value.time ?? policy.schedule.time,
    venue: showBidi(file?.value.venue ?? policy.schedule.venue),
    chairs: showBidi(file?.value.chair ?? (policy.schedule.chairs.join(', ') || 'Not recorded')),
    agenda,
    agreed,
    meetingFindings,
    agendaStatus: agreed
      ? `Agreed by ${file?.value.agenda_agreed_by ? showBidi(file.value.agenda_agreed_by) : 'the chairs'} on ${shortDate(agenda.agreedOn!)}`
      : agenda.status === 'frozen'
        ? 'Proposed: the order is fixed, not yet agreed by the chairs'
        : 'Proposed: not yet agreed by the chairs',
    asOf: model.asOf,
    commit: model.commit,
    children,
    openActionsElsewhere: openActionsElsewhere(model.rows, children),
    historyNote: history.note,
    day,
    fictional: model.data.cases.some((c) => c.file.startsWith('cases/C-10')) && policy.council.includes('fictional'),
  };
}

/** The open actions of the children not on the agenda: the pack's actions log lists the agenda's children only. */
function openActionsElsewhere(rows: readonly { id: string; openActions: number }[], children: readonly PackChild[]): { actions: number; children: number } {
  const onAgenda = new Set(children.map((c) => c.id));
  const others = rows.filter((r) => !onAgenda.has(r.id) && r.openActions > 0);
  return { actions: others.reduce((n, r) => n + r.openActions, 0), children: others.length };
}
