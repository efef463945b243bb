// Every file a run will write (--output, --save-inventory, --redact-map, collect -o) is checked before anything is
// collected: a live collection can take minutes, and its work must not be lost to a typo in a path. Checked: the
// folder exists and is writable, the path is not a folder, an existing file is writable, and no two outputs share
// a path (the second would silently replace the first). What can still fail later (a full disk) is handled where
// the files are written: the other outputs and stdout are still written, and the exit code is 2.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve as resolvePath } from 'node:path';
import { UsageError } from '../errors.js';

export interface Destination {
  path: string;
  /** How the user named it: "--output json=report.json", "--save-inventory". */
  what: string;
}

export async function checkDestinations(destinations: readonly Destination[], cwd: string): Promise<void> {
  const byPath = new Map<string, Destination>();
  for (const destination of destinations) {
    const absolute = resolvePath(cwd, destination.path);
    const earlier = byPath.get(absolute);
    if (earlier) {
      throw new UsageError(
        `${earlier.what} and ${destination.what} both write to ${destination.path}: the second would replace the first; give each its own path`,
      );
    }
    byPath.set(absolute, destination);
    await checkWritable(absolute, destination);
  }
}

async function checkWritable(absolute: string, destination: Destination): Promise<void> {
  const refuse = (why: string): never => {
    throw new UsageError(`${destination.what}: cannot write ${destination.path}: ${why}`);
  };
  const existing = await stat(absolute).catch(() => null);
  if (existing?.isDirectory()) refuse('it is a directory');
  if (existing) {
    await access(absolute, constants.W_OK).catch(() => refuse('the file is not writable (permission denied)'));
    return;
  }
  const folder = dirname(absolute);
  const parent = await stat(folder).catch(() => null);
  if (!parent) refuse(`its folder ${folder} does not exist`);
  if (!parent?.isDirectory()) refuse(`${folder} is not a folder`);
  await access(folder, constants.W_OK).catch(() => refuse(`its folder ${folder} is not writable (permission denied)`));
}
