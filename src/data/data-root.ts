/**
 * A data root read once and evaluated at one date: the single entry point for `panel check`, the site
 * and the pack. Reading (I/O) and evaluating (pure) stay separate so the site can evaluate again at
 * another date without reading the files again.
 */
import { englandAndWalesCalendar, type WorkingDayCalendar } from '../domain/calendar.js';
import type { IsoDate } from '../domain/dates.js';
import { evaluate, evaluateMeetings, sortFindings, type EvaluableMeetingRef } from '../domain/engine.js';
import { nextMeeting } from '../domain/tracker.js';
import type { Finding } from '../domain/findings.js';
import { checkMeetings } from '../domain/meeting-checks.js';
import type { Policy } from '../domain/policy.js';
import type { RecordedFacts } from '../domain/recorded.js';
import type { Child, Meeting } from '../domain/schema.js';
import { loadCases, loadFromMemory, loadMeetings, type LoadedCase, type LoadedMeeting, type SourceFile } from './load.js';
import { loadPolicy, POLICY_FILE, policyFromText } from './policy.js';

export interface DataRoot {
  root: string;
  policy: Policy;
  policySource: string;
  calendar: WorkingDayCalendar;
  cases: LoadedCase[];
  meetings: LoadedMeeting[];
}

export interface Evaluation {
  asOf: IsoDate;
  findings: Finding[];
}

/** Reads panel.yaml (throws PolicyError when it is invalid), every case file and every meeting file. */
export function readDataRoot(root: string): DataRoot {
  const { policy, source } = loadPolicy(root);
  return { root, policy, policySource: source, calendar: englandAndWalesCalendar(), cases: loadCases(root), meetings: loadMeetings(root) };
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
export const validMeetings = (data: DataRoot) =>
  data.meetings.filter((m): m is LoadedMeeting & { value: Meeting } => m.value !== null);

/** Meeting files, plus the next scheduled meeting when it has no file yet (its agenda is still owed). */
export function meetingRefs(data: DataRoot, asOf: IsoDate): EvaluableMeetingRef[] {
  const refs: EvaluableMeetingRef[] = validMeetings(data).map((m) => ({
    date: m.value.date,
    file: m.file,
    exists: true,
    agendaAgreed: m.value.agenda_agreed ?? null,
    minutesPublished: m.value.minutes_published ?? null,
    agendaLength: m.value.agenda.length,
    locate: m.locate,
  }));
  const next = nextMeeting(data.policy, data.calendar, asOf);
  if (next && !refs.some((r) => r.date === next)) {
    refs.push({ date: next, file: `meetings/${next}.md`, exists: false, agendaAgreed: null, minutesPublished: null, agendaLength: 0, locate: () => undefined });
  }
  return refs;
}

/** For each child, the dates of the meeting files whose agenda lists them, oldest first. */
export function agendasByChild(data: DataRoot): Map<string, IsoDate[]> {
  const out = new Map<string, IsoDate[]>();
  for (const m of validMeetings(data).sort((a, b) => (a.value.date < b.value.date ? -1 : 1))) {
    for (const id of new Set(m.value.agenda)) (out.get(id) ?? out.set(id, []).get(id)!).push(m.value.date);
  }
  return out;
}

/** Every finding at `asOf`: the files' own problems, the rules, and the meetings' consistency. */
export function evaluateDataRoot(data: DataRoot, asOf: IsoDate, { recorded = null }: { recorded?: RecordedFacts | null } = {}): Evaluation {
  const ctx = { asOf, policy: data.policy, calendar: data.calendar, agendas: agendasByChild(data), recorded };
  const cases = validCases(data);
  const findings: Finding[] = [];
  for (const c of data.cases) findings.push(...c.problems);
  for (const m of data.meetings) findings.push(...m.problems);
  findings.push(...evaluate(cases.map((c) => ({ file: c.file, child: c.value, locate: c.locate })), ctx));
  // An invalid file's id still counts as known, so a meeting naming that child is not reported twice.
  const knownIds = new Set<string>(data.cases.map((c) => c.value?.id ?? c.key).filter((k): k is string => !!k));
  const meetings = validMeetings(data);
  findings.push(...checkMeetings(meetings.map((m) => ({ file: m.file, meeting: m.value, locate: m.locate })), knownIds, data.policy));
  findings.push(...evaluateMeetings(meetingRefs(data, asOf), ctx));
  return { asOf, findings: sortFindings(findings) };
}
