/**
 * A generator of multi-year SSDA903 returns from a known history (not a test by itself).
 *
 * Each child has a true history: periods of care, each opened by an RNE S episode and continued by
 * episodes of RNE L (legal status changes), P, T, B or U (placement changes), ending with a reason (REC) or
 * still open; reviews held through each period, some late; gaps between periods, some of none (a new
 * period the day the last ended); children in care since long before the first return; short breaks
 * (V3/V4). A yearly return (1 April to 31 March) holds what a real one holds: the children looked after at
 * any time in the year, the episodes open at any time in it (DEC and REC blank where the episode ends after
 * the year), and the reviews held in it. So the RNE S episode of a child who stayed in care is not in the
 * next year's return, and the reviews of earlier years are in none of the later ones.
 *
 * `expected` says what the case files must hold after importing the returns of years 1..k in turn: the
 * care start of the current period (its RNE S episode's DECOM when any imported return showed it, else
 * the earliest DECOM of the period any imported return showed), its end, legal status, and every review
 * of the period held in the imported years, once each, ascending.
 */
export type Iso = string;

export interface TrueEpisode {
  decom: Iso;
  dec: Iso | null;
  rne: 'S' | 'L' | 'P' | 'T' | 'B' | 'U';
  ls: string;
  place: string;
  rec: string | null;
}

export interface TruePeriod {
  episodes: TrueEpisode[];
  start: Iso;
  end: Iso | null;
  reviews: Iso[];
}

export interface TrueChild {
  id: string;
  dob: Iso;
  periods: TruePeriod[];
}

export interface YearReturn {
  year: number;
  start: Iso;
  end: Iso;
  files: Record<string, string>;
  /** Ids in header.csv. */
  children: Set<string>;
}

/** mulberry32: a small seeded generator, so a failing seed can be run again. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}

const DAY = 86_400_000;
export const addDays = (iso: Iso, n: number): Iso => new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const dmy = (iso: Iso | null) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');

const CARE_STATUSES = ['C1', 'C2', 'E1', 'J1', 'J2', 'J3', 'L1', 'L2', 'V2', 'D1'] as const;
const SHORT_BREAKS = ['V3', 'V4'] as const;
const PLACEMENTS = ['U1', 'U3', 'U4', 'U5', 'U6', 'K2', 'R1', 'A3', 'A5', 'P1', 'H5', 'S1', 'T4'] as const;
const ENDINGS = ['E4A', 'E11', 'E12', 'E13', 'E41', 'E45', 'E46', 'E8', 'E15', 'E17', 'E2'] as const;

export interface CorpusOptions {
  seed: number;
  children: number;
  /** The first collection year, e.g. 2016 for 2016-17. */
  firstYear: number;
  years: number;
}

/** Children with true histories from some years before the first return to a year after the last. */
export function generateChildren({ seed, children, firstYear, years }: CorpusOptions): TrueChild[] {
  const r = random(seed);
  const horizon = `${firstYear + years + 1}-03-31`;
  const out: TrueChild[] = [];
  for (let n = 0; n < children; n++) {
    const id = `${seed % 1000}${String(n).padStart(4, '0')}`;
    const dob = addDays(`${firstYear - 15}-01-01`, r.int(0, 14 * 365));
    const periods: TruePeriod[] = [];
    // Care starts anywhere from six years before the first return to the end of the last one.
    let t = addDays(`${firstYear - 6}-04-01`, r.int(0, (6 + years) * 365));
    if (t < addDays(dob, 1)) t = addDays(dob, r.int(1, 60));
    while (t <= horizon) {
      const shortBreaks = r.chance(0.12);
      let ls: string = shortBreaks ? r.pick(SHORT_BREAKS) : r.pick(CARE_STATUSES);
      let place: string = r.pick(PLACEMENTS);
      const episodes: TrueEpisode[] = [{ decom: t, dec: null, rne: 'S', ls, place, rec: null }];
      let end: Iso | null = null;
      let at = t;
      for (;;) {
        at = addDays(at, r.int(20, 420));
        if (at > horizon) break;
        const last = episodes.at(-1)!;
        if (r.chance(0.22)) {
          last.dec = at;
          last.rec = r.pick(ENDINGS);
          end = at;
          break;
        }
        last.dec = at;
        last.rec = 'X1';
        const kind = r.pick(['L', 'L', 'P', 'P', 'T', 'B', 'U'] as const);
        if (kind === 'L' || kind === 'B' || kind === 'U') ls = shortBreaks && r.chance(0.5) ? r.pick(SHORT_BREAKS) : r.pick(CARE_STATUSES);
        if (kind !== 'L') place = r.pick(PLACEMENTS);
        episodes.push({ decom: at, dec: null, rne: kind, ls, place, rec: null });
      }
      // Reviews through the period: the first within about a month, then every 2 to 7 months.
      const reviews: Iso[] = [];
      let review = addDays(t, r.int(5, 40));
      while (review <= (end ?? horizon)) {
        reviews.push(review);
        review = addDays(review, r.int(60, 215));
      }
      periods.push({ episodes, start: t, end, reviews });
      if (end === null || r.chance(0.45)) break;
      t = addDays(end, r.chance(0.15) ? 0 : r.int(1, 700)); // back in care, sometimes the same day
    }
    out.push({ id, dob, periods });
  }
  return out;
}

