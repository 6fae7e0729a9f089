/**
 * Redaction for a pack circulated more widely: a child's name becomes initials ("Amelia Hart" -> "A.H."),
 * in headings and in any free text that mentions it (full name, then each part of it).
 */
export function initials(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((part) => `${part[0].toUpperCase()}.`)
    .join('');
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replaces every listed name, and each word of it of 3+ letters, with its initials. */
export function redactor(names: readonly string[]): (text: string) => string {
  const pairs: [RegExp, string][] = [];
  const seen = new Set<string>();
  const add = (word: string, replacement: string) => {
    const key = word.toLowerCase();
    if (seen.has(key) || word.length < 3) return;
    seen.add(key);
    pairs.push([new RegExp(`(?<![\\p{L}])${escape(word)}(?![\\p{L}])`, 'giu'), replacement]);
  };
  // Full names first so "Amelia Hart" becomes "A.H.", not "A. H.".
  for (const name of [...names].sort((a, b) => b.length - a.length)) add(name.trim(), initials(name));
  for (const name of names) for (const part of name.split(/\s+/)) add(part, initials(part));
  return (text) => pairs.reduce((t, [re, r]) => t.replace(re, r), text);
}
