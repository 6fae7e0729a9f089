/**
 * The panel's learning report (themes): how often plans are in place by the second review, how long
 * permanence takes by route, how long PLO and proceedings last, and how overdue items moved over time.
 * Pure: computed from the cases and the one rule engine.
 */
import { planDeadline } from '../rules/plan-by-second-review.js';
import type { WorkingDayCalendar } from './calendar.js';
import { daysBetween, fromDate, toDate, type IsoDate } from './dates.js';
import { CLOCK_RULES } from './clock-rules.js';
import { evaluate } from './engine.js';
import type { Policy } from './policy.js';
import { addDuration, describeDuration } from './duration.js';
import { enteredCareOrPlo } from './rule.js';
import type { Child } from './schema.js';

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : Math.round((s[mid - 1] + s[mid]) / 2);
}

const upTo = (d: IsoDate | null | undefined, date: IsoDate) => (d && d <= date ? d : null);

/**
 * The case as it stood on `date`: events after it have not happened yet. Lets the engine read the
 * clocks at past dates honestly (a review held later was still outstanding then).
 */
export function asAt(child: Child, date: IsoDate): Child | null {
  const entered = [child.looked_after?.start, child.plo?.start, child.proceedings?.issued].filter((d): d is string => !!d && d <= date);
  if (!entered.length) return null;
  const la = child.looked_after && child.looked_after.start <= date ? child.looked_after : null;
  return {
    ...child,
    looked_after: la && { ...la, end: upTo(la.end, date), reason_ceased: la.end && la.end <= date ? la.reason_ceased : null },
    // Lists with nothing after the date are shared, not copied (the same values: the rules only read them).
    reviews: child.reviews.every((r) => r <= date) ? child.reviews : child.reviews.filter((r) => r <= date),
    plo: child.plo && child.plo.start <= date ? { ...child.plo, end: upTo(child.plo.end, date) } : null,
    proceedings: child.proceedings && child.proceedings.issued <= date ? { ...child.proceedings, concluded: upTo(child.proceedings.concluded, date) } : null,
    plan: child.plan && { ...child.plan, agreed: upTo(child.plan.agreed, date) },
    permanence: child.permanence && upTo(child.permanence.secured, date) ? child.permanence : child.permanence && { ...child.permanence, secured: null },
    panel: child.panel.every((p) => p.date <= date && p.actions.every((a) => a.done === null || (a.done !== undefined && a.done <= date)))
      ? child.panel
      : child.panel
          .filter((p) => p.date <= date)
          .map((p) => ({ ...p, actions: p.actions.map((a) => ({ ...a, done: upTo(a.done, date) })) })),
  };
}

export interface Themes {
  planByReview: { due: number; onTime: number; share: number | null };
  permanenceByRoute: { route: string; children: number; medianDays: number }[];
  plo: { ended: number[]; openDays: number[]; medianEnded: number | null };
  proceedings: { concludedWeeks: number[]; within26: number; medianWeeks: number | null; open: number };
  overdueOverTime: { date: IsoDate; byRule: Record<string, number>; total: number }[];
  /** Adoption scorecard by calendar year: A1 by the year the child moved in, A2 by the year of the match decision. */
  adoption: {
    thresholds: { careToPlaced: string; orderToMatch: string };
    years: { year: number; placed: number; medianCareToPlaced: number | null; placedWithin: number; matched: number; medianOrderToMatch: number | null; matchedWithin: number }[];
  };
  /** Family group conferences (000: their contribution monitored) by the year the child entered care or PLO. */
  fgc: { year: number; entered: number; referred: number; held: number }[];
}

/** Month ends from `months` months before `asOf`, with `asOf` itself last. */
export function monthPoints(asOf: IsoDate, months: number): IsoDate[] {
  const out: IsoDate[] = [];
  const d = toDate(asOf);
  for (let i = months; i >= 1; i--) out.push(fromDate(new Date(d.getFullYear(), d.getMonth() - i + 1, 0)));
  out.push(asOf);
  return out;
}

