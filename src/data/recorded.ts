/**
 * When each value reached the tracker: the audit trail (one git log for the whole data root, see
 * history.ts) turned into the facts the notification and minutes-recorded rules read. Without git
 * history the facts are null and the note says why; the rules then say nothing about lateness.
 */
import { recordedFacts, type RecordedFacts } from '../domain/recorded.js';
import { readHistory, type History } from './history.js';

export function factsFromHistory(history: History): RecordedFacts | null {
  if (!history.available) return null;
  return recordedFacts(history.trails.map((t) => ({ file: t.file, entries: t.entries })));
}

export async function readRecordedFacts(root: string): Promise<{ recorded: RecordedFacts | null; notes: string[] }> {
  const history = await readHistory(root);
  return { recorded: factsFromHistory(history), notes: history.notes };
}
