import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayWidth, renderGrid } from '../../src/reporters/grid.js';

describe('renderGrid', () => {
  it('draws the layout cli-table3 drew: padding, wrapped words, cut long words, multi-line and wide cells', () => {
    const text = renderGrid({
      head: ['A', 'B'],
      rows: [
        ['\u001b[31mFAIL\u001b[39m', 'averyveryverylongword and more'],
        ['x', 'line1\nline2\nline3'],
        ['日本語テキスト', 'ok'],
      ],
      widths: [6, 12],
    });
    expect(text).toBe(
      [
        '┌──────┬────────────┐',
        '│ A    │ B          │',
        '├──────┼────────────┤',
        '│ \u001b[31mFAIL\u001b[39m │ averyvery… │',
        '│      │ and more   │',
        '├──────┼────────────┤',
        '│ x    │ line1      │',
        '│      │ line2      │',
        '│      │ line3      │',
        '├──────┼────────────┤',
        '│ 日…  │ ok         │',
        '└──────┴────────────┘',
      ].join('\n'),
    );
  });

  it('draws a row spanning every column', () => {
    expect(renderGrid({ head: ['Status', 'Check'], rows: [{ span: 'no checks were selected' }], widths: [10, 20] })).toBe(
      [
        '┌──────────┬────────────────────┐',
        '│ Status   │ Check              │',
        '├──────────┴────────────────────┤',
        '│ no checks were selected       │',
        '└───────────────────────────────┘',
      ].join('\n'),
    );
  });

  it('keeps every line of the table at the same width, whatever the cells hold', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 200 })), { maxLength: 8 }),
        (rows) => {
          const cells = rows.map(([a, b]) => [
            a.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' '),
            b.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' '),
          ]);
          const lines = renderGrid({ head: ['one', 'two'], rows: cells, widths: [12, 30] }).split('\n');
          for (const line of lines) expect(displayWidth(line)).toBe(12 + 30 + 3);
        },
      ),
    );
  });
});
