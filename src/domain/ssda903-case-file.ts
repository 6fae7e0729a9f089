/**
 * Case file text for the SSDA903 import: a new file for a child the return shows in care. Pure: text in,
 * text out. Updating an existing file is ssda903-case-update.ts (it needs a YAML library; writing a new
 * file does not, so `panel import 903` without --update never loads one).
 */
import type { IsoDate } from './dates.js';
import { LEGAL_STATUSES, PLACEMENT_TYPES, REASONS_CEASED, ROUTE_LABELS } from './codes.js';
import { RNE_CODES, type ReturnRecord } from './ssda903.js';

export const nameToBeAdded = (id: string) => `Child ${id} (name to be added)`;

/**
 * The comment the import itself writes after a care start the return does not show (RNE other than S). It
 * asks a person to confirm the date, so it is not a person's confirmation (see `confirmedComment`).
 */
export const IMPORT_NOTE = 'first episode of this period in the return';
export const importStartNote = (rne: string) => `${IMPORT_NOTE} (RNE ${rne}), not its start (RNE S): confirm`;

const TEMPLATE_SECTIONS = ['Background', 'Legal context', 'Assessments', 'Health', 'Education', 'Wishes and feelings', 'Views of parents', 'Options'];

/**
 * The text of a new case file for a child in the return. Written line by line rather than through a YAML
 * Document (four times faster over a whole return): every value is a date, an SSDA903 code, a route or
 * null, which YAML reads as written; the id is double-quoted as a JSON string (valid YAML), since an id
 * such as 566910 or true would otherwise be read as a number or a boolean.
 */
export function newCaseFile(record: ReturnRecord, { importedOn, asOf }: { importedOn: IsoDate; asOf: IsoDate }): string {
  const v = (value: string | null | undefined) => value ?? 'null';
  const startNote = record.first.rne !== 'S' && !record.continued ? ` # ${importStartNote(record.first.rne)}` : '';
  const lines = [
    '---',
    `# Imported from the SSDA903 return on ${importedOn} (the return read as at ${asOf}).`,
    '# From the return: dob, looked_after, reviews, and permanence when the return records it. The return has',
    '# no names, plans or panel history: complete them. `panel import 903 --update` refreshes only those fields.',
    `id: ${JSON.stringify(record.id)}`,
    `name: ${nameToBeAdded(record.id)}`, // plain text: an id is letters, digits, - and _ only
    `dob: ${record.dob}`,
    'team: null',
    'siblings: []',
    'social_worker: null',
    'team_manager: null',
    'iro: null',
    'looked_after:',
    `  start: ${record.start}${startNote}`,
    `  legal_status: ${v(record.legalStatus)}`,
    `  placement: ${v(record.placement)}`,
    `  end: ${v(record.end)}`,
    `  reason_ceased: ${v(record.reasonCeased)}`,
    `reviews: [${record.reviews.map((r) => r.date).join(', ')}]`,
    'plo: null',
    'proceedings: null',
    'fgc: null',
    'plan: null',
    'permanence:',
    `  secured: ${v(record.permanence?.secured)}`,
    `  route: ${v(record.permanence?.route)}`,
    '  life_story_complete: false',
    '  later_life_letter: false',
    'panel: []',
    '---',
  ];
  return `${lines.join('\n')}\n${newCaseBody(record)}`;
}

function newCaseBody(record: ReturnRecord): string {
  const toComplete = ['- Write the child\'s name (the return has none); add the team, social worker, team manager and IRO.'];
  if (record.first.rne !== 'S') {
    toComplete.push(
      `- Confirm when care began: the return's first episode of this period starts on ${record.start} with RNE ${record.first.rne} ` +
        `(${RNE_CODES[record.first.rne]}), so the child was already looked after then.`,
    );
  }
  if (record.legalStatus === undefined) toComplete.push('- Add the legal status: the return\'s code for the latest episode was not usable.');
  if (record.placement === undefined) toComplete.push('- Add the placement type: the return\'s code for the latest episode was not usable.');
  if (record.end && record.reasonCeased === undefined) toComplete.push(`- Add why care ended on ${record.end}: the return gives no usable reason.`);
  toComplete.push(
    '- Record the permanence plan (`plan`: route, contingency, agreed) and any PLO, proceedings and FGC dates.',
    '- Add the child\'s panel discussions (`panel`) and write the summary below.',
  );
  const facts: string[] = [];
  const la = [
    record.legalStatus ? `legal status ${record.legalStatus} (${LEGAL_STATUSES[record.legalStatus]})` : null,
    record.placement ? `placement ${record.placement} (${PLACEMENT_TYPES[record.placement]})` : null,
  ].filter(Boolean);
  if (la.length) facts.push(`- Latest episode: ${la.join(', ')}.`);
  if (record.end) {
    const reason = record.reasonCeased ? ` (${record.reasonCeased}: ${REASONS_CEASED[record.reasonCeased]})` : '';
    facts.push(`- Care ended on ${record.end}${reason}.`);
  }
  if (record.permanence) facts.push(`- Permanence secured on ${record.permanence.secured}: ${ROUTE_LABELS[record.permanence.route]}.`);
  for (const f of record.adoption) {
    for (const d of f.dates) facts.push(`- ${d.what}: ${d.date} (${f.file} line ${f.line}).`);
  }
  const sections = TEMPLATE_SECTIONS.map((s) => `## ${s}\n`).join('\n');
  return [
    '> Imported from the SSDA903 return. Complete this file before the child\'s first discussion at panel.\n',
    `## To complete\n${toComplete.join('\n')}\n`,
    `## From the return\n${facts.join('\n')}\n`,
    sections,
  ].join('\n');
}
