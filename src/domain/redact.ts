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

/**
 * Replaces every word of every listed name (2+ letters: short names are names too) with its initial, in
 * one pass over the words of the text (a map lookup per word, whatever the number of names), then joins
 * adjacent initials, so "Amelia Hart" reads "A.H.".
 */
export function redactor(names: readonly string[]): (text: string) => string {
  const replacements = new Map<string, string>();
  for (const name of names) {
    for (const raw of name.split(/[\s-]+/)) {
      const part = raw.replace(/[^\p{L}'’]/gu, '');
      if (part.length >= 2) replacements.set(part.toLowerCase(), `${part[0].toUpperCase()}.`);
    }
  }
  if (!replacements.size) return (text) => text;
  return (text) =>
    text
      .replace(WORD, (word) => replacements.get(word.toLowerCase()) ?? word)
      .replace(ADJACENT_INITIALS, '');
}

const WORD = /\p{L}[\p{L}'’]*/gu;
const ADJACENT_INITIALS = /(?<=(?:^|[^\p{L}])\p{Lu}\.)[ -](?=\p{Lu}\.(?:$|[^\p{L}]))/gu;
