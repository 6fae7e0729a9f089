/** Reads `panel.yaml`: defaults, then the named preset, then the council's values, validated by zod. */
import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { plainMistake } from './frontmatter.js';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { DEFAULT_POLICY, mergePolicy, policySchema, presetFormerlyNamed, presetNamed, PRESETS, type Policy } from '../domain/policy.js';
import { didYouMean, problemMessage, problemsFromZod, valueAt, type FieldPath } from '../domain/problems.js';

export class PolicyError extends Error {
  constructor(
    readonly file: string,
    readonly problems: { line: number; message: string }[],
  ) {
    super(`${file}: ${problems.map((p) => `line ${p.line}: ${p.message}`).join('; ')}`);
  }
}

export interface LoadedPolicy {
  policy: Policy;
  /** `panel.yaml`, or `default` when the data root has none. */
  source: string;
  /** Warnings about the policy file: e.g. a `panel.yml` beside a missing `panel.yaml` (not read). */
  notes?: PolicyNote[];
}

export interface PolicyNote {
  file: string;
  line: number;
  message: string;
}

export const POLICY_FILE = 'panel.yaml';

/** Larger than any real panel.yaml: refused before it is read. */
const MAX_POLICY_BYTES = 1024 * 1024;

/** Files a person may have meant as panel.yaml: named in a warning, never silently replaced by the defaults. */
function lookalikes(root: string): string[] {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  return names.filter((n) => n !== POLICY_FILE && /^\s*panel\s*\.\s*(ya?ml|yaml\.txt|txt)\s*$/i.test(n)).sort();
}

