/**
 * Line numbers for front matter fields without a second YAML parse. js-yaml parses fast but keeps no
 * positions; one pass over the lines (as far as the fields looked up need) maps each field path
 * (`panel.2.actions.0.due`) to the line it starts on, for block-style YAML as case files are written. Anything it cannot place falls back to the
 * nearest parent field's line, which is still the right neighbourhood for a panel administrator.
 */
import type { FieldPath } from '../domain/problems.js';

/** A field path's place in the tree of fields: its line once recorded, and the fields under it. */
interface Node {
  line?: number;
  kids?: Map<string, Node>;
}

interface Frame {
  indent: number;
  /** The frame's field (a tree, not joined path texts: this pass runs for most files). */
  path: Node;
  kind: 'map' | 'seq';
  /** map: the last key seen; seq: the index of the last item. */
  lastKey?: string;
  index: number;
}

interface Flow {
  path: Node;
  index: number;
  depth: number;
  /** A flow map `{ a: 1, b: 2 }` rather than a flow list. */
  map?: boolean;
}

const KEY = /^("[^"]*"|'[^']*'|[^\s#'"{[\]][^:#]*?)\s*:(?:\s+(.*))?$/;
/** The node of field `seg` under `parent`, made when new (not recorded: a frame opened under a key). */
function child(parent: Node, seg: string | number): Node {
  const key = typeof seg === 'string' ? seg : String(seg);
  let kids = parent.kids;
  if (!kids) kids = parent.kids = new Map();
  let node = kids.get(key);
  if (!node) kids.set(key, (node = {}));
  return node;
}

/** White space as /\s/ reads it (an ASCII letter or digit answered without the pattern). */
function isSpace(c: number, ch: string): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c > 32 && c < 127) return false;
  return /\s/.test(ch);
}

function stripComment(value: string): string {
  // A comment starts at " #" outside quotes; good enough for scalar values and flow lists.
  if (!value.includes('#')) return value.trimEnd();
  let quote = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(value[i - 1]))) return value.slice(0, i).trimEnd();
  }
  return value.trimEnd();
}

/**
 * Where the colon of a plain `key:` is (a letter or _, then letters, digits, _ or -, then a colon at the end
 * of the line or before a space or tab), or -1 for anything else (read by the KEY pattern instead).
 */
function plainKeyEnd(content: string): number {
  const first = content.charCodeAt(0);
  if (!((first >= 97 && first <= 122) || (first >= 65 && first <= 90) || first === 95)) return -1;
  for (let i = 1; i < content.length; i++) {
    const c = content.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45) continue;
    if (c !== 58) return -1;
    const next = content.charCodeAt(i + 1);
    return i + 1 === content.length || next === 32 || next === 9 ? i : -1;
  }
  return -1;
}

export class FieldLines {
  private readonly root: Node = {};
  private readonly text: string;
  /** Where the next line to read starts (past the end: every line read). */
  private next = 0;
  private lineNo: number;
  private readonly stack: Frame[];
  private blockScalarIndent = -1;
  private flow: Flow | null = null;

  /**
   * `firstLine` is the file line of the front matter's first line. The lines are read as far as a lookup
   * needs (a field's line is the first line it is seen on, so it is final once seen): most findings are
   * about fields near the top, and a file with no finding is never read here at all.
   */
  constructor(frontMatter: string, firstLine: number) {
    this.text = frontMatter;
    this.lineNo = firstLine;
    this.stack = [{ indent: -1, path: this.root, kind: 'map', index: -1 }];
  }

  /** Reads the next line; false when every line has been read. */
  private readLine(): boolean {
    if (this.next > this.text.length) return false;
    let end = this.text.indexOf('\n', this.next);
    if (end < 0) end = this.text.length;
    const raw = this.text.slice(this.next, end);
    this.next = end + 1;
    const lineNo = this.lineNo++;
    this.line(raw, lineNo);
    return true;
  }

