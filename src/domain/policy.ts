/**
 * The panel's policy: `panel.yaml`. Every local number is a setting (DOMAIN.md marks them [L]); the
 * statutory ones are settings too, defaulted to the law, so a council can follow a change in regulations
 * without a release. A policy file is the defaults, then a named preset, then the council's own values.
 */
import { z } from 'zod';
import { isoDate } from './schema.js';
import { durationSchema, type Duration } from './duration.js';

export const LEVELS = ['error', 'warning', 'notice'] as const;
export type Level = (typeof LEVELS)[number];
const level = z.enum(LEVELS, { error: 'a level: error, warning or notice' });

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;
const weekday = z.enum(WEEKDAYS, { error: 'a weekday: monday to friday' });
export const BANK_HOLIDAY_MOVES = ['next-working-day', 'previous-working-day', 'skip'] as const;

const scheduleCommon = {
  time: z.string({ error: 'a time such as "10:00"' }).regex(/^\d{2}:\d{2}$/, { error: 'a time such as "10:00"' }).default('10:00'),
  venue: z.string({ error: 'a place (text)' }).default('To be confirmed'),
  chairs: z.array(z.string({ error: 'a name' }), { error: 'a list of names' }).default([]),
  /** What happens to a meeting that falls on a bank holiday. */
  bank_holiday: z.enum(BANK_HOLIDAY_MOVES, { error: `one of ${BANK_HOLIDAY_MOVES.join(', ')}` }).default('next-working-day'),
};

export const scheduleSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('monthly'),
      /** 1-4 for first to fourth, -1 for the last such weekday of the month. */
      nth: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(-1)], { error: '1, 2, 3, 4 or -1 (last)' }),
      weekday,
      ...scheduleCommon,
    }),
    z.strictObject({ kind: z.literal('fortnightly'), from: isoDate, ...scheduleCommon }),
    z.strictObject({ kind: z.literal('dates'), dates: z.array(isoDate, { error: 'a list of meeting dates' }), ...scheduleCommon }),
  ],
  { error: 'a schedule whose kind is monthly, fortnightly or dates' },
);
export type Schedule = z.infer<typeof scheduleSchema>;

const timescalesShape = {
  first_review: durationSchema,
  second_review: durationSchema,
  review_interval: durationSchema,
  proceedings: durationSchema,
  proceedings_extension: durationSchema,
  plo_warning: durationSchema,
  plo_limit: durationSchema,
  /** First discussion at panel after entering care or PLO. */
  first_panel: durationSchema,
  /** Optional earlier step for first_panel (a "6-8 weeks" policy warns at 6 and errs at 8). */
  first_panel_warning: durationSchema.nullable(),
  /** When true, the first discussion is due at the next available panel instead of a fixed period. */
  first_panel_at_next_meeting: z.boolean({ error: 'true or false' }),
  cadence_warning: durationSchema,
  cadence_limit: durationSchema,
  /** Life story work (and, after adoption, the later life letter) due this long after permanence is secured. */
  life_story: durationSchema,
  agenda_agreed: durationSchema,
  papers_due: durationSchema,
  minutes_published: durationSchema,
};

export const RULE_IDS = [
  'first-review',
  'second-review',
  'review-interval',
  'plan-by-second-review',
  'proceedings-26-weeks',
  'plo-duration',
  'first-panel',
  'panel-cadence',
  'action-overdue',
  'life-story',
  'agenda-agreed',
  'minutes-due',
  'data-consistency',
] as const;

export const policySchema = z.strictObject({
  preset: z.string().optional(),
  council: z.string({ error: 'the council name (text)' }),
  panel_name: z.string({ error: 'the panel name (text)' }),
  marking: z.string({ error: 'a protective marking such as OFFICIAL-SENSITIVE' }).min(1),
  schedule: scheduleSchema,
  /** Days before a due date from which a clock reports `due-soon`. */
  warning_window_days: z.number({ error: 'a whole number of days' }).int().min(0),
  due_soon_level: level,
  /** Minutes each agenda item is given, for the agenda's estimated times. */
  minutes_per_item: z.number({ error: 'a whole number of minutes' }).int().min(1),
  timescales: z.strictObject(timescalesShape),
  /** The level a rule reports when overdue. */
  levels: z.strictObject(Object.fromEntries(RULE_IDS.map((id) => [id, level])) as Record<(typeof RULE_IDS)[number], typeof level>),
});
export type Policy = z.infer<typeof policySchema>;

const m = (months: number): Duration => ({ months });
const w = (weeks: number): Duration => ({ weeks });
const d = (days: number): Duration => ({ days });
const wd = (working_days: number): Duration => ({ working_days });

