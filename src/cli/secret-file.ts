// Reading a secret from a file the user named (--bind-password-file and friends): opened once, read through that one
// handle (so the checks and the read see the same file), bounded, and refused when others could read it too — a
// password in a group- or world-readable file is already disclosed. On Windows the POSIX mode bits mean nothing
// (NTFS ACLs decide), so the mode is not judged there.
import { open } from 'node:fs/promises';
import { ConfigError } from '../errors.js';
import { quote } from './shell-command.js';
import { MAX_SECRET_BYTES } from './terminal-input.js';

/** `what` names the source in messages, e.g. "--bind-password-file"; the value itself never appears in one. */
export async function readSecretFile(path: string, what: string, platform: NodeJS.Platform = process.platform): Promise<string> {
  const fail = (why: string, cause?: unknown) => new ConfigError(`${what}: cannot read the secret from ${path}: ${why}`, { cause });
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw fail(code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message, error);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw fail('it is a directory');
    // Pipes (`--bind-password-file <(pass show ad/svc)`) hold nothing at rest, so only files at rest are judged.
    if (!stat.isFile() && !stat.isFIFO()) throw fail('it is not a file or a pipe');
    if (stat.isFile() && platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
      const who = stat.mode & 0o007 ? 'every user' : 'its group';
      throw fail(
        `${who} can read or change it (mode ${mode}); a secret file must be readable by its owner only: chmod 600 ${quote(path, 'posix')}`,
      );
    }
    const buffer = Buffer.alloc(MAX_SECRET_BYTES + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > MAX_SECRET_BYTES) throw fail(`it holds more than ${MAX_SECRET_BYTES / 1024} KB; a secret is shorter`);
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    await handle.close();
  }
}
