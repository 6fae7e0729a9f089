/**
 * The contract in the repository: docs/CASE-FORMAT.md's tables and the editors' JSON Schemas are generated
 * from the zod schemas and stay in step; every field has a meaning and an example; the JSON Schema accepts
 * every demo file and rejects what `panel check` rejects for its shape.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GENERATED } from '../scripts/readme-rules.js';
import { parseMarkdownFile } from '../src/data/frontmatter.js';
import { caseJsonSchema, fieldRows, meetingJsonSchema } from '../src/domain/field-reference.js';
import { REPO } from './cli/run.js';

const frontMatter = (file: string) => parseMarkdownFile(readFileSync(file, 'utf8')).data as Record<string, unknown>;
const mdFiles = (dir: string) => readdirSync(path.join(REPO, dir)).filter((f) => f.endsWith('.md')).map((f) => path.join(REPO, dir, f));

describe('docs/CASE-FORMAT.md and the JSON Schemas', () => {
  it('are up to date with the zod schemas and the rule registry (run npm run readme when this fails)', () => {
    for (const { file, render } of GENERATED) {
      const current = readFileSync(file, 'utf8');
      expect(render(current), path.relative(REPO, file)).toBe(current);
    }
  });

  it('gives every case and meeting field a type, a meaning and an example', () => {
    for (const schema of [caseJsonSchema(), meetingJsonSchema()]) {
      const rows = fieldRows(schema);
      expect(rows.length).toBeGreaterThan(8);
      for (const r of rows) {
        expect(r.description, r.field).toMatch(/\w{3,}/);
        expect(r.example, r.field).not.toBe('');
        expect(r.type, r.field).not.toBe('any');
      }
    }
    const fields = fieldRows(caseJsonSchema()).map((r) => r.field);
    for (const f of ['id', 'dob', 'looked_after.legal_status', 'proceedings.extensions', 'panel[].actions[].due', 'permanence.later_life_letter']) expect(fields).toContain(f);
    const doc = readFileSync(path.join(REPO, 'docs/CASE-FORMAT.md'), 'utf8');
    for (const f of fields) expect(doc).toContain(`| \`${f}\` |`);
    const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
    expect(readme).toContain('](docs/CASE-FORMAT.md)');
    expect(readme).toContain('| `looked_after.start` | date (YYYY-MM-DD) | yes |');
  });

  it('the case JSON Schema accepts every demo case file and rejects a misspelt field, a missing name and a bad code', () => {
    const validate = z.fromJSONSchema(caseJsonSchema() as never);
    const files = mdFiles('cases');
    expect(files.length).toBeGreaterThan(30);
    for (const f of files) expect(validate.safeParse(frontMatter(f)).success, f).toBe(true);
    const good = frontMatter(files[0]);
    expect(validate.safeParse({ ...good, social_wroker: 'A' }).success).toBe(false);
    const { name: _name, ...nameless } = good;
    expect(validate.safeParse(nameless).success).toBe(false);
    expect(validate.safeParse({ ...good, dob: '14/03/2019' }).success).toBe(false);
    expect(validate.safeParse({ ...good, looked_after: { start: '2026-05-04', legal_status: 'ZZ' } }).success).toBe(false);
  });

  it('the meeting JSON Schema accepts every demo meeting file and rejects an unknown field', () => {
    const validate = z.fromJSONSchema(meetingJsonSchema() as never);
    for (const f of mdFiles('meetings')) expect(validate.safeParse(frontMatter(f)).success, f).toBe(true);
    expect(validate.safeParse({ date: '2026-12-04', agreed: '2026-11-27' }).success).toBe(false);
  });
});
