/**
 * Reading the SSDA903 return (DOMAIN.md s4) into what the case files hold. Pure: the CSV cells arrive as
 * tables with their line numbers (src/data/ssda903.ts reads them), the as-of date is a parameter.
 *
 * The model: every usable episode row of a child, in DECOM order, is chained into periods of care. A new
 * period starts at RNE S; an episode of RNE L, P, T, B or U continues the period while its DECOM equals the
 * DEC of the episode before; a gap breaks the chain. The world is read as it stood at the as-of date:
 * episodes that start later are not yet known, an end (DEC) after it has not happened yet, reviews after it
 * have not been held. A row that cannot be used is reported with its file, line and reason, never guessed.
 */
import { isIsoDate, type IsoDate } from './dates.js';
import {
  LEGAL_STATUSES,
  PERMANENCE_REASONS,
  PLACEMENT_TYPES,
  REASONS_CEASED,
  type LegalStatus,
  type PlacementType,
  type ReasonCeased,
  type Route,
} from './codes.js';
import { ID_PATTERN } from './child-id.js';
import type { Child } from './schema.js';

// ---------------------------------------------------------------------------------------------- input

/** One data row of a CSV file: its cells by (upper-case) column name, and the line it starts on. */
export interface TableRow {
  line: number;
  cells: Record<string, string>;
}

export interface Table {
  /** File name as reported, e.g. `episodes.csv`. */
  file: string;
  columns: string[];
  rows: TableRow[];
}

/** The return's files; header and episodes are required, the others are read where present. */
export interface ReturnTables {
  header: Table;
  episodes: Table;
  reviews?: Table;
  placedForAdoption?: Table;
  ad1?: Table;
}

export const REQUIRED_COLUMNS = {
  header: ['CHILD', 'DOB'],
  episodes: ['CHILD', 'DECOM', 'RNE', 'LS', 'PLACE', 'DEC', 'REC'],
  reviews: ['CHILD', 'REVIEW'],
  placedForAdoption: ['CHILD', 'DATE_PLACED'],
  ad1: ['CHILD', 'DATE_INT', 'DATE_MATCH'],
} as const;

export const RETURN_FILES = {
  header: 'header.csv',
  episodes: 'episodes.csv',
  reviews: 'reviews.csv',
  placedForAdoption: 'placed_for_adoption.csv',
  ad1: 'ad1.csv',
} as const;

export const missingColumns = (table: Table, required: readonly string[]) => required.filter((c) => !table.columns.includes(c));

/** Which children to import: those looked after at the as-of date, or at any time within a period. */
export interface ReadOptions {
  asOf: IsoDate;
  period?: { start: IsoDate; end: IsoDate };
}

// --------------------------------------------------------------------------------------------- output

/**
 * What the import says about a row or a child:
 * - `skipped`: the row cannot be used (bad date, unknown child, overlap, ...); nothing of it is imported.
 * - `partly-used`: the row is used, but one value in it is not (an unknown code); that field is left empty.
 * - `not-imported`: a good row that would make the case file inconsistent (a review after the as-of date,
 *   before care started, twice the same day); the case file is written without it.
 * - `note`: imported, but a person should check it (the return does not say when care began, ...).
 */
export type IssueKind = 'skipped' | 'partly-used' | 'not-imported' | 'note';

export interface ReturnIssue {
  file: string;
  line: number | null;
  child: string | null;
  kind: IssueKind;
  message: string;
  /**
   * `care-start`: the return does not show when care began (common: a year's return holds older periods).
   * `review`: a review row left out of the case file; `reason` and `value` let a report put one child's
   * rows left out for the same reason on one line.
   */
  topic?: 'care-start' | 'review';
  reason?: string;
  value?: string;
  /** Set on a grouped issue: every line it stands for. */
  lines?: number[];
}

