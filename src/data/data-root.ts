/**
 * A data root read once and evaluated at one date: the single entry point for `panel check`, the site
 * and the pack. Reading (I/O) and evaluating (pure) stay separate so the site can evaluate again at
 * another date without reading the files again.
 */
import { englandAndWalesCalendar, type WorkingDayCalendar } from '../domain/calendar.js';
import type { IsoDate } from '../domain/dates.js';
import { caseContext, crossCaseFindings, evaluateCase, evaluateMeetings, indexPeers, sortFindings, type CaseContext, type CrossCase, type EvaluableMeetingRef } from '../domain/engine.js';
import { nextMeeting } from '../domain/tracker.js';
import { RULES } from '../rules/index.js';
import { inUse } from '../domain/rule.js';
import type { Finding } from '../domain/findings.js';
import { checkMeetings } from '../domain/meeting-checks.js';
import { papersForMeeting } from '../domain/papers.js';
import type { Policy } from '../domain/policy.js';
import type { RecordedFacts } from '../domain/recorded.js';
import type { Child, Meeting } from '../domain/schema.js';
import type { UnreadableMeeting } from '../domain/agenda.js';
import { loadCases, loadFromMemory, loadMeetings, type LoadedCase, type LoadedMeeting, type SourceFile } from './load.js';
import { loadPolicy, POLICY_FILE, policyFromText, type PolicyNote } from './policy.js';

export interface DataRoot {
  root: string;
  policy: Policy;
  policySource: string;
  calendar: WorkingDayCalendar;
  cases: LoadedCase[];
  meetings: LoadedMeeting[];
  /** Warnings about the policy file (e.g. a panel.yml beside a missing panel.yaml), reported as findings. */
  policyNotes?: PolicyNote[];
}

export interface Evaluation {
  asOf: IsoDate;
  findings: Finding[];
}

/** Reads panel.yaml (throws PolicyError when it is invalid), every case file and every meeting file. */
export function readDataRoot(root: string): DataRoot {
  const { policy, source, notes } = loadPolicy(root);
  return { root, policy, policySource: source, calendar: englandAndWalesCalendar(), cases: loadCases(root), meetings: loadMeetings(root), policyNotes: notes ?? [] };
}

/**
 * The same from files held in memory (paths relative to the data root), e.g. a commit's files read from
 * git. `root` only names where they came from. Throws PolicyError when their panel.yaml is invalid.
 */
export function dataRootFromFiles(root: string, files: readonly SourceFile[]): DataRoot {
  const policyFile = files.find((f) => f.file === POLICY_FILE);
  const { policy, source } = policyFromText(policyFile ? new TextDecoder().decode(policyFile.bytes) : null);
  return { root, policy, policySource: source, calendar: englandAndWalesCalendar(), ...loadFromMemory(files) };
}

export const validCases = (data: DataRoot) =>
  data.cases.filter((c): c is LoadedCase & { value: Child } => c.value !== null);
/**
 * Every child that could be read at all: the valid files and, marked "must fix" (domain/partial.ts), the
 * invalid ones with what could be read. The tracker, the agenda and the pack list these, so a broken file
 * never takes a child off them.
 */
export const readableCases = (data: DataRoot) =>
  data.cases.filter((c): c is LoadedCase & { readable: Child } => c.readable !== null);
/** How many entries of cases/ could not be read as a valid case file (their children are listed with what could be read). */
export const unreadableCaseFiles = (data: DataRoot) => data.cases.filter((c) => c.value === null).length;
/**
 * The entries of meetings/ that could not be read as a valid meeting file, with the meeting's date when it
 * could be read (the file's date, else its name's): what they record is left out until they are fixed.
 */
export const unreadableMeetings = (data: Pick<DataRoot, 'meetings'>): UnreadableMeeting[] =>
  data.meetings.filter((m) => m.value === null).map((m) => ({ file: m.file, date: m.key as IsoDate | null }));
export const validMeetings = (data: Pick<DataRoot, 'meetings'>) =>
  data.meetings.filter((m): m is LoadedMeeting & { value: Meeting } => m.value !== null);

/** Meeting files, plus the next scheduled meeting when it has no file yet (its agenda is still owed). */
export function meetingRefs(data: DataRoot, asOf: IsoDate): EvaluableMeetingRef[] {
  const byId = new Map(readableCases(data).map((c) => [c.readable.id, c.readable]));
  return meetingRefsOf(data, (id) => byId.get(id) ?? null, asOf);
}

