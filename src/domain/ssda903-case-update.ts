/**
 * An update of an existing case file from the SSDA903 return, changing only the fields that come from the
 * return. Pure: text in, text out.
 *
 * An update edits the front matter in place: each changed value is replaced where it stands in the text
 * (positions from the `yaml` package's Document API), so comments, order, spacing and everything a person
 * wrote stay as they were, and the body is never touched. Where a block is missing or written in a shape
 * that cannot be edited in place, the edit falls back to `setIn` on the parsed Document, which also keeps
 * comments and order. Either way the result is parsed again and must hold exactly the intended data.
 */
import { isMap, isScalar, isSeq, parseDocument, stringify, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { isIsoDate, type IsoDate } from './dates.js';
import { IMPORT_NOTE, importStartNote } from './ssda903-case-file.js';
import { recordWithHistory, type CareHistory, type ReturnChild, type ReturnIssue, type ReturnRecord } from './ssda903.js';

const YAML_OUT = { lineWidth: 0, flowCollectionPadding: false } as const;

export type FieldPath = readonly (string | number)[];

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** A value a person confirmed that the return would change: left as it is, and reported. */
export interface KeptValue {
  field: string;
  value: unknown;
  fromReturn: unknown;
  comment: string;
}

export type UpdateResult =
  | { ok: true; text: string; changes: FieldChange[]; reviewsAdded: IsoDate[]; reviewsRemoved: IsoDate[]; warnings: string[]; kept: KeptValue[] }
  | { ok: false; reason: string };

interface Edit {
  path: FieldPath;
  value: unknown;
}

/** Splits a case file into its front matter and the rest, keeping every byte of both. */
export function splitFrontMatter(text: string): { before: string; yaml: string; after: string } | null {
  const open = /^(\uFEFF?---[ \t]*\r?\n)/.exec(text);
  if (!open) return null;
  const rest = text.slice(open[1].length);
  const close = /^---[ \t]*(\r?\n|$)/m.exec(rest);
  if (!close) return null;
  return { before: open[1], yaml: rest.slice(0, close.index), after: rest.slice(close.index) };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

interface Parsed {
  parts: { before: string; yaml: string; after: string };
  doc: Document;
  current: Record<string, unknown>;
}

function parseCase(text: string): Parsed | { ok: false; reason: string } {
  const parts = splitFrontMatter(text);
  if (!parts) return { ok: false, reason: 'the file has no front matter (a line "---", the fields, a line "---")' };
  const doc = parseDocument(parts.yaml);
  if (doc.errors.length) {
    const e = doc.errors[0];
    const line = (e.linePos?.[0].line ?? 0) + parts.before.split('\n').length - 1;
    return { ok: false, reason: `the front matter cannot be read (YAML syntax, line ${line}: ${e.message.split('\n')[0]}); fix it first (panel check shows the problem)` };
  }
  const current = doc.toJS() as Record<string, unknown> | null;
  if (!current || typeof current !== 'object' || Array.isArray(current)) return { ok: false, reason: 'the front matter is not a block of fields' };
  return { parts, doc, current };
}

/**
 * A case file brought up to date from the child's reading in a (perhaps later) return: the period of care
 * the file holds is continued where the return's first episode continues it (recordWithHistory), then the
 * return's fields are updated as updateCaseFile does. `continued` says why the file's care start was kept.
 */
export function updateFromReturn(
  text: string,
  child: ReturnChild,
  asOf: IsoDate,
): (UpdateResult & { record: ReturnRecord; notes: ReturnIssue[]; continued: string | null }) | { ok: false; reason: string; record: ReturnRecord; notes: ReturnIssue[]; continued: null } {
  const parsed = parseCase(text);
  if ('ok' in parsed) return { ...parsed, record: child.record!, notes: child.notes, continued: null };
  const la = parsed.current.looked_after as Record<string, unknown> | null | undefined;
  const iso = (v: unknown): v is IsoDate => typeof v === 'string' && isIsoDate(v);
  const history: CareHistory | null =
    la && typeof la === 'object' && iso(la.start) && (la.end === null || la.end === undefined || iso(la.end))
      ? { start: la.start, end: (la.end as IsoDate | null | undefined) ?? null }
      : null;
  const { record, notes, continued } = recordWithHistory(child, history, asOf);
  return { ...update(text, parsed, record, asOf), record, notes, continued };
}

/**
 * The existing case file with the return's fields brought up to date: dob, looked_after (start, legal
 * status, placement, end, reason ceased), reviews, and permanence.secured/route when the return's reason
 * ceased means permanence (or cleared when care began again after it). A value the return does not have in
 * usable form is left as it is, and so is a value a person confirmed (`confirmedComment`), which is reported
 * in `kept`. Reviews are the union of the return's and the file's within the period of care, ascending,
 * once each; a file review outside the period would make the file inconsistent and is removed (and
 * reported by the caller), unless a person confirmed it.
 */
export function updateCaseFile(text: string, record: ReturnRecord, asOf: IsoDate): UpdateResult {
  const parsed = parseCase(text);
  if ('ok' in parsed) return parsed;
  return update(text, parsed, record, asOf);
}

/**
 * The comment a person wrote on a line, or null. A value is confirmed when a comment stands on its line
 * (`start: 2014-03-03  # confirmed with the IRO`), on the line of the block holding it (`looked_after:  #
 * checked`), or, for reviews, on the `reviews:` line (every date listed) or on one item's line (that date).
 * A blank value (`placement:` with nothing after the colon) is never confirmed: filling it in overwrites
 * nothing. The import's own note asking for a care start to be confirmed is not a confirmation.
 */
export function confirmedComment(source: string, from: number): string | null {
  const end = source.indexOf('\n', from);
  const line = source.slice(from, end < 0 ? undefined : end).replace(/'[^']*'|"(?:[^"\\]|\\.)*"/g, (q) => ' '.repeat(q.length));
  const m = /(?:^|\s)#(.*)$/.exec(line);
  if (!m) return null;
  const comment = m[1].trim();
  return comment.startsWith(IMPORT_NOTE) ? null : comment;
}

/** The pairs along a path in the front matter (root first); stops where the path is not a block of fields. */
function pairsAlong(doc: Document, path: FieldPath): Pair[] {
  const out: Pair[] = [];
  let node: unknown = doc.contents;
  for (const k of path) {
    if (!isMap(node)) break;
    const pair = (node as YAMLMap).items.find((p: Pair) => isScalar(p.key) && p.key.value === k);
    if (!pair) break;
    out.push(pair);
    node = pair.value;
  }
  return out;
}

const isBlank = (node: unknown) => node === null || node === undefined || (isScalar(node) && node.range !== undefined && node.range !== null && node.range[0] === node.range[1]);

function confirmationOf(source: string, doc: Document, path: FieldPath): string | null {
  const pairs = pairsAlong(doc, path);
  if (pairs.length === path.length && isBlank(pairs.at(-1)!.value)) return null;
  for (const pair of pairs) {
    const key = pair.key as Node;
    if (!key.range) continue;
    const comment = confirmedComment(source, key.range[0]);
    if (comment !== null) return comment;
  }
  return null;
}

/** Review dates a person confirmed: every date when the `reviews:` line has a comment, else those whose item line has one. */
function confirmedReviews(source: string, doc: Document): Map<string, string> {
  const out = new Map<string, string>();
  const [pair] = pairsAlong(doc, ['reviews']);
  if (!pair || !isSeq(pair.value)) return out;
  const key = pair.key as Node;
  const whole = key.range ? confirmedComment(source, key.range[0]) : null;
  const seq = pair.value;
  for (const item of seq.items) {
    if (!isScalar(item) || typeof item.value !== 'string') continue;
    const own = !seq.flow && item.range ? confirmedComment(source, item.range[0]) : null;
    const comment = whole ?? own;
    if (comment !== null) out.set(item.value, comment);
  }
  return out;
}

function update(text: string, { parts, doc, current }: Parsed, record: ReturnRecord, asOf: IsoDate): UpdateResult {
  const wanted: Edit[] = [
    { path: ['dob'], value: record.dob },
    { path: ['looked_after', 'start'], value: record.start },
  ];
  if (record.legalStatus !== undefined) wanted.push({ path: ['looked_after', 'legal_status'], value: record.legalStatus });
  if (record.placement !== undefined) wanted.push({ path: ['looked_after', 'placement'], value: record.placement });
  wanted.push({ path: ['looked_after', 'end'], value: record.end });
  if (record.reasonCeased !== undefined) wanted.push({ path: ['looked_after', 'reason_ceased'], value: record.reasonCeased });
  const permanence = current.permanence as Record<string, unknown> | null | undefined;
  if (record.permanence) {
    wanted.push({ path: ['permanence', 'secured'], value: record.permanence.secured });
    wanted.push({ path: ['permanence', 'route'], value: record.permanence.route });
  } else if (permanence && typeof permanence.secured === 'string' && permanence.secured <= record.start) {
    // Permanence secured when an earlier period ended; care began again on record.start, so it broke down.
    wanted.push({ path: ['permanence', 'secured'], value: null });
    if (permanence.route !== undefined && permanence.route !== null) wanted.push({ path: ['permanence', 'route'], value: null });
  }

  const warnings: string[] = [];
  const kept: KeptValue[] = [];
  let reviewsAdded: IsoDate[] = [];
  let reviewsRemoved: IsoDate[] = [];
  const fileReviews = current.reviews ?? [];
  if (!Array.isArray(fileReviews) || fileReviews.some((r) => typeof r !== 'string' || !isIsoDate(r))) {
    warnings.push('reviews were not updated: the case file\'s reviews are not a list of YYYY-MM-DD dates; correct them (panel check shows where) and run the update again');
  } else {
    const confirmed = confirmedReviews(parts.yaml, doc);
    const fromReturn = record.reviews.map((r) => r.date);
    const until = record.end ?? asOf;
    const fits = (d: string) => d >= record.start && d <= until;
    const stays = (d: string) => fits(d) || confirmed.has(d);
    const merged = [...new Set([...fromReturn, ...fileReviews.filter(stays)])].sort();
    reviewsAdded = fromReturn.filter((d) => !fileReviews.includes(d));
    reviewsRemoved = [...new Set(fileReviews.filter((d) => !stays(d)))];
    for (const d of new Set(fileReviews.filter((d) => !fits(d) && confirmed.has(d)))) {
      kept.push({ field: 'reviews', value: d, fromReturn: `outside the period of care ${record.start} to ${record.end ?? `${asOf} (still looked after)`}`, comment: confirmed.get(d)! });
    }
    if (!same(merged, fileReviews)) wanted.push({ path: ['reviews'], value: merged });
  }

  const at = (path: FieldPath) => path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k as string] : undefined), current);
  const edits: Edit[] = [];
  for (const e of wanted) {
    if (same(at(e.path), e.value)) continue;
    const comment = e.path[0] === 'reviews' ? null : confirmationOf(parts.yaml, doc, e.path);
    if (comment !== null) kept.push({ field: e.path.join('.'), value: at(e.path) ?? null, fromReturn: e.value, comment });
    else edits.push(e);
  }
  const changes = edits.map((e) => ({ field: e.path.join('.'), from: at(e.path) ?? null, to: e.value }));
  if (!edits.length) return { ok: true, text, changes: [], reviewsAdded: [], reviewsRemoved: [], warnings, kept };

  const expected = structuredClone(current);
  for (const e of edits) setPath(expected, e.path, e.value);
  const eol = parts.yaml.includes('\r\n') ? '\r\n' : '\n';
  const check = (yaml: string | null) => {
    if (yaml === null) return false;
    const again = parseDocument(yaml);
    return !again.errors.length && same(again.toJS(), expected);
  };
  // The import's own "confirm" note after the care start follows the start: gone once the start is known.
  const startEdited = edits.some((e) => e.path.join('.') === 'looked_after.start');
  const startNote = startEdited ? (record.first.rne !== 'S' && !record.continued ? importStartNote(record.first.rne) : null) : undefined;
  let yaml = editInPlace(parts.yaml, doc, edits, eol, startNote);
  if (!check(yaml)) yaml = editWithSetIn(parts.yaml, edits, eol);
  if (!check(yaml)) return { ok: false, reason: 'the front matter could not be updated without changing other fields; nothing was written' };
  const added = edits.some((e) => e.path[0] === 'reviews') ? reviewsAdded : [];
  const removed = edits.some((e) => e.path[0] === 'reviews') ? reviewsRemoved : [];
  return { ok: true, text: parts.before + yaml + parts.after, changes, reviewsAdded: added, reviewsRemoved: removed, warnings, kept };
}

