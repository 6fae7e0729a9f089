/**
 * Every field of a case or meeting file in a manager's words, for what people read about a change to it
 * ("What changed since the last panel" in the pack, the changes on a child's page): "Foster match with an
 * independent fostering agency (IFA)", not `foster_match.ifa`. Keyed by the field's path as the field
 * reference writes it (list items as `[]`: `panel[].actions[].due`); a test holds every field of both
 * schemas to a label here. Labels are noun phrases with no colon, so that "<label>: <value>" reads once.
 */

export const FIELD_LABELS: Readonly<Record<string, string>> = {
  // case files
  id: "Child's id",
  name: 'Name',
  dob: 'Date of birth',
  team: 'Team',
  siblings: 'Siblings tracked together',
  social_worker: 'Social worker',
  team_manager: 'Team manager',
  iro: 'Independent reviewing officer (IRO)',
  looked_after: 'Period of care',
  'looked_after.start': 'Date care began',
  'looked_after.legal_status': 'Legal status',
  'looked_after.placement': 'Placement type',
  'looked_after.end': 'Date care ended',
  'looked_after.reason_ceased': 'Reason care ended',
  reviews: 'Looked-after reviews',
  plo: 'Pre-proceedings (PLO)',
  'plo.start': 'Pre-proceedings (PLO) start',
  'plo.end': 'Pre-proceedings (PLO) end',
  proceedings: 'Care proceedings',
  'proceedings.issued': 'Care proceedings issued',
  'proceedings.extensions': 'Extensions to care proceedings granted',
  'proceedings.final_hearing': 'Final hearing',
  'proceedings.concluded': 'Care proceedings concluded',
  fgc: 'Family group conference',
  'fgc.referred': 'Family group conference referral',
  'fgc.held': 'Family group conference held',
  plan: 'Permanence plan',
  'plan.route': 'Permanence plan',
  'plan.contingency': 'Contingency plan',
  'plan.agreed': 'Permanence plan agreed',
  'plan.confirmed': 'Permanence plan confirmed',
  'plan.emergency_change': 'Plan changed in an emergency',
  'plan.change_proposed': 'Change to the adoption plan proposed',
  disruption_meetings: 'Disruption meetings',
  'disruption_meetings[].date': 'Disruption meeting date',
  'disruption_meetings[].chair': 'Disruption meeting chair',
  'disruption_meetings[].lessons_child': "Disruption meeting lessons for the child's future",
  'disruption_meetings[].lessons_service': 'Disruption meeting lessons for the service',
  stability_meetings: 'Stability meetings',
  'stability_meetings[].date': 'Stability meeting date',
  'stability_meetings[].chair': 'Stability meeting chair',
  remand: 'Remand',
  'remand.start': 'Remand began',
  'remand.end': 'Remand ended',
  'remand.long_term_plan': 'Plan to stay looked after long term when the remand ends',
  foster_match: 'Long-term foster match',
  'foster_match.placed_since': 'Foster placement began',
  'foster_match.ifa': 'Foster match with an independent fostering agency (IFA)',
  'foster_match.proposed': 'Foster match proposed',
  'foster_match.approved': 'Foster match approved',
  staying_put: 'Staying Put',
  'staying_put.proposed': 'Staying Put proposed',
  'staying_put.approved': 'Staying Put approved',
  adoption: 'Adoption',
  'adoption.agency_decision': 'Agency decision that the child should be placed for adoption',
  'adoption.placement_order': 'Placement order',
  'adoption.match_recommended': 'Adoption match recommended by the adoption panel',
  'adoption.match_decision': 'Adoption match decision',
  'adoption.placed': 'Placed for adoption',
  'adoption.order': 'Adoption order',
  'adoption.local_match_pursued': 'Local adoption match pursued',
  'adoption.register_referral': 'Adoption register referral',
  iro_difference: 'Difference of opinion with the IRO',
  'iro_difference.raised': 'Difference of opinion with the IRO raised',
  'iro_difference.resolved': 'Difference of opinion with the IRO resolved',
  'iro_difference.summary': 'What the social worker and the IRO differ on',
  permanence: 'Permanence',
  'permanence.secured': 'Permanence secured',
  'permanence.route': 'Route to permanence',
  'permanence.life_story_complete': 'Life story work complete',
  'permanence.later_life_letter': 'Later life letter sent',
  panel: 'Panel discussions',
  'panel[].date': 'Panel discussion',
  'panel[].decision': 'Panel decision',
  'panel[].actions': 'Panel actions',
  'panel[].actions[].action': 'Panel action',
  'panel[].actions[].owner': 'Panel action owner',
  'panel[].actions[].due': 'Panel action due date',
  'panel[].actions[].done': 'Panel action done',
  'panel[].carried_forward': 'Actions carried forward',
  'panel[].carried_forward[].from': 'Panel that set the action carried forward',
  'panel[].carried_forward[].action': 'Action carried forward',
  // one item of a list, as a whole (a panel discussion or an action added or removed)
  'panel[]': 'Panel discussion',
  'panel[].actions[]': 'Panel action',
  'panel[].carried_forward[]': 'Action carried forward',
  'disruption_meetings[]': 'Disruption meeting',
  'stability_meetings[]': 'Stability meeting',
  // meeting files
  date: 'Meeting date',
  time: 'Meeting time',
  venue: 'Venue',
  chair: 'Chair',
  attendees: 'Attendees',
  apologies: 'Apologies',
  agenda: 'Agenda',
  agenda_proposed: 'Agenda proposed',
  agenda_agreed: 'Agenda agreed',
  agenda_agreed_by: 'Agenda agreed by',
  minutes_published: 'Minutes published',
  papers: 'Papers received',
};

/** Short forms people use that a field name spells out in lower case. */
const WORDS: Record<string, string> = { iro: 'IRO', ifa: 'IFA', plo: 'PLO', fgc: 'FGC', dob: 'date of birth' };

/** A field's path as the field reference writes it: list keys as `[]` (`panel[2026-06-05].decision` → `panel[].decision`). */
export const referencePath = (path: string) => path.replace(/\[[^\]]*\]/g, '[]');

/**
 * A field in words: its label, or for a field no schema has (a typo in an invalid file) the label of the
 * nearest field above it followed by the rest of the name in words ("Adoption, match date").
 */
export function fieldLabel(path: string): string {
  const ref = referencePath(path);
  const own = FIELD_LABELS[ref];
  if (own) return own;
  const parts = ref.split('.');
  for (let n = parts.length - 1; n > 0; n--) {
    const at = parts.slice(0, n).join('.');
    const above = FIELD_LABELS[at] ?? FIELD_LABELS[at.replace(/\[\]$/, '')];
    if (above) return `${above}, ${words(parts.slice(n))}`;
  }
  const text = words(parts);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const words = (parts: string[]) =>
  parts
    .map((p) => p.replace(/\[\]/g, ''))
    .filter(Boolean)
    .map((p) => p.split('_').map((w) => WORDS[w] ?? w).join(' '))
    .join(', ');
