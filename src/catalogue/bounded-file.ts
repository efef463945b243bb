// Reading a file the user named for the catalogue (a build list, a catalogue) without trusting its size: a
// FIFO, a device or a runaway file stops at a limit instead of filling memory.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { CatalogueError } from '../errors.js';
import { unreadableBecause } from '../read-text-file.js';

/** The bytes of `path`, or a CatalogueError saying in a few words why not ("no such file", "it is 9000000 bytes…"). */
export async function readBoundedFile(path: string, maxBytes: number, what: string): Promise<Buffer> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    // Non-blocking, so a FIFO opens at once (and is then refused) instead of waiting for a writer forever.
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new CatalogueError(unreadableBecause(error), { cause: error });
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new CatalogueError('it is not a regular file');
    if (stats.size > maxBytes) throw new CatalogueError(`it is ${stats.size} bytes, more than ${what} holds (at most ${maxBytes})`);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
