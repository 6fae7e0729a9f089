/**
 * Case notes to HTML, sanitised: remark parses the markdown, raw HTML in it is dropped, and
 * rehype-sanitize (GitHub's allow-list) removes scripts, event attributes and `javascript:` links.
 */
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

const processor = unified().use(remarkParse).use(remarkRehype, { allowDangerousHtml: false }).use(rehypeSanitize).use(rehypeStringify);

export function renderMarkdown(markdown: string): string {
  return String(processor.processSync(markdown));
}
