/**
 * The case file contract of CASE-FORMAT.md as zod schemas. Every object is strict: an unknown or misspelt
 * field is an error (a typo must never silently drop a date). Each schema carries its "expected" wording,
 * which the problem formatter turns into "expected ..., found ..." for a panel administrator.
 */
import { z } from 'zod';
import { EARLIEST_DATE, isIsoDate, isPlausibleDate, LATEST_DATE } from './dates.js';
import { LEGAL_STATUSES, PLACEMENT_TYPES, REASONS_CEASED, ROUTES, codeList } from './codes.js';
import { ID_PATTERN } from './child-id.js';

// Defined beside the other id checks (child-id.ts has no zod, so the import command loads neither).
export { ID_PATTERN };

export const EXPECT_DATE = 'a date written YYYY-MM-DD';
/** More 8-week extensions than this is not a real case (a typo such as 20 for 2): refused, not read. */
export const MAX_EXTENSIONS = 10;
export const isoDate = z
  .string({ error: EXPECT_DATE })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: EXPECT_DATE, abort: true })
  .refine(isIsoDate, { error: 'a real calendar date (that day does not exist)', abort: true })
  .refine(isPlausibleDate, { error: `a date between ${EARLIEST_DATE.slice(0, 4)} and ${LATEST_DATE.slice(0, 4)} (check the year)` });
const optionalDate = isoDate.nullish();

export const childId = z
  .string({ error: 'a child id such as C-1001' })
  .regex(ID_PATTERN, { error: 'an id of letters, digits, "-" or "_" (at most 64, no spaces, dots or slashes)' });

/** A field with its description and an example, for the field reference (zod metadata). */
function described<T extends z.ZodType>(schema: T, description: string, example: unknown): T {
  return schema.meta({ description, examples: [example] }) as T;
}

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
  action: text('the action to take (text)').meta({ description: 'What is to be done, in one sentence.', examples: ['Refer to regional adoption agency family finding'] }),
  owner: optionalText('the name of the person who owns the action').meta({ description: 'The person who owns the action.', examples: ['Priya Shah'] }),
  due: isoDate.meta({ description: 'The date the action is due; after it, an open action is overdue (`action-overdue`).', examples: ['2026-06-19'] }),
  done: optionalDate.meta({ description: 'The date the action was done; empty or null while it is open.', examples: ['2026-06-17'] }),
});

export const panelDiscussionSchema = z.strictObject({
  date: isoDate.meta({ description: 'The date of the panel meeting that discussed the child.', examples: ['2026-06-05'] }),
  decision: optionalText('the decision made (text)').meta({ description: "The panel's decision about the child, as minuted.", examples: ['Plan of adoption endorsed; contingency long-term fostering.'] }),
  actions: z.array(actionSchema, { error: 'a list of actions' }).nullish().transform((v) => v ?? []).meta({ description: 'The actions the panel set, each with an owner and a due date.', examples: [[{ action: 'Refer to regional adoption agency family finding', owner: 'Priya Shah', due: '2026-06-19', done: null }]] }),
  /** Open actions from earlier panels that this panel carried forward (each still open in its own entry). */
  carried_forward: z
    .array(
      z.strictObject({
        from: isoDate.meta({ description: 'The date of the panel that set the action.', examples: ['2026-06-05'] }),
        action: text('the action carried forward (text)').meta({ description: 'The action, worded as when it was set.', examples: ['Refer to regional adoption agency family finding'] }),
      }),
      { error: 'a list of actions carried forward, each with from (the panel that set it) and action' },
    )
    .nullish()
    .transform((v) => v ?? [])
    .meta({ description: 'Open actions from earlier panels that this panel carried forward (each stays open in its own entry).', examples: [[{ from: '2026-06-05', action: 'Refer to regional adoption agency family finding' }]] }),
});