const yearStart = (y: number) => `${y}-04-01`;
const yearEnd = (y: number) => `${y + 1}-03-31`;

/** The return of collection year `year` (1 April year to 31 March year+1), as its CSV files. */
export function yearReturn(children: TrueChild[], year: number): YearReturn {
  const s = yearStart(year);
  const e = yearEnd(year);
  const header = ['CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB'];
  const episodes = ['CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN'];
  const reviews = ['CHILD,DOB,REVIEW,REVIEW_CODE'];
  const ids = new Set<string>();
  for (const c of children) {
    const eps = c.periods.flatMap((p) => p.episodes).filter((ep) => ep.decom <= e && (ep.dec === null || ep.dec >= s));
    if (!eps.length) continue;
    ids.add(c.id);
    header.push(`${c.id},1,${dmy(c.dob)},WBRI,A${c.id},,`);
    for (const ep of eps) {
      const ended = ep.dec !== null && ep.dec <= e;
      episodes.push(`${c.id},${dmy(ep.decom)},${ep.rne},${ep.ls},N1,${ep.place},PR1,${ended ? dmy(ep.dec) : ''},${ended ? ep.rec : ''},,,,1`);
    }
    for (const r of c.periods.flatMap((p) => p.reviews)) if (r >= s && r <= e) reviews.push(`${c.id},${dmy(c.dob)},${dmy(r)},PN1`);
  }
  const csv = (rows: string[]) => `${rows.join('\r\n')}\r\n`;
  return { year, start: s, end: e, children: ids, files: { 'header.csv': csv(header), 'episodes.csv': csv(episodes), 'reviews.csv': csv(reviews) } };
}

export interface ExpectedFile {
  start: Iso;
  end: Iso | null;
  legalStatus: string;
  reviews: Iso[];
  /** The reason care ended, when it has. */
  reasonCeased: string | null;
}

/**
 * What a child's case file must say after the returns of years firstYear..lastYear were imported in turn,
 * each read at its own year end; null when the child's case file is not expected to exist.
 * A file exists once the child was looked after at the end of an imported year.
 */
export function expected(child: TrueChild, firstYear: number, lastYear: number): ExpectedFile | null {
  let exists = false;
  for (let y = firstYear; y <= lastYear; y++) {
    const e = yearEnd(y);
    if (child.periods.some((p) => p.start <= e && (p.end === null || p.end > e))) exists = true;
  }
  if (!exists) return null;
  // The file was last written from the last return that held the child.
  let y = lastYear;
  const seen = (ep: TrueEpisode, upTo: number) => ep.decom <= yearEnd(upTo) && (ep.dec === null || ep.dec >= yearStart(firstYear));
  while (y >= firstYear && !child.periods.some((p) => p.episodes.some((ep) => ep.decom <= yearEnd(y) && (ep.dec === null || ep.dec >= yearStart(y))))) y--;
  const asOf = yearEnd(y);
  const current = child.periods.filter((p) => p.start <= asOf).at(-1)!;
  const known = current.episodes.filter((ep) => seen(ep, y));
  const start = known[0].decom;
  const end = current.end !== null && current.end <= asOf ? current.end : null;
  const last = current.episodes.filter((ep) => ep.decom <= asOf).at(-1)!;
  const reviews = current.reviews.filter((r) => r >= yearStart(firstYear) && r >= start && r <= (end ?? asOf));
  return { start, end, legalStatus: last.ls, reviews, reasonCeased: end ? current.episodes.at(-1)!.rec : null };
}