function setPath(o: Record<string, unknown>, path: FieldPath, value: unknown) {
  let at = o;
  for (const k of path.slice(0, -1)) {
    const next = at[k as string];
    if (!next || typeof next !== 'object' || Array.isArray(next)) at[k as string] = {};
    at = at[k as string] as Record<string, unknown>;
  }
  at[path.at(-1) as string] = value;
}

const scalarText = (value: unknown) => stringify(value).trimEnd();
const flowText = (values: unknown[]) => `[${values.map(scalarText).join(', ')}]`;

/**
 * Splices each new value over the old one in the source text; null when an edit needs a new block.
 * `startNote`: the import's own note after the care start, rewritten (a string), removed (null) or left
 * alone (undefined).
 */
function editInPlace(source: string, doc: Document, edits: Edit[], eol: string, startNote?: string | null): string | null {
  const splices: { from: number; to: number; text: string }[] = [];
  for (const e of edits) {
    const parent = e.path.length > 1 ? doc.getIn(e.path.slice(0, -1), true) : doc.contents;
    if (!isMap(parent)) return null;
    const pair = (parent as YAMLMap).items.find((p: Pair) => isScalar(p.key) && p.key.value === e.path.at(-1));
    if (!pair || !isScalar(pair.key) || !pair.key.range) return null;
    const node = pair.value as Node | null;
    const afterColon = () => {
      const colon = source.indexOf(':', pair.key && isScalar(pair.key) ? pair.key.range![1] : 0);
      return colon < 0 ? null : colon + 1;
    };
    const list = Array.isArray(e.value);
    if (isSeq(node) && list && node.range) {
      const values = e.value as unknown[];
      if (node.flow) splices.push({ from: node.range[0], to: node.range[1], text: flowText(values) });
      else {
        // A block list: each date a line; an old item's line is kept whole (with a comment a person wrote on it).
        if (!values.length || node.items.some((i) => (i as Node).commentBefore)) return null;
        const start = node.range[0];
        const indent = ' '.repeat(start - (source.lastIndexOf('\n', start - 1) + 1));
        const oldLines = new Map<unknown, string>();
        for (const item of node.items) {
          if (!isScalar(item) || !item.range) return null;
          const lineStart = source.lastIndexOf('\n', item.range[0] - 1) + 1;
          const lineEnd = source.indexOf('\n', item.range[0]);
          const line = source.slice(lineStart, lineEnd < 0 ? undefined : lineEnd).replace(/\r$/, '');
          if (!line.trimStart().startsWith('-')) return null; // several items on one line: not this simple shape
          oldLines.set(item.value, line.trimStart());
        }
        const old = source.slice(node.range[0], node.range[1]);
        const trailing = /\r?\n$/.test(old) ? eol : '';
        const text = values.map((v, i) => `${i ? indent : ''}${oldLines.get(v) ?? `- ${scalarText(v)}`}`).join(eol) + trailing;
        splices.push({ from: node.range[0], to: node.range[1], text });
      }
      continue;
    }
    const text = list ? flowText(e.value as unknown[]) : scalarText(e.value);
    if (node === null || (isScalar(node) && node.range && node.range[0] === node.range[1])) {
      // `key:` with no value (perhaps a comment after it): the value goes right after the colon.
      const pos = afterColon();
      if (pos === null) return null;
      splices.push({ from: pos, to: pos, text: ` ${text}` });
    } else if (isScalar(node) && node.range) {
      splices.push({ from: node.range[0], to: node.range[1], text });
      if (startNote !== undefined && e.path.join('.') === 'looked_after.start') {
        const lineEnd = source.indexOf('\n', node.range[1]);
        const rest = source.slice(node.range[1], lineEnd < 0 ? undefined : lineEnd).replace(/\r$/, '');
        const hash = rest.indexOf(`# ${IMPORT_NOTE}`);
        if (hash >= 0) {
          const from = node.range[1] + rest.slice(0, hash).trimEnd().length;
          splices.push({ from, to: node.range[1] + rest.length, text: startNote === null ? '' : ` # ${startNote}` });
        }
      }
    } else return null;
  }
  splices.sort((a, b) => b.from - a.from);
  let out = source;
  for (const s of splices) out = out.slice(0, s.from) + s.text + out.slice(s.to);
  return out;
}

/** The fallback: setIn on the Document (creating a missing or null block), then the whole front matter printed again. */
function editWithSetIn(source: string, edits: Edit[], eol: string): string | null {
  const doc = parseDocument(source);
  for (const e of edits) {
    for (let i = 1; i < e.path.length; i++) {
      const parent = doc.getIn(e.path.slice(0, i), true);
      if (!isMap(parent)) doc.setIn(e.path.slice(0, i), doc.createNode({}));
    }
    const node = doc.createNode(e.value);
    if (isSeq(node)) node.flow = true;
    const old = doc.getIn(e.path, true) as Node | undefined;
    if (old && (old.comment || old.commentBefore)) {
      node.comment = old.comment;
      node.commentBefore = old.commentBefore;
    }
    doc.setIn(e.path, node);
  }
  const out = doc.toString(YAML_OUT);
  return eol === '\n' ? out : out.replace(/\r?\n/g, eol);
}