  private line(raw: string, lineNo: number) {
    // Most lines start with spaces then a printable ASCII character: trimStart only for anything else.
    let lead = 0;
    while (raw.charCodeAt(lead) === 32) lead++;
    const first = raw.charCodeAt(lead);
    const text = first > 32 && first < 127 ? (lead ? raw.slice(lead) : raw) : raw.trimStart();
    const indent = raw.length - text.length;
    if (this.flow) {
      this.scanFlow(text, lineNo, this.flow);
      if (this.flow.depth <= 0) this.flow = null;
      return;
    }
    if (!text || text.startsWith('#')) return;
    if (this.blockScalarIndent >= 0) {
      if (indent > this.blockScalarIndent) return;
      this.blockScalarIndent = -1;
    }
    let content = text;
    let at = indent;
    if (content === '-' || content.startsWith('- ')) {
      // A dash closes deeper blocks; at the same indent it continues a list, or opens one under a key.
      while (this.stack.length > 1 && (this.stack[this.stack.length - 1].indent > at || (this.stack[this.stack.length - 1].indent === at && this.stack[this.stack.length - 1].kind === 'map' && this.stack[this.stack.length - 1].lastKey === undefined))) this.stack.pop();
      let top = this.stack[this.stack.length - 1];
      if (!(top.kind === 'seq' && top.indent === at)) {
        if (top.kind !== 'map' || top.lastKey === undefined) return;
        top = { indent: at, path: child(top.path, top.lastKey), kind: 'seq', index: -1 };
        this.stack.push(top);
      }
      top.index++;
      const itemPath = child(top.path, top.index);
      this.record(itemPath, lineNo);
      content = content.slice(1).trimStart();
      if (!content) return;
      at = at + (text.length - content.length);
      this.stack.push({ indent: at, path: itemPath, kind: 'map', index: -1 });
    }
    let key: string;
    let value: string;
    const plain = plainKeyEnd(content);
    if (plain > 0) {
      // `key: value` with a plain key, as nearly every line of a case file is: no pattern needed. The value
      // only has to say whether it is empty (a comment counts as empty), or opens a block text or a flow list.
      key = content.slice(0, plain);
      value = content.slice(plain + 1).trim();
      if (value.charCodeAt(0) === 35) value = ''; // #
    } else {
      const m = KEY.exec(stripComment(content));
      if (!m) return;
      const q = m[1].charCodeAt(0);
      key = q === 34 || q === 39 || m[1].endsWith('"') || m[1].endsWith("'") ? m[1].replace(/^["']|["']$/g, '') : m[1];
      value = (m[2] ?? '').trim();
    }
    while (this.stack.length > 1 && (this.stack[this.stack.length - 1].indent > at || (this.stack[this.stack.length - 1].indent === at && this.stack[this.stack.length - 1].kind === 'seq'))) this.stack.pop();
    let top = this.stack[this.stack.length - 1];
    if (top.indent < at) {
      if (top.kind === 'seq' && top.index >= 0) {
        // "-" alone on its line: the item's fields follow, indented.
        top = { indent: at, path: child(top.path, top.index), kind: 'map', index: -1 };
        this.stack.push(top);
      } else if (top.kind !== 'map' || top.lastKey === undefined) {
        if (top.indent >= 0) return;
      } else {
        top = { indent: at, path: child(top.path, top.lastKey), kind: 'map', index: -1 };
        this.stack.push(top);
      }
    }
    if (top.indent < 0) {
      top = { indent: at, path: this.root, kind: 'map', index: -1 };
      this.stack.push(top);
    }
    const fieldPath = child(top.path, key);
    this.record(fieldPath, lineNo);
    top.lastKey = value ? undefined : key;
    if (value.charCodeAt(0) === 124 || value.charCodeAt(0) === 62) this.blockScalarIndent = at; // | or >
    else if (value.startsWith('[') || value.startsWith('{')) {
      const f: Flow = { path: fieldPath, index: 0, depth: 0 };
      this.scanFlow(value, lineNo, f);
      if (f.depth > 0) this.flow = f;
    }
  }

  /** Items of a flow list, or keys of a flow map, possibly spread over several lines. */
  private scanFlow(text: string, lineNo: number, flow: Flow) {
    let pending = flow.depth === 1;
    let quote = '';
    let token = '';
    const flush = () => {
      if (flow.map && token.trim()) this.record(child(flow.path, token.trim().replace(/^["']|["']$/g, '')), lineNo);
      token = '';
    };
    // Code unit by code unit (a surrogate pair's halves match none of the characters looked for, as the pair would not).
    const line = stripComment(text);
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (quote) {
        if (c === quote.charCodeAt(0)) quote = '';
        if (flow.map && flow.depth === 1 && pending) token += line[i];
        continue;
      }
      if (c === 91 || c === 123) {
        // [ {
        flow.depth++;
        if (flow.depth === 1) {
          flow.map = c === 123;
          pending = true;
        }
      } else if (c === 93 || c === 125) flow.depth--; // ] }
      else if (c === 44 && flow.depth === 1) {
        // ,
        flow.index++;
        pending = true;
        token = '';
      } else if (flow.map && flow.depth === 1 && pending) {
        if (c === 58) {
          // :
          flush();
          pending = false;
        } else {
          if (c === 34 || c === 39) quote = line[i];
          token += line[i];
        }
      } else if (pending && flow.depth === 1 && !isSpace(c, line[i])) {
        if (c === 34 || c === 39) quote = line[i];
        this.record(child(flow.path, flow.index), lineNo);
        pending = false;
      } else if (c === 34 || c === 39) quote = line[i];
    }
  }

  /** The first line a field is seen on is its line. */
  private record(node: Node, line: number) {
    if (node.line === undefined) node.line = line;
  }

  /** The line of `path`, or of its nearest recorded parent; `fallback` when none is known. */
  lineOf(path: FieldPath, fallback: number): number {
    // Read on until the field itself is seen, or to the end.
    let wanted = this.root;
    for (const seg of path) wanted = child(wanted, seg);
    while (wanted.line === undefined && this.readLine());
    let line = fallback;
    let node: Node | undefined = this.root;
    for (const seg of path) {
      node = node.kids?.get(typeof seg === 'string' ? seg : String(seg));
      if (!node) break;
      if (node.line !== undefined) line = node.line;
    }
    return line;
  }
}
