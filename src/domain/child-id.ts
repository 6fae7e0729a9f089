/**
 * Whether a child id can be a case file's name everywhere the data goes: on Windows and macOS (whose file
 * systems ignore letter case and refuse a few device names), and in the site's URLs. One check for every
 * writer (`panel new`, `import 903`) and for the data-consistency rule, so they never disagree.
 */
/** Safe in a file name, a URL path segment and a shell: letters, digits, `-` and `_`, at most 64. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Windows device names: a file called CON, con.md or LPT1.txt cannot be made or opened there. */
const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3]|conin\$|conout\$)$/i;

/** True for a name Windows reserves for a device, in any letter case, with or without an extension. */
export function isWindowsReservedName(name: string): boolean {
  const stem = name.split('.')[0].trimEnd();
  return WINDOWS_RESERVED.test(stem);
}

/** The id as the file systems that ignore letter case see it. */
export const idKey = (id: string) => id.toLowerCase();

/** What is wrong with `id` as a child id on its own (its shape, a reserved name), or undefined when it is fine. */
export function idShapeProblem(id: string): string | undefined {
  if (!ID_PATTERN.test(id)) return `id "${id}": use letters, digits, "-" or "_" only (at most 64, starting with a letter or digit), e.g. C-1041`;
  if (isWindowsReservedName(id)) return `id "${id}" is a name Windows keeps for a device (CON, PRN, AUX, NUL, COM1-9, LPT1-9, in any letter case): the file ${id}.md could not be opened there; choose another id`;
  return undefined;
}

/**
 * What stops `id` being added beside `existing` ids: its shape, or an id that differs from it only in letter
 * case (C-1001 and c-1001 are one file on Windows and macOS). An id equal to an existing one is not a clash
 * here: whether to replace that child's file is the writer's question (--force).
 */
export function newIdProblem(id: string, existing: Iterable<string>): string | undefined {
  const shape = idShapeProblem(id);
  if (shape) return shape;
  const key = idKey(id);
  for (const other of existing) {
    if (other !== id && idKey(other) === key) {
      return `id "${id}" differs from the existing id "${other}" only in letter case: they would be one file on Windows and macOS and one address on the site; use "${other}" or choose another id`;
    }
  }
  return undefined;
}