/** One child's review rows left out for the same reason, as one issue listing every line and date. */
export function groupIssues(issues: ReturnIssue[]): ReturnIssue[] {
  const keyOf = (i: ReturnIssue) => (i.topic === 'review' && i.reason && i.line !== null ? [i.child, i.file, i.kind, i.reason].join('\u0000') : null);
  const groups = new Map<string, ReturnIssue[]>();
  for (const i of issues) {
    const key = keyOf(i);
    if (!key) continue;
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  }
  const out: ReturnIssue[] = [];
  for (const i of issues) {
    const key = keyOf(i);
    const list = key ? groups.get(key)! : [i];
    if (list[0] !== i) continue; // reported with the first row of its group
    if (list.length === 1) {
      out.push(i);
      continue;
    }
    const lines = list.map((x) => x.line!).sort((a, b) => a - b);
    out.push({ ...i, line: lines[0], lines, message: `${list.length} reviews ${i.reason}: ${list.map((x) => x.value).join(', ')}` });
  }
  return out;
}

/** Reasons that mean permanence, and the route by which it was secured (DOMAIN.md s4). */
export const PERMANENCE_ROUTES: Partial<Record<ReasonCeased, Route>> = {
  E11: 'adoption',
  E12: 'adoption',
  E41: 'child-arrangements-order',
  E45: 'special-guardianship',
  E46: 'special-guardianship',
  E47: 'special-guardianship',
  E48: 'special-guardianship',
  E4A: 'return-home',
};

export const RNE_CODES = {
  S: 'started to be looked after',
  L: 'change of legal status only',
  P: 'change of placement and carer',
  T: 'change of placement, same carer',
  B: 'change of legal status, placement and carer',
  U: 'change of legal status and placement, same carer',
} as const;
export type Rne = keyof typeof RNE_CODES;

export interface Episode {
  line: number;
  decom: IsoDate;
  dec: IsoDate | null;
  rne: Rne;
  /** null when the row's code was not usable (reported as `partly-used`). */
  ls: LegalStatus | null;
  place: PlacementType | null;
  /** The REC as written when usable; null when blank or unusable. */
  rec: ReasonCeased | null;
}

export interface PeriodOfCare {
  start: IsoDate;
  /** The episodes of the period known at the as-of date, in order. */
  episodes: Episode[];
  /** The end of the period when it ended on or before the as-of date. */
  end: IsoDate | null;
}

/** Dated facts from placed_for_adoption.csv or ad1.csv, for the body of a new case file. */
export interface AdoptionFact {
  file: string;
  line: number;
  dates: { what: string; date: IsoDate }[];
}

/** What the return says for one child's case file: the latest period of care at the as-of date. */
export interface ReturnRecord {
  id: string;
  dob: IsoDate;
  start: IsoDate;
  /**
   * True when the start is the care start a case file already holds, because the return's first episode
   * continues that period of care (see recordWithHistory); `first` is then the return's first episode.
   */
  continued?: boolean;
  /** The episode that opened the period: RNE S, or another RNE where the return does not show care starting. */
  first: Episode;
  /** undefined: the return has no usable value, leave the case file's value alone. */
  legalStatus: LegalStatus | undefined;
  placement: PlacementType | undefined;
  end: IsoDate | null;
  /** null while looked after; undefined when the period ended with no usable reason. */
  reasonCeased: ReasonCeased | null | undefined;
  permanence: { secured: IsoDate; route: Route } | null;
  /** Reviews held in this period up to the as-of date, ascending, once each, with their rows. */
  reviews: { date: IsoDate; line: number }[];
  adoption: AdoptionFact[];
}

export interface ReturnChild {
  id: string;
  dob: IsoDate;
  headerLine: number;
  /** The latest period of care starting on or before the as-of date; null when there is none. */
  record: ReturnRecord | null;
  /** Looked after at the as-of date (or within the period given). */
  inScope: boolean;
  /** Rows of this child left out of the record, and things to check: reported when its case file is written. */
  notes: ReturnIssue[];
  /** Every period of care the return shows up to the as-of date, oldest first (the record is the last). */
  periods: PeriodOfCare[];
  /** The child's usable review rows, whatever period they fall in (for reading the record again with history). */
  reviewRows: { date: IsoDate; line: number }[];
  adoptionFacts: AdoptionFact[];
}

export interface ReturnReading {
  options: ReadOptions;
  children: Map<string, ReturnChild>;
  /** Rows that could not be used, or only in part: reported whatever is written. */
  issues: ReturnIssue[];
  rows: Record<keyof ReturnTables, number>;
  /** Children named in header.csv whose row could not be used (bad id or date of birth): not imported. */
  unusableChildren: Map<string, string>;
}

// ---------------------------------------------------------------------------------------------- dates

