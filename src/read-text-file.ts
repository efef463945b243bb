// Reading a file the user named (an inventory, a report, a config, a PEM): the text, or the reason in a few words.
import { readFile } from 'node:fs/promises';

/** Reads `path` as UTF-8; when that fails, throws what `fail` makes of the reason ("no such file"). */
export async function readTextFile(path: string, fail: (why: string, cause: unknown) => Error): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw fail(unreadableBecause(error), error);
  }
}

function unreadableBecause(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
      return 'permission denied';
    default:
      return (error as Error).message;
  }
}
