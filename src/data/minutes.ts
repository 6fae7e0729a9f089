/**
 * Minutes into each child's record. `panel minutes <date>` writes a draft with one block per child on the
 * agenda; the panel administrator fills in the decision and actions after the meeting and has it reviewed;
 * `panel minutes --apply <date>` then adds each child's block to the end of that child's `panel:` list, adds
 * the meeting minutes to the meeting file and sets its `minutes_published`.
 *
 * Every file is checked before any is written: a case file that changed since the draft was made (its
 * SHA-256 is in the draft), a block that is not valid, or an edit that would not read back as exactly the
 * old file plus the new entry stops the whole apply, and nothing is written. Each file is then written
 * atomically, keeping every existing line byte for byte (see case-edit.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { Agenda } from '../domain/agenda.js';
import { plusDays, type IsoDate } from '../domain/dates.js';
import { describeDuration } from '../domain/duration.js';
import { deepEqual } from '../domain/field-changes.js';
import { problemMessage, problemsFromZod } from '../domain/problems.js';
import { caseSchema, meetingSchema, panelDiscussionSchema, type Child, type PanelDiscussion } from '../domain/schema.js';
import { appendToTopLevelList, setEmptyTopLevelField, splitFrontMatter } from './case-edit.js';
import { readableCases, validCases, validMeetings, type DataRoot } from './data-root.js';
import { parseMarkdownFile, plainMistake } from './frontmatter.js';
import { writeFileSafely } from './write.js';

export const draftFile = (root: string, date: IsoDate) => path.join(root, 'meetings', 'drafts', `${date}-minutes.md`);

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const yamlString = (s: string) => JSON.stringify(s);
/** The marker before each child's block: which file, and the file as it stood when the draft was made. */
const MARKER = /^<!-- panel-minutes child=([A-Za-z0-9_-]+) file=(\S+) sha256=([0-9a-f]{64})( must-fix)? -->$/;
/** An item's heading: which child it is about (the draft's copy of the agenda). */
const ITEM = /^### Item \d+: ([A-Za-z0-9_-]+)\s/;
/** The SHA-256 of a case file that did not exist when the draft was made. */
const NO_FILE_SHA = '0'.repeat(64);
const MINUTES_START = '<!-- panel-minutes meeting-minutes:start -->';
const MINUTES_END = '<!-- panel-minutes meeting-minutes:end -->';

/**
 * Why a child's decision cannot be written to its case file yet, or null when its file is valid: the file
 * is invalid (its first problem, with the line) or there is none.
 */
export function caseFileProblem(data: DataRoot, id: string): { file: string; line?: number; problem: string } | null {
  const loaded = data.cases.filter((c) => (c.value?.id ?? c.readable?.id ?? c.key) === id);
  if (loaded.some((c) => c.value)) return null;
  const bad = loaded[0];
  if (!bad) return { file: `cases/${id}.md`, problem: 'there is no case file for this child: it must be added first' };
  const p = bad.problems[0];
  return { file: bad.file, line: p?.line, problem: `case file must be fixed first: ${p?.message ?? 'it does not match the case format'}` };
}

