#!/usr/bin/env node
// Writes schema/report.schema.json from the zod Report (via the built dist/, see `npm run schema`).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { reportJsonSchemaText } = await import(join(root, 'dist/src/report/json-schema.js')).catch((error) => {
  console.error(`write-report-schema: cannot load dist/src/report/json-schema.js (${error.message}); run \`npm run build\` first`);
  process.exit(2);
});
const target = join(root, 'schema', 'report.schema.json');
await mkdir(dirname(target), { recursive: true });
await writeFile(target, reportJsonSchemaText(), 'utf8');
console.log(`wrote ${target}`);
