/**
 * Adoption milestones in order (DOMAIN.md s5) and the adoption scorecard's measures: entering care to
 * moving in with the adopters (A1/A10), placement order to the match decision (A2). Pure.
 */
import { daysBetween, type IsoDate } from './dates.js';
import type { Child } from './schema.js';

export const ADOPTION_MILESTONES = [
  ['agency_decision', 'Agency decision: should be placed for adoption'],
  ['placement_order', 'Placement order'],
  ['match_recommended', 'Match recommended by the adoption panel'],
  ['match_decision', 'Match decision'],
  ['placed', 'Placed for adoption'],
  ['order', 'Adoption order'],
] as const;

export type AdoptionMilestone = (typeof ADOPTION_MILESTONES)[number][0];

/** The latest milestone reached by `asOf`, or null when the child has none. */
export function adoptionStage(child: Child, asOf: IsoDate): { milestone: AdoptionMilestone; label: string; date: IsoDate } | null {
  const a = child.adoption;
  if (!a) return null;
  let out: { milestone: AdoptionMilestone; label: string; date: IsoDate } | null = null;
  for (const [key, label] of ADOPTION_MILESTONES) {
    const date = a[key];
    if (date && date <= asOf) out = { milestone: key, label, date };
  }
  return out;
}

/** A1/A10: days from entering care to moving in with the adopters (null until placed). */
export function careToPlacedDays(child: Child): number | null {
  const start = child.looked_after?.start;
  const placed = child.adoption?.placed;
  return start && placed ? daysBetween(start, placed) : null;
}

/** A2: days from the placement order to the match decision (null until both). */
export function orderToMatchDays(child: Child): number | null {
  const order = child.adoption?.placement_order;
  const match = child.adoption?.match_decision;
  return order && match ? daysBetween(order, match) : null;
}