const DMY = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/**
 * A 903 date, `dd/mm/yyyy` exactly, to ISO. An impossible day (31/02/2019) or any other shape is an
 * error, never rolled into the next month.
 */
export function parseDmy(cell: string): { date: IsoDate } | { error: string } {
  const m = DMY.exec(cell);
  if (!m) return { error: `"${cell}" is not a date written dd/mm/yyyy` };
  const iso = `${m[3]}-${m[2]}-${m[1]}`;
  if (!isIsoDate(iso)) return { error: `"${cell}" is not a real date (that day does not exist)` };
  return { date: iso };
}

/** 2018-03-31 as the return writes it, 31/03/2018, for messages that quote the CSV. */
export const dmy = (iso: IsoDate) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

// -------------------------------------------------------------------------------------------- reading

const isCode = <T extends string>(codes: Record<T, string>, value: string): value is T => Object.hasOwn(codes, value);

/** Reads the return's tables at a date. Every row is accounted for: used, or reported with its reason. */
export function readReturn(tables: ReturnTables, options: ReadOptions): ReturnReading {
  const issues: ReturnIssue[] = [];
  const issue = (file: string, line: number | null, child: string | null, kind: IssueKind, message: string) =>
    issues.push({ file, line, child, kind, message });

  // header.csv: one row per child.
  const header = new Map<string, { dob: IsoDate; line: number }>();
  const unusable = new Map<string, string>(); // child -> why its header row cannot be used (for its other rows)
  const H = tables.header.file;
  for (const row of tables.header.rows) {
    const id = row.cells.CHILD ?? '';
    if (!id) {
      issue(H, row.line, null, 'skipped', 'CHILD is blank: the row names no child');
      continue;
    }
    if (!ID_PATTERN.test(id)) {
      issue(H, row.line, id, 'skipped', `CHILD "${id}" cannot be a case id (letters, digits, "-" and "_" only, at most 64)`);
      unusable.set(id, `its header row (${H} line ${row.line}) was not usable`);
      continue;
    }
    const first = header.get(id);
    if (first) {
      issue(H, row.line, id, 'skipped', `CHILD ${id} appears again (first at line ${first.line}); this row is not used`);
      continue;
    }
    const dob = row.cells.DOB ? parseDmy(row.cells.DOB) : { error: 'DOB is blank' };
    if ('error' in dob) {
      issue(H, row.line, id, 'skipped', `DOB ${dob.error}: the child cannot be imported without a date of birth`);
      unusable.set(id, `its header row (${H} line ${row.line}) was not usable`);
      continue;
    }
    header.set(id, { dob: dob.date, line: row.line });
  }
  const unknownChild = (id: string) =>
    unusable.get(id) ?? `CHILD ${id} is not in ${H}: the return has no date of birth for this child`;

  // episodes.csv: the usable episodes of each child.
  const E = tables.episodes.file;
  const episodes = new Map<string, Episode[]>();
  for (const row of tables.episodes.rows) {
    const c = row.cells;
    const id = c.CHILD ?? '';
    const skip = (message: string) => issue(E, row.line, id || null, 'skipped', message);
    if (!id) { skip('CHILD is blank: the row names no child'); continue; }
    const child = header.get(id);
    if (!child) { skip(unknownChild(id)); continue; }
    if (!c.DECOM) { skip('DECOM is blank: the episode has no start date'); continue; }
    const decom = parseDmy(c.DECOM);
    if ('error' in decom) { skip(`DECOM ${decom.error}`); continue; }
    const dec = c.DEC ? parseDmy(c.DEC) : null;
    if (dec && 'error' in dec) { skip(`DEC ${dec.error}`); continue; }
    if (dec && dec.date < decom.date) { skip(`DEC ${c.DEC} is before DECOM ${c.DECOM}: the episode ends before it starts`); continue; }
    if (decom.date < child.dob) { skip(`DECOM ${c.DECOM} is before the date of birth ${dmy(child.dob)} (${H} line ${child.line})`); continue; }
    const rne = c.RNE ?? '';
    if (!isCode(RNE_CODES, rne)) {
      skip(`RNE ${rne ? `"${rne}" is not an SSDA903 reason for new episode code` : 'is blank'} (expected one of ${Object.keys(RNE_CODES).join(', ')}): without it the period of care cannot be followed`);
      continue;
    }
    const partly = (message: string) => issue(E, row.line, id, 'partly-used', message);
    const code = <T extends string>(column: string, codes: Record<T, string>, what: string): T | null => {
      const v = c[column] ?? '';
      if (isCode(codes, v)) return v;
      partly(`${column} ${v ? `"${v}" is not an SSDA903 ${what} code` : 'is blank'}: the episode's dates are used, its ${what} is not`);
      return null;
    };
    const ls = code('LS', LEGAL_STATUSES, 'legal status');
    const place = code('PLACE', PLACEMENT_TYPES, 'placement type');
    let rec: ReasonCeased | null = null;
    const recCell = c.REC ?? '';
    if (recCell) {
      if (isCode(REASONS_CEASED, recCell)) rec = recCell;
      else partly(`REC "${recCell}" is not an SSDA903 reason episode ceased code: the episode's dates are used, its reason is not`);
    }
    if (rec && rec !== 'X1' && !dec) {
      partly(`REC ${rec} says the episode ceased but DEC is blank: the episode is read as still open and REC is not used`);
      rec = null;
    }
    const list = episodes.get(id) ?? [];
    list.push({ line: row.line, decom: decom.date, dec: dec?.date ?? null, rne, ls, place, rec });
    episodes.set(id, list);
  }

  // reviews.csv: valid review rows by child (what is imported is decided per period below).
  const reviews = new Map<string, { date: IsoDate; line: number }[]>();
  const R = tables.reviews?.file ?? RETURN_FILES.reviews;
  for (const row of tables.reviews?.rows ?? []) {
    const id = row.cells.CHILD ?? '';
    const skip = (message: string) => issue(R, row.line, id || null, 'skipped', message);
    if (!id) { skip('CHILD is blank: the row names no child'); continue; }
    if (!header.has(id)) { skip(unknownChild(id)); continue; }
    if (!row.cells.REVIEW) { skip('REVIEW is blank: the row has no review date'); continue; }
    const date = parseDmy(row.cells.REVIEW);
    if ('error' in date) { skip(`REVIEW ${date.error}`); continue; }
    const list = reviews.get(id) ?? [];
    list.push({ date: date.date, line: row.line });
    reviews.set(id, list);
  }

  const adoption = readAdoptionFacts(tables, header, unknownChild, issue);

  const children = new Map<string, ReturnChild>();
  for (const [id, { dob, line }] of header) {
    const notes: ReturnIssue[] = [];
    const periods = chainPeriods(id, episodes.get(id) ?? [], E, issue, options.asOf);
    const current = periods.at(-1) ?? null;
    const reviewRows = reviews.get(id) ?? [];
    const adoptionFacts = adoption.get(id) ?? [];
    const record = current ? recordFor(id, dob, current, reviewRows, adoptionFacts, options.asOf, E, R, notes) : null;
    const inScope = options.period
      ? periods.some((p) => p.start <= options.period!.end && (p.end === null || p.end >= options.period!.start))
      : !!current && current.end === null;
    children.set(id, { id, dob, headerLine: line, record, inScope, notes, periods, reviewRows, adoptionFacts });
  }
  issues.sort(byFileAndLine);
  const rows = {
    header: tables.header.rows.length,
    episodes: tables.episodes.rows.length,
    reviews: tables.reviews?.rows.length ?? 0,
    placedForAdoption: tables.placedForAdoption?.rows.length ?? 0,
    ad1: tables.ad1?.rows.length ?? 0,
  };
  const unusableChildren = new Map([...unusable].filter(([id]) => !header.has(id)));
  return { options, children, issues, rows, unusableChildren };
}

