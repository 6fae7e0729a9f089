/**
 * What the site and the pack are built from: the data root read once (the same loader and engine as
 * `panel check`), at one as-of date, with the commit it came from. PANEL_ROOT and PANEL_AS_OF choose the
 * data root and the date; by default the current folder and today.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { isIsoDate, todayIso, type IsoDate } from '../domain/dates.js';
import { compareSeverity, type Finding } from '../domain/findings.js';
import type { Themes } from '../domain/themes.js';
import { buildTracker, nextMeeting, type TrackerRow } from '../domain/tracker.js';
import type { Agenda } from '../domain/agenda.js';
import { evaluateDataRoot, readableCases, readDataRoot, validMeetings, type DataRoot } from './data-root.js';
import { agendaFor } from './meeting-cycle.js';
import { readBesideFile, receivedData, sentFile, themesOf, type Beside } from './site-beside.js';
import { openClocks } from './site-clocks.js';
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
  /** The rows of the children tracked until permanence is secured (the dashboard's counts, every page's footer). */
  tracked: TrackerRow[];
  byId: Map<string, TrackerRow>;
  /**
   * The route of each child's AGREED permanence plan (agreed on or before the as-of date, as the escalation
   * counts it), null when none is agreed yet (a route proposed but not agreed is not counted under it): the
   * dashboard's counts by route and the tracker's route filter, so they always agree.
   */
  agreedRoute: Map<string, string | null>;
  bodies: Map<string, string>;
  /** Each readable case file by child id (an invalid file's child with what could be read: see TrackerRow.mustFix). */
  caseById: Map<string, LoadedCase & { readable: Child }>;
  meetings: (LoadedMeeting & { value: Meeting })[];
  /**
   * The engine's findings about each held meeting, by its date: what `panel check` reports on its meeting
   * file (minutes published late, papers late, the agenda agreed late), worst first. The meeting pages show
   * these; nothing is worked out again.
   */
  meetingFindings: Map<IsoDate, Finding[]>;
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
export function trackerRows(data: DataRoot, asOf: IsoDate, findings = evaluateDataRoot(data, asOf).findings, clocks = openClocks(data, asOf)) {
  const cases = readableCases(data).map((c) => ({ file: c.file, child: c.readable }));
  const rows = buildTracker({ cases, findings, clocks, asOf }, data.policy, data.calendar).sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
  return { rows, clocks };
}

/** The route of a child's permanence plan when the plan is agreed by `asOf`; null when no plan is agreed yet. */
export function agreedRouteOf(row: Pick<TrackerRow, 'route' | 'planAgreed'>, asOf: IsoDate): string | null {
  return row.planAgreed && row.planAgreed <= asOf ? row.route : null;
}

/**
 * The site model; `readings`, the engine's two readings when they were computed beside the build, and `sent`,
 * the data root as read there (site-beside.ts), else read here.
 */
export function buildSiteModel(root: string, asOf: IsoDate, readings: Beside['readings'] | null = null, sent: DataRoot | null = null): SiteModel {
  const data = sent ?? readDataRoot(root);
  const { findings } = readings ?? { findings: evaluateDataRoot(data, asOf).findings };
  const { rows, clocks } = trackerRows(data, asOf, findings, readings?.clocks);
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
    tracked: rows.filter((r) => !r.secured),
    byId: new Map(rows.map((r) => [r.id, r])),
    agreedRoute: new Map(rows.map((r) => [r.id, agreedRouteOf(r, asOf)])),
    bodies: new Map(readableCases(data).map((c) => [c.readable.id, c.body])),
    caseById: new Map(readableCases(data).map((c) => [c.readable.id, c])),
    meetings: validMeetings(data).sort((a, b) => b.value.date.localeCompare(a.value.date)),
    meetingFindings: new Map(validMeetings(data).map((m) => [m.value.date, findings.filter((f) => f.file === m.file).sort(compareSeverity)])),
    invalid: [...invalidFiles].map(([file, list]) => ({ file, findings: list })).sort((a, b) => a.file.localeCompare(b.file)),
    nextMeeting: nextMeeting(data.policy, data.calendar, asOf),
  };
}

let cached: SiteModel | undefined;
let pendingModel: Promise<SiteModel> | undefined;
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

/** The same, for the agenda page and the dashboard: the next meeting's agenda computed beside the build when sent. */
export async function siteAgendaReady(date: IsoDate): Promise<Agenda> {
  if (!agendas.has(date)) {
    const model = await siteModelReady();
    const sent = readBesideFile<'agenda'>(await sentFile('agenda'), model.data.root, model.asOf);
    if (sent && sent.date === date && !agendas.has(date)) agendas.set(date, sent.agenda);
  }
  return siteAgenda(date);
}

/** The themes of this build's model, computed once for the themes page and both packs. */
export function siteThemes(): Themes {
  const model = siteModel();
  cachedThemes ??= themesOf(model.data, model.asOf);
  return cachedThemes;
}

/** The same, for the themes page: those computed beside the build (site-beside.ts) when they are sent. */
export async function siteThemesReady(): Promise<Themes> {
  const model = await siteModelReady();
  if (!cachedThemes) {
    const sent = readBesideFile<'themes'>(await sentFile('themes'), model.data.root, model.asOf);
    cachedThemes ??= sent ?? undefined;
  }
  return siteThemes();
}

let cachedNotes: Promise<Map<string, string> | null> | undefined;

/**
 * Each child's case notes as HTML, rendered beside the build (site-beside.ts), by child id; null when they
 * were not sent (the page then renders them). Read once, however many pages ask at the same time.
 */
export function siteNotesReady(): Promise<Map<string, string> | null> {
  cachedNotes ??= (async () => {
    const model = await siteModelReady();
    const notes = readBesideFile<'notes'>(await sentFile('notes'), model.data.root, model.asOf);
    return notes ? new Map(notes) : null;
  })();
  return cachedNotes;
}

function siteRootAndDate(): { root: string; asOf: IsoDate } {
  const root = path.resolve(process.env.PANEL_ROOT ?? '.');
  const asOf = process.env.PANEL_AS_OF ?? todayIso(new Date());
  if (!isIsoDate(asOf)) throw new Error(`PANEL_AS_OF: expected a date written YYYY-MM-DD, found "${asOf}"`);
  return { root, asOf };
}

/** The model for this build, read once however many pages ask for it. */
export function siteModel(): SiteModel {
  if (!cached) {
    const { root, asOf } = siteRootAndDate();
    cached = buildSiteModel(root, asOf);
  }
  return cached;
}

/**
 * The same, for the pages (each page's first call): with the data root as read and the engine's readings
 * beside the build when they are sent (site-beside.ts).
 */
export function siteModelReady(): Promise<SiteModel> {
  if (cached) return Promise.resolve(cached);
  // One read however many pages ask at the same time (astro.config.mjs: pages are built a few at once).
  pendingModel ??= (async () => {
    const { root, asOf } = siteRootAndDate();
    const data = readBesideFile<'data'>(await sentFile('data'), root, asOf);
    const readings = readBesideFile<'readings'>(await sentFile('readings'), root, asOf);
    cached ??= buildSiteModel(root, asOf, readings, data && receivedData(data));
    return cached;
  })();
  return pendingModel;
}
