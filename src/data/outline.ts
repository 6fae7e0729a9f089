/**
 * Line numbers for front matter fields without a second YAML parse. js-yaml parses fast but keeps no
 * positions; this one pass over the lines maps each field path (`panel.2.actions.0.due`) to the line it
 * starts on, for block-style YAML as case files are written. Anything it cannot place falls back to the
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

export class FieldLines {
  private readonly root: Node = {};

  /** `firstLine` is the file line of the front matter's first line. */
  constructor(frontMatter: string, firstLine: number) {
    const rows = frontMatter.split('\n');
    const stack: Frame[] = [{ indent: -1, path: this.root, kind: 'map', index: -1 }];
    let blockScalarIndent = -1;
    let flow: Flow | null = null;

    for (let i = 0; i < rows.length; i++) {
      const lineNo = firstLine + i;
      const raw = rows[i];
      const text = raw.trimStart();
      const indent = raw.length - text.length;
      if (flow) {
        this.scanFlow(text, lineNo, flow);
        if (flow.depth <= 0) flow = null;
        continue;
      }
      if (!text || text.startsWith('#')) continue;
      if (blockScalarIndent >= 0) {
        if (indent > blockScalarIndent) continue;
        blockScalarIndent = -1;
      }
      let content = text;
      let at = indent;
      if (content === '-' || content.startsWith('- ')) {
        // A dash closes deeper blocks; at the same indent it continues a list, or opens one under a key.
        while (stack.length > 1 && (stack.at(-1)!.indent > at || (stack.at(-1)!.indent === at && stack.at(-1)!.kind === 'map' && stack.at(-1)!.lastKey === undefined))) stack.pop();
        let top = stack.at(-1)!;
        if (!(top.kind === 'seq' && top.indent === at)) {
          if (top.kind !== 'map' || top.lastKey === undefined) continue;
          top = { indent: at, path: child(top.path, top.lastKey), kind: 'seq', index: -1 };
          stack.push(top);
        }
        top.index++;
        const itemPath = child(top.path, top.index);
        this.record(itemPath, lineNo);
        content = content.slice(1).trimStart();
        if (!content) continue;
        at = at + (text.length - content.length);
        stack.push({ indent: at, path: itemPath, kind: 'map', index: -1 });
      }
      const m = KEY.exec(stripComment(content));
      if (!m) continue;
      const q = m[1].charCodeAt(0);
      const key = q === 34 || q === 39 || m[1].endsWith('"') || m[1].endsWith("'") ? m[1].replace(/^["']|["']$/g, '') : m[1];
      const value = (m[2] ?? '').trim();
      while (stack.length > 1 && (stack.at(-1)!.indent > at || (stack.at(-1)!.indent === at && stack.at(-1)!.kind === 'seq'))) stack.pop();
      let top = stack.at(-1)!;
      if (top.indent < at) {
        if (top.kind === 'seq' && top.index >= 0) {
          // "-" alone on its line: the item's fields follow, indented.
          top = { indent: at, path: child(top.path, top.index), kind: 'map', index: -1 };
          stack.push(top);
        } else if (top.kind !== 'map' || top.lastKey === undefined) {
          if (top.indent >= 0) continue;
        } else {
          top = { indent: at, path: child(top.path, top.lastKey), kind: 'map', index: -1 };
          stack.push(top);
        }
      }
      if (top.indent < 0) {
        top = { indent: at, path: this.root, kind: 'map', index: -1 };
        stack.push(top);
      }
      const fieldPath = child(top.path, key);
      this.record(fieldPath, lineNo);
      top.lastKey = value ? undefined : key;
      if (value.charCodeAt(0) === 124 || value.charCodeAt(0) === 62) blockScalarIndent = at; // | or >
      else if (value.startsWith('[') || value.startsWith('{')) {
        const f: Flow = { path: fieldPath, index: 0, depth: 0 };
        this.scanFlow(value, lineNo, f);
        if (f.depth > 0) flow = f;
      }
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
    for (const ch of stripComment(text)) {
      if (quote) {
        if (ch === quote) quote = '';
        if (flow.map && flow.depth === 1 && pending) token += ch;
        continue;
      }
      if (ch === '[' || ch === '{') {
        flow.depth++;
        if (flow.depth === 1) {
          flow.map = ch === '{';
          pending = true;
        }
      } else if (ch === ']' || ch === '}') flow.depth--;
      else if (ch === ',' && flow.depth === 1) {
        flow.index++;
        pending = true;
        token = '';
      } else if (flow.map && flow.depth === 1 && pending) {
        if (ch === ':') {
          flush();
          pending = false;
        } else {
          if (ch === '"' || ch === "'") quote = ch;
          token += ch;
        }
      } else if (pending && flow.depth === 1 && !/\s/.test(ch)) {
        if (ch === '"' || ch === "'") quote = ch;
        this.record(child(flow.path, flow.index), lineNo);
        pending = false;
      } else if (ch === '"' || ch === "'") quote = ch;
    }
  }

  /** The first line a field is seen on is its line. */
  private record(node: Node, line: number) {
    if (node.line === undefined) node.line = line;
  }

  /** The line of `path`, or of its nearest recorded parent; `fallback` when none is known. */
  lineOf(path: FieldPath, fallback: number): number {
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
