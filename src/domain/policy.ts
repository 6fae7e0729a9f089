/**
 * The panel's policy: `panel.yaml`. Every local number is a setting (DOMAIN.md marks them [L]); the
 * statutory ones are settings too, defaulted to the law, so a council can follow a change in regulations
 * without a release. A policy file is the defaults, then a named preset, then the council's own values.
 */
import { z } from 'zod';
import { isoDate, paperKind, PAPER_KINDS } from './schema.js';
import { describeDuration, durationSchema, type Duration } from './duration.js';
import { valueAt } from './problems.js';

export const LEVELS = ['error', 'warning', 'notice'] as const;
export type Level = (typeof LEVELS)[number];
const level = z.enum(LEVELS, { error: 'a level: error, warning or notice' });

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;
const weekday = z.enum(WEEKDAYS, { error: 'a weekday: monday to friday' });
export const BANK_HOLIDAY_MOVES = ['next-working-day', 'previous-working-day', 'skip'] as const;

/** A `dates` schedule lists at most this many meetings (ten years of fortnightly panels). */
export const MAX_LISTED_MEETINGS = 260;

const scheduleCommon = {
  time: z.string({ error: 'a time such as "10:00"' }).regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, { error: 'a time of day such as "10:00" (00:00 to 23:59)' }).default('10:00'),
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
    z.strictObject({
      kind: z.literal('dates'),
      dates: z.array(isoDate, { error: 'a list of meeting dates' }).max(MAX_LISTED_MEETINGS, { error: `a list of at most ${MAX_LISTED_MEETINGS} meeting dates` }),
      ...scheduleCommon,
    }),
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
  /** Life story work due this long after permanence is secured. */
  life_story: durationSchema,
  /**
   * After adoption, the later life letter to the adopters due this long after the adoption order
   * (`permanence.secured`): practice counts from the adoption ceremony, whose date the case file does not record.
   */
  later_life_letter: durationSchema,
  agenda_agreed: durationSchema,
  papers_due: durationSchema,
  minutes_published: durationSchema,
  /** The permanence plan confirmed within this period after the second review; null: no such clock. */
  plan_confirmed: durationSchema.nullable(),
  /** Family group conference referred within this period of entering care or PLO (the earlier); null: no clock. */
  fgc_referral: durationSchema.nullable(),
  /** A looked-after child is booked onto a panel between the first and the second review. */
  booking_between_reviews: z.boolean({ error: 'true or false' }),
  /** Adoption scorecard: entering care to moving in with the adopters. */
  adoption_placed: durationSchema,
  /** Adoption scorecard: placement order to the agency's match decision. */
  adoption_match: durationSchema,
  /** Referral to the adoption register after the agency decision, where no local match is pursued. */
  adoption_register: durationSchema,
  /** The panel administrator told of a child entering care, PLO or proceedings (or a court outcome) within this period. */
  notification: durationSchema,
  /** Each child's decision and actions added to the child's record within this period of the meeting. */
  minutes_recorded: durationSchema,
};

export const RULE_IDS = [
  'first-review',
  'second-review',
  'review-interval',
  'short-break-first-review',
  'short-break-review-interval',
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
  'plan-confirmed',
  'fgc-referral',
  'booking',
  'adoption-placed',
  'adoption-match',
  'adoption-register',
  'papers-due',
  'notification',
  'minutes-recorded',
] as const;