/** For each child on the agenda, the entry to add to its case file, and the meeting's minutes body. */
export function minutesScaffold(data: DataRoot, agenda: Agenda): string {
  const byId = new Map(validCases(data).map((c) => [c.value.id, c]));
  const due = plusDays(agenda.date, 14);
  const out = [
    `# Minutes draft: ${data.policy.panel_name}, ${agenda.date}`,
    '',
    `Agenda: ${agenda.status === 'frozen' ? `frozen${agenda.agreedOn ? `, agreed on ${agenda.agreedOn}` : ''}` : 'proposed (not frozen)'}. Minutes and actions are due within ${describeDuration(data.policy.timescales.minutes_published)} of the meeting.`,
    '',
    'How to use this draft: write each child\'s decision and actions in its yaml block below (delete an action',
    'you do not need; in `carried_forward`, keep the open actions the panel carried forward and delete those now',
    'done), write the meeting minutes between the markers, have the draft reviewed, then run',
    `\`panel minutes --apply ${agenda.date}\`: it adds each block to the end of the child's \`panel:\` list and sets`,
    `\`minutes_published\` in meetings/${agenda.date}.md. A case file changed since this draft was made is refused.`,
    '',
    '## Meeting minutes (for the body of meetings/' + agenda.date + '.md)',
    '',
    MINUTES_START,
    '### Attendance and apologies',
    '',
    '### Actions from the last panel',
    '',
    ...agenda.items.flatMap((i) => i.children.flatMap((c) => c.openActions.map((a) => `- ${c.id}: ${a.action} (owner ${a.owner ?? 'not recorded'}, due ${a.due}, set ${a.from}): done / carried forward`))),
    '',
    '### Themes and escalations',
    '',
    MINUTES_END,
    '',
    '## Decisions and actions for each child',
    '',
  ];
  // An id on the meeting file's agenda whose case file cannot be read at all is left off the agenda's items;
  // it keeps an item here, so its decision has a place and --apply waits for the file.
  const listed = new Set(agenda.items.flatMap((i) => i.children.map((c) => c.id)));
  const missing = [...new Set(meetingOf(data, agenda.date)?.value.agenda ?? [])].filter((id) => !listed.has(id) && caseFileProblem(data, id));
  const items = [...agenda.items, ...missing.map((id, i) => ({ number: agenda.items.length + 1 + i, children: [{ id, name: '', reasons: [], openActions: [] }] }))];
  for (const item of items) {
    for (const c of item.children) {
      const loaded = byId.get(c.id);
      // A child whose file cannot be read still gets its block, so its decision is written down and is
      // applied once the file is fixed (--apply stops until then: nothing is written without it).
      const blocked = loaded ? null : caseFileProblem(data, c.id);
      const where = blocked ? `${blocked.file}${blocked.line ? `, line ${blocked.line}` : ''}: ${blocked.problem}` : loaded!.file;
      out.push(`### Item ${item.number}: ${c.id}${c.name ? ` ${c.name}` : ''} (${where})`, '');
      const file = loaded?.file ?? blocked!.file;
      const abs = path.join(data.root, file);
      const hash = existsSync(abs) ? sha256(readFileSync(abs, 'utf8')) : NO_FILE_SHA;
      out.push(`<!-- panel-minutes child=${c.id} file=${file} sha256=${hash}${loaded ? '' : ' must-fix'} -->`, '');
      out.push(`Why on the agenda: ${c.reasons.map((r: { text: string }) => r.text).join('; ') || 'agreed by the chairs'}.`, '');
      const owner = loaded?.value?.social_worker ? yamlString(loaded.value.social_worker) : '';
      out.push('```yaml', `- date: ${agenda.date}`, '  decision: ', '  actions:', '    - action: ', `      owner: ${owner}`, `      due: ${due}`);
      if (c.openActions.length) {
        out.push('  carried_forward:');
        for (const a of c.openActions) out.push(`    - from: ${a.from}`, `      action: ${yamlString(a.action)}`);
      }
      out.push('```', '');
    }
  }
  return out.join('\n');
}

export interface DraftBlock {
  child: string;
  file: string;
  sha256: string;
  /** Line of the yaml block in the draft. */
  line: number;
  yaml: string;
  /** The case file could not be read (or did not exist) when the draft was made: it is expected to have changed. */
  mustFix: boolean;
}

export interface Draft {
  blocks: DraftBlock[];
  /** The children of the draft's items (its copy of the agenda), with the line of each heading. */
  items: { child: string; line: number }[];
  /** Yaml blocks with a decision written but no marker line before them: they cannot be applied. */
  unmarked: { child: string | null; line: number }[];
  /** The meeting minutes written between the markers, trimmed; empty when only the headings are there. */
  minutes: string;
}

/** Reads a reviewed draft: each child's marker and the yaml block after it, and the meeting minutes. */
export function readDraft(text: string): Draft {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: DraftBlock[] = [];
  const items: Draft['items'] = [];
  const unmarked: Draft['unmarked'] = [];
  let item: string | null = null;
  let pending: Omit<DraftBlock, 'yaml' | 'line'> | null = null;
  let minutes: string[] | null = null;
  let minutesText = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === MINUTES_START) {
      minutes = [];
      continue;
    }
    if (line.trim() === MINUTES_END && minutes) {
      minutesText = minutes.join('\n').trim();
      minutes = null;
      continue;
    }
    if (minutes) {
      minutes.push(line);
      continue;
    }
    const heading = ITEM.exec(line);
    if (heading) {
      item = heading[1];
      items.push({ child: item, line: i + 1 });
      continue;
    }
    const m = MARKER.exec(line.trim());
    if (m) {
      pending = { child: m[1], file: m[2], sha256: m[3], mustFix: !!m[4] };
      continue;
    }
    if (/^```ya?ml\s*$/.test(line.trim())) {
      const start = i + 1;
      let end = start;
      while (end < lines.length && lines[end].trim() !== '```') end++;
      const yaml = lines.slice(start, end).join('\n');
      if (pending) blocks.push({ ...pending, line: start + 1, yaml });
      // (A draft made before every child had a marker: a decision written there must not be dropped unseen.)
      else if (/^\s*-?\s*decision:[ \t]*\S/m.test(yaml)) unmarked.push({ child: item, line: start + 1 });
      pending = null;
      i = end;
    }
  }
  // Only headings (or nothing) between the markers: there are no minutes to add yet.
  const hasMinutes = minutesText.split('\n').some((l) => l.trim() && !/^#{1,6}\s/.test(l.trim()));
  return { blocks, items, unmarked, minutes: hasMinutes ? minutesText : '' };
}