const FILE_ORDER: string[] = Object.values(RETURN_FILES);
export const byFileAndLine = (a: ReturnIssue, b: ReturnIssue) =>
  (a.file === b.file ? 0 : FILE_ORDER.indexOf(a.file) - FILE_ORDER.indexOf(b.file) || a.file.localeCompare(b.file)) || (a.line ?? 0) - (b.line ?? 0);

type IssueSink = (file: string, line: number | null, child: string | null, kind: IssueKind, message: string) => void;

/**
 * Chains a child's episodes into periods of care, dropping (and reporting) episodes that overlap the one
 * before, then cuts the history at the as-of date.
 */
function chainPeriods(id: string, list: Episode[], file: string, issue: IssueSink, asOf: IsoDate): PeriodOfCare[] {
  const sorted = [...list].sort((a, b) => (a.decom < b.decom ? -1 : a.decom > b.decom ? 1 : a.line - b.line));
  const kept: Episode[] = [];
  for (const ep of sorted) {
    const prev = kept.at(-1);
    if (prev && (prev.dec === null || ep.decom < prev.dec)) {
      const span = prev.dec === null ? `from ${dmy(prev.decom)}, with no DEC (still open)` : `${dmy(prev.decom)} to ${dmy(prev.dec)}`;
      issue(file, ep.line, id, 'skipped', `the episode starting ${dmy(ep.decom)} overlaps the episode at line ${prev.line} (${span}); a child has one episode at a time: correct DEC of one or remove the other`);
      continue;
    }
    kept.push(ep);
  }
  const periods: PeriodOfCare[] = [];
  let prev: Episode | undefined;
  for (const ep of kept) {
    if (ep.decom > asOf) break;
    const continues = prev && ep.rne !== 'S' && ep.decom === prev.dec;
    if (continues) {
      if (prev!.rec && prev!.rec !== 'X1') {
        issue(file, prev!.line, id, 'note', `REC ${prev!.rec} says care ceased on ${dmy(prev!.dec!)}, but the episode at line ${ep.line} (RNE ${ep.rne}) continues the period from that day: the period is read as continuing`);
      }
      periods.at(-1)!.episodes.push(ep);
    } else {
      periods.push({ start: ep.decom, episodes: [ep], end: null });
    }
    prev = ep;
  }
  for (const p of periods) {
    const last = p.episodes.at(-1)!;
    p.end = last.dec !== null && last.dec <= asOf ? last.dec : null;
  }
  return periods;
}

