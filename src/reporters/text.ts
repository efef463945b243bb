// Small text helpers for the terminal reporters: word wrapping and compact evidence.

/** Wraps plain text (no ANSI codes) at `width` columns, indenting every line; long words are not broken. */
export function wrap(text: string, width: number, indent: string, firstIndent = indent): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let prefix = lines.length === 0 ? firstIndent : indent;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && prefix.length + line.length + 1 + word.length > width) {
        lines.push(prefix + line);
        prefix = indent;
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    lines.push(prefix + line);
  }
  return lines;
}

const MAX_VALUE = 160;

/** `build: 15.1.466.34; copies: ["EX01","EX02"]` — one line per finding, long values shortened. */
export function compactEvidence(evidence: Record<string, unknown>): string {
  return Object.entries(evidence)
    .map(([key, value]) => `${key}: ${shorten(typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null'))}`)
    .join('; ');
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > MAX_VALUE ? `${flat.slice(0, MAX_VALUE - 1)}…` : flat;
}