export const caseSchema = z.strictObject({
  id: childId.meta({ description: 'The child\'s id: unique, and the file is cases/<id>.md.', examples: ['C-1001'] }),
  name: text('the child\'s name (text)').meta({ description: 'The child\'s name as the panel knows it.', examples: ['Amelia Hart'] }),
  dob: isoDate.meta({ description: 'Date of birth.', examples: ['2019-03-14'] }),
  team: optionalText('the team name (text)').meta({ description: 'The team that holds the case.', examples: ['Court & PLO Team'] }),
  siblings: z.array(childId, { error: 'a list of child ids, e.g. [C-1002]' }).nullish().transform((v) => v ?? []).meta({ description: 'Ids of siblings tracked together; each sibling\'s file lists this child too.', examples: [['C-1002']] }),
  social_worker: optionalText('a name (text)').meta({ description: 'The child\'s allocated social worker.', examples: ['Priya Shah'] }),
  team_manager: optionalText('a name (text)').meta({ description: 'The team manager responsible for the case.', examples: ['Tom Reed'] }),
  iro: optionalText('a name (text)').meta({ description: 'The independent reviewing officer.', examples: ['Jane Cole'] }),
  looked_after: z
    .strictObject(
      {
        start: isoDate.meta({ description: 'The date the child became looked after (this period of care).', examples: ['2026-05-04'] }),
        legal_status: code(LEGAL_STATUSES, 'an SSDA903 legal status').nullish().meta({ description: 'SSDA903 legal status code; `panel check` asks for it while empty.', examples: ['C1'] }),
        placement: code(PLACEMENT_TYPES, 'an SSDA903 placement type').nullish().meta({ description: 'SSDA903 placement type code; `panel check` asks for it while empty.', examples: ['U4'] }),
        end: optionalDate.meta({ description: 'The date the child ceased to be looked after; null while in care.', examples: [null, '2027-01-15'] }),
        reason_ceased: code(REASONS_CEASED, 'an SSDA903 reason-episode-ceased').nullish().meta({ description: 'SSDA903 reason-episode-ceased code, set with `end`.', examples: [null, 'E11'] }),
      },
      { error: 'a block with start, legal_status, placement, end, reason_ceased' },
    )
    .nullish()
    .meta({ description: 'The current period of care; leave it out when the child is not looked after (pre-proceedings only).', examples: [{ start: '2026-05-04', legal_status: 'C1', placement: 'U4', end: null, reason_ceased: null }] }),
  reviews: z.array(isoDate, { error: 'a list of review dates, e.g. [2026-05-29, 2026-08-27]' }).nullish().transform((v) => v ?? []).meta({ description: 'Looked-after reviews held, oldest first.', examples: [['2026-05-29', '2026-08-27']] }),
  plo: z
    .strictObject(
      {
        start: isoDate.meta({ description: 'The date pre-proceedings (PLO) started.', examples: ['2026-02-10'] }),
        end: optionalDate.meta({ description: 'The date pre-proceedings ended; null while open.', examples: [null, '2026-05-01'] }),
      },
      { error: 'a block with start and end' },
    )
    .nullish()
    .meta({ description: 'Pre-proceedings under the Public Law Outline.', examples: [{ start: '2026-02-10', end: null }] }),
  proceedings: z
    .strictObject(
      {
        issued: isoDate.meta({ description: 'The date care proceedings were issued.', examples: ['2026-05-01'] }),
        extensions: z
          .number({ error: 'a whole number of 8-week extensions (0 or more)' })
          .int({ error: 'a whole number of 8-week extensions (0 or more)' })
          .min(0, { error: 'a whole number of 8-week extensions (0 or more)' })
          .max(MAX_EXTENSIONS, { error: `a whole number of 8-week extensions, at most ${MAX_EXTENSIONS} (more would run the proceedings past ${26 + 8 * MAX_EXTENSIONS} weeks: check the number)` })
          .nullish()
          .transform((v) => v ?? 0)
          .meta({ description: '8-week extensions granted by the court (each moves the 26-week date on by 8 weeks).', examples: [0] }),
        final_hearing: optionalDate.meta({ description: 'The date of the final hearing, when listed.', examples: ['2026-10-30'] }),
        concluded: optionalDate.meta({ description: 'The date proceedings concluded; null while they run.', examples: [null, '2026-10-30'] }),
      },
      { error: 'a block with issued, extensions, final_hearing, concluded' },
    )
    .nullish()
    .meta({ description: 'Care proceedings (26 weeks from issue, plus extensions).', examples: [{ issued: '2026-05-01', extensions: 0, final_hearing: '2026-10-30', concluded: null }] }),
  fgc: z
    .strictObject(
      {
        referred: optionalDate.meta({ description: 'The date the family group conference was referred.', examples: ['2026-02-12'] }),
        held: optionalDate.meta({ description: 'The date the family group conference was held.', examples: ['2026-03-05'] }),
      },
      { error: 'a block with referred and held' },
    )
    .nullish()
    .meta({ description: 'Family group conference.', examples: [{ referred: '2026-02-12', held: '2026-03-05' }] }),
  plan: z
    .strictObject(
      {
        route: route.nullish().meta({ description: 'The permanence plan: the route to a permanent home.', examples: ['adoption'] }),
        contingency: route.nullish().meta({ description: 'The parallel (contingency) plan.', examples: ['long-term-fostering'] }),
        agreed: optionalDate.meta({ description: 'The date the permanence plan was agreed (due by the second review).', examples: ['2026-08-27'] }),
        confirmed: described(optionalDate, 'Date the permanence plan was confirmed (a further period after the second review: plan_confirmed).', '2027-02-26'),
        emergency_change: described(optionalDate, 'Date the plan was changed in an emergency, before a permanence planning meeting or review: brings the child to the next panel.', '2026-11-12'),
        change_proposed: described(optionalDate, 'Date a change to a plan for adoption was proposed: the child comes to panel before the plan changes.', '2026-11-16'),
      },
      { error: 'a block with route, contingency, agreed, confirmed, emergency_change, change_proposed' },
    )
    .nullish()
    .meta({ description: 'The permanence plan and its contingency.', examples: [{ route: 'adoption', contingency: 'long-term-fostering', agreed: '2026-08-27' }] }),
  disruption_meetings: described(
    z
      .array(
        z.strictObject(
          {
            date: described(isoDate, 'The date the disruption meeting was held.', '2026-10-20'),
            chair: described(optionalText('the chair\'s name (usually an IRO)'), 'Who chaired it (an independent reviewing officer).', 'Jane Cole (IRO)'),
            lessons_child: described(optionalText('the lessons for the child and their future planning (text)'), "Lessons for the child's future needs and planning.", 'Needs a carer experienced with trauma.'),
            lessons_service: described(optionalText('the lessons for practice and the service (text)'), 'Lessons for practice and the service.', 'Matching report to cover school move.'),
          },
          { error: 'a disruption meeting: date, chair, lessons_child, lessons_service' },
        ),
        { error: 'a list of disruption meetings (date, chair, lessons_child, lessons_service)' },
      )
      .nullish()
      .transform((v) => v ?? []),
    'Disruption meetings held after a permanent placement broke down; each is reported to the next panel with its lessons.',
    [{ date: '2026-10-20', chair: 'Jane Cole (IRO)', lessons_child: 'Needs a carer experienced with trauma.', lessons_service: 'Matching report to cover school move.' }],
  ),
  stability_meetings: described(
    z
      .array(z.strictObject({ date: described(isoDate, 'The date the stability meeting was held.', '2026-11-10'), chair: described(optionalText('the chair\'s name'), 'Who chaired it.', 'Tom Reed') }, { error: 'a stability meeting: date, chair' }), {
        error: 'a list of stability meetings (date, chair)',
      })
      .nullish()
      .transform((v) => v ?? []),
    'Stability meetings held when a placement was at risk; each brings the child to the next panel for scrutiny and support.',
    [{ date: '2026-11-10', chair: 'Tom Reed' }],
  ),
  remand: described(
    z
      .strictObject(
        {
          start: described(isoDate, 'The date the remand began.', '2026-10-05'),
          end: described(optionalDate, 'The date the remand ended; null while it lasts.', null),
          long_term_plan: described(z.boolean({ error: 'true or false' }).nullish().transform((v) => v ?? false), 'true when the plan is that the young person stays looked after long term when the remand ends.', true),
        },
        { error: 'a block with start, end, long_term_plan' },
      )
      .nullish(),
    'A remand to local authority accommodation; long_term_plan true when the young person may stay looked after long term when it ends (brings them to panel).',
    { start: '2026-10-05', end: null, long_term_plan: true },
  ),
  foster_match: described(
    z
      .strictObject(
        {
          placed_since: described(optionalDate, 'The date the current foster placement began.', '2025-09-01'),
          ifa: described(z.boolean({ error: 'true or false' }).nullish().transform((v) => v ?? false), 'true when the placement is with an independent fostering agency.', true),
          proposed: described(isoDate, 'The date the match was put to panel for approval.', '2026-11-18'),
          approved: described(optionalDate, 'The date the match was approved; null while awaiting approval.', null),
        },
        { error: 'a block with placed_since, ifa, proposed, approved' },
      )
      .nullish(),
    'A long-term fostering match to be approved at panel: the current placement start, whether it is with an independent fostering agency, and the dates proposed and approved.',
    { placed_since: '2025-09-01', ifa: true, proposed: '2026-11-18', approved: null },
  ),
  staying_put: described(
    z.strictObject(
      {
        proposed: described(isoDate, 'The date the arrangement was put to panel.', '2026-11-02'),
        approved: described(optionalDate, 'The date it was approved; null while awaiting approval.', null),
      },
      { error: 'a block with proposed and approved' },
    ).nullish(),
    'A Staying Put arrangement presented to panel for approval.',
    { proposed: '2026-11-02', approved: null },
  ),
  adoption: described(
    z
      .strictObject(
        {
          agency_decision: described(optionalDate, 'The agency decision maker decided the child should be placed for adoption.', '2026-03-02'),
          placement_order: described(optionalDate, 'Placement order made (legal status E1).', '2026-05-20'),
          match_recommended: described(optionalDate, 'The adoption panel recommended the match.', '2026-08-12'),
          match_decision: described(optionalDate, "The agency decision maker's match decision.", '2026-08-19'),
          placed: described(optionalDate, 'Placed for adoption: the child moved in with the adopters.', '2026-09-14'),
          order: described(optionalDate, 'Adoption order made.', '2027-03-01'),
          local_match_pursued: described(
            z.boolean({ error: 'true or false' }).nullish().transform((v) => v ?? false),
            'true while a match within the council or its regional agency is being pursued (no register referral is then due).',
            true,
          ),
          register_referral: described(optionalDate, 'Referred to the adoption register.', '2026-05-29'),
        },
        { error: 'a block with agency_decision, placement_order, match_recommended, match_decision, placed, order, local_match_pursued, register_referral' },
      )
      .nullish(),
    'Adoption milestones in order (DOMAIN.md s5); the adoption scorecard clocks run from them.',
    { agency_decision: '2026-03-02', placement_order: '2026-05-20', match_decision: '2026-08-19', placed: '2026-09-14' },
  ),
  iro_difference: described(
    z
      .strictObject(
        {
          raised: described(isoDate, 'The date the difference of opinion was raised.', '2026-11-09'),
          resolved: described(optionalDate, 'The date it was resolved; null while open.', null),
          summary: described(optionalText('what the social worker and IRO differ on (text)'), 'What the social worker and the IRO differ on.', 'Timing of the return home.'),
        },
        { error: 'a block with raised, resolved, summary' },
      )
      .nullish(),
    'A difference of opinion between the social worker and the IRO: the child comes to panel and the IRO is invited until it is resolved.',
    { raised: '2026-11-09', resolved: null, summary: 'Timing of the return home.' },
  ),
  permanence: z
    .strictObject(
      {
        secured: optionalDate.meta({ description: 'The date permanence was secured (order made, or return home confirmed); the child then leaves the tracker except for life story work.', examples: [null, '2027-02-01'] }),
        route: route.nullish().meta({ description: 'The route by which permanence was secured.', examples: [null, 'adoption'] }),
        life_story_complete: z.boolean({ error: 'true or false' }).nullish().transform((v) => v ?? false).meta({ description: 'Life story work complete.', examples: [false] }),
        later_life_letter: z.boolean({ error: 'true or false' }).nullish().transform((v) => v ?? false).meta({ description: 'Later life letter sent (adoption).', examples: [false] }),
      },
      { error: 'a block with secured, route, life_story_complete, later_life_letter' },
    )
    .nullish()
    .meta({ description: 'Permanence secured, and the work that follows it.', examples: [{ secured: null, route: null, life_story_complete: false, later_life_letter: false }] }),
  panel: z
    .array(panelDiscussionSchema, { error: 'a list of panel discussions (date, decision, actions)' })
    .nullish()
    .transform((v) => v ?? [])
    .meta({ description: "This child's discussions at panel, oldest first.", examples: [[{ date: '2026-06-05', decision: 'Plan of adoption endorsed; contingency long-term fostering.', actions: [] }]] }),
});

