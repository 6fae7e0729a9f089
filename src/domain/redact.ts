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

/** Replaces every listed name, and each word of it of 2+ letters (short names are names too), with its initials: one regular expression, one pass. */
export function redactor(names: readonly string[]): (text: string) => string {
  const replacements = new Map<string, string>();
  // Full names first, so "Amelia Hart" becomes "A.H." rather than "A. H.".
  for (const name of names) if (name.trim().length >= 2) replacements.set(name.trim().toLowerCase(), initials(name));
  for (const name of names) {
    for (const part of name.split(/\s+/)) if (part.length >= 2 && !replacements.has(part.toLowerCase())) replacements.set(part.toLowerCase(), initials(part));
  }
  if (!replacements.size) return (text) => text;
  const alternatives = [...replacements.keys()].sort((a, b) => b.length - a.length).map(escape);
  const pattern = new RegExp(`(?<![\\p{L}])(?:${alternatives.join('|')})(?![\\p{L}])`, 'giu');
  return (text) => text.replace(pattern, (match) => replacements.get(match.toLowerCase()) ?? match);
}