export interface ApplyProblem {
  file: string;
  line?: number;
  message: string;
  /** A child on the agenda whose case file cannot be written (invalid or missing). */
  blocked?: { child: string };
}

export interface ApplyPlan {
  writes: { file: string; text: string; before: string; what: string }[];
  /** Children whose file already holds a discussion on this date: left as they are. */
  alreadyRecorded: string[];
  problems: ApplyProblem[];
  notes: string[];
}

/** A discussion block's placeholder action (no words written): dropped rather than refused. */
function dropEmptyActions(value: unknown): { value: unknown; dropped: number } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { value, dropped: 0 };
  const v = { ...(value as Record<string, unknown>) };
  let dropped = 0;
  if (Array.isArray(v.actions)) {
    const kept = v.actions.filter((a) => !(a && typeof a === 'object' && !Array.isArray(a) && (a as Record<string, unknown>).action == null));
    dropped = v.actions.length - kept.length;
    v.actions = kept;
    if (!kept.length) delete v.actions;
  }
  if (Array.isArray(v.carried_forward) && v.carried_forward.length === 0) delete v.carried_forward;
  if (v.actions === null) delete v.actions;
  if (v.carried_forward === null) delete v.carried_forward;
  return { value: v, dropped };
}

/** The entry as it will be written: only the fields given, in the contract's order. */
function entryToWrite(d: PanelDiscussion): Record<string, unknown> {
  const out: Record<string, unknown> = { date: d.date, decision: d.decision };
  if (d.actions.length) {
    out.actions = d.actions.map((a) => ({ action: a.action, ...(a.owner ? { owner: a.owner } : {}), due: a.due, ...(a.done ? { done: a.done } : {}) }));
  }
  if (d.carried_forward.length) out.carried_forward = d.carried_forward.map((c) => ({ from: c.from, action: c.action }));
  return out;
}

function readCase(text: string): { child: Child } | { error: string } {
  const parsed = parseMarkdownFile(text);
  if (parsed.syntax.length) return { error: `YAML syntax on line ${parsed.syntax[0].line}: ${parsed.syntax[0].message}` };
  const result = caseSchema.safeParse(parsed.data);
  if (!result.success) {
    const p = problemsFromZod(result.error, parsed.data, caseSchema)[0];
    return { error: p ? `line ${parsed.locate(p.path, p.atKey)}: ${problemMessage(p)}` : 'it does not match the case format' };
  }
  return { child: result.data };
}

/**
 * A block's YAML mistake on its line of the draft, in the words a case file's gets (an unquoted colon, a value
 * starting with a special character: put it in quotes); else the parser's words without its own position,
 * which counts from the block, not the draft.
 */
function blockYamlError(block: DraftBlock, err: { message: string; linePos?: [{ line: number }, ...unknown[]] }): { line: number; message: string } {
  const at = err.linePos?.[0].line ?? 1;
  const lines = block.yaml.split('\n');
  // The parser often stops on the line after the mistake (an unquoted colon ends the line's value).
  const here = plainMistake(lines[at - 1]);
  const before = !here && at > 1 ? plainMistake(lines[at - 2]) : undefined;
  const words = (here ?? before)?.replace(/^YAML syntax: /, '') ?? err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return { line: block.line + (before ? at - 2 : at - 1), message: `${block.child}'s block is not valid YAML: ${words}` };
}

