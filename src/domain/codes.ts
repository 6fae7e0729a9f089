/** Vocabulary of the case files: permanence routes (CASE-FORMAT.md) and SSDA903 codes (DOMAIN.md s4). */

export const ROUTES = [
  'return-home',
  'family-network',
  'child-arrangements-order',
  'special-guardianship',
  'adoption',
  'long-term-fostering',
  'long-term-residential',
  'staying-put',
  'independent-living',
] as const;
export type Route = (typeof ROUTES)[number];

export const ROUTE_LABELS: Record<Route, string> = {
  'return-home': 'Return home',
  'family-network': 'Family or friends (connected person)',
  'child-arrangements-order': 'Child arrangements order',
  'special-guardianship': 'Special guardianship order',
  adoption: 'Adoption',
  'long-term-fostering': 'Long-term fostering',
  'long-term-residential': 'Long-term residential',
  'staying-put': 'Staying Put',
  'independent-living': 'Independent living',
};

export const isRoute = (value: string): value is Route => Object.prototype.hasOwnProperty.call(ROUTE_LABELS, value);

/** A route in a sentence ("special guardianship order"); a value that is not a route is given as written. */
export function routeWords(route: string): string {
  return isRoute(route) ? ROUTE_LABELS[route].toLowerCase() : route;
}

export const LEGAL_STATUSES = {
  C1: 'Interim care order',
  C2: 'Full care order',
  D1: 'Freeing order',
  E1: 'Placement order',
  V2: 'Single period of accommodation under s20',
  V3: 'Short break (single placement)',
  V4: 'Short breaks (series)',
  L1: 'Police protection',
  L2: 'Emergency protection order',
  L3: 'Child assessment order',
  J1: 'Remanded to local authority accommodation',
  J2: 'Detained under PACE',
  J3: 'Youth rehabilitation order with residence',
} as const;
export type LegalStatus = keyof typeof LEGAL_STATUSES;

export const PLACEMENT_TYPES = {
  A3: 'Placed for adoption: consent, with former foster carer',
  A4: 'Placed for adoption: consent, not with former foster carer',
  A5: 'Placed for adoption: placement order, with former foster carer',
  A6: 'Placed for adoption: placement order, not with former foster carer',
  H5: 'Semi-independent living',
  K1: "Secure children's home",
  K2: "Children's home",
  K3: "Children's home (2024-25)",
  P1: 'Placed with parents',
  P2: 'Independent living',
  P3: 'Residential employment',
  R1: 'Residential care home',
  R2: 'NHS / health trust',
  R3: 'Family centre or mother and baby unit',
  R5: 'Young offender institution or prison',
  S1: 'All residential schools',
  T0: 'Temporary: all types',
  T1: 'Temporary: periods of less than 7 days',
  T2: 'Temporary: foster placement',
  T3: 'Temporary: away from usual placement',
  T4: 'Temporary: other',
  U1: 'Foster with relative or friend: long-term',
  U2: 'Foster with relative or friend: fostering for adoption',
  U3: 'Foster with relative or friend: other',
  U4: 'Foster with other foster carer: long-term',
  U5: 'Foster with other foster carer: fostering for adoption',
  U6: 'Foster with other foster carer: other',
  Z1: 'Other placement',
} as const;
export type PlacementType = keyof typeof PLACEMENT_TYPES;

export const REASONS_CEASED = {
  X1: 'Episode continues',
  E11: 'Adopted: application unopposed',
  E12: 'Adopted: consent dispensed with',
  E2: 'Died',
  E3: 'Care taken over by another council',
  E4A: 'Returned home as part of the care planning process',
  E4B: 'Returned home not as part of the care planning process',
  E13: 'Left care to live with someone without parental responsibility',
  E41: 'Residence order or child arrangements order',
  E45: 'Special guardianship order to former foster carers',
  E46: 'Special guardianship order to former foster carers (other)',
  E47: 'Special guardianship order to other carers',
  E48: 'Special guardianship order to other carers (other)',
  E5: 'Moved into independent living (supportive)',
  E6: 'Moved into independent living (no formal support)',
  E7: 'Transferred to adult social care',
  E8: 'Period of being looked after ceased for any other reason',
  E9: 'Sentenced to custody',
  E14: 'Accommodation on remand ended',
  E15: 'Age assessment determined child aged 18 or over',
  E16: 'Child moved abroad',
  E17: 'Aged 18 or over and remained with current carers',
} as const;
export type ReasonCeased = keyof typeof REASONS_CEASED;

/** Reasons that mean permanence (a reading, not a DfE definition; DOMAIN.md s4). */
export const PERMANENCE_REASONS: readonly ReasonCeased[] = ['E11', 'E12', 'E41', 'E45', 'E46', 'E47', 'E48', 'E4A'];

export const codeList = (codes: Record<string, string>) => Object.keys(codes) as [string, ...string[]];
