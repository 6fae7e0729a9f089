/** Options shared by the sub-commands, and the usage error (exit code 2) they raise. */
import { statSync } from 'node:fs';
import path from 'node:path';
import { EARLIEST_DATE, isIsoDate, isPlausibleDate, LATEST_DATE, todayIso, type IsoDate } from '../domain/dates.js';

export class UsageError extends Error {}

export function resolveRoot(root: string | undefined): string {
  const abs = path.resolve(root ?? '.');
  let st;
  try {
    st = statSync(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`--root ${root}: ${code === 'ENOENT' ? 'no such folder' : code === 'ELOOP' ? 'a symbolic link that leads round in a loop' : code === 'EACCES' ? 'permission denied' : 'cannot be opened'}`);
  }
  if (!st.isDirectory()) throw new UsageError(`--root ${root}: this is a file, not a folder: give the folder that holds panel.yaml, cases/ and meetings/`);
  return abs;
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
