/** Options shared by the sub-commands, and the usage error (exit code 2) they raise. */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { isIsoDate, todayIso, type IsoDate } from '../domain/dates.js';

export class UsageError extends Error {}

export function resolveRoot(root: string | undefined): string {
  const abs = path.resolve(root ?? '.');
  if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new UsageError(`--root ${root}: no such folder`);
  return abs;
}

/** The as-of date: given, or today (the one place the CLI reads the clock). */
export function resolveAsOf(value: string | undefined, now: () => Date = () => new Date()): IsoDate {
  if (value === undefined) return todayIso(now());
  if (!isIsoDate(value)) throw new UsageError(`--as-of: expected a real date written YYYY-MM-DD, found "${value}"`);
  return value;
}

export function useColor(stream: NodeJS.WriteStream): boolean {
  return !!stream.isTTY && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
}
