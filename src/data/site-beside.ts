/**
 * Work done beside the Astro build instead of in it. While Astro starts and bundles the pages (seconds of
 * work that does not need the data), buildSite reads the data root in its own process and computes, in the
 * order the pages need them: the data root as read (so the build does not read and validate every file
 * again), every finding and every open clock (the rule engine's two readings), the next
 * meeting's agenda, each child's case notes as HTML, and the themes page's figures (twelve month ends through the engine). Each is
 * written to a file in a temporary folder and named on the build's standard input (PANEL_BESIDE=1), one line
 * `<kind> <file>` each; the line is tiny, so the pipe never fills and neither side waits on the other.
 *
 * The build uses each when it is for its data root and date, and computes it itself otherwise (nothing sent,
 * the sender gone, a file that cannot be read): the same functions on the same files either way, so every
 * page is the same (tests/data/site-beside.test.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { renderMarkdown } from '../components/markdown.js';
import type { IsoDate } from '../domain/dates.js';
import type { Agenda } from '../domain/agenda.js';
import type { Finding } from '../domain/findings.js';
import { nextMeeting } from '../domain/tracker.js';
import { computeThemes, type Themes } from '../domain/themes.js';
import { englandAndWalesCalendar } from '../domain/calendar.js';
import type { FieldPath } from '../domain/problems.js';
import { markMustFix, mustFix, type PartialRead } from '../domain/partial.js';
import { evaluateDataRoot, readableCases, readDataRoot, validCases, type DataRoot } from './data-root.js';
import type { LoadedFile } from './load.js';
import { agendaFor } from './meeting-cycle.js';
import { openClocks } from './site-clocks.js';

/**
 * A data root as read, in a form that survives being sent (node:v8's structured clone, which keeps a valid
 * file's `value` and `readable` one object): each file without its line lookup (a function of that read),
 * and the "must fix" marks of the children read from invalid files (a WeakMap on the objects: see
 * domain/partial.ts) as a list beside them. The calendar is made again where it is received, as readDataRoot makes it.
 */
export interface SentData {
  root: string;
  policy: DataRoot['policy'];
  policySource: string;
  policyNotes: NonNullable<DataRoot['policyNotes']>;
  cases: Omit<DataRoot['cases'][number], 'locate'>[];
  meetings: Omit<DataRoot['meetings'][number], 'locate'>[];
  /** [index in cases, its mark] for every child read from an invalid file; the same for meetings. */
  marks: { cases: [number, PartialRead][]; meetings: [number, PartialRead][] };
}

/** What is sent, by kind. */
export interface Beside {
  data: SentData;
  readings: { findings: Finding[]; clocks: Finding[] };
  /** The next meeting's agenda (null when the schedule gives no next meeting). */
  agenda: { date: IsoDate; agenda: Agenda } | null;
  /** Each readable case's notes as HTML, by child id (as the site model's `bodies`: the last file of an id). */
  notes: [string, string][];
  themes: Themes;
}
export type BesideKind = keyof Beside;

interface BesideFile<K extends BesideKind> {
  root: string;
  asOf: IsoDate;
  value: Beside[K];
}

const withoutLocate = <T>({ locate: _, ...file }: LoadedFile<T>): Omit<LoadedFile<T>, 'locate'> => file;
const marksOf = (files: LoadedFile<object>[]) =>
  files.flatMap((f, i): [number, PartialRead][] => {
    const mark = f.readable ? mustFix(f.readable) : undefined;
    return mark ? [[i, mark]] : [];
  });

/** The data root as read, to send (see SentData). */
export function sendableData(data: DataRoot): SentData {
  return {
    root: data.root,
    policy: data.policy,
    policySource: data.policySource,
    policyNotes: data.policyNotes ?? [],
    cases: data.cases.map(withoutLocate),
    meetings: data.meetings.map(withoutLocate),
    marks: { cases: marksOf(data.cases), meetings: marksOf(data.meetings) },
  };
}

/**
 * The data root received: the same files, read once, with their marks set again. A file's line lookup is
 * that of the same file read again from the data root, on first use only (the build uses none when the
 * engine's readings were sent with it; it needs them only to compute those itself).
 */
export function receivedData(sent: SentData): DataRoot {
  let again: DataRoot | undefined;
  const lookup = (kind: 'cases' | 'meetings', index: number) => (path: FieldPath, atKey?: boolean) => {
    again ??= readDataRoot(sent.root);
    const file = sent[kind][index].file;
    const same = again[kind].find((f) => f.file === file);
    return same ? same.locate(path, atKey) : 1;
  };
  for (const kind of ['cases', 'meetings'] as const) for (const [i, mark] of sent.marks[kind]) markMustFix(sent[kind][i].readable!, mark);
  return {
    root: sent.root,
    policy: sent.policy,
    policySource: sent.policySource,
    calendar: englandAndWalesCalendar(),
    cases: sent.cases.map((c, i) => ({ ...c, locate: lookup('cases', i) })),
    meetings: sent.meetings.map((m, i) => ({ ...m, locate: lookup('meetings', i) })),
    policyNotes: sent.policyNotes,
  };
}

