// Whether the terminal reporter colours its output. --no-color (or `color: false`) always wins; then
// FORCE_COLOR forces colour (its level as chalk reads it); then NO_COLOR (https://no-color.org) turns it off;
// otherwise colour only on a TTY that is not "dumb".
import type { Terminal } from './io.js';

export type ColorLevel = 0 | 1 | 2 | 3;

export function colorLevel(
  terminal: Terminal,
  env: Readonly<Record<string, string | undefined>>,
  colorOption: boolean | undefined,
): ColorLevel {
  if (colorOption === false) return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force.toLowerCase() === 'false') return 0;
    if (force === '2' || force === '3') return Number(force) as ColorLevel;
    return 1;
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (!terminal.isTTY || env.TERM === 'dumb') return 0;
  return 1;
}