function recordFor(
  id: string,
  dob: IsoDate,
  period: PeriodOfCare,
  reviewRows: { date: IsoDate; line: number }[],
  adoption: AdoptionFact[],
  asOf: IsoDate,
  E: string,
  R: string,
  notes: ReturnIssue[],
  continued = false,
): ReturnRecord {
  const note = (file: string, line: number | null, kind: IssueKind, message: string) => notes.push({ file, line, child: id, kind, message });
  const first = period.episodes[0];
  const last = period.episodes.at(-1)!;
  if (first.rne !== 'S' && !continued) {
    notes.push({
      file: E,
      line: first.line,
      child: id,
      kind: 'note',
      topic: 'care-start',
      message: `care start ${period.start} is the first episode of this period in the return (RNE ${first.rne}, not S): the return does not show when care began; confirm the date`,
    });
  }
  let reasonCeased: ReasonCeased | null | undefined = null;
  let permanence: ReturnRecord['permanence'] = null;
  if (period.end) {
    if (last.rec && last.rec !== 'X1') {
      reasonCeased = last.rec;
      const route = PERMANENCE_ROUTES[last.rec];
      if (route) permanence = { secured: period.end, route };
    } else {
      reasonCeased = undefined;
      note(E, last.line, 'note', `the episode ended on ${dmy(period.end)} with ${last.rec ? 'REC X1 (episode continues)' : 'no usable REC'} but no later episode continues it: care is read as ended on ${period.end} with no reason ceased`);
    }
  }

  // Reviews held in this period, up to the as-of date; the others are reported, not written.
  const until = period.end ?? asOf;
  const kept: { date: IsoDate; line: number }[] = [];
  const seen = new Map<IsoDate, number>();
  const leftOut = (r: { date: IsoDate; line: number }, reason: string, message: string) =>
    notes.push({ file: R, line: r.line, child: id, kind: 'not-imported', message, topic: 'review', reason, value: r.date });
  for (const r of [...reviewRows].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.line - b.line))) {
    if (r.date > asOf) leftOut(r, `after the as-of date ${asOf}`, `review ${r.date} is after the as-of date ${asOf}: a review is recorded once held`);
    else if (r.date < period.start) {
      leftOut(r, `before care started on ${period.start} (an earlier period of care, or wrong dates)`, `review ${r.date} is before care started on ${period.start} (an earlier period of care, or a wrong date)`);
    } else if (r.date > until) leftOut(r, `after care ended on ${until}`, `review ${r.date} is after care ended on ${until}`);
    else if (seen.has(r.date)) leftOut(r, 'listed twice', `review ${r.date} is listed twice (also at line ${seen.get(r.date)}); it is recorded once`);
    else {
      seen.set(r.date, r.line);
      kept.push(r);
    }
  }
  return {
    id,
    dob,
    start: period.start,
    continued,
    first,
    legalStatus: last.ls ?? undefined,
    placement: last.place ?? undefined,
    end: period.end,
    reasonCeased,
    permanence,
    reviews: kept,
    adoption: adoptionUpTo(adoption, asOf, note),
  };
}