/** The default policy of CASE-FORMAT.md. */
export const DEFAULT_POLICY: Policy = {
  council: 'Example Borough Council (fictional)',
  panel_name: 'Permanency Tracking Panel',
  marking: 'OFFICIAL-SENSITIVE',
  schedule: { kind: 'monthly', nth: 1, weekday: 'friday', time: '10:00', venue: 'To be confirmed', chairs: [], bank_holiday: 'next-working-day' },
  warning_window_days: 28,
  due_soon_level: 'warning',
  minutes_per_item: 10,
  timescales: {
    first_review: wd(20),
    second_review: m(3),
    review_interval: m(6),
    proceedings: w(26),
    proceedings_extension: w(8),
    plo_warning: m(3),
    plo_limit: m(6),
    first_panel: d(28),
    first_panel_warning: null,
    first_panel_at_next_meeting: false,
    cadence_warning: m(2),
    cadence_limit: m(3),
    life_story: d(0),
    agenda_agreed: wd(5),
    papers_due: d(7),
    minutes_published: wd(3),
  },
  levels: {
    'first-review': 'error',
    'second-review': 'error',
    'review-interval': 'error',
    'plan-by-second-review': 'error',
    'proceedings-26-weeks': 'error',
    'plo-duration': 'error',
    'first-panel': 'error',
    'panel-cadence': 'error',
    'action-overdue': 'warning',
    'life-story': 'warning',
    'agenda-agreed': 'warning',
    'minutes-due': 'warning',
    'data-consistency': 'error',
  },
};

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> | null : T[K] };

export interface Preset {
  name: string;
  description: string;
  values: DeepPartial<Policy>;
}

/**
 * The five seed councils' panels (DOMAIN.md s1 and s3). Statutory clocks are the same in all of them;
 * they differ in the local ones: meeting rhythm, the first discussion, cadence and pre-proceedings.
 */
export const PRESETS: Preset[] = [
  {
    name: 'monthly-first-friday',
    description: 'Monthly on the first Friday; first panel within 4 weeks of care or PLO; every child at least every other month, never over 3 months; PLO 3 months (warning), 6 months (limit).',
    values: {},
  },
  {
    name: 'every-other-month',
    description: 'Monthly panel where each child comes every other month (warning at 2 months), never more than 3 months apart; first panel within 6-8 weeks (warning at 6, error at 8); PLO 3/6 months.',
    values: {
      schedule: { kind: 'monthly', nth: 2, weekday: 'wednesday' },
      timescales: { first_panel_warning: w(6), first_panel: w(8) },
    },
  },
  {
    name: 'next-available-panel',
    description: 'Monthly on the third Thursday; a child new to care or PLO comes to the next available panel (whose agenda is still open); cadence 2/3 months; PLO 12 weeks (warning), 16 weeks (limit).',
    values: {
      schedule: { kind: 'monthly', nth: 3, weekday: 'thursday' },
      timescales: { first_panel_at_next_meeting: true, plo_warning: w(12), plo_limit: w(16) },
    },
  },
  {
    name: 'fortnightly',
    description: 'Fortnightly on Tuesdays; first panel within 4 weeks; each child at least monthly (warning), never over 2 months; papers 3 days before; PLO 12/16 weeks.',
    values: {
      schedule: { kind: 'fortnightly', from: '2026-01-06' },
      timescales: { cadence_warning: m(1), cadence_limit: m(2), papers_due: d(3), plo_warning: w(12), plo_limit: w(16) },
    },
  },
  {
    name: 'plo-three-six',
    description: 'Monthly on the last Thursday; first panel within 6 weeks; cadence 2/3 months; pre-proceedings usually 3 months (warning) and never more than 6 (error); minutes within 3 working days.',
    values: {
      schedule: { kind: 'monthly', nth: -1, weekday: 'thursday' },
      timescales: { first_panel: w(6) },
    },
  },
];

export function presetNamed(name: string): Preset | undefined {
  return PRESETS.find((p) => p.name === name);
}

/** Deep merge of plain objects; arrays and scalars replace; `undefined` leaves the base value. */
export function mergePolicy<T>(base: T, over: unknown): T {
  if (over === undefined) return base;
  if (over === null || typeof over !== 'object' || Array.isArray(over) || base === null || typeof base !== 'object' || Array.isArray(base)) {
    return over as T;
  }
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over as Record<string, unknown>)) {
    const b = out[k];
    // A schedule of another kind replaces the whole schedule rather than mixing two kinds' fields.
    if (k === 'schedule' && b && v && typeof v === 'object' && (v as { kind?: string }).kind && (v as { kind?: string }).kind !== (b as { kind?: string }).kind) {
      out[k] = { ...pick(b as Record<string, unknown>, ['time', 'venue', 'chairs', 'bank_holiday']), ...(v as object) };
    } else if (v !== undefined && isDuration(b)) {
      // A timescale is replaced whole: { weeks: 8 } over { days: 28 } must not mix units.
      out[k] = v;
    } else out[k] = mergePolicy(b, v);
  }
  return out as T;
}

const DURATION_UNITS = ['days', 'weeks', 'months', 'working_days'];
const isDuration = (o: unknown) => !!o && typeof o === 'object' && DURATION_UNITS.some((u) => u in (o as object));

function pick(o: Record<string, unknown>, keys: string[]) {
  return Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, o[k]]));
}