export function computeThemes(children: readonly Child[], asOf: IsoDate, policy: Policy, calendar: WorkingDayCalendar): Themes {
  let due = 0;
  let onTime = 0;
  for (const c of children) {
    const deadline = planDeadline(c, policy, calendar);
    if (!deadline || deadline.due > asOf) continue;
    due++;
    if (c.plan?.agreed && c.plan.agreed <= deadline.due) onTime++;
  }

  const byRoute = new Map<string, number[]>();
  for (const c of children) {
    const secured = c.permanence?.secured;
    const entry = enteredCareOrPlo(c);
    if (!secured || !entry) continue;
    const route = c.permanence?.route ?? c.plan?.route ?? 'not recorded';
    (byRoute.get(route) ?? byRoute.set(route, []).get(route)!).push(daysBetween(entry, secured));
  }

  const ploEnded = children.filter((c) => c.plo?.end).map((c) => daysBetween(c.plo!.start, c.plo!.end!));
  const ploOpen = children.filter((c) => c.plo && !c.plo.end && !c.permanence?.secured).map((c) => daysBetween(c.plo!.start, asOf));
  const concluded = children.filter((c) => c.proceedings?.concluded).map((c) => Math.round(daysBetween(c.proceedings!.issued, c.proceedings!.concluded!) / 7));

  const overdueOverTime = monthPoints(asOf, 11).map((date) => {
    const cases = children
      .map((c) => asAt(c, date))
      .filter((c): c is Child => c !== null)
      .map((child) => ({ file: `cases/${child.id}.md`, child, locate: () => 0 }));
    const byRule: Record<string, number> = {};
    // Overdue clocks only: data-consistency's findings are never overdue (and never counted), so it is not run.
    for (const f of evaluate(cases, { asOf: date, policy, calendar }, CLOCK_RULES)) {
      if (f.status === 'overdue') byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
    }
    return { date, byRule, total: Object.values(byRule).reduce((a, b) => a + b, 0) };
  });

  const years = new Map<number, { a1: number[]; a1Within: number; a2: number[]; a2Within: number }>();
  const yearOf = (y: number) => years.get(y) ?? years.set(y, { a1: [], a1Within: 0, a2: [], a2Within: 0 }).get(y)!;
  for (const c of children) {
    const start = c.looked_after?.start;
    const a = c.adoption;
    if (start && a?.placed && a.placed <= asOf) {
      const y = yearOf(+a.placed.slice(0, 4));
      y.a1.push(daysBetween(start, a.placed));
      if (a.placed <= addDuration(start, policy.timescales.adoption_placed, calendar)) y.a1Within++;
    }
    if (a?.placement_order && a.match_decision && a.match_decision <= asOf) {
      const y = yearOf(+a.match_decision.slice(0, 4));
      y.a2.push(daysBetween(a.placement_order, a.match_decision));
      if (a.match_decision <= addDuration(a.placement_order, policy.timescales.adoption_match, calendar)) y.a2Within++;
    }
  }
  const fgcYears = new Map<number, { entered: number; referred: number; held: number }>();
  for (const c of children) {
    const entry = enteredCareOrPlo(c);
    if (!entry || entry > asOf) continue;
    const y = +entry.slice(0, 4);
    const row = fgcYears.get(y) ?? fgcYears.set(y, { entered: 0, referred: 0, held: 0 }).get(y)!;
    row.entered++;
    const referred = c.fgc?.referred ?? c.fgc?.held;
    if (referred && referred <= asOf) row.referred++;
    if (c.fgc?.held && c.fgc.held <= asOf) row.held++;
  }

  return {
    adoption: {
      thresholds: { careToPlaced: describeDuration(policy.timescales.adoption_placed), orderToMatch: describeDuration(policy.timescales.adoption_match) },
      years: [...years]
        .sort((x, y) => x[0] - y[0])
        .map(([year, v]) => ({ year, placed: v.a1.length, medianCareToPlaced: median(v.a1), placedWithin: v.a1Within, matched: v.a2.length, medianOrderToMatch: median(v.a2), matchedWithin: v.a2Within })),
    },
    fgc: [...fgcYears].sort((x, y) => x[0] - y[0]).map(([year, v]) => ({ year, ...v })),
    planByReview: { due, onTime, share: due ? onTime / due : null },
    permanenceByRoute: [...byRoute]
      .map(([route, days]) => ({ route, children: days.length, medianDays: median(days)! }))
      .sort((a, b) => a.medianDays - b.medianDays),
    plo: { ended: ploEnded, openDays: ploOpen, medianEnded: median(ploEnded) },
    proceedings: {
      concludedWeeks: concluded,
      within26: concluded.filter((w) => w <= 26).length,
      medianWeeks: median(concluded),
      open: children.filter((c) => c.proceedings && !c.proceedings.concluded).length,
    },
    overdueOverTime,
  };
}
