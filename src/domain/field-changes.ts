/**
 * What changed between two versions of a file's front matter, phrased as a panel administrator would say
 * it: "review added 2026-08-27", "action "Refer to RAA" marked done 2026-06-17", "plan.route changed from
 * return-home to adoption". Pure: it compares two plain objects (parsed YAML), whatever their validity, so
 * the audit trail can describe an invalid version as well as a valid one.
 *
 * Absent and null are the same ("end: null" and no "end" both mean not recorded), and so are an absent
 * list and an empty one, so adding an explicit null is not reported as a change.
 */
import { distance } from 'fastest-levenshtein';

export type FieldChangeKind = 'added' | 'removed' | 'changed';

export interface FieldChange {
  /** Where: a dotted path; list items by key, e.g. `panel[2026-06-05].actions["Refer to RAA"].done`. */
  field: string;
  kind: FieldChangeKind;
  /** The value before (null when added). */
  from: unknown;
  /** The value after (null when removed). */
  to: unknown;
  /** One line for people. */
  text: string;
}

type Plain = Record<string, unknown>;

const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);
const isEmpty = (v: unknown) => v === null || v === undefined;
const isScalar = (v: unknown) => v === null || (typeof v !== 'object' && typeof v !== 'function');

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isEmpty(a) && isEmpty(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    const x = Array.isArray(a) ? a : isEmpty(a) ? [] : null;
    const y = Array.isArray(b) ? b : isEmpty(b) ? [] : null;
    return !!x && !!y && x.length === y.length && x.every((v, i) => deepEqual(v, y[i]));
  }
  if (isPlain(a) && isPlain(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!deepEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

const MAX_TEXT = 80;

/** A value as it reads in a sentence: dates and codes bare, text with spaces quoted, long text shortened. */
export function showValue(v: unknown): string {
  if (isEmpty(v)) return 'nothing';
  if (typeof v === 'string') {
    const short = v.length > MAX_TEXT ? `${v.slice(0, MAX_TEXT - 1)}…` : v;
    return /^[\w.:/+-]+$/.test(v) ? short : JSON.stringify(short);
  }
  if (Array.isArray(v)) return `[${v.map(showValue).join(', ')}]`;
  if (isPlain(v)) {
    const json = JSON.stringify(v);
    return json.length > MAX_TEXT ? `${json.slice(0, MAX_TEXT - 1)}…` : json;
  }
  return String(v);
}

/** A date recorded for the first time reads as the event it records. */
const EVENTS: Record<string, string> = {
  'looked_after.start': 'became looked after',
  'looked_after.end': 'ceased to be looked after',
  'plo.start': 'pre-proceedings (PLO) started',
  'plo.end': 'pre-proceedings (PLO) ended',
  'proceedings.issued': 'care proceedings issued',
  'proceedings.final_hearing': 'final hearing listed for',
  'proceedings.concluded': 'care proceedings concluded',
  'fgc.referred': 'referred to a family group conference',
  'fgc.held': 'family group conference held',
  'plan.agreed': 'permanence plan agreed',
  'plan.confirmed': 'permanence plan confirmed',
  'plan.emergency_change': 'permanence plan changed in an emergency',
  'plan.change_proposed': 'change to the plan for adoption proposed',
  'adoption.agency_decision': 'agency decision (should be placed for adoption)',
  'adoption.placement_order': 'placement order made',
  'adoption.match_recommended': 'adoption panel recommended the match',
  'adoption.match_decision': 'agency match decision',
  'adoption.placed': 'placed for adoption',
  'adoption.order': 'adoption order made',
  'adoption.register_referral': 'referred to the adoption register',
  'permanence.secured': 'permanence secured',
  // meeting files
  agenda_agreed: 'agenda agreed',
  minutes_published: 'minutes published',
};

/** One item of a list of values, named in the singular. */
const ITEM_NAMES: Record<string, string> = {
  reviews: 'review',
  siblings: 'sibling',
  attendees: 'attendee',
  apologies: 'apology',
  agenda: 'agenda item',
};

function scalarChange(field: string, from: unknown, to: unknown, label = field): FieldChange {
  if (isEmpty(from)) {
    const event = EVENTS[field];
    const text = event && typeof to === 'string' ? `${event} ${to}` : `${label} added ${showValue(to)}`;
    return { field, kind: 'added', from: null, to, text };
  }
  if (isEmpty(to)) return { field, kind: 'removed', from, to: null, text: `${label} removed (was ${showValue(from)})` };
  return { field, kind: 'changed', from, to, text: `${label} changed from ${showValue(from)} to ${showValue(to)}` };
}

const asList = (v: unknown): unknown[] | null => (Array.isArray(v) ? v : isEmpty(v) ? [] : null);

/** Items keyed for matching across versions; repeated keys get "#2", "#3" so none is lost. */
function keyed<T>(items: T[], keyOf: (item: T, i: number) => string): Map<string, T> {
  const out = new Map<string, T>();
  items.forEach((item, i) => {
    const base = keyOf(item, i);
    let key = base;
    for (let n = 2; out.has(key); n++) key = `${base}#${n}`;
    out.set(key, item);
  });
  return out;
}

/** Differences between two multisets of scalars, each side in its own order. */
function listDiff(before: unknown[], after: unknown[]): { removed: unknown[]; added: unknown[] } {
  const pool = new Map<string, number>();
  const k = (v: unknown) => JSON.stringify(v ?? null);
  for (const v of before) pool.set(k(v), (pool.get(k(v)) ?? 0) + 1);
  const added: unknown[] = [];
  for (const v of after) {
    const n = pool.get(k(v)) ?? 0;
    if (n > 0) pool.set(k(v), n - 1);
    else added.push(v);
  }
  const removedPool = new Map<string, number>();
  for (const v of after) removedPool.set(k(v), (removedPool.get(k(v)) ?? 0) + 1);
  const removed: unknown[] = [];
  for (const v of before) {
    const n = removedPool.get(k(v)) ?? 0;
    if (n > 0) removedPool.set(k(v), n - 1);
    else removed.push(v);
  }
  return { removed, added };
}

function scalarListChanges(field: string, before: unknown[], after: unknown[], out: FieldChange[]): void {
  const name = ITEM_NAMES[field.split('.').at(-1)!] ?? field;
  const { removed, added } = listDiff(before, after);
  if (!removed.length && !added.length) {
    out.push({ field, kind: 'changed', from: before, to: after, text: `${field} reordered: ${after.map(showValue).join(', ')}` });
    return;
  }
  if (removed.length === 1 && added.length === 1) {
    out.push({ field, kind: 'changed', from: removed[0], to: added[0], text: `${name} changed from ${showValue(removed[0])} to ${showValue(added[0])}` });
    return;
  }
  for (const v of removed) out.push({ field, kind: 'removed', from: v, to: null, text: `${name} removed ${showValue(v)}` });
  for (const v of added) out.push({ field, kind: 'added', from: null, to: v, text: `${name} added ${showValue(v)}` });
}

const quoteKey = (key: string) => JSON.stringify(key);

function actionChanges(base: string, before: unknown[], after: unknown[], out: FieldChange[]): void {
  const name = (a: unknown, i: number) => (isPlain(a) && typeof a.action === 'string' ? a.action : `action ${i + 1}`);
  const a = keyed(before, name);
  const b = keyed(after, name);
  const gone = [...a.keys()].filter((k) => !b.has(k));
  const fresh = [...b.keys()].filter((k) => !a.has(k));
  const pairs: [string, string][] = [...b.keys()].filter((k) => a.has(k)).map((k) => [k, k]);
  // One action out and one in within the same discussion, with the same due date or much the same
  // words: the same action, reworded. Otherwise one was removed and another added.
  if (gone.length === 1 && fresh.length === 1 && sameAction(a.get(gone[0]), b.get(fresh[0]), gone[0], fresh[0])) {
    out.push({ field: `${base}.actions[${quoteKey(fresh[0])}].action`, kind: 'changed', from: gone[0], to: fresh[0], text: `action ${quoteKey(gone[0])} reworded to ${quoteKey(fresh[0])}` });
    pairs.push([gone[0], fresh[0]]);
  } else {
    for (const k of gone) out.push({ field: `${base}.actions[${quoteKey(k)}]`, kind: 'removed', from: a.get(k), to: null, text: `action ${quoteKey(k)} removed` });
    for (const k of fresh) {
      const item = b.get(k);
      const due = isPlain(item) && typeof item.due === 'string' ? ` (due ${item.due})` : '';
      out.push({ field: `${base}.actions[${quoteKey(k)}]`, kind: 'added', from: null, to: item, text: `action ${quoteKey(k)} added${due}` });
    }
  }
  for (const [ka, kb] of pairs) {
    const x = a.get(ka);
    const y = b.get(kb);
    if (deepEqual(x, y)) continue;
    const field = `${base}.actions[${quoteKey(kb)}]`;
    if (!isPlain(x) || !isPlain(y)) {
      diffValue(field, x, y, out);
      continue;
    }
    const label = `action ${quoteKey(kb)}`;
    for (const key of unionKeys(x, y)) {
      if (key === 'action' || deepEqual(x[key], y[key])) continue;
      const from = x[key];
      const to = y[key];
      if (key === 'done' && isEmpty(from)) out.push({ field: `${field}.done`, kind: 'added', from: null, to, text: `${label} marked done ${showValue(to)}` });
      else if (key === 'done' && isEmpty(to)) out.push({ field: `${field}.done`, kind: 'removed', from, to: null, text: `${label} reopened (was done ${showValue(from)})` });
      else if (isScalar(from) && isScalar(to)) out.push(scalarChange(`${field}.${key}`, from, to, `${label} ${key === 'done' || key === 'due' ? `${key} date` : key}`));
      else diffValue(`${field}.${key}`, from, to, out);
    }
  }
}

function sameAction(x: unknown, y: unknown, before: string, after: string): boolean {
  if (isPlain(x) && isPlain(y) && typeof x.due === 'string' && x.due === y.due) return true;
  return distance(before.toLowerCase(), after.toLowerCase()) <= Math.max(before.length, after.length) * 0.4;
}

function panelChanges(field: string, before: unknown[], after: unknown[], out: FieldChange[]): void {
  const dateOf = (d: unknown, i: number) => (isPlain(d) && typeof d.date === 'string' ? d.date : `#${i + 1}`);
  const a = keyed(before, dateOf);
  const b = keyed(after, dateOf);
  for (const [k, item] of a) {
    if (!b.has(k)) out.push({ field: `${field}[${k}]`, kind: 'removed', from: item, to: null, text: `panel discussion removed ${k}` });
  }
  for (const [k, y] of b) {
    const base = `${field}[${k}]`;
    if (!a.has(k)) {
      out.push({ field: base, kind: 'added', from: null, to: y, text: `panel discussion added ${k}` });
      continue;
    }
    const x = a.get(k);
    if (deepEqual(x, y)) continue;
    if (!isPlain(x) || !isPlain(y)) {
      diffValue(base, x, y, out);
      continue;
    }
    for (const key of unionKeys(x, y)) {
      if (key === 'date' || deepEqual(x[key], y[key])) continue;
      const xs = asList(x[key]);
      const ys = asList(y[key]);
      if (key === 'actions' && xs && ys && [...xs, ...ys].every(isPlain)) actionChanges(base, xs, ys, out);
      else if (isScalar(x[key]) && isScalar(y[key])) out.push(scalarChange(`${base}.${key}`, x[key], y[key], `panel ${k} ${key}`));
      else diffValue(`${base}.${key}`, x[key], y[key], out);
    }
  }
}

function unionKeys(a: Plain, b: Plain): string[] {
  const keys = Object.keys(b);
  for (const k of Object.keys(a)) if (!(k in b)) keys.push(k);
  return keys;
}

function diffValue(field: string, before: unknown, after: unknown, out: FieldChange[]): void {
  if (deepEqual(before, after)) return;
  if ((isPlain(before) || isEmpty(before)) && (isPlain(after) || isEmpty(after))) {
    const x = isPlain(before) ? before : {};
    const y = isPlain(after) ? after : {};
    for (const key of unionKeys(x, y)) diffValue(field ? `${field}.${key}` : key, x[key], y[key], out);
    return;
  }
  const xs = asList(before);
  const ys = asList(after);
  if (xs && ys) {
    if (field === 'panel' && [...xs, ...ys].every(isPlain)) return panelChanges(field, xs, ys, out);
    if ([...xs, ...ys].every(isScalar)) return scalarListChanges(field, xs, ys, out);
  }
  out.push(scalarChange(field, before, after));
}

/**
 * The changes from `before` to `after` (front matters as plain objects; anything else counts as empty),
 * in the order of the fields in `after`, then the fields only `before` had.
 */
export function diffFrontMatter(before: unknown, after: unknown): FieldChange[] {
  const out: FieldChange[] = [];
  diffValue('', isPlain(before) ? before : {}, isPlain(after) ? after : {}, out);
  return out;
}