/** Everything --apply would write, checked; nothing is written here. */
export function planApply(data: DataRoot, date: IsoDate, draftText: string, publishedOn: IsoDate): ApplyPlan {
  const draft = readDraft(draftText);
  const plan: ApplyPlan = { writes: [], alreadyRecorded: [], problems: [], notes: [] };
  const draftRel = path.relative(data.root, draftFile(data.root, date)).split(path.sep).join('/');
  // Every child on the draft's agenda must be writable before anything is: a decision is never dropped
  // because its child's file is broken, and minutes_published is never set without it.
  const blocked = new Set<string>();
  const names = new Map(readableCases(data).map((c) => [c.readable.id, c.readable.name]));
  const onAgenda = [...draft.items.map((i) => i.child), ...draft.blocks.map((b) => b.child), ...(meetingOf(data, date)?.value.agenda ?? [])];
  for (const child of onAgenda) {
    if (blocked.has(child)) continue;
    const why = caseFileProblem(data, child);
    if (!why) continue;
    blocked.add(child);
    const name = names.get(child);
    plan.problems.push({ file: why.file, line: why.line, message: `${child}${name ? ` ${name}` : ''} is on the agenda, but its decision cannot be written: ${why.problem}`, blocked: { child } });
  }
  for (const u of draft.unmarked) {
    if (u.child && blocked.has(u.child)) continue;
    plan.problems.push({
      file: draftRel,
      line: u.line,
      message: `${u.child ? `${u.child}'s block` : 'this block'} has no "<!-- panel-minutes child=... -->" line before it, so its decision cannot be applied: move this draft aside, make it again with \`panel minutes ${date}\`, and copy the reviewed words into the new one`,
    });
  }
  if (!draft.blocks.length && !blocked.size && !draft.unmarked.length) {
    plan.problems.push({ file: draftRel, message: 'the draft has no child blocks (a "<!-- panel-minutes child=... -->" line followed by a ```yaml block): make it with `panel minutes ' + date + '`' });
    return plan;
  }
  const seen = new Set<string>();
  for (const block of draft.blocks) {
    const where = { file: draftRel, line: block.line };
    if (blocked.has(block.child)) continue;
    if (seen.has(block.file)) {
      plan.problems.push({ ...where, message: `${block.child} has two blocks in the draft: keep one` });
      continue;
    }
    seen.add(block.file);
    // The marker names the file; it must be a case file inside this data root.
    if (!/^cases\/[A-Za-z0-9_-]+\.md$/.test(block.file)) {
      plan.problems.push({ ...where, message: `the block's marker names "${block.file}", which is not a case file (cases/<id>.md)` });
      continue;
    }
    const abs = path.join(data.root, block.file);
    if (!existsSync(abs)) {
      plan.problems.push({ ...where, message: `${block.file} no longer exists` });
      continue;
    }
    const before = readFileSync(abs, 'utf8');
    const doc = parseDocument(block.yaml, { uniqueKeys: true });
    if (doc.errors.length) {
      plan.problems.push({ ...where, ...blockYamlError(block, doc.errors[0]) });
      continue;
    }
    const raw = doc.toJS({ maxAliasCount: 100 }) as unknown;
    const one = Array.isArray(raw) ? (raw.length === 1 ? raw[0] : undefined) : raw;
    if (one === undefined) {
      plan.problems.push({ ...where, message: `${block.child}'s block must hold one discussion (one "- date: ..." entry), found ${Array.isArray(raw) ? raw.length : 0}` });
      continue;
    }
    const { value, dropped } = dropEmptyActions(one);
    if (dropped) plan.notes.push(`${block.child}: ${dropped} action${dropped === 1 ? '' : 's'} with no words left out`);
    const parsed = panelDiscussionSchema.safeParse(value);
    if (!parsed.success) {
      const p = problemsFromZod(parsed.error, value, panelDiscussionSchema)[0];
      plan.problems.push({ ...where, message: `${block.child}'s block: ${p ? problemMessage(p) : 'does not match a panel discussion'}` });
      continue;
    }
    const entry = parsed.data;
    if (entry.date !== date) {
      plan.problems.push({ ...where, message: `${block.child}'s block is dated ${entry.date}, not the meeting's date ${date}` });
      continue;
    }
    if (!entry.decision?.trim()) {
      plan.problems.push({ ...where, message: `${block.child}'s decision is empty: write the panel's decision, or delete the child's block if the child was not discussed` });
      continue;
    }
    const current = readCase(before);
    if ('error' in current) {
      plan.problems.push({ file: block.file, message: `${block.file} cannot be read, so nothing was added to it (${current.error})` });
      continue;
    }
    if (current.child.id !== block.child) {
      plan.problems.push({ ...where, message: `the block is for ${block.child} but ${block.file} holds ${current.child.id}` });
      continue;
    }
    if (current.child.panel.some((p) => p.date === date)) {
      plan.alreadyRecorded.push(block.child);
      continue;
    }
    if (block.mustFix && sha256(before) !== block.sha256) {
      plan.notes.push(`${block.child}: ${block.file} was fixed after the draft was made; the block is added to it as it is now`);
    } else if (sha256(before) !== block.sha256) {
      plan.problems.push({ file: block.file, message: `${block.file} changed after the draft was made, so its block was not added: check the change, then make the draft again (panel minutes ${date} --force) and copy the reviewed words into it` });
      continue;
    }
    const open = new Set(current.child.panel.flatMap((p) => p.actions.filter((a) => !a.done).map((a) => `${p.date} ${a.action}`)));
    const unknown = entry.carried_forward.filter((c) => !open.has(`${c.from} ${c.action}`));
    if (unknown.length) {
      plan.problems.push({ ...where, message: `${block.child}'s carried_forward names ${unknown.map((c) => `"${c.action}" (from ${c.from})`).join(', ')}, which is not an open action in ${block.file}: copy it exactly as written there, or delete it` });
      continue;
    }
    const edited = appendToTopLevelList(before, 'panel', entryToWrite(entry));
    if (!edited.ok) {
      plan.problems.push({ file: block.file, message: `${block.file}: ${edited.reason}` });
      continue;
    }
    // The edit must read back as exactly the old file plus the new discussion, or it is not written.
    const after = readCase(edited.text);
    const expected = { ...current.child, panel: [...current.child.panel, entry] };
    if ('error' in after || !deepEqual(after.child, expected)) {
      plan.problems.push({ file: block.file, message: `${block.file}: adding the discussion would not read back as intended (${'error' in after ? after.error : 'the fields differ'}); add it by hand` });
      continue;
    }
    plan.writes.push({ file: block.file, text: edited.text, before, what: `added the discussion of ${date}` });
  }
  if (!blocked.size) planMeetingFile(data, date, draft, publishedOn, plan);
  return plan;
}