export const policySchema = z.strictObject({
  preset: z.string().optional(),
  council: z.string({ error: 'the council name (text)' }),
  panel_name: z.string({ error: 'the panel name (text)' }),
  marking: z.string({ error: 'a protective marking such as OFFICIAL-SENSITIVE' }).trim().min(1, { error: 'a protective marking such as OFFICIAL-SENSITIVE (it cannot be blank: every page and the pack carry it)' }),
  schedule: scheduleSchema,
  /** Days before a due date from which a clock reports `due-soon`. */
  warning_window_days: z.number({ error: 'a whole number of days' }).int({ error: 'a whole number of days' }).min(0, { error: 'a whole number of days, 0 or more' }).max(366, { error: 'a whole number of days from 0 to 366' }),
  due_soon_level: level,
  /** Minutes each agenda item is given, for the agenda's estimated times. */
  minutes_per_item: z.number({ error: 'a whole number of minutes' }).int({ error: 'a whole number of minutes' }).min(1, { error: 'a whole number of minutes from 1 to 240' }).max(240, { error: 'a whole number of minutes from 1 to 240' }),
  timescales: z.strictObject(timescalesShape),
  /** The papers each child on an agenda is expected to have sent before the meeting (empty: none tracked). */
  papers_expected: z.array(paperKind, { error: `a list of papers: ${PAPER_KINDS.join(', ')}` }),
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
    later_life_letter: wd(10),
    agenda_agreed: wd(5),
    papers_due: d(7),
    minutes_published: wd(3),
    plan_confirmed: null,
    fgc_referral: null,
    booking_between_reviews: false,
    adoption_placed: d(426),
    adoption_match: d(121),
    adoption_register: m(3),
    notification: wd(3),
    minutes_recorded: wd(3),
  },
  papers_expected: [],
  levels: {
    'first-review': 'error',
    'second-review': 'error',
    'review-interval': 'error',
    'short-break-first-review': 'error',
    'short-break-review-interval': 'error',
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
    'plan-confirmed': 'warning',
    'fgc-referral': 'warning',
    booking: 'warning',
    'adoption-placed': 'warning',
    'adoption-match': 'warning',
    'adoption-register': 'warning',
    'papers-due': 'warning',
    notification: 'notice',
    'minutes-recorded': 'warning',
  },
};

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> | null : T[K] };

/** Where a preset's value comes from: a sentence of its seed, the law or guidance, or the product default. */
export type Basis =
  | { kind: 'seed'; section: string; note?: string }
  | { kind: 'statutory' | 'guidance'; ref: string }
  | { kind: 'default'; note?: string };

/** A setting a preset can trace, by its path in `panel.yaml` ("timescales.papers_due"). */
export const TRACED_SETTINGS: { setting: string; basis: Basis }[] = [
  { setting: 'schedule', basis: { kind: 'default' } },
  { setting: 'timescales.first_review', basis: { kind: 'statutory', ref: 'CPPCR Regulations 2010 reg 33' } },
  { setting: 'timescales.second_review', basis: { kind: 'statutory', ref: 'CPPCR Regulations 2010 reg 33' } },
  { setting: 'timescales.review_interval', basis: { kind: 'statutory', ref: 'CPPCR Regulations 2010 reg 33' } },
  { setting: 'timescales.proceedings', basis: { kind: 'statutory', ref: 'Children Act 1989 s32' } },
  { setting: 'timescales.proceedings_extension', basis: { kind: 'statutory', ref: 'Children Act 1989 s32(5)' } },
  { setting: 'timescales.plo_warning', basis: { kind: 'default' } },
  { setting: 'timescales.plo_limit', basis: { kind: 'default' } },
  { setting: 'timescales.first_panel_at_next_meeting', basis: { kind: 'default' } },
  { setting: 'timescales.first_panel_warning', basis: { kind: 'default' } },
  { setting: 'timescales.first_panel', basis: { kind: 'default' } },
  { setting: 'timescales.cadence_warning', basis: { kind: 'default' } },
  { setting: 'timescales.cadence_limit', basis: { kind: 'default' } },
  { setting: 'timescales.booking_between_reviews', basis: { kind: 'default' } },
  { setting: 'timescales.plan_confirmed', basis: { kind: 'default' } },
  { setting: 'timescales.fgc_referral', basis: { kind: 'default' } },
  { setting: 'timescales.agenda_agreed', basis: { kind: 'default' } },
  { setting: 'timescales.papers_due', basis: { kind: 'default' } },
  { setting: 'papers_expected', basis: { kind: 'default' } },
  { setting: 'timescales.minutes_published', basis: { kind: 'default' } },
  { setting: 'timescales.minutes_recorded', basis: { kind: 'default' } },
  { setting: 'timescales.notification', basis: { kind: 'default' } },
  { setting: 'timescales.life_story', basis: { kind: 'default' } },
  { setting: 'timescales.later_life_letter', basis: { kind: 'default', note: 'local practice: to the adopters within 10 working days of the adoption ceremony, counted from the adoption order as the ceremony date is not recorded' } },
  { setting: 'timescales.adoption_placed', basis: { kind: 'guidance', ref: 'adoption scorecard A1/A10 threshold (14 months)' } },
  { setting: 'timescales.adoption_match', basis: { kind: 'guidance', ref: 'adoption scorecard A2 threshold (4 months)' } },
  { setting: 'timescales.adoption_register', basis: { kind: 'guidance', ref: 'Adoption National Minimum Standards 13.1' } },
  { setting: 'warning_window_days', basis: { kind: 'default' } },
  { setting: 'minutes_per_item', basis: { kind: 'default' } },
];

