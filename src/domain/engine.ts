/**
 * The rule engine: every rule over every readable case at one as-of date. Pure: the loader hands it the
 * parsed cases and a line lookup; it returns findings in the public shape, in a stable order.
 */
import { MEETING_RULES, RULES } from '../rules/index.js';
import type { WorkingDayCalendar } from './calendar.js';
import type { IsoDate } from './dates.js';
import type { Finding } from './findings.js';
import type { Policy } from './policy.js';
import type { RecordedFacts } from './recorded.js';
import type { FieldPath } from './problems.js';
import { appliesTo, type CaseRef, type MeetingRef, type Rule, type RuleContext } from './rule.js';
import { nextAvailableMeeting } from './schedule.js';
import { isDropped, readTracked } from './partial.js';

export interface EvaluableCase extends CaseRef {
  locate(path: FieldPath, atKey?: boolean): number;
}

export interface EngineContext {
  asOf: IsoDate;
  policy: Policy;
  calendar: WorkingDayCalendar;
  /** Each child's held meetings whose agenda listed them (meeting files before asOf), oldest first. */
  agendas?: ReadonlyMap<string, readonly IsoDate[]>;
  /** From the audit trail, when it was read. */
  recorded?: RecordedFacts | null;
}

export function indexById(cases: readonly CaseRef[]): Map<string, CaseRef[]> {
  const byId = new Map<string, CaseRef[]>();
  for (const c of cases) {
    const list = byId.get(c.child.id);
    if (list) list.push(c);
    else byId.set(c.child.id, [c]);
  }
  // By file, so a duplicated id reads the same whatever order the files came in.
  for (const list of byId.values()) if (list.length > 1) list.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return byId;
}

/**
 * Every rule on every case. A rule that reads a field its (invalid) file could not give is not read for that
 * child (its readings would rest on a value that is not there): `onUnread` is told which rules, so the
 * file's finding can name the clocks that are off until it is fixed. Only the data-consistency findings on
 * the id itself are kept from such a rule.
 */
export function evaluate(
  cases: readonly EvaluableCase[],
  ctx: EngineContext,
  rules: readonly Rule[] = RULES,
  onUnread?: (file: string, ruleIds: string[]) => void,
): Finding[] {
  const byId = indexById(cases);
  const nextMeeting = new Map<IsoDate, IsoDate | null>();
  const shared = {
    asOf: ctx.asOf,
    policy: ctx.policy,
    calendar: ctx.calendar,
    windowDays: ctx.policy.warning_window_days,
    dueSoonLevel: ctx.policy.due_soon_level,
    byId,
    recorded: ctx.recorded ?? null,
    agendasListing: (id: string) => ctx.agendas?.get(id) ?? [],
    nextAvailableMeeting(date: IsoDate) {
      if (!nextMeeting.has(date)) nextMeeting.set(date, nextAvailableMeeting(date, ctx.policy, ctx.calendar));
      return nextMeeting.get(date)!;
    },
  };
  const findings: Finding[] = [];
  for (const c of cases) {
    const rctx: RuleContext = { ...shared, file: c.file };
    const unread: string[] = [];
    for (const rule of rules) {
      const { result, readDropped } = readTracked(c.child, (child) => (appliesTo(rule, child) ? rule.check(child, rctx) : []));
      if (readDropped) unread.push(rule.id);
      const kept = !readDropped ? result : rule.id === 'data-consistency' && !isDropped(c.child, ['id']) ? result.filter((r) => r.path[0] === 'id') : [];
      for (const r of kept) {
        findings.push({ child: c.child.id, file: c.file, rule: rule.id, status: r.status, level: r.level, due: r.due, message: r.message, line: c.locate(r.path) });
      }
    }
    if (unread.length) onUnread?.(c.file, unread);
  }
  return findings;
}

export interface EvaluableMeetingRef extends MeetingRef {
  locate(path: FieldPath): number | undefined;
}

/** The meeting-cycle rules over meeting files and the next scheduled meeting. */
export function evaluateMeetings(meetings: readonly EvaluableMeetingRef[], ctx: EngineContext): Finding[] {
  const rctx = { ...ctx, windowDays: ctx.policy.warning_window_days, dueSoonLevel: ctx.policy.due_soon_level };
  const out: Finding[] = [];
  for (const m of meetings) {
    for (const rule of MEETING_RULES) {
      for (const r of rule.check(m, rctx)) {
        const line = m.exists ? m.locate(r.path) : undefined;
        out.push({ child: r.child ?? null, file: m.file, rule: rule.id, status: r.status, level: r.level, due: r.due, message: r.message, ...(line ? { line } : {}) });
      }
    }
  }
  return out;
}

/** The order of `--format json`: by file, then line, then rule. Stable for the same inputs. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.rule.localeCompare(b.rule) || a.message.localeCompare(b.message),
  );
}