/** The adoption facts known at the as-of date; a date after it has not happened yet and is reported. */
function adoptionUpTo(facts: AdoptionFact[], asOf: IsoDate, note: (file: string, line: number | null, kind: IssueKind, message: string) => void): AdoptionFact[] {
  const out: AdoptionFact[] = [];
  for (const f of facts) {
    const known = f.dates.filter((d) => d.date <= asOf);
    for (const d of f.dates) if (d.date > asOf) note(f.file, f.line, 'not-imported', `${d.what.toLowerCase()} ${d.date} is after the as-of date ${asOf}`);
    if (known.length) out.push({ ...f, dates: known });
  }
  return out;
}

/** placed_for_adoption.csv and ad1.csv: dates for the body of a new case file (the case format has no fields for them). */
function readAdoptionFacts(
  tables: ReturnTables,
  header: Map<string, { dob: IsoDate; line: number }>,
  unknownChild: (id: string) => string,
  issue: IssueSink,
): Map<string, AdoptionFact[]> {
  const facts = new Map<string, AdoptionFact[]>();
  const read = (table: Table | undefined, columns: { column: string; what: string }[], required: string | null) => {
    if (!table) return;
    for (const row of table.rows) {
      const id = row.cells.CHILD ?? '';
      const skip = (message: string) => issue(table.file, row.line, id || null, 'skipped', message);
      if (!id) { skip('CHILD is blank: the row names no child'); continue; }
      if (!header.has(id)) { skip(unknownChild(id)); continue; }
      const dates: AdoptionFact['dates'] = [];
      const errors: string[] = [];
      for (const { column, what } of columns) {
        const cell = row.cells[column] ?? '';
        if (!cell) continue;
        const d = parseDmy(cell);
        if ('error' in d) errors.push(`${column} ${d.error}`);
        else dates.push({ what, date: d.date });
      }
      if (errors.length) { skip(errors.join('; ')); continue; }
      if (required && !row.cells[required]) { skip(`${required} is blank`); continue; }
      if (!dates.length) { skip(`${columns.map((c) => c.column).join(' and ')} are blank: the row has no date`); continue; }
      const list = facts.get(id) ?? [];
      list.push({ file: table.file, line: row.line, dates });
      facts.set(id, list);
    }
  };
  read(tables.placedForAdoption, [
    { column: 'DATE_PLACED', what: 'Decision that the child should be placed for adoption' },
    { column: 'DATE_PLACED_CEASED', what: 'That decision ceased' },
  ], 'DATE_PLACED');
  read(tables.ad1, [
    { column: 'DATE_INT', what: 'Decision that the child should be placed for adoption' },
    { column: 'DATE_MATCH', what: 'Matched with prospective adopters' },
  ], null);
  return facts;
}

// -------------------------------------------------------------------------------------------- history

/** What a case file already says about the child's period of care (from earlier returns or a person). */
export interface CareHistory {
  start: IsoDate;
  end: IsoDate | null;
}

export interface RecordWithHistory {
  record: ReturnRecord;
  notes: ReturnIssue[];
  /** Why the case file's care start was kept, or null when the return's own reading stands. */
  continued: string | null;
}

/**
 * The child's record read again with the case file's history. A yearly return holds only the episodes open
 * during its year, so a child who stayed in care has no RNE S episode in it: the return's first episode
 * (RNE L, P, T, B or U) continues a period that began earlier. The file's care start is kept when:
 * - the return's first period is also its latest (no period in the return ended before the current one began),
 * - that period's first episode is not RNE S (an S starts a new period, whatever the file says),
 * - the file's start is on or before that episode's DECOM (the file knows an earlier start), and
 * - the file records no end of care before that DECOM (an end on the DECOM is chained, as DEC = DECOM is).
 * Then the record's start is the file's, and reviews in the return from that start on belong to the period.
 * In every other case (a new period, or the return knowing an earlier start) the return's reading stands.
 */
