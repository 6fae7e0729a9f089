/**
 * The field reference and the JSON Schema of the case and meeting files, both generated from the zod
 * schemas (never hand-copied). Each field's meaning and example are its zod metadata:
 * `.meta({ description, examples })` as the last call on the field in schema.ts, which `z.toJSONSchema`
 * copies into the JSON Schema; the reference table is read back from that JSON Schema.
 * `npm run readme` writes docs/case.schema.json, docs/meeting.schema.json and the tables; a test keeps
 * them in step.
 */
import { z } from 'zod';
import { caseSchema, meetingSchema } from './schema.js';

type JsonSchema = {
  type?: string | string[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  pattern?: string;
  description?: string;
  examples?: unknown[];
  [key: string]: unknown;
};

const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

function jsonSchemaOf(schema: z.ZodType, id: string, title: string, description: string): JsonSchema {
  // `io: 'input'` describes what a person writes (before defaults fill empty lists).
  const out = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
    // zod leaves out the examples of a field whose value is transformed (a list defaulting to []): they
    // are written as the input looks, so they are put back from the field's metadata.
    override: (ctx) => {
      const examples = z.globalRegistry.get(ctx.zodSchema)?.examples;
      if (examples !== undefined && ctx.jsonSchema.examples === undefined) ctx.jsonSchema.examples = examples as unknown[];
    },
  }) as JsonSchema;
  return { $schema: out.$schema, $id: id, title, description, ...out };
}

/** The JSON Schema of a case file's front matter, for editors. */
export function caseJsonSchema(): JsonSchema {
  return jsonSchemaOf(caseSchema, 'case.schema.json', 'Panel case file', "The YAML front matter of one child's case file, cases/<id>.md (docs/CASE-FORMAT.md).");
}

/** The JSON Schema of a meeting file's front matter. */
export function meetingJsonSchema(): JsonSchema {
  return jsonSchemaOf(meetingSchema, 'meeting.schema.json', 'Panel meeting file', 'The YAML front matter of one panel meeting, meetings/<YYYY-MM-DD>.md (docs/CASE-FORMAT.md).');
}

export interface FieldRow {
  /** Dotted path; list items as `[]`: `panel[].actions[].due`. */
  field: string;
  type: string;
  required: boolean;
  description: string;
  example: string;
}

/** The non-null branch of a nullable field. */
function unwrap(s: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  if (s.anyOf) {
    const real = s.anyOf.filter((b) => b.type !== 'null');
    if (real.length === 1) return { schema: { ...real[0], description: s.description ?? real[0].description, examples: s.examples ?? real[0].examples }, nullable: real.length < s.anyOf.length };
  }
  if (Array.isArray(s.type) && s.type.includes('null')) {
    const types = s.type.filter((t) => t !== 'null');
    return { schema: { ...s, type: types.length === 1 ? types[0] : types }, nullable: true };
  }
  return { schema: s, nullable: false };
}

function typeOf(s: JsonSchema): string {
  if (s.enum) return `one of ${s.enum.map((v) => `\`${String(v)}\``).join(', ')}`;
  if (s.type === 'string' && s.pattern === DATE_PATTERN) return 'date (YYYY-MM-DD)';
  if (s.type === 'string' && s.pattern) return 'id (letters, digits, `-`, `_`)';
  if (s.type === 'string') return 'text';
  if (s.type === 'integer') return 'whole number';
  if (s.type === 'boolean') return '`true` or `false`';
  if (s.type === 'object') return 'block';
  if (s.type === 'array') {
    const item = unwrap(s.items ?? {}).schema;
    return item.type === 'object' ? 'list of blocks' : `list of ${typeOf(item).replace(/^date \(YYYY-MM-DD\)$/, 'dates').replace(/^id .*$/, 'ids').replace(/^text$/, 'names')}`;
  }
  return String(s.type ?? 'any');
}

/** A block's example is its fields' examples, in the rows that follow it. */
const BLOCK = '(its fields below)';

/** An example as it would be written in YAML flow style. */
function exampleOf(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length && typeof value[0] === 'object' ? BLOCK : `[${value.map(exampleOf).join(', ')}]`;
  if (typeof value === 'object') return BLOCK;
  return String(value);
}

/** Every field of a JSON Schema, depth first, in the schema's order. */
export function fieldRows(schema: JsonSchema, prefix = ''): FieldRow[] {
  const rows: FieldRow[] = [];
  const required = new Set(schema.required ?? []);
  for (const [name, raw] of Object.entries(schema.properties ?? {})) {
    const field = `${prefix}${name}`;
    const { schema: s } = unwrap(raw);
    const examples = raw.examples ?? s.examples ?? [];
    rows.push({
      field,
      type: typeOf(s),
      required: required.has(name) && !(raw.anyOf || Array.isArray(raw.type)),
      description: raw.description ?? s.description ?? '',
      example: examples.map(exampleOf).filter((e, i, all) => all.indexOf(e) === i).join(' or '),
    });
    if (s.type === 'object') rows.push(...fieldRows(s, `${field}.`));
    if (s.type === 'array') {
      const item = unwrap(s.items ?? {}).schema;
      if (item.type === 'object') rows.push(...fieldRows(item, `${field}[].`));
    }
  }
  return rows;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function fieldTableMarkdown(rows: readonly FieldRow[]): string {
  return [
    '| field | type | required | meaning | example |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| \`${r.field}\` | ${cell(r.type)} | ${r.required ? 'yes' : 'no'} | ${cell(r.description)} | ${r.example === BLOCK ? 'its fields below' : `\`${cell(r.example)}\``} |`),
  ].join('\n') + '\n';
}
