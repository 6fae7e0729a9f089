/**
 * Redaction for a pack circulated more widely. The redacted pack is built from a redacted model (id,
 * initials, age in years: see src/data/pack-model.ts); this module gives the initials, and the one filter
 * every free text of that model goes through (reasons, finding messages, decisions, actions, "what
 * changed" lines, timeline events), so a name or a date of birth written inside a sentence is hidden too.
 *
 * Names are matched as people write them: any letter case; possessives ("Tobi's", "James'"); straight,
 * curly and modifier apostrophes (O'Brien, O’Brien, Oʼ Brien's apostrophe); composed and decomposed accents,
 * and the same name written without its accents (Zoë, Zoe); each part of a hyphenated or several-part name
 * on its own ("Mary-Jane" -> "M.-J." -> "M.J."). A part written in lower case inside a name ("de", "van",
 * "bin") is a particle, not hidden on its own. Dates of birth are removed in every form the product or a
 * person prints them: 2017-04-22, 22/04/2017, 22.04.17, 20170422, 22 Apr 2017, 22nd April 2017,
 * Saturday 22 April 2017, April 22, 2017.
 */
import type { IsoDate } from './dates.js';

/** The date of birth, wherever it was written in a free text. */
export const DOB_REMOVED = '[date of birth removed]';

