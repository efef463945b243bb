// Escaping of data strings for the text formats. Every string that comes from a report (names, messages,
// evidence, reasons) passes through one of these; only the reporters' own markup is written raw.

/** Characters XML 1.0 cannot carry even escaped (C0 controls but tab/LF/CR, U+FFFE/U+FFFF) and lone surrogates. */
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

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
  return text.replace(XML_FORBIDDEN, '\uFFFD').replace(/\r\n?/g, '\n').replace(/[&<>]/g, (char) => XML_ENTITIES[char] as string);
}

/**
 * Inline Markdown (CommonMark/GFM): a paragraph, list item or table cell. Line breaks become spaces and the ends are
 * trimmed, so a value can neither start a block (heading, list, quote, code) nor a new table row; every character
 * that opens inline markup (emphasis, code, links, HTML, entities, strikethrough) or splits a table cell (`|`) is
 * backslash-escaped, as CommonMark allows before any ASCII punctuation; so are the characters that open a block
 * at the start of a line.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?|\n/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>|~&]/g, (char) => `\\${char}`)
    .replace(/^([#+=-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
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