export type Child = z.infer<typeof caseSchema>;
export type PanelDiscussion = z.infer<typeof panelDiscussionSchema>;
export type Action = z.infer<typeof actionSchema>;

/** A panel meeting file: `meetings/<YYYY-MM-DD>.md`. */
export const meetingSchema = z.strictObject({
  date: isoDate.meta({ description: 'The meeting date; the file is meetings/<date>.md.', examples: ['2026-12-04'] }),
  time: optionalText('a time such as "10:00"').meta({ description: 'The start time (quote it).', examples: ['10:00'] }),
  venue: optionalText('a place (text)').meta({ description: 'Where the panel meets.', examples: ['Room 2.14, Civic Centre'] }),
  chair: optionalText('the chair\'s name (text)').meta({ description: 'Who chairs the meeting.', examples: ['Angela Whitfield'] }),
  attendees: z.array(text('a name'), { error: 'a list of names' }).nullish().transform((v) => v ?? []).meta({ description: 'Who attended.', examples: [['Tom Reed', 'Rashid Karim']] }),
  apologies: z.array(text('a name'), { error: 'a list of names' }).nullish().transform((v) => v ?? []).meta({ description: 'Who sent apologies.', examples: [['Grace Ellison']] }),
  agenda: z.array(childId, { error: 'a list of child ids in agenda order' }).nullish().transform((v) => v ?? []).meta({ description: 'Child ids in agenda order (written by `panel agenda --freeze`).', examples: [['C-1001', 'C-1002']] }),
  agenda_proposed: optionalDate.meta({ description: 'The date the order was proposed (`panel agenda --freeze`); the agenda stays proposed until `agenda_agreed` is set.', examples: ['2026-11-20'] }),
  agenda_agreed: optionalDate.meta({ description: 'The date the chairs agreed the agenda (`panel agenda --agree`, or set by a chair in the pull request); until it is set the agenda is proposed.', examples: ['2026-11-27'] }),
  agenda_agreed_by: optionalText('the name of the chair who agreed the agenda').meta({ description: 'The chair who agreed the agenda.', examples: ['Angela Whitfield'] }),
  minutes_published: optionalDate.meta({ description: 'The date the minutes were published.', examples: ['2026-12-09'] }),
  papers: z
    .record(
      childId,
      z.array(
        z.strictObject(
          {
            paper: paperKind.meta({ description: `The paper: ${PAPER_KINDS.join(', ')}.`, examples: ['court-care-plan'] }),
            received: optionalDate.meta({ description: 'The date it reached the chair; null while it is awaited.', examples: ['2026-11-25'] }),
          },
          { error: 'a paper: paper and received' },
        ),
        { error: 'a list of papers (paper, received)' },
      ),
      { error: 'papers by child id, e.g. C-1001: [{ paper: care-plan, received: 2026-11-25 }]' },
    )
    .nullish()
    .transform((v) => v ?? {})
    .meta({
      description: "For each child on the agenda, the papers sent for the meeting and the date each arrived (the policy's papers_expected are expected even when not listed).",
      examples: [{ 'C-1001': [{ paper: 'court-care-plan', received: '2026-11-25' }, { paper: 'ppm-minutes', received: null }] }],
    }),
});
export type Meeting = z.infer<typeof meetingSchema>;
