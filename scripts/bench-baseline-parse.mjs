// The baseline for `panel check`, as a whole process: plain Node reading every case file of a data root
// and parsing its front matter with js-yaml (the same parser and schema the loader uses), nothing else.
// Plain JavaScript, so nothing is compiled at start-up. Usage: node scripts/bench-baseline-parse.mjs <root>
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CORE_SCHEMA, load } from 'js-yaml';

const dir = path.join(process.argv[2], 'cases');
let parsed = 0;
for (const name of readdirSync(dir)) {
  if (!name.endsWith('.md')) continue;
  const text = readFileSync(path.join(dir, name), 'utf8');
  const end = text.indexOf('\n---', 3);
  if (text.startsWith('---') && end > 0 && load(text.slice(3, end), { schema: CORE_SCHEMA })) parsed++;
}
console.log(parsed);