function meetingRefsOf(data: Pick<DataRoot, 'meetings' | 'policy' | 'calendar'>, childOf: (id: string) => Child | null, asOf: IsoDate): EvaluableMeetingRef[] {
  const refs: EvaluableMeetingRef[] = validMeetings(data).map((m) => ({
    date: m.value.date,
    file: m.file,
    exists: true,
    agendaAgreed: m.value.agenda_agreed ?? null,
    minutesPublished: m.value.minutes_published ?? null,
    agendaLength: m.value.agenda.length,
    papers: papersForMeeting(m.value, childOf, data.policy),
    locate: m.locate,
  }));
  const next = nextMeeting(data.policy, data.calendar, asOf);
  if (next && !refs.some((r) => r.date === next)) {
    refs.push({ date: next, file: `meetings/${next}.md`, exists: false, agendaAgreed: null, minutesPublished: null, agendaLength: 0, locate: () => undefined });
  }
  return refs;
}

/** For each child, the dates of the meeting files whose agenda lists them, oldest first. */
export function agendasByChild(data: Pick<DataRoot, 'meetings'>): Map<string, IsoDate[]> {
  const out = new Map<string, IsoDate[]>();
  for (const m of validMeetings(data).sort((a, b) => (a.value.date < b.value.date ? -1 : 1))) {
    for (const id of new Set(m.value.agenda)) (out.get(id) ?? out.set(id, []).get(id)!).push(m.value.date);
  }
  return out;
}

/**
 * One case file's part of the check, made from that file alone: its own problem, its rules' findings, and
 * what the checks that compare it with the others need (see crossCaseFindings). Plain data, so a worker
 * thread can make it (data/check-run.ts) and the result is the same wherever it was made.
 */
export interface CaseOutcome {
  file: string;
  /** The file's own problem (the `schema` finding), if any. */
  problems: Finding[];
  /** The rules' findings on this child, with their lines. */
  findings: Finding[];
  /** The rules not read until the file is fixed. */
  unread: string[];
  cross: CrossCase | null;
  /** The id as read (even from an invalid file), or null. */
  knownId: string | null;
  /** For a valid file: the child's id and name (the text report names children). */
  valid: { id: string; name: string } | null;
  /** The readable child, when asked for: children on a meeting file's agenda, for their papers. */
  child?: Child;
}

/** The check of one loaded case file (see CaseOutcome). `want` says which children to keep whole. */
export function caseOutcome(c: LoadedCase, shared: CaseContext, want?: (id: string) => boolean): CaseOutcome {
  const evaluation = c.readable ? evaluateCase({ file: c.file, child: c.readable, locate: c.locate }, shared) : null;
  const out: CaseOutcome = {
    file: c.file,
    problems: c.problems,
    findings: evaluation?.findings ?? [],
    unread: evaluation?.unread ?? [],
    cross: evaluation?.cross ?? null,
    knownId: c.readable?.id ?? c.key,
    valid: c.value ? { id: c.value.id, name: c.value.name } : null,
  };
  if (c.readable && want?.(c.readable.id)) out.child = c.readable;
  return out;
}

/** What every case's check shares: the date, the policy, the calendar and the meetings (agendas), and the audit trail. */
export function checkContext(data: Pick<DataRoot, 'policy' | 'calendar'>, asOf: IsoDate, agendas: ReadonlyMap<string, readonly IsoDate[]>, recorded: RecordedFacts | null = null): CaseContext {
  return caseContext({ asOf, policy: data.policy, calendar: data.calendar, agendas, recorded });
}

/** The ids on the agendas of the meeting files (their children's papers are read). */
export function agendaIds(data: Pick<DataRoot, 'meetings'>): Set<string> {
  return new Set(validMeetings(data).flatMap((m) => m.value.agenda));
}

/** Every finding at `asOf`: the files' own problems, the rules, and the meetings' consistency. */
export function evaluateDataRoot(data: DataRoot, asOf: IsoDate, { recorded = null }: { recorded?: RecordedFacts | null } = {}): Evaluation {
  const shared = checkContext(data, asOf, agendasByChild(data), recorded);
  const outcomes = data.cases.map((c) => caseOutcome(c, shared));
  const byId = new Map(readableCases(data).map((c) => [c.readable.id, c.readable]));
  return { asOf, findings: assembleFindings(data, outcomes, (id) => byId.get(id) ?? null, asOf) };
}