export interface PresetSetting {
  setting: string;
  value: unknown;
  basis: Basis;
}

export interface Preset {
  name: string;
  /** The seed document it follows: `shared/seeds/<seed>`. */
  seed: string;
  description: string;
  /** The name this preset had before it followed its seed as written (issue 13). */
  formerly: string;
  /** What the seed sets, each traced to its section; everything else is the default. */
  traced: PresetSetting[];
  values: DeepPartial<Policy>;
}

const seed = (section: string, note?: string): Basis => ({ kind: 'seed', section, ...(note ? { note } : {}) });

function preset(p: Omit<Preset, 'values'>): Preset {
  const values: Record<string, unknown> = {};
  for (const { setting, value } of p.traced) {
    const keys = setting.split('.');
    let at = values;
    for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
    at[keys.at(-1)!] = value;
  }
  return { ...p, values: values as DeepPartial<Policy> };
}

/**
 * One preset per seed panel (shared/seeds/000-004), named for the panel. Each value is traced to the
 * section of its seed that sets it; a setting the seed does not mention keeps the statutory or default
 * value (presetTable marks which). No number here is one the seed does not give.
 */
export const PRESETS: Preset[] = [
  preset({
    name: 'first-friday-tracking',
    seed: '000_1fc65d2e3d1d78e8.txt',
    formerly: 'monthly-first-friday',
    description: 'Monthly tracking meeting on the first Friday: minutes within 3 working days; a plan by the second review; FGC use followed on the themes page. Other values are the defaults.',
    traced: [
      { setting: 'schedule', value: { kind: 'monthly', nth: 1, weekday: 'friday' }, basis: seed('Frequency; The Tracking meeting will') },
      { setting: 'timescales.minutes_published', value: wd(3), basis: seed('Frequency') },
    ],
  }),
  preset({
    name: 'north-somerset',
    seed: '001_741bd8532048381c.txt',
    formerly: 'next-available-panel',
    description: 'Monthly panel: a child new to care or PLO comes to the next available panel; every child every other month, never over 3 months; agenda agreed a working week ahead; tracked until life story work is done.',
    traced: [
      { setting: 'schedule', value: { kind: 'monthly', nth: 1, weekday: 'friday' }, basis: seed('s2', 'monthly; the day is not set, so the default first Friday') },
      { setting: 'timescales.first_panel_at_next_meeting', value: true, basis: seed('s6') },
      { setting: 'timescales.cadence_warning', value: m(2), basis: seed('s6') },
      { setting: 'timescales.cadence_limit', value: m(3), basis: seed('s6') },
      { setting: 'timescales.agenda_agreed', value: wd(5), basis: seed('s3.4') },
      { setting: 'timescales.notification', value: wd(3), basis: seed('s3.2') },
      { setting: 'timescales.minutes_recorded', value: wd(3), basis: seed('s3.5', 'no period is set: the minutes\' 3 working days') },
      { setting: 'timescales.life_story', value: d(0), basis: seed('s5', 'no period is set: due when permanence is secured') },
      { setting: 'timescales.later_life_letter', value: wd(10), basis: { kind: 'default', note: 's5 asks for letters for later life but sets no period: 10 working days from the adoption order, the ceremony date not being recorded' } },
    ],
  }),
  preset({
    name: 'central-bedfordshire',
    seed: '002_27a9f32f04a40ca7.txt',
    formerly: 'every-other-month',
    description: 'Panel endorses every plan before the second review: children booked between the first and second review; court care plan, PPM minutes, care plan and disruption minutes a week before.',
    traced: [
      { setting: 'timescales.first_panel', value: d(28), basis: { kind: 'default', note: 'no period is set; s5 and s8 bring each child before the second review: see booking' } },
      { setting: 'timescales.booking_between_reviews', value: true, basis: seed('s8') },
      { setting: 'timescales.papers_due', value: d(7), basis: seed('s8') },
      { setting: 'papers_expected', value: ['court-care-plan', 'ppm-minutes', 'care-plan', 'disruption-minutes'], basis: seed('s7') },
    ],
  }),
  preset({
    name: 'permanence-guidance-note',
    seed: '003_c418e88ed8508472.txt',
    formerly: 'plo-three-six',
    description: 'Pre-proceedings usually 3 months, never over 6; first panel 6-8 weeks after entering care; plan confirmed within 6 months of the second review; FGC at the earliest opportunity.',
    traced: [
      { setting: 'timescales.proceedings', value: w(26), basis: seed('Timescales') },
      { setting: 'timescales.plo_warning', value: m(3), basis: seed('Timescales') },
      { setting: 'timescales.plo_limit', value: m(6), basis: seed('Timescales') },
      { setting: 'timescales.plan_confirmed', value: m(6), basis: seed('Timescales') },
      { setting: 'timescales.first_panel_warning', value: w(6), basis: seed('Three steps to achieving a Permanence Plan', '6-8 weeks: 6 warns') },
      { setting: 'timescales.first_panel', value: w(8), basis: seed('Three steps to achieving a Permanence Plan', '6-8 weeks: 8 is the limit') },
      { setting: 'timescales.fgc_referral', value: d(0), basis: seed('Placement with Family or Friends', '"earliest opportunity": by the day care or PLO starts') },
    ],
  }),
  preset({
    name: 'aspire-fortnightly',
    seed: '004_7865bcd93e761c9a.txt',
    formerly: 'fortnightly',
    description: 'Fortnightly panel with the regional adoption agency: first panel within 4 weeks of entering care; referral form, chronology, care plan and matching report 3 days before; notes within 3 working days.',
    traced: [
      { setting: 'schedule', value: { kind: 'fortnightly', from: '2026-01-06' }, basis: seed('s4', 'the first date is not set: set schedule.from to your own') },
      { setting: 'timescales.first_panel', value: w(4), basis: seed('s2') },
      { setting: 'timescales.papers_due', value: d(3), basis: seed('s4') },
      { setting: 'papers_expected', value: ['referral-form', 'chronology', 'care-plan', 'matching-report'], basis: seed('s4') },
      { setting: 'timescales.minutes_published', value: wd(3), basis: seed('s4') },
      { setting: 'timescales.minutes_recorded', value: wd(3), basis: seed('s4') },
    ],
  }),
];

