/**
 * The case file contract of CASE-FORMAT.md as zod schemas. Every object is strict: an unknown or misspelt
 * field is an error (a typo must never silently drop a date). Each schema carries its "expected" wording,
 * which the problem formatter turns into "expected ..., found ..." for a panel administrator.
 */
import { z } from 'zod';
import { isIsoDate } from './dates.js';
import { LEGAL_STATUSES, PLACEMENT_TYPES, REASONS_CEASED, ROUTES, codeList } from './codes.js';

/** Safe in a file name, a URL path segment and a shell: letters, digits, `-` and `_`, at most 64. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export const EXPECT_DATE = 'a date written YYYY-MM-DD';
export const isoDate = z
  .string({ error: EXPECT_DATE })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: EXPECT_DATE, abort: true })
  .refine(isIsoDate, { error: 'a real calendar date (that day does not exist)' });
const optionalDate = isoDate.nullish();

export const childId = z
  .string({ error: 'a child id such as C-1001' })
  .regex(ID_PATTERN, { error: 'an id of letters, digits, "-" or "_" (at most 64, no spaces, dots or slashes)' });

const text = (what: string) => z.string({ error: what }).trim().min(1, { error: what });
const optionalText = (what: string) => z.string({ error: what }).nullish();
const oneOf = (values: readonly string[]) => `one of ${values.join(', ')}`;
const code = (codes: Record<string, string>, what: string) =>
  z.enum(codeList(codes), { error: `${what} code: ${oneOf(Object.keys(codes))}` });

/** Papers a panel asks for before it discusses a child (002 s7, 004 s4). */
export const PAPER_KINDS = ['court-care-plan', 'ppm-minutes', 'care-plan', 'disruption-minutes', 'referral-form', 'chronology', 'matching-report'] as const;
export type PaperKind = (typeof PAPER_KINDS)[number];
export const PAPER_LABELS: Record<PaperKind, string> = {
  'court-care-plan': 'Local authority court care plan',
  'ppm-minutes': 'Permanence planning meeting minutes',
  'care-plan': 'Care plan (interim or section 20)',
  'disruption-minutes': 'Disruption meeting minutes',
  'referral-form': 'Referral form',
  chronology: 'Chronology',
  'matching-report': 'Matching report',
};
export const paperKind = z.enum(PAPER_KINDS, { error: `a paper: ${PAPER_KINDS.join(', ')}` });

export const route = z.enum(ROUTES, { error: `a route: ${oneOf(ROUTES)}` });

export const actionSchema = z.strictObject({
  action: text('the action to take (text)'),
  owner: optionalText('the name of the person who owns the action'),
  due: isoDate,
  done: optionalDate,
});

export const panelDiscussionSchema = z.strictObject({
  date: isoDate,
  decision: optionalText('the decision made (text)'),
  actions: z.array(actionSchema, { error: 'a list of actions' }).nullish().transform((v) => v ?? []),
  /** Open actions from earlier panels that this panel carried forward (each still open in its own entry). */
  carried_forward: z
    .array(z.strictObject({ from: isoDate, action: text('the action carried forward (text)') }), {
      error: 'a list of actions carried forward, each with from (the panel that set it) and action',
    })
    .nullish()
    .transform((v) => v ?? []),
});

export const caseSchema = z.strictObject({
  id: childId,
  name: text('the child\'s name (text)'),
  dob: isoDate,
  team: optionalText('the team name (text)'),
  siblings: z.array(childId, { error: 'a list of child ids, e.g. [C-1002]' }).nullish().transform((v) => v ?? []),
  social_worker: optionalText('a name (text)'),
  team_manager: optionalText('a name (text)'),
  iro: optionalText('a name (text)'),
  looked_after: z
    .strictObject(
      {
        start: isoDate,
        legal_status: code(LEGAL_STATUSES, 'an SSDA903 legal status').nullish(),
        placement: code(PLACEMENT_TYPES, 'an SSDA903 placement type').nullish(),
        end: optionalDate,
        reason_ceased: code(REASONS_CEASED, 'an SSDA903 reason-episode-ceased').nullish(),
      },
      { error: 'a block with start, legal_status, placement, end, reason_ceased' },
    )
    .nullish(),
  reviews: z.array(isoDate, { error: 'a list of review dates, e.g. [2026-05-29, 2026-08-27]' }).nullish().transform((v) => v ?? []),
  plo: z
    .strictObject({ start: isoDate, end: optionalDate }, { error: 'a block with start and end' })
    .nullish(),
  proceedings: z
    .strictObject(
      {
        issued: isoDate,
        extensions: z
          .number({ error: 'a whole number of 8-week extensions (0 or more)' })
          .int({ error: 'a whole number of 8-week extensions (0 or more)' })
          .min(0, { error: 'a whole number of 8-week extensions (0 or more)' })
          .nullish()
          .transform((v) => v ?? 0),
        final_hearing: optionalDate,
        concluded: optionalDate,
      },
      { error: 'a block with issued, extensions, final_hearing, concluded' },
    )
    .nullish(),
  fgc: z
    .strictObject({ referred: optionalDate, held: optionalDate }, { error: 'a block with referred and held' })
    .nullish(),
  plan: z
    .strictObject(
      { route: route.nullish(), contingency: route.nullish(), agreed: optionalDate },
      { error: 'a block with route, contingency, agreed' },
    )
    .nullish(),
  permanence: z
    .strictObject(
      {
        secured: optionalDate,
        route: route.nullish(),
        life_story_complete: z.boolean({ error: 'true or false' }).nullish().transform((v) => v ?? false),
        later_life_letter: z.boolean({ error: 'true or false' }).nullish().transform((v) => v ?? false),
      },
      { error: 'a block with secured, route, life_story_complete, later_life_letter' },
    )
    .nullish(),
  panel: z
    .array(panelDiscussionSchema, { error: 'a list of panel discussions (date, decision, actions)' })
    .nullish()
    .transform((v) => v ?? []),
});

export type Child = z.infer<typeof caseSchema>;
export type PanelDiscussion = z.infer<typeof panelDiscussionSchema>;
export type Action = z.infer<typeof actionSchema>;

/** A panel meeting file: `meetings/<YYYY-MM-DD>.md`. */
export const meetingSchema = z.strictObject({
  date: isoDate,
  time: optionalText('a time such as "10:00"'),
  venue: optionalText('a place (text)'),
  chair: optionalText('the chair\'s name (text)'),
  attendees: z.array(text('a name'), { error: 'a list of names' }).nullish().transform((v) => v ?? []),
  apologies: z.array(text('a name'), { error: 'a list of names' }).nullish().transform((v) => v ?? []),
  agenda: z.array(childId, { error: 'a list of child ids in agenda order' }).nullish().transform((v) => v ?? []),
  agenda_agreed: optionalDate,
  minutes_published: optionalDate,
});
export type Meeting = z.infer<typeof meetingSchema>;