/** The themes of a data root at a date (the one computation, wherever it runs). */
export function themesOf(data: DataRoot, asOf: IsoDate): Themes {
  return computeThemes(validCases(data).map((c) => c.value), asOf, data.policy, data.calendar);
}

/** The agenda of the next meeting at `asOf`, as the site shows it. */
export function agendaOf(data: DataRoot, asOf: IsoDate): Beside['agenda'] {
  const date = nextMeeting(data.policy, data.calendar, asOf);
  return date ? { date, agenda: agendaFor(data, date) } : null;
}

/** Each readable case's notes as HTML, in the model's order (`new Map` of these keeps an id's last file). */
export function notesOf(data: DataRoot): [string, string][] {
  return readableCases(data).map((c) => [c.readable.id, renderMarkdown(c.body)]);
}

/** Both readings of the engine the site model needs: the findings, and every open clock. */
export function readingsOf(data: DataRoot, asOf: IsoDate): Beside['readings'] {
  return { findings: evaluateDataRoot(data, asOf).findings, clocks: openClocks(data, asOf) };
}

const yieldNow = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Reads the data root and computes each kind in turn, writing it into `dir` and calling `send(kind, file)`
 * (and letting the event loop run, so the line goes out) before the next. Stops quietly at any error: the
 * build then computes what was not sent, and reports the error itself.
 */
export async function computeBeside(root: string, asOf: IsoDate, dir: string, send: (kind: BesideKind, file: string) => void): Promise<void> {
  let data: DataRoot;
  try {
    data = readDataRoot(root);
  } catch {
    return;
  }
  const steps: { [K in BesideKind]: () => Beside[K] } = {
    data: () => sendableData(data),
    readings: () => readingsOf(data, asOf),
    agenda: () => agendaOf(data, asOf),
    notes: () => notesOf(data),
    themes: () => themesOf(data, asOf),
  };
  for (const kind of Object.keys(steps) as BesideKind[]) {
    try {
      const content: BesideFile<typeof kind> = { root: path.resolve(root), asOf, value: steps[kind]() };
      // The data root in node:v8's format (it keeps shared objects shared); the rest, plain values, as JSON.
      const file = path.join(dir, kind === 'data' ? 'data.v8' : `${kind}.json`);
      writeFileSync(file, kind === 'data' ? serialize(content) : JSON.stringify(content));
      send(kind, file);
      await yieldNow();
    } catch {
      return;
    }
  }
}

/** The value in a file sent for `kind`, if it is for this data root and date. */
export function readBesideFile<K extends BesideKind>(file: string | null, root: string, asOf: IsoDate): Beside[K] | null {
  if (!file) return null;
  try {
    const content = (file.endsWith('.v8') ? deserialize(readFileSync(file)) : JSON.parse(readFileSync(file, 'utf8'))) as BesideFile<K>;
    return content.root === path.resolve(root) && content.asOf === asOf ? content.value : null;
  } catch {
    return null;
  }
}

const SENT_FILE = Symbol.for('panel.sent-file');
let lines: Map<BesideKind, string> | undefined;
let ended = false;
const waiting: (() => void)[] = [];

/**
 * The file sent for `kind` on this process's standard input: waits for its line, or for the input to end
 * (null: not sent). Only when the build was started with PANEL_BESIDE=1.
 */
export async function sentFile(kind: BesideKind): Promise<string | null> {
  // In the child pages' worker thread (site-pages-worker.mjs): asked of the build thread, which has the input.
  const asked = (globalThis as { [SENT_FILE]?: (kind: BesideKind) => Promise<string | null> })[SENT_FILE];
  if (asked) return asked(kind);
  if (process.env.PANEL_BESIDE !== '1') return null;
  if (!lines) {
    const got = new Map<BesideKind, string>();
    lines = got;
    let rest = '';
    const wake = () => waiting.splice(0).forEach((w) => w());
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop()!;
      for (const line of parts) {
        const at = line.indexOf(' ');
        if (at > 0) got.set(line.slice(0, at) as BesideKind, line.slice(at + 1));
      }
      wake();
    });
    const end = () => {
      ended = true;
      wake();
    };
    process.stdin.on('end', end);
    process.stdin.on('error', end);
  }
  while (!lines.has(kind) && !ended) await new Promise<void>((resolve) => waiting.push(resolve));
  return lines.get(kind) ?? null;
}
