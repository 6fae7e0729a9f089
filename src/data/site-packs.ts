/**
 * The PDF packs a build writes next to the site (dist/pack-<date>.pdf and -redacted.pdf), for the site to
 * link to. Only when this build renders them (build-site.ts sets PANEL_PACKS_BUILT), so no link is broken.
 */
import { isIsoDate, type IsoDate } from '../domain/dates.js';

export interface PackLinks {
  date: IsoDate;
  full: string;
  redacted: string;
}

export function packLinks(env: NodeJS.ProcessEnv = process.env): PackLinks | null {
  const date = env.PANEL_PACK_DATE;
  if (env.PANEL_PACKS_BUILT !== '1' || !date || !isIsoDate(date)) return null;
  return { date, full: `/pack-${date}.pdf`, redacted: `/pack-${date}-redacted.pdf` };
}