export function recordWithHistory(child: ReturnChild, history: CareHistory | null, asOf: IsoDate): RecordWithHistory {
  const same = { record: child.record!, notes: child.notes, continued: null };
  if (!child.record || !history || child.periods.length !== 1) return same;
  const period = child.periods[0];
  const first = period.episodes[0];
  if (first.rne === 'S' || history.start >= period.start) return same;
  if (history.end !== null && history.end < period.start) return same;
  const notes: ReturnIssue[] = [];
  const record = recordFor(child.id, child.dob, { ...period, start: history.start }, child.reviewRows, child.adoptionFacts, asOf, RETURN_FILES.episodes, RETURN_FILES.reviews, notes, true);
  const why =
    `the return's first episode (${RETURN_FILES.episodes} line ${first.line}, ${period.start}, RNE ${first.rne}) continues the period of care ` +
    `the case file has from ${history.start}${history.end ? ` (its end ${history.end} is not before that episode)` : ''}: care start ${history.start} kept`;
  return { record, notes, continued: why };
}

// --------------------------------------------------------------------------------------- triangulation

/** A case file as the loader read it: the valid front matter, or null when the file is invalid. */
export interface CaseForTriangulation {
  file: string;
  /** The id in the file (or, for an invalid file, the id as written when readable). */
  id: string | null;
  child: Child | null;
}

export interface Disagreement {
  child: string;
  /** The case file, relative to the data root; null when there is none. */
  file: string | null;
  /** The case file field that disagrees (`looked_after.start`, `reviews`, ...), or `file` for presence. */
  field: string;
  /** Where in the case file, for its line number; null when the field is absent. */
  path: (string | number)[] | null;
  inReturn: string | null;
  inCaseFile: string | null;
  message: string;
}

export interface Triangulation {
  compared: number;
  onlyInReturn: number;
  onlyInCaseFiles: number;
  unreadable: number;
  disagreements: Disagreement[];
}

/** Looked after at the as-of date, or at any time within the period, by the case file's own dates. */
function lookedAfterPerFile(child: Child, options: ReadOptions): boolean {
  const la = child.looked_after;
  if (!la) return false;
  const end = la.end && la.end <= options.asOf ? la.end : null;
  if (la.start > (options.period?.end ?? options.asOf)) return false;
  return options.period ? end === null || end >= options.period.start : end === null;
}

/**
 * Compares the return, read at the same date, with the case files: presence, date of birth, the period of
 * care (start, legal status, placement, end, reason ceased) and the reviews held. Fields the return has no
 * usable value for are not compared.
 */
