// Escaping of data strings for the text formats. Every string that comes from a report (names, messages,
// evidence, reasons) passes through one of these; only the reporters' own markup is written raw.

/** Characters XML 1.0 cannot carry even escaped (C0 controls but tab/LF/CR, U+FFFE/U+FFFF) and lone surrogates. */
const XML_FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text or attribute value in HTML: the five characters that can open markup or end a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char] as string);
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text or attribute value in XML 1.0. Characters XML cannot carry become U+FFFD; tab, CR and LF are written as
 * character references so that attribute values keep them (XML parsers normalise raw ones to spaces).
 */
export function escapeXml(text: string): string {
  return text.replace(XML_FORBIDDEN, '\uFFFD').replace(/[&<>"'\t\n\r]/g, (char) => XML_ENTITIES[char] as string);
}

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Element text in XML: like escapeXml but line breaks stay as they are (readable in CI logs). */
export function escapeXmlText(text: string): string {
  return text
    .replace(XML_FORBIDDEN, '\uFFFD')
    .replace(/\r\n?/g, '\n')
    .replace(/[&<>]/g, (char) => XML_ENTITIES[char] as string);
}

/**
 * Inline Markdown (CommonMark/GFM): a paragraph, list item or table cell. Line breaks become spaces and the ends are
 * trimmed, so a value can neither start a block (heading, list, quote, code) nor a new table row; every character
 * that opens inline markup (emphasis, code, links, HTML, entities, strikethrough) or splits a table cell (`|`) is
 * backslash-escaped, as CommonMark allows before any ASCII punctuation; so are the characters that open a block
 * at the start of a line.
 */
export function escapeMarkdown(text: string): string {
  return escapeMarkdownLineStart(escapeMarkdownInline(text.trim()));
}

function escapeMarkdownInline(text: string): string {
  return text.replace(/\r\n?|\n/g, ' ').replace(/[\\`*_[\]<>|~&]/g, (char) => `\\${char}`);
}

function escapeMarkdownLineStart(text: string): string {
  return text.replace(/^([#+=-])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * The catalogue's prose (messages and fixes) marks commands with backticks: "run `Get-ExchangeServer EX01`".
 * Backticks are paired left to right into code spans; the text between is data-bearing prose. A backtick inside
 * interpolated data can only shift which words show as code: a span's content is literal in every format.
 */
export function proseParts(text: string): { code: boolean; text: string }[] {
  const parts: { code: boolean; text: string }[] = [];
  let last = 0;
  for (const match of text.matchAll(/`([^`\r\n]+)`/g)) {
    if (match.index > last) parts.push({ code: false, text: text.slice(last, match.index) });
    parts.push({ code: true, text: match[1]! });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ code: false, text: text.slice(last) });
  return parts;
}

/**
 * Prose as inline Markdown (see escapeMarkdown), its `code` spans kept as code spans. Adjacent spans become one:
 * "`a``b`" would read as a two-backtick run, not as two spans.
 */
export function markdownProse(text: string): string {
  const parts: { code: boolean; text: string }[] = [];
  for (const part of proseParts(text.replace(/\r\n?|\n/g, ' ').trim())) {
    const last = parts.at(-1);
    if (last?.code && part.code) last.text += part.text;
    else parts.push({ ...part });
  }
  const inline = parts.map((part) => (part.code ? `\`${part.text}\`` : escapeMarkdownInline(part.text))).join('');
  return escapeMarkdownLineStart(inline);
}

/** Prose as HTML text, its `code` spans as <code> elements. */
export function htmlProse(text: string): string {
  return proseParts(text)
    .map((part) => (part.code ? `<code>${escapeHtml(part.text)}</code>` : escapeHtml(part.text)))
    .join('');
}

/** An identifier in a code span when it is a plain one (as check ids are); escaped text otherwise. */
export function markdownCode(text: string): string {
  return /^[\w.:@/-]+$/.test(text) ? `\`${text}\`` : escapeMarkdown(text);
}

/** A fenced code block whose fence is longer than any backtick run inside, so no data can close it early. */
export function markdownCodeBlock(text: string, language = ''): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${text.replace(/\r\n?/g, '\n')}\n${fence}`;
}

/** A link target only when it is a plain http(s) URL; anything else (javascript:, data:) is shown as text instead. */
export function safeHttpUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** A URL inside a Markdown link: characters that would end the destination are percent-encoded. */
export function markdownUrl(href: string): string {
  return href.replace(/[()<> \\]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * A CSS string literal holding text as text (the printed page's running head). Everything but letters, digits, space
 * and plain punctuation is written as a hex escape, so no quote, backslash, line break or `</style>` can end the
 * string or the element.
 */
export function cssString(text: string): string {
  let out = '';
  for (const char of text) out += /^[A-Za-z0-9 .,:;@()_+-]$/.test(char) ? char : `\\${(char.codePointAt(0) ?? 0xfffd).toString(16)} `;
  return `"${out}"`;
}

/**
 * Control characters a terminal would act on — C0 but tab and line feed, DEL, and C1 (CSI, OSC…) — as visible
 * stand-ins: C0 and DEL as their Unicode control pictures (ESC → ␛), C1 as U+FFFD. Every string from the network
 * or an inventory passes through here before any format or message shows it, so a CNAME target cannot retitle or
 * clear the admin's terminal. A CR before a LF is dropped (Windows line ends); a lone CR could overwrite a line.
 */
export function neutraliseControls(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(CONTROL_CHARACTERS, controlPicture);
}

const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

function controlPicture(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  return code === 0x7f ? '\u2421' : '\uFFFD';
}

/** The same over every string (values and keys) of a JSON value: a report or an inventory. */
export function neutraliseControlsDeep<T>(value: T): T {
  if (typeof value === 'string') return neutraliseControls(value) as T;
  if (Array.isArray(value)) return value.map(neutraliseControlsDeep) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [neutraliseControls(key), neutraliseControlsDeep(child)])) as T;
  }
  return value;
}
