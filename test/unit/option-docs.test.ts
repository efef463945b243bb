// docs/options.md is rendered from the option registry; this keeps the file in step with the code.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderOptionReference } from '../../src/cli/option-reference.js';

const file = new URL('../../docs/options.md', import.meta.url);

describe('docs/options.md', () => {
  it('is the rendering of the option registry', () => {
    const rendered = renderOptionReference();
    if (process.env['UPDATE_DOCS'] === '1') writeFileSync(file, rendered);
    expect(readFileSync(file, 'utf8'), 'docs/options.md is stale: run UPDATE_DOCS=1 npx vitest run test/unit/option-docs').toBe(rendered);
  });
});
