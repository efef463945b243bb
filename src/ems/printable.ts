// Names read from a folder (file names, type names, object names) reach the terminal in the import's summary and
// errors. A file name can hold escape sequences or bidirectional overrides that would rewrite the terminal, so every
// such character is shown as a visible \u escape, and overlong names are cut.
const UNPRINTABLE = /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2066-\u2069\uFEFF]/g;
const MAX_SHOWN = 160;

export function printable(text: string, max = MAX_SHOWN): string {
  const shown = text.replace(UNPRINTABLE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return shown.length > max ? `${shown.slice(0, max - 1)}…` : shown;
}
