/**
 * Short breaks (DOMAIN: legal status V3, a single short break, and V4, an agreed series of short breaks).
 * Regulation 48 of the Care Planning, Placement and Case Review (England) Regulations 2010 changes the
 * review timetable for a child looked after only for short breaks: the first review within 3 months of the
 * start of the first short break, then no more than 6 months apart (instead of regulation 33's 20 working
 * days, 3 months, 6 months). The short-break rules use these; the usual review rules leave such children out.
 */
import type { Duration } from './duration.js';
import type { Child } from './schema.js';

export const SHORT_BREAK_STATUSES: readonly string[] = ['V3', 'V4'];

/** True when the child's current legal status is a short break (V3 or V4). */
export const onShortBreaks = (child: Child): boolean => SHORT_BREAK_STATUSES.includes(child.looked_after?.legal_status ?? '');

export const SHORT_BREAK_FIRST_REVIEW: Duration = { months: 3 };
export const SHORT_BREAK_REVIEW_INTERVAL: Duration = { months: 6 };
export const REG_48 = 'Care Planning, Placement and Case Review (England) Regulations 2010, reg 48';