function planMeetingFile(data: DataRoot, date: IsoDate, draft: Draft, publishedOn: IsoDate, plan: ApplyPlan) {
  const rel = `meetings/${date}.md`;
  const abs = path.join(data.root, rel);
  const recorded = [...plan.writes.map((w) => path.basename(w.file, '.md')), ...plan.alreadyRecorded];
  if (!existsSync(abs)) {
    const text = ['---', `date: ${date}`, `agenda: [${recorded.join(', ')}]`, `minutes_published: ${publishedOn}`, '---', '## Minutes', '', draft.minutes, ''].join('\n');
    plan.writes.push({ file: rel, text, before: '', what: `created with minutes_published: ${publishedOn}` });
    return;
  }
  const before = readFileSync(abs, 'utf8');
  const set = setEmptyTopLevelField(before, 'minutes_published', publishedOn);
  if (!set.ok) {
    plan.problems.push({ file: rel, message: `${rel}: ${set.reason}` });
    return;
  }
  let text = set.text;
  const what: string[] = [];
  if ('unchanged' in set) plan.notes.push(`${rel} already has minutes_published: ${set.unchanged}; left as it is`);
  else what.push(`minutes_published: ${publishedOn}`);
  if (draft.minutes && !text.includes(draft.minutes)) {
    text = text.replace(/\s*$/, '') + `\n\n${draft.minutes}\n`;
    what.push('the meeting minutes added to its body');
  }
  if (text === before) return;
  const parts = splitFrontMatter(text);
  const parsed = parseMarkdownFile(text);
  if (!parts || parsed.syntax.length || !meetingSchema.safeParse(parsed.data).success) {
    plan.problems.push({ file: rel, message: `${rel}: setting minutes_published would not leave a valid meeting file; set it by hand` });
    return;
  }
  plan.writes.push({ file: rel, text, before, what: what.join('; ') });
}

/** Writes the plan's files, each atomically, re-checking that none changed since it was read. */
export function applyPlan(data: DataRoot, plan: ApplyPlan): void {
  for (const w of plan.writes) {
    const abs = path.join(data.root, w.file);
    const now = existsSync(abs) ? readFileSync(abs, 'utf8') : '';
    if (now !== w.before) throw new Error(`${w.file} changed while the minutes were being applied; nothing more was written`);
  }
  for (const w of plan.writes) writeFileSafely(path.join(data.root, w.file), w.text, { force: w.before !== '' });
}

/** The draft's meeting, for messages: the meeting file when there is one. */
export function meetingOf(data: DataRoot, date: IsoDate) {
  return validMeetings(data).find((m) => m.value.date === date) ?? null;
}