/** The text of panel.yaml, refusing what must not be read: a folder, a named pipe (it would block), a huge file, bytes that are not UTF-8. */
function readPolicyText(abs: string): string {
  const refuse = (message: string, line = 1): never => {
    throw new PolicyError(POLICY_FILE, [{ line, message }]);
  };
  let stat;
  try {
    stat = statSync(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return refuse(code === 'ELOOP' ? 'panel.yaml is a symbolic link that leads round in a loop: replace it with the file itself' : code === 'ENOENT' ? 'panel.yaml is a symbolic link to a file that does not exist' : `panel.yaml cannot be opened (${code ?? (err as Error).message})`);
  }
  if (stat.isDirectory()) refuse('panel.yaml is a folder, not a file: the policy is a file panel.yaml in the data root (see `panel init` or the README)');
  if (!stat.isFile()) refuse('panel.yaml is not a regular file (a named pipe or a device); it was not read: make it a plain text file');
  if (stat.size > MAX_POLICY_BYTES) refuse(`panel.yaml is ${Math.round(stat.size / 1024)} KB, far more than a policy file holds; it was not read`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return refuse(`panel.yaml cannot be read (${code === 'EACCES' ? 'permission denied' : code ?? (err as Error).message})`);
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) refuse('panel.yaml is UTF-16 text, not UTF-8: save it as UTF-8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    const at = text.indexOf('\uFFFD');
    const line = text.slice(0, Math.max(0, at)).split('\n').length;
    return refuse(`panel.yaml is not UTF-8 text: line ${line} has a byte that is not UTF-8 (often an accented letter saved as Windows-1252); save the file as UTF-8`, line);
  }
}

export function loadPolicy(root: string): LoadedPolicy {
  const abs = path.join(root, POLICY_FILE);
  if (!lstatSync(abs, { throwIfNoEntry: false })) {
    const notes = lookalikes(root).map((name) => ({
      file: name,
      line: 1,
      message: `${JSON.stringify(name)} is not read: the policy file is named exactly panel.yaml (lower case, .yaml), so the default policy is in force; rename it to panel.yaml if it holds your panel's settings`,
    }));
    return { policy: DEFAULT_POLICY, source: 'default', notes };
  }
  return policyFromText(readPolicyText(abs));
}

const INDENT_CODES = new Set(['BAD_INDENT', 'BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY', 'MISSING_CHAR', 'UNEXPECTED_TOKEN']);
const indentOf = (line: string) => /^ */.exec(line)![0].length;
const hasValue = (line: string) => /^\s*(?:-\s+)?[^#:\s][^:]*:\s+[^#\s]/.test(line);

/**
 * A YAML error of panel.yaml in plain words, on the line a person must change: the parser's words, then what
 * to do. The parser often reports an over-indented line on the line above it.
 */
function describeYamlError(code: string, parserWords: string, startLine: number, lines: string[]): PolicyNote {
  const at = (line: number, plain: string) => ({ file: POLICY_FILE, line, message: `YAML syntax: ${parserWords}: ${plain}` });
  const here = lines[startLine - 1];
  const mistake = plainMistake(here);
  if (mistake) return { file: POLICY_FILE, line: startLine, message: mistake.replace(/^YAML syntax: /, `YAML syntax: ${parserWords}: `) };
  if (code === 'TAB_AS_INDENT') return at(startLine, 'indent with spaces, not tabs');
  // The parser reports an unclosed quote where the file ends, in words that read garbled (Missing closing "quote).
  if (/^Missing closing .?quote/.test(parserWords)) {
    const open = unclosedQuote(lines);
    if (open) return { file: POLICY_FILE, line: open.line, message: `YAML syntax: the value of ${open.field} opens a quote (${open.quote}) that is not closed on its line: end the value with ${open.quote} on the same line, for example ${open.field}: ${open.quote}${open.value}${open.quote}` };
  }
  if (code === 'DUPLICATE_KEY') return at(startLine, 'a setting appears twice in the same block; keep one');
  if (code === 'BAD_INDENT' && here !== undefined) {
    return at(startLine, `line ${startLine} is indented by ${indentOf(here)} spaces: the settings of one block line up (the same number of spaces), nested settings two more than their parent`);
  }
  if (INDENT_CODES.has(code) && here !== undefined) {
    // A field with a value of its own followed by a line indented further: that next line is the mistake.
    let next = startLine;
    while (next < lines.length && !lines[next].trim()) next++;
    if (next < lines.length && hasValue(here) && indentOf(lines[next]) > indentOf(here) && !lines[next].trim().startsWith('#')) {
      return at(next + 1, `line ${next + 1} is indented by ${indentOf(lines[next])} spaces, further than line ${startLine} above it (${indentOf(here)}), whose setting already has a value: line up the settings of one block (the same number of spaces)`);
    }
    return at(startLine, `check the indentation of line ${startLine} (${indentOf(here)} spaces): the settings of one block line up, and nested settings are indented by two more spaces than their parent`);
  }
  return at(startLine, 'check this line (quote a value that holds ": " or starts with a special character)');
}

/** The first `field: "value` line whose quote is not closed on it, or undefined. */
function unclosedQuote(lines: string[]): { line: number; field: string; quote: string; value: string } | undefined {
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*(?:-\s+)?([^#:\s][^:]*?)\s*:\s+(["'])(.*)$/.exec(lines[i]);
    if (!m) continue;
    const [, field, quote, rest] = m;
    // "..." ends at a " not escaped by a backslash; '...' at a ' not doubled.
    const closed = quote === '"' ? /(^|[^\\])(\\\\)*"/.test(rest) : /'(?!')/.test(rest.replace(/''/g, ''));
    if (!closed) return { line: i + 1, field, quote, value: rest.trimEnd().slice(0, 40) };
  }
  return undefined;
}

/**
 * The line where brackets or indentation first nest past 64 levels (0: never). A policy nests a few levels;
 * checked in one pass before parsing, so a hostile file never drives the parser to the stack's limit.
 */
function tooDeep(text: string): number {
  let depth = 0;
  let line = 1;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      line++;
      quote = '';
      let indent = 0;
      while (text[i + 1 + indent] === ' ') indent++;
      if (indent > 128) return line;
    } else if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') {
      if (++depth > 64) return line;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return 0;
}

/** The policy from the text of a `panel.yaml` (null: the data root has none), e.g. one read from a git commit. */
export function policyFromText(text: string | null): LoadedPolicy {
  if (text === null) return { policy: DEFAULT_POLICY, source: 'default' };
  const deep = tooDeep(text);
  if (deep) throw new PolicyError(POLICY_FILE, [{ line: deep, message: 'panel.yaml nests lists or blocks far too deeply to be a policy (more than 64 levels); it was not read' }]);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, schema: 'core' });
  const lineOf = (offset: number) => lineCounter.linePos(offset).line;
  if (doc.errors.length) {
    const lines = text.split(/\r?\n/);
    // The first error the parser gives for a line is the one a person can act on; the rest follow from it.
    const seenStart = new Set<number>();
    const seen = new Set<number>();
    const problems = doc.errors
      .filter((e) => !seenStart.has(lineOf(e.pos[0])) && seenStart.add(lineOf(e.pos[0])))
      .map((e) => describeYamlError(e.code, e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''), lineOf(e.pos[0]), lines))
      .filter((p) => !seen.has(p.line) && seen.add(p.line));
    throw new PolicyError(POLICY_FILE, problems);
  }
  let js: unknown;
  try {
    // The yaml package's own limit on aliases: an "alias bomb" stops here instead of hanging the command.
    js = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw new PolicyError(POLICY_FILE, [{ line: 1, message: `panel.yaml could not be read: ${/alias/i.test((err as Error).message) ? 'it repeats blocks through aliases (*name) so often that it would expand without end (an "alias bomb"); write the settings out' : (err as Error).message}` }]);
  }
  const own = (js ?? {}) as Record<string, unknown>;
  if (typeof own !== 'object' || Array.isArray(own)) throw new PolicyError(POLICY_FILE, [{ line: 1, message: 'expected a block of settings' }]);
  const lineAt = (p: FieldPath) => {
    for (let n = p.length; n > 0; n--) {
      const node = doc.getIn(p.slice(0, n), true) as { range?: [number] } | undefined;
      if (node?.range) return lineOf(node.range[0]);
    }
    return 1;
  };
  let merged: unknown = DEFAULT_POLICY;
  // Every problem is reported at once: an unknown preset does not hide the file's other mistakes.
  const problems: { line: number; message: string }[] = [];
  if (own.preset !== undefined) {
    const preset = typeof own.preset === 'string' ? presetNamed(own.preset) : undefined;
    const renamed = typeof own.preset === 'string' && !preset ? presetFormerlyNamed(own.preset) : undefined;
    if (renamed) {
      // Refused rather than mapped: the renamed preset follows its seed as written, so some of its numbers
      // changed. A council must read them (`panel policy --presets`) before its clocks move.
      problems.push(
        {
          line: lineAt(['preset']),
          message: `preset: "${own.preset}" was renamed "${renamed.name}", and its values now follow ${renamed.seed} as written. Write \`preset: ${renamed.name}\`, then compare \`panel policy --presets\` with your panel's terms of reference and set in panel.yaml any value that differs.`,
        },
      );
    } else if (!preset) {
      const guess = typeof own.preset === 'string' ? didYouMean(own.preset, PRESETS.map((p) => p.name)) : undefined;
      problems.push({ line: lineAt(['preset']), message: `preset: expected one of ${PRESETS.map((p) => p.name).join(', ')}, found ${JSON.stringify(own.preset)}${guess ? ` (did you mean "${guess}"?)` : ''}` });
    }
    if (preset) merged = mergePolicy(merged, preset.values);
  }
  // (With an unknown preset the rest is checked over the defaults, so its own mistakes are still found.)
  merged = mergePolicy(merged, { ...own, ...(problems.length ? { preset: undefined } : {}) });
  const result = policySchema.safeParse(merged);
  if (!result.success) {
    for (const p of problemsFromZod(result.error, merged, policySchema)) {
      problems.push({
        line: lineAt(p.path),
        message: problemMessage(valueAt(own, p.path) === undefined && !p.atKey ? { ...p, found: `${p.found} (from the defaults or preset)` } : p),
      });
    }
  }
  if (problems.length || !result.success) throw new PolicyError(POLICY_FILE, problems.sort((a, b) => a.line - b.line));
  return { policy: result.data, source: POLICY_FILE };
}
