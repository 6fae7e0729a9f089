/**
 * Case notes and meeting minutes to HTML, for the site and the pack. Case files are edited by many hands,
 * so nothing in them may run, load or link anywhere:
 * - raw HTML is never interpreted: it is shown as code, so nothing is run and nothing is silently lost
 *   (an HTML block would otherwise swallow the text after it up to the next blank line);
 * - images are never loaded (a remote image is a request to another host; the site has no images of its
 *   own to point at): the alt text is shown instead;
 * - links stay links only within the page (`#...`) or to `mailto:`; a web address is shown as text after
 *   the link text, and any other scheme (`javascript:`, `data:`, `file:` ...) is dropped;
 * - rehype-sanitize (GitHub's allow-list, narrowed to the above) then removes anything left that is not
 *   plain document structure: scripts, event attributes, styles, frames, forms.
 */
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

/** The few mdast fields used here (the types package is not a direct dependency). */
interface MdNode {
  type: string;
  value?: string;
  url?: string;
  alt?: string | null;
  identifier?: string;
  children?: MdNode[];
}

const KEEP_LINK = /^(#|mailto:)/i;
const WEB = /^https?:\/\//i;
const BLOCK_PARENTS = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);

const text = (value: string): MdNode => ({ type: 'text', value });
const plain = (node: MdNode): string => node.value ?? (node.children ?? []).map(plain).join('');

function neutralise(tree: MdNode): void {
  const definitions = new Map<string, string>();
  const collect = (node: MdNode) => {
    if (node.type === 'definition' && node.identifier && !definitions.has(node.identifier)) definitions.set(node.identifier, node.url ?? '');
    node.children?.forEach(collect);
  };
  collect(tree);

  const rewrite = (node: MdNode, parent: MdNode): MdNode[] => {
    switch (node.type) {
      case 'html':
        return [BLOCK_PARENTS.has(parent.type) ? { type: 'code', value: node.value ?? '' } : { type: 'inlineCode', value: node.value ?? '' }];
      case 'image':
      case 'imageReference': {
        const alt = (node.alt ?? '').trim();
        return [text(alt ? `[image not shown: ${alt}]` : '[image not shown]')];
      }
      case 'definition':
        return [];
      case 'link':
      case 'linkReference': {
        const url = node.type === 'link' ? (node.url ?? '') : node.identifier !== undefined ? definitions.get(node.identifier) : undefined;
        // A reference with no definition is shown by remark as the text it was written as.
        if (url === undefined) break;
        const children = (node.children ?? []).flatMap((c) => rewrite(c, node));
        if (KEEP_LINK.test(url.trim())) return [{ type: 'link', url: url.trim(), children }];
        if (WEB.test(url.trim())) return plain(node).trim() === url.trim() ? [text(url.trim())] : [...children, text(` (${url.trim()})`)];
        return [...children, text(' (link removed)')];
      }
    }
    if (node.children) node.children = node.children.flatMap((c) => rewrite(c, node));
    return [node];
  };
  tree.children = (tree.children ?? []).flatMap((c) => rewrite(c, tree));
}

const schema = {
  ...defaultSchema,
  tagNames: (defaultSchema.tagNames ?? []).filter((t) => !['img', 'picture', 'source', 'video', 'audio', 'iframe', 'object', 'embed', 'input'].includes(t)),
  protocols: { href: ['mailto'] },
};

const processor = unified()
  .use(remarkParse)
  .use(() => (tree) => neutralise(tree as unknown as MdNode))
  .use(remarkRehype, { allowDangerousHtml: false })
  .use(rehypeSanitize, schema)
  .use(rehypeStringify);

export function renderMarkdown(markdown: string): string {
  return String(processor.processSync(markdown));
}

/** Each line break inside a paragraph kept as a break (remark-breaks' rule: minutes are typed line by line). */
function keepLineBreaks(node: MdNode): void {
  if (!node.children) return;
  node.children = node.children.flatMap((c): MdNode[] => {
    if (c.type === 'text' && c.value?.includes('\n')) {
      return c.value.split('\n').flatMap((part, i) => (i ? [{ type: 'break' }, text(part)] : [text(part)]));
    }
    keepLineBreaks(c);
    return [c];
  });
}

const LIST_ITEM = /^\s*([-*+]|\d+[.)])\s/;
const STARTS_BLOCK = /^\s*([-*+>#|]|\d+[.)]\s|```|~~~)/;

/**
 * Meeting minutes as they were typed: a line of its own stays a line, and a line after a list that is not
 * itself a list item or indented ("Escalations:" after a list) starts a new paragraph instead of joining the
 * last item (markdown's "lazy continuation"). Headings, lists and quotes are markdown as usual; the same
 * sanitising as case notes.
 */
export function renderMinutes(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let inList = false;
  let fence = false;
  for (const line of lines) {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    if (!fence && inList && line.trim() && !/^\s/.test(line) && !STARTS_BLOCK.test(line)) out.push('');
    if (!fence) inList = LIST_ITEM.test(line) || (inList && /^\s+\S/.test(line));
    out.push(line);
  }
  return String(minutesProcessor.processSync(out.join('\n')));
}

const minutesProcessor = unified()
  .use(remarkParse)
  .use(() => (tree) => {
    neutralise(tree as unknown as MdNode);
    keepLineBreaks(tree as unknown as MdNode);
  })
  .use(remarkRehype, { allowDangerousHtml: false })
  .use(rehypeSanitize, schema)
  .use(rehypeStringify);
