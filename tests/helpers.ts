/** Test helpers: evaluate one or more hand-written cases at a date, through the real schema and engine. */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { englandAndWalesCalendar } from '../src/domain/calendar.js';
import { evaluate } from '../src/domain/engine.js';
import type { Finding } from '../src/domain/findings.js';
import { DEFAULT_POLICY, mergePolicy, type Policy } from '../src/domain/policy.js';
import { caseSchema, type Child } from '../src/domain/schema.js';

export const calendar = englandAndWalesCalendar();

/** A minimal valid child; override any field. */
export function child(overrides: Record<string, unknown> = {}): Child {
  return caseSchema.parse({ id: 'C-1', name: 'Test Child', dob: '2015-01-01', ...overrides });
}

export function policyWith(overrides: Record<string, unknown> = {}): Policy {
  return mergePolicy(DEFAULT_POLICY, overrides);
}

/** Every finding for these children at `asOf` (file cases/<id>.md, line 1). */
export function findingsAt(asOf: string, children: Child | Child[], policy: Policy = DEFAULT_POLICY): Finding[] {
  const list = Array.isArray(children) ? children : [children];
  return evaluate(
    list.map((c) => ({ file: `cases/${c.id}.md`, child: c, locate: () => 1 })),
    { asOf, policy, calendar },
  );
}

/** The findings of one rule, reduced to what the boundary tests compare. */
export function ruleAt(rule: string, asOf: string, children: Child | Child[], policy?: Policy) {
  return findingsAt(asOf, children, policy)
    .filter((f) => f.rule === rule)
    .map((f) => ({ status: f.status, level: f.level, due: f.due }));
}

/**
 * New empty folders under one temporary folder, removed after the test file: `folder('name')` gives a
 * different folder on each call (name-0, name-1, ...).
 */
export function freshFolders(prefix: string): (name: string) => string {
  const temp = mkdtempSync(path.join(tmpdir(), prefix));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));
  let n = 0;
  return (name) => {
    const d = path.join(temp, `${name}-${n++}`);
    mkdirSync(d, { recursive: true });
    return d;
  };
}