/**
 * The findings of a data root from its case files' outcomes (in the order of `data.cases`), the meeting
 * files and the policy: the same whether the outcomes were made in this thread or in worker threads.
 */
export function assembleFindings(
  data: Pick<DataRoot, 'meetings' | 'policy' | 'calendar' | 'policyNotes' | 'policySource'>,
  outcomes: readonly CaseOutcome[],
  childOf: (id: string) => Child | null,
  asOf: IsoDate,
): Finding[] {
  const findings: Finding[] = [];
  for (const o of outcomes) {
    // The file's own finding names the clocks that cannot be read until it is fixed.
    for (const p of o.problems) findings.push(o.unread.length && p.rule === 'schema' ? { ...p, message: `${p.message}. ${clocksOffSentence(o.unread, data.policy)}` } : p);
  }
  for (const m of data.meetings) for (const p of m.problems) findings.push(p);
  for (const n of data.policyNotes ?? []) findings.push({ child: null, file: n.file, rule: 'policy', status: 'invalid', level: 'warning', due: null, message: n.message, line: n.line });
  const noMeeting = noUpcomingMeeting(data, asOf);
  if (noMeeting) findings.push(noMeeting);
  for (const o of outcomes) for (const f of o.findings) findings.push(f);
  // The checks that compare cases with each other (duplicate ids, siblings), once every case is known.
  const peers = indexPeers(outcomes.flatMap((o) => (o.cross ? [o.cross.peer] : [])));
  for (const o of outcomes) if (o.cross) for (const f of crossCaseFindings(o.cross, peers)) findings.push(f);
  // An invalid file's id still counts as known, so a meeting naming that child is not reported twice.
  const knownIds = new Set<string>(outcomes.map((o) => o.knownId).filter((k): k is string => !!k));
  const meetings = validMeetings(data);
  const ctx = { asOf, policy: data.policy, calendar: data.calendar };
  for (const f of checkMeetings(meetings.map((m) => ({ file: m.file, meeting: m.value, locate: m.locate })), knownIds, data.policy)) findings.push(f);
  for (const f of evaluateMeetings(meetingRefsOf(data, childOf, asOf), ctx)) findings.push(f);
  return sortFindings(findings);
}

/** The meeting-cycle rules' findings alone at `asOf` (those evaluateDataRoot holds), without reading every clock of every child. */
export function meetingRuleFindings(data: DataRoot, asOf: IsoDate): Finding[] {
  const byId = new Map(readableCases(data).map((c) => [c.readable.id, c.readable]));
  return evaluateMeetings(meetingRefsOf(data, (id) => byId.get(id) ?? null, asOf), { asOf, policy: data.policy, calendar: data.calendar });
}

/** "Not read until this file is fixed: First review, Review interval." (the rules' titles, as managers read them) */
export function clocksOffSentence(ruleIds: readonly string[], policy: Policy): string {
  // Every clock the council keeps (a clock its policy leaves out is never run, so never named here).
  if (RULES.every((r) => !inUse(r, policy) || ruleIds.includes(r.id))) return 'No clock of this child can be read until the file is fixed';
  const titles = ruleIds.map((id) => RULES.find((r) => r.id === id)?.title ?? id);
  return `Not read until the file is fixed: ${titles.join(', ')}`;
}

/**
 * A schedule with no meeting ahead (a `dates` list that has run out): a warning on the policy, so `panel
 * check` and the site say what is wrong instead of an agenda and a pack that silently have no date.
 */
function noUpcomingMeeting(data: Pick<DataRoot, 'policy' | 'calendar' | 'policySource'>, asOf: IsoDate): Finding | null {
  if (nextMeeting(data.policy, data.calendar, asOf)) return null;
  const { schedule } = data.policy;
  const last = schedule.kind === 'dates' ? [...schedule.dates].sort().at(-1) : undefined;
  const why = schedule.kind === 'dates' ? `the schedule's list of dates has run out${last ? ` (the last is ${last})` : ' (it is empty)'}: add the next meeting dates to panel.yaml` : 'check the schedule in panel.yaml';
  return { child: null, file: data.policySource === 'default' ? POLICY_FILE : data.policySource, rule: 'policy', status: 'invalid', level: 'warning', due: null, message: `No panel meeting is scheduled in the four months after ${asOf}: ${why}. Until then there is no agenda, no pack, and no "next available panel" date for the clocks that need one.` };
}
