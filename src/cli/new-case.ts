/** `panel new <id>`: a new case file from templates/case.md; never replaces an existing file without --force. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../data/package-root.js';
import { writeFileSafely } from '../data/write.js';
import type { IsoDate } from '../domain/dates.js';
import { idShapeProblem, newIdProblem } from '../domain/child-id.js';
import { dateOption, resolveRoot, UsageError } from './options.js';

/** The tool's built-in templates. */
export const TEMPLATES = path.join(PACKAGE_ROOT, 'templates');

/** The case template `panel new` fills: the data root's own templates/case.md when it has one, else the built-in one. */
export function caseTemplatePath(root: string): string {
  const own = path.join(root, 'templates', 'case.md');
  if (!existsSync(own)) return path.join(TEMPLATES, 'case.md');
  // A folder where the template file should be is said plainly, not read.
  if (!statSync(own).isFile()) throw new UsageError(`${path.join('templates', 'case.md')} in the data root is a folder, not a file: make it the case template (a markdown file), or remove it to use the built-in one`);
  return own;
}

export interface NewCaseOptions {
  root?: string;
  name?: string;
  dob?: string;
  start?: string;
  force?: boolean;
}

/** Fills `{{id}}`, `{{name}}`, `{{dob}}`, `{{start}}`; a value not given stays empty, so `panel check` asks for it. */
export function fillCaseTemplate(template: string, values: { id: string; name?: string; dob?: IsoDate; start?: IsoDate }): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key as keyof typeof values] ?? '');
}

/** What is left to fill in: only what was not given, then what `panel check` will ask for. */
export function newCaseMessage(file: string, given: Pick<NewCaseOptions, 'name' | 'dob' | 'start'>): string {
  const missing = [!given.name && 'the name', !given.dob && 'the date of birth', !given.start && 'the date care started (or a plo block for pre-proceedings)'].filter(Boolean) as string[];
  const list = (xs: string[]) => (xs.length > 1 ? `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}` : xs[0]);
  const later = given.start ? 'legal status, placement, social worker and team' : 'social worker and team';
  return missing.length
    ? `Created ${file}. Fill in ${list(missing)}; \`panel check\` then asks for the ${later} while they are empty.`
    : `Created ${file} with the name, date of birth and care start you gave. \`panel check\` asks for the ${later} while they are empty.`;
}

export function runNewCase(id: string, opts: NewCaseOptions, log: (s: string) => void = console.log): number {
  const shape = idShapeProblem(id);
  if (shape) throw new UsageError(shape);
  const root = resolveRoot(opts.root);
  const clash = newIdProblem(id, existingIds(path.join(root, 'cases')));
  if (clash) throw new UsageError(clash);
  const values = { id, name: opts.name ? JSON.stringify(opts.name) : undefined, dob: dateOption('--dob', opts.dob), start: dateOption('--start', opts.start) };
  const file = path.join(root, 'cases', `${id}.md`);
  const content = fillCaseTemplate(readFileSync(caseTemplatePath(root), 'utf8'), values);
  writeFileSafely(file, content, { force: opts.force });
  log(newCaseMessage(path.relative(process.cwd(), file) || file, opts));
  return 0;
}

/** The ids of the case files already in cases/ (by file name), for the letter-case check. */
function existingIds(dir: string): string[] {
  try {
    return readdirSync(dir).filter((n) => n.toLowerCase().endsWith('.md')).map((n) => n.slice(0, -3));
  } catch {
    return [];
  }
}