const APOSTROPHES = /['’‘ʼ`´]/g;
const COMBINING = /\p{M}/gu;

/** The form two spellings of a name part are compared in: NFD without accents, one apostrophe, lower case. */
export function nameKey(word: string): string {
  return word.normalize('NFD').replace(COMBINING, '').replace(APOSTROPHES, "'").toLowerCase();
}

/** The parts of a name that are hidden wherever they appear: every part but lower-case particles and single letters. */
function nameParts(name: string): string[] {
  return name
    .normalize('NFC')
    .split(/[\s\-‐‑–—_/,.()]+/u)
    .map((raw) => raw.replace(/[^\p{L}\p{M}'’‘ʼ`´]/gu, '').replace(/^['’‘ʼ`´]+|['’‘ʼ`´]+$/gu, ''))
    .filter((part) => [...part.replace(COMBINING, '')].length >= 2 && !(part === part.toLowerCase() && part !== part.toUpperCase()));
}

/** "Amelia Hart" -> "A.H."; "Mary-Jane O'Brien" -> "M.J.O."; particles ("de la") are left out. */
export function initials(name: string): string {
  const parts = nameParts(name);
  const letters = (parts.length ? parts : name.normalize('NFC').split(/\s+/).filter(Boolean)).map((p) => p.normalize('NFC')[0]?.toUpperCase() ?? '');
  return letters.filter(Boolean).map((l) => `${l}.`).join('') || '?';
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const WEEKDAY = '(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+)?';
const ORD = '(?:st|nd|rd|th)?';
/** Every way a date is written here; each alternative's groups give day, month and year. */
const DATE = new RegExp(
  [
    `(?<![\\d-])(\\d{4})-(\\d{1,2})-(\\d{1,2})(?![\\d-]|\\.\\d)`, // 2017-04-22
    `(?<![\\d/.-])(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4}|\\d{2})(?![\\d/-]|\\.\\d)`, // 22/04/2017, 22.04.17, 22-04-2017
    `(?<!\\d)(\\d{4})(\\d{2})(\\d{2})(?!\\d)`, // 20170422
    `${WEEKDAY}(?<!\\d)(\\d{1,2})${ORD}(?:\\s+of)?\\s+${MONTH},?\\s+(\\d{4})(?!\\d)`, // Saturday 22nd April 2017
    `${WEEKDAY}${MONTH}\\s+(\\d{1,2})${ORD},?\\s+(\\d{4})(?!\\d)`, // April 22, 2017
  ].join('|'),
  'giu',
);

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const monthOf = (word: string) => MONTHS.findIndex((m) => m.startsWith(word.toLowerCase().replace('.', '').slice(0, 3))) + 1;

/** The ISO dates a written date can mean (a two-digit year can be 19xx or 20xx). */
function datesMeant(g: (string | undefined)[]): string[] {
  const [y1, m1, d1, d2, m2, y2, y3, m3, d3, d4, m4, y4, m5, d5, y5] = g;
  if (y1) return [iso(+y1, +m1!, +d1!)];
  if (d2) return y2!.length === 4 ? [iso(+y2!, +m2!, +d2)] : [iso(1900 + +y2!, +m2!, +d2), iso(2000 + +y2!, +m2!, +d2)];
  if (y3) return [iso(+y3, +m3!, +d3!)];
  if (d4) return [iso(+y4!, monthOf(m4!), +d4)];
  if (m5) return [iso(+y5!, monthOf(m5), +d5!)];
  return [];
}

export interface Redaction {
  /** Every name a child is or was known by: the children's names and former names from the audit trail. */
  names: readonly string[];
  /** Every date of birth, current and former (a corrected one is still a date of birth). */
  datesOfBirth?: readonly IsoDate[];
}

/**
 * One pass over the words of the text (a map lookup per word, whatever the number of names): each part of
 * a listed name becomes its initial, keeping a possessive ("Tobi's" -> "T.'s"); adjacent initials are then
 * joined ("A. Hart" -> "A.H."); then each date of birth, in any form, becomes DOB_REMOVED.
 */
export function redactor(input: Redaction | readonly string[]): (text: string) => string {
  const { names, datesOfBirth = [] } = Array.isArray(input) ? { names: input as readonly string[] } : (input as Redaction);
  const replacements = new Map<string, string>();
  for (const name of names) {
    for (const part of nameParts(name)) {
      const initial = `${part.normalize('NFC')[0].toUpperCase()}.`;
      const key = nameKey(part);
      replacements.set(key, initial);
      // O'Brien is also written OBrien.
      if (key.includes("'")) replacements.set(key.replace(/'/g, ''), initial);
    }
  }
  const dobs = new Set<string>(datesOfBirth);
  const keys = [...replacements.keys()];
  const hideNames = (text: string) =>
    text
      .replace(WORD, (word, offset: number, source: string) => {
        const key = nameKey(word);
        const whole = replacements.get(key);
        if (whole) return whole;
        // A possessive: the name then 's, or just ' after an s.
        const m = /^(.*?)('s?|')$/u.exec(key);
        if (m) {
          const stem = replacements.get(m[1]);
          if (stem) return `${stem}${word.slice(word.length - m[2].length)}`;
        }
        // A text cut short ("Ameli…") may end inside a name.
        if (source[offset + word.length] === '…') {
          const cut = keys.find((k) => k.startsWith(key));
          if (cut) return replacements.get(cut)!;
        }
        return word;
      })
      .replace(ADJACENT_INITIALS, '');
  const hideDates = (text: string) =>
    text.replace(DATE, (match, ...groups) => (datesMeant(groups.slice(0, 15)).some((d) => dobs.has(d)) ? DOB_REMOVED : match));
  return (text) => {
    let out = text.normalize('NFC');
    if (replacements.size) out = hideNames(out);
    if (dobs.size) out = hideDates(out);
    return out;
  };
}

/** A word: letters with their accents, apostrophes inside or after (possessives). */
const WORD = /[\p{L}\p{M}][\p{L}\p{M}'’‘ʼ`´]*/gu;
const ADJACENT_INITIALS = /(?<=(?:^|[^\p{L}])\p{Lu}\.)[ \-‐‑](?=\p{Lu}\.(?:$|[^\p{L}]))/gu;

/**
 * Bidirectional controls (U+202A-202E, U+2066-2069, U+200E/F, U+061C) in text from a file are shown, never
 * obeyed: a right-to-left override in a name would otherwise reorder what a reader sees.
 */
export const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

export function showBidi(text: string): string {
  return text.replace(BIDI_CONTROLS, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}
