// Reading a file the user named (an inventory, a report, a config, a PEM): the text, or the reason in a few words.
// Every such file is bounded (docs/failure-semantics.md, "Size limits"): a regular file over the limit is refused
// from its size before a byte is read, and anything else (a device such as /dev/zero, a pipe) is read only up to
// the limit, so hostile input costs at most the limit in memory and never ends in V8's "Invalid string length".
import { open } from 'node:fs/promises';

/** The largest inventory, report, config or PEM file read: far above any real one (a 100,000-mailbox inventory is ~1 MB). */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** Reads `path` as UTF-8; when that fails, throws what `fail` makes of the reason ("no such file"). */
export async function readTextFile(
  path: string,
  fail: (why: string, cause: unknown) => Error,
  maxBytes: number = MAX_INPUT_BYTES,
): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readBounded(path, maxBytes);
  } catch (error) {
    throw fail(error instanceof TooLarge ? error.message : unreadableBecause(error), error);
  }
  return bytes.toString('utf8');
}

class TooLarge extends Error {}

function limitText(maxBytes: number): string {
  return `${Math.round(maxBytes / (1024 * 1024))} MB`;
}

async function readBounded(path: string, maxBytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (stat.isFile() && stat.size > maxBytes) {
      throw new TooLarge(`it is ${(stat.size / (1024 * 1024)).toFixed(1)} MB, over the ${limitText(maxBytes)} limit for input files`);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw new TooLarge(`it holds more than the ${limitText(maxBytes)} limit for input files`);
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

/** Why a file or folder could not be opened or read, in a few words ("no such file"). */
export function unreadableBecause(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
      return 'it is not a directory';
    case 'ELOOP':
      return 'it is a symbolic link';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return (error as Error).message;
  }
}
