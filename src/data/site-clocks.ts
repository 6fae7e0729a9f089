/** Every open clock of a data root at a date: the site's second reading of the engine (see openClockPolicy). */
import { CLOCK_RULES } from '../domain/clock-rules.js';
import type { IsoDate } from '../domain/dates.js';
import { evaluate } from '../domain/engine.js';
import type { Finding } from '../domain/findings.js';
import { openClockPolicy } from '../domain/tracker.js';
import { readableCases, type DataRoot } from './data-root.js';

export function openClocks(data: DataRoot, asOf: IsoDate): Finding[] {
  const cases = readableCases(data).map((c) => ({ file: c.file, child: c.readable, locate: c.locate }));
  // Clocks only (data-consistency reads none: its findings, with no due date, are among the findings).
  return evaluate(cases, { asOf, policy: openClockPolicy(data.policy), calendar: data.calendar }, CLOCK_RULES);
}
