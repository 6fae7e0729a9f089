/** Options shared by the sub-commands, and the usage error (exit code 2) they raise. */
import { lstatSync, statSync } from 'node:fs';
import path from 'node:path';
import { EARLIEST_DATE, isIsoDate, isPlausibleDate, LATEST_DATE, todayIso, type IsoDate } from '../domain/dates.js';

export class UsageError extends Error {}

/**
 * The data root a command works on: an existing folder holding panel.yaml or cases/. `mayCreate` (a command
 * that makes the case files, `panel import 903`) also takes a folder that is not one yet, unless it lies
 * inside one (its cases/ folder, say).
 */
export function resolveRoot(root: string | undefined, { mayCreate = false }: { mayCreate?: boolean } = {}): string {
  const abs = path.resolve(root ?? '.');
  let st;
  try {
    st = statSync(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`--root ${root}: ${code === 'ENOENT' ? 'no such folder' : code === 'ELOOP' ? 'a symbolic link that leads round in a loop' : code === 'EACCES' ? 'permission denied' : 'cannot be opened'}`);
  }
  if (!st.isDirectory()) throw new UsageError(`--root ${root}: this is a file, not a folder: give the folder that holds panel.yaml, cases/ and meetings/`);
  if (!isDataRoot(abs)) {
    const inside = enclosingDataRoot(abs);
    if (!mayCreate || inside) throw new UsageError(notADataRoot(abs, inside));
  }
  return abs;
}

/**
 * A data root holds panel.yaml (or the panel.yml the policy loader warns about) or a cases/ folder. Any other
 * folder is refused: read as a data root it would pass `panel check` with no case file, and `panel new` would
 * write into it (run from cases/, it made cases/cases/).
 */
export function isDataRoot(dir: string): boolean {
  // Whatever the entry is: a cases that is a file, or a link that loops, is the loader's to report on.
  const has = (name: string) => {
    try {
      lstatSync(path.join(dir, name));
      return true;
    } catch {
      return false;
    }
  };
  return has('panel.yaml') || has('panel.yml') || has('cases');
}

/** The nearest folder above `dir` that is a data root, or null. */
function enclosingDataRoot(dir: string): string | null {
  for (let up = dir; path.dirname(up) !== up; ) {
    up = path.dirname(up);
    if (isDataRoot(up)) return up;
  }
  return null;
}

function notADataRoot(dir: string, inside: string | null): string {
  const what = `${dir} is not a Panel data root: it has no panel.yaml and no cases/ folder.`;
  // Run from inside one (its cases/ or meetings/ folder, say): name the folder to use.
  if (inside) return `${what} It is inside the data root ${inside}: run panel there, or give --root ${inside}.`;
  return `${what} Run panel in your council's repository, or give --root <folder>. (panel init <folder> makes a new one.)`;
}

/** An optional date option: undefined when not given; a usage error when not a real YYYY-MM-DD date. */
export function dateOption(flag: string, value: string | undefined): IsoDate | undefined {
  if (value === undefined) return undefined;
  if (!isIsoDate(value)) throw new UsageError(`${flag}: expected a real date written YYYY-MM-DD, found "${value}"`);
  if (!isPlausibleDate(value)) throw new UsageError(`${flag}: expected a date between ${EARLIEST_DATE} and ${LATEST_DATE}, found "${value}"`);
  return value;
}

/** The as-of date: given, or today (the one place the CLI reads the clock). */
export function resolveAsOf(value: string | undefined, now: () => Date = () => new Date()): IsoDate {
  return dateOption('--as-of', value) ?? todayIso(now());
}

export function useColor(stream: NodeJS.WriteStream): boolean {
  return !!stream.isTTY && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
}
