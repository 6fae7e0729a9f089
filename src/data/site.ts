/**
 * What the site and the pack are built from: the data root read once (the same loader and engine as
 * `panel check`), at one as-of date, with the commit it came from. PANEL_ROOT and PANEL_AS_OF choose the
 * data root and the date; by default the current folder and today.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { isIsoDate, todayIso, type IsoDate } from '../domain/dates.js';
import { CLOCK_RULES } from '../domain/clock-rules.js';
import { evaluate } from '../domain/engine.js';
import type { Finding } from '../domain/findings.js';
import type { Themes } from '../domain/themes.js';
import { buildTracker, nextMeeting, openClockPolicy, type TrackerRow } from '../domain/tracker.js';
import type { Agenda } from '../domain/agenda.js';
import { evaluateDataRoot, readableCases, readDataRoot, validMeetings, type DataRoot } from './data-root.js';
import { agendaFor } from './meeting-cycle.js';
import { receivedThemesMessage, themesFromMessage, themesOf } from './site-themes.js';
import type { LoadedCase, LoadedMeeting } from './load.js';
import type { Child, Meeting } from '../domain/schema.js';

export interface SiteModel {
  data: DataRoot;
  asOf: IsoDate;
  commit: string | null;
  findings: Finding[];
  /** Every open clock by child, with its due date (read with an unbounded warning window). */
  clocks: Map<string, Finding[]>;
  rows: TrackerRow[];
  byId: Map<string, TrackerRow>;
  bodies: Map<string, string>;
  /** Each readable case file by child id (an invalid file's child with what could be read: see TrackerRow.mustFix). */
  caseById: Map<string, LoadedCase & { readable: Child }>;
  meetings: (LoadedMeeting & { value: Meeting })[];
  invalid: { file: string; findings: Finding[] }[];
  nextMeeting: IsoDate | null;
}

function gitCommit(root: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    return null;
  }
}

/**
 * Tracker rows for every readable case at `asOf` (an invalid file's child too, flagged `mustFix`), with every
 * open clock (one engine, two readings).
 */
export function trackerRows(data: DataRoot, asOf: IsoDate, findings = evaluateDataRoot(data, asOf).findings) {
  const cases = readableCases(data).map((c) => ({ file: c.file, child: c.readable, locate: c.locate }));
  // Clocks only (data-consistency reads none: its findings, with no due date, are in `findings`).
  const clocks = evaluate(cases, { asOf, policy: openClockPolicy(data.policy), calendar: data.calendar }, CLOCK_RULES);
  const rows = buildTracker({ cases, findings, clocks, asOf }, data.policy, data.calendar).sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
  return { rows, clocks };
}

export function buildSiteModel(root: string, asOf: IsoDate): SiteModel {
  const data = readDataRoot(root);
  const { findings } = evaluateDataRoot(data, asOf);
  const { rows, clocks } = trackerRows(data, asOf, findings);
  const invalidFiles = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.rule === 'schema' || f.rule === 'policy' || (f.rule === 'data-consistency' && f.level === 'error')) {
      (invalidFiles.get(f.file) ?? invalidFiles.set(f.file, []).get(f.file)!).push(f);
    }
  }
  const clocksByChild = new Map<string, Finding[]>();
  for (const c of clocks) if (c.child) (clocksByChild.get(c.child) ?? clocksByChild.set(c.child, []).get(c.child)!).push(c);
  return {
    data,
    asOf,
    clocks: clocksByChild,
    commit: gitCommit(root),
    findings,
    rows,
    byId: new Map(rows.map((r) => [r.id, r])),
    bodies: new Map(readableCases(data).map((c) => [c.readable.id, c.body])),
    caseById: new Map(readableCases(data).map((c) => [c.readable.id, c])),
    meetings: validMeetings(data).sort((a, b) => b.value.date.localeCompare(a.value.date)),
    invalid: [...invalidFiles].map(([file, list]) => ({ file, findings: list })).sort((a, b) => a.file.localeCompare(b.file)),
    nextMeeting: nextMeeting(data.policy, data.calendar, asOf),
  };
}

let cached: SiteModel | undefined;
let cachedThemes: Themes | undefined;
const agendas = new Map<IsoDate, Agenda>();

/**
 * The agenda of a meeting in this build's model, built once however many pages show it (the dashboard,
 * the agenda page and both packs).
 */
export function siteAgenda(date: IsoDate): Agenda {
  let agenda = agendas.get(date);
  if (!agenda) {
    agenda = agendaFor(siteModel().data, date);
    agendas.set(date, agenda);
  }
  return agenda;
}

/** The themes of this build's model, computed once for the themes page and both packs. */
export function siteThemes(): Themes {
  const model = siteModel();
  cachedThemes ??= themesOf(model.data, model.asOf);
  return cachedThemes;
}

/**
 * The same, for the themes page: those buildSite computed beside the build and sent (src/data/site-themes.ts),
 * waited for when it is sending them, else computed here.
 */
export async function siteThemesReady(): Promise<Themes> {
  const model = siteModel();
  if (!cachedThemes && process.env.PANEL_THEMES_STDIN === '1') {
    cachedThemes = themesFromMessage(await receivedThemesMessage(), model.data.root, model.asOf) ?? undefined;
  }
  return siteThemes();
}

/** The model for this build, read once however many pages ask for it. */
export function siteModel(): SiteModel {
  if (!cached) {
    const root = path.resolve(process.env.PANEL_ROOT ?? '.');
    const asOf = process.env.PANEL_AS_OF ?? todayIso(new Date());
    if (!isIsoDate(asOf)) throw new Error(`PANEL_AS_OF: expected a date written YYYY-MM-DD, found "${asOf}"`);
    cached = buildSiteModel(root, asOf);
  }
  return cached;
}
