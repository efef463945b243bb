// Names read from a folder (file names, type names, object names) reach the terminal in the import's summary and
// errors. Control characters become the visible stand-ins every message uses (neutraliseControls); tab and line feed
// too, since a summary is one line; bidirectional overrides and zero-width characters, which could make a file name
// read as another, are shown as \u escapes; overlong names are cut.
import { neutraliseControls } from '../reporters/escape.js';

const LINE_BREAKING = /[\t\n]/g;
const INVISIBLE = /[\u061C\u200B-\u200F\u2028-\u202E\u2066-\u2069\uFEFF]/g;
const MAX_SHOWN = 160;

export function printable(text: string, max = MAX_SHOWN): string {
  const shown = neutraliseControls(text)
    .replace(LINE_BREAKING, (char) => String.fromCharCode(0x2400 + char.charCodeAt(0)))
    .replace(INVISIBLE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return shown.length > max ? `${shown.slice(0, max - 1)}…` : shown;
}