export function presetNamed(name: string): Preset | undefined {
  return PRESETS.find((p) => p.name === name);
}

/** The preset a former name now is (a panel.yaml written before the presets followed their seeds). */
export function presetFormerlyNamed(name: string): Preset | undefined {
  return PRESETS.find((p) => p.formerly === name);
}

const ORDINALS: Record<string, string> = { '1': 'first', '2': 'second', '3': 'third', '4': 'fourth', '-1': 'last' };

/** A setting's value in plain words: "3 working days", "monthly, first Friday", "not used". */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'not used';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length ? value.join(', ') : 'none';
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (o.kind === 'monthly') return `monthly, ${ORDINALS[String(o.nth)]} ${String(o.weekday).replace(/^./, (c) => c.toUpperCase())}`;
    if (o.kind === 'fortnightly') return `fortnightly from ${String(o.from)}`;
    if (o.kind === 'dates') return 'listed dates';
    return describeDuration(value as Duration);
  }
  return String(value);
}

export interface PresetRow {
  preset: string;
  setting: string;
  value: string;
  /** "002_27a9f32f04a40ca7.txt s8", "statutory: ...", or "default (the seed does not set it)". */
  source: string;
}

/** Every traced setting of every preset, with where its value comes from (README table, `panel policy --presets`). */
export function presetTable(): PresetRow[] {
  const rows: PresetRow[] = [];
  for (const p of PRESETS) {
    const policy = mergePolicy(DEFAULT_POLICY, p.values);
    for (const { setting, basis: fallback } of TRACED_SETTINGS) {
      const own = p.traced.find((t) => t.setting === setting);
      const basis = own?.basis ?? fallback;
      const source =
        basis.kind === 'seed'
          ? `${p.seed} ${basis.section}${basis.note ? ` (${basis.note})` : ''}`
          : basis.kind === 'default'
            ? `default: the seed does not set it${basis.note ? ` (${basis.note})` : ''}`
            : `${basis.kind}: ${basis.ref}${own ? '' : ' (the seed does not set it)'}`;
      rows.push({ preset: p.name, setting, value: describeValue(valueAt(policy, setting.split('.'))), source });
    }
  }
  return rows;
}

export function presetTableMarkdown(): string {
  const lines = ['| preset | setting | value | source (seed file and section) |', '|---|---|---|---|'];
  for (const r of presetTable()) lines.push(`| \`${r.preset}\` | \`${r.setting}\` | ${r.value} | ${r.source} |`);
  return `${lines.join('\n')}\n`;
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
