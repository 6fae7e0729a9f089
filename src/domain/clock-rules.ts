/**
 * The rules that read a clock: every rule but data-consistency, whose findings are all `invalid` with no
 * due date. Readings that want only clocks (the tracker's open clocks and timelines, the themes' overdue
 * counts at past month ends) run these, and skip the data checks they would throw away.
 */
import { RULES } from '../rules/index.js';
import type { Rule } from './rule.js';

export const CLOCK_RULES: readonly Rule[] = RULES.filter((r) => r.id !== 'data-consistency');
