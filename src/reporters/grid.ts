// The box-drawn tables of the terminal reporters (the results table, `checks`): fixed column widths, one space of
// padding, words wrapped to the column and a word too long for it cut with "…" — the layout cli-table3 drew, written
// here because cli-table3 and its width libraries took ~20 ms of every start to load (even for JSON output, through the
// reporter registry) and measured each cell again for every word it wrapped (docs/performance.md). Linear in the text.

/** A row: one string per column (may hold "\n" and ANSI colour codes), or one string spanning every column. */
export type GridRow = readonly string[] | { span: string };

export interface Grid {
  head: readonly string[];
  rows: readonly GridRow[];
  /** Outer width of each column, padding included (as cli-table3's colWidths). */
  widths: readonly number[];
}

const ANSI = /\u001b\[[0-9;]*m/g;

/** Columns a character takes on a terminal: 2 for East Asian wide and fullwidth forms, 0 for combining marks. */
function charWidth(code: number): number {
  if (code < 0x300) return 1;
  if ((code >= 0x300 && code <= 0x36f) || (code >= 0x200b && code <= 0x200f) || code === 0xfeff) return 0;
  const wide =
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0x303e) ||
    (code >= 0x3041 && code <= 0x33ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xa000 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1f64f) ||
    (code >= 0x1f900 && code <= 0x1f9ff) ||
    (code >= 0x20000 && code <= 0x3fffd);
  return wide ? 2 : 1;
}

/** Display width of text, colour codes excluded. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text.replace(ANSI, '')) width += charWidth(char.codePointAt(0)!);
  return width;
}

/** Cuts text to `width` columns, ending in "…" when something was cut; colour codes are kept, never split. */
function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const token of text.split(/(\u001b\[[0-9;]*m)/)) {
    if (token.startsWith('\u001b[')) {
      out += token;
      continue;
    }
    for (const char of token) {
      const next = charWidth(char.codePointAt(0)!);
      if (used + next > width - 1) return `${out}…${text.includes('\u001b[') ? '\u001b[0m' : ''}`;
      out += char;
      used += next;
    }
  }
  return out;
}

/** Word wrap as cli-table3 did it: whitespace runs kept inside a line, a break where the next word would not fit. */
function wrapLine(line: string, width: number): string[] {
  const lines: string[] = [];
  const parts = line.split(/(\s+)/);
  let current: string[] = [];
  let length = 0;
  let whitespace: string | undefined;
  for (let index = 0; index < parts.length; index += 2) {
    const word = parts[index] as string;
    const wordWidth = displayWidth(word);
    let next = length + wordWidth;
    if (length > 0 && whitespace) next += whitespace.length;
    if (next > width) {
      if (length !== 0) lines.push(current.join(''));
      current = [word];
      length = wordWidth;
    } else {
      current.push(whitespace ?? '', word);
      length = next;
    }
    whitespace = parts[index + 1];
  }
  if (length) lines.push(current.join(''));
  return lines;
}

function cellLines(text: string, width: number): string[] {
  const inner = width - 2;
  return text.split('\n').flatMap((line) => wrapLine(line, inner).map((wrapped) => truncate(wrapped, inner)));
}

function pad(text: string, width: number): string {
  return ` ${text}${' '.repeat(Math.max(0, width - 2 - displayWidth(text)))} `;
}

export function renderGrid({ head, rows, widths }: Grid): string {
  const rule = (left: string, joint: string, right: string) => `${left}${widths.map((width) => '─'.repeat(width)).join(joint)}${right}`;
  const total = widths.reduce((sum, width) => sum + width, 0) + widths.length - 1;
  const out: string[] = [rule('┌', '┬', '┐')];
  const drawRow = (cells: readonly string[]) => {
    const columns = widths.map((width, index) => cellLines(cells[index] ?? '', width));
    const height = Math.max(1, ...columns.map((lines) => lines.length));
    for (let line = 0; line < height; line++) {
      out.push(`│${columns.map((lines, index) => pad(lines[line] ?? '', widths[index]!)).join('│')}│`);
    }
  };
  drawRow(head);
  for (const row of rows) {
    if ('span' in row) {
      out.push(rule('├', '┴', '┤'));
      for (const line of cellLines(row.span, total)) out.push(`│${pad(line, total)}│`);
    } else {
      out.push(rule('├', '┼', '┤'));
      drawRow(row);
    }
  }
  // After a row spanning every column, the closing rule has no joints.
  const last = rows.at(-1);
  out.push(last && 'span' in last ? `└${'─'.repeat(total)}┘` : rule('└', '┴', '┘'));
  return out.join('\n');
}