export function triangulate(reading: ReturnReading, cases: CaseForTriangulation[]): Triangulation {
  const out: Disagreement[] = [];
  const { asOf } = reading.options;
  const seen = new Set<string>();
  // The first day whose reviews the return holds: the period's start, else its earliest review date.
  let reviewsFrom = reading.options.period?.start ?? '';
  if (!reading.options.period) for (const c of reading.children.values()) for (const r of c.reviewRows) if (!reviewsFrom || r.date < reviewsFrom) reviewsFrom = r.date;
  let compared = 0;
  let onlyInCaseFiles = 0;
  let unreadable = 0;
  const at = (file: string, line: number | null) => (line ? `${file} line ${line}` : file);
  const show = (v: string | null | undefined) => v ?? 'none';

  for (const c of [...cases].sort((a, b) => a.file.localeCompare(b.file))) {
    const id = c.child?.id ?? c.id ?? c.file.replace(/^.*\//, '').replace(/\.md$/, '');
    const add = (field: string, path: (string | number)[] | null, inReturn: string | null, inCaseFile: string | null, message: string) =>
      out.push({ child: id, file: c.file, field, path, inReturn, inCaseFile, message });
    const rc = reading.children.get(id);
    if (rc) seen.add(id);
    if (!c.child) {
      unreadable++;
      add('file', null, null, null, `the case file could not be read or is invalid, so it was not compared${rc ? ' (the child is in the return)' : ''}: run panel check to see why`);
      continue;
    }
    const child = c.child;
    if (!rc) {
      if (lookedAfterPerFile(child, reading.options)) {
        onlyInCaseFiles++;
        add('file', ['looked_after'], null, child.looked_after!.start, `the case file says the child is looked after (from ${child.looked_after!.start}) but the child is not in the return`);
      }
      continue;
    }
    compared++;
    if (rc.dob !== child.dob) add('dob', ['dob'], rc.dob, child.dob, `date of birth: ${rc.dob} in the return (header.csv line ${rc.headerLine}), ${child.dob} in the case file`);
    const la = child.looked_after;
    // A period the case file holds from an earlier return, continued by this one: its start is the file's.
    const r = rc.record && la ? recordWithHistory(rc, { start: la.start, end: la.end ?? null }, asOf).record : rc.record;
    if (!r) {
      if (la) add('looked_after', ['looked_after'], null, la.start, `the case file has a period of care from ${la.start} but the return has no usable episode starting on or before ${asOf}`);
      continue;
    }
    const E = RETURN_FILES.episodes;
    if (!la) {
      add('looked_after', null, r.start, null, `the return has a period of care from ${r.start} (${at(E, r.first.line)}) but the case file has no looked_after block`);
      continue;
    }
    if (r.start !== la.start) add('looked_after.start', ['looked_after', 'start'], r.start, la.start, `care start: ${r.start} in the return (${at(E, r.first.line)}), ${la.start} in the case file`);
    if (r.legalStatus !== undefined && r.legalStatus !== (la.legal_status ?? null)) {
      add('looked_after.legal_status', ['looked_after', 'legal_status'], r.legalStatus, la.legal_status ?? null, `legal status: ${r.legalStatus} in the return's latest episode, ${show(la.legal_status)} in the case file`);
    }
    if (r.placement !== undefined && r.placement !== (la.placement ?? null)) {
      add('looked_after.placement', ['looked_after', 'placement'], r.placement, la.placement ?? null, `placement: ${r.placement} in the return's latest episode, ${show(la.placement)} in the case file`);
    }
    if (r.end !== (la.end ?? null)) {
      const what = r.end ? `care ended on ${r.end} in the return` : `the return shows the child looked after at ${asOf}`;
      add('looked_after.end', ['looked_after', 'end'], r.end, la.end ?? null, `care end: ${what}; the case file has ${la.end ? `an end on ${la.end}` : 'no end'}`);
    }
    if (r.reasonCeased !== undefined && r.reasonCeased !== (la.reason_ceased ?? null)) {
      add('looked_after.reason_ceased', ['looked_after', 'reason_ceased'], r.reasonCeased, la.reason_ceased ?? null, `reason ceased: ${show(r.reasonCeased)} in the return, ${show(la.reason_ceased)} in the case file`);
    }
    const fileReviews = new Set(child.reviews);
    const returnReviews = new Map(r.reviews.map((x) => [x.date, x.line]));
    for (const [date, line] of returnReviews) {
      if (!fileReviews.has(date)) add('reviews', ['reviews'], date, null, `review ${date} is in the return (${at(RETURN_FILES.reviews, line)}) but not in the case file`);
    }
    // A return holds the reviews of its own year only: a file review before the first review date the
    // return holds (for any child) is from an earlier return, not a disagreement.
    child.reviews.forEach((date, i) => {
      if (date >= reviewsFrom && !returnReviews.has(date)) add('reviews', ['reviews', i], null, date, `review ${date} is in the case file but not in the return`);
    });
  }

  let onlyInReturn = 0;
  for (const rc of [...reading.children.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    if (!rc.inScope || seen.has(rc.id)) continue;
    onlyInReturn++;
    const r = rc.record!;
    const when = reading.options.period ? `between ${reading.options.period.start} and ${reading.options.period.end}` : `at ${asOf}`;
    out.push({
      child: rc.id,
      file: null,
      field: 'file',
      path: null,
      inReturn: r.start,
      inCaseFile: null,
      message: `the return shows the child looked after ${when} (from ${r.start}) but there is no case file cases/${rc.id}.md`,
    });
  }
  return { compared, onlyInReturn, onlyInCaseFiles, unreadable, disagreements: out };
}
