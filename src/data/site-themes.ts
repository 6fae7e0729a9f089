/**
 * The themes page's figures (twelve month ends read by the rule engine: the longest single computation of a
 * site build) computed beside the Astro build instead of in it: buildSite reads the data root and computes
 * them in its own process while Astro starts and bundles the pages, and sends them to the build on its
 * standard input (PANEL_THEMES_STDIN=1). The build uses them when they are for its data root and date, and
 * computes them itself otherwise (nothing sent, the sender gone, or sent for another build): the same
 * function on the same files either way, so the page is the same.
 */
import path from 'node:path';
import type { IsoDate } from '../domain/dates.js';
import { computeThemes, type Themes } from '../domain/themes.js';
import { readDataRoot, validCases, type DataRoot } from './data-root.js';

/** The themes of a data root at a date (the one computation, wherever it runs). */
export function themesOf(data: DataRoot, asOf: IsoDate): Themes {
  return computeThemes(validCases(data).map((c) => c.value), asOf, data.policy, data.calendar);
}

interface ThemesMessage {
  root: string;
  asOf: IsoDate;
  themes: Themes;
}

/** Reads the data root and computes its themes, as the message to send; '' when they cannot be computed here. */
export function themesMessage(root: string, asOf: IsoDate): string {
  try {
    const message: ThemesMessage = { root: path.resolve(root), asOf, themes: themesOf(readDataRoot(root), asOf) };
    return JSON.stringify(message);
  } catch {
    // The build computes them itself, and reports any error there.
    return '';
  }
}

/** The themes in a message, if it is for this data root and date. */
export function themesFromMessage(text: string, root: string, asOf: IsoDate): Themes | null {
  if (!text) return null;
  try {
    const message = JSON.parse(text) as ThemesMessage;
    return message.root === path.resolve(root) && message.asOf === asOf ? message.themes : null;
  } catch {
    return null;
  }
}

let received: Promise<string> | undefined;

/** Everything sent on this process's standard input, once it is closed ('' when nothing was). */
export function receivedThemesMessage(): Promise<string> {
  received ??= new Promise((resolve) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', () => resolve(''));
  });
  return received;
}
