// The CLI's only contact with the terminal and the environment, passed in so commands stay testable.
// Every byte leaving through here is scrubbed of the secrets read during this run: even a library error
// message that echoes a token or password cannot reach the screen, a report or a file.
import { writeFile } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import { neutraliseControls } from '../reporters/escape.js';
import { processSecretInput, type SecretInput } from './terminal-input.js';

export interface Terminal {
  write(text: string): void;
  isTTY: boolean;
  /** Columns when a TTY, else undefined. */
  columns: number | undefined;
  /** The first write error (ENOSPC, EIO, EPIPE…), once one happened; later writes are dropped. */
  failure?: () => NodeJS.ErrnoException | null;
  /** Resolves when everything written so far has been handed to the system (or has failed). */
  flush?: () => Promise<void>;
}

export interface CliIo {
  stdout: Terminal;
  stderr: Terminal;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Where `-` secret files and the password prompt read from; absent = no standard input (never prompt). */
  stdin?: SecretInput;
}

export function processIo(): CliIo {
  const terminal = (stream: NodeJS.WriteStream): Terminal => {
    // A full disk (> /dev/full), an I/O error or a closed pipe (`| head`) is remembered, never thrown: src/cli.ts
    // turns it into one line and exit 2 once the run is done, instead of an uncaught stack trace.
    let failure: NodeJS.ErrnoException | null = null;
    const remember = (error: Error | null | undefined) => {
      if (error) failure ??= error as NodeJS.ErrnoException;
    };
    stream.on('error', remember);
    return {
      write: (text) => {
        if (failure) return;
        try {
          stream.write(text, remember);
        } catch (error) {
          remember(error as Error);
        }
      },
      isTTY: stream.isTTY === true,
      columns: stream.isTTY ? stream.columns : undefined,
      failure: () => failure,
      flush: () =>
        new Promise<void>((resolve) => {
          if (failure || stream.destroyed) return resolve();
          stream.write('', () => resolve());
        }),
    };
  };
  return {
    stdout: terminal(process.stdout),
    stderr: terminal(process.stderr),
    env: process.env,
    cwd: process.cwd(),
    stdin: processSecretInput(),
  };
}

/** Short secrets would scrub ordinary words; real passwords, client secrets and tokens are longer. */
const MIN_SECRET_LENGTH = 4;

export class SecretScrubber {
  readonly #secrets = new Set<string>();

  add(secret: string | null | undefined): void {
    if (!secret) return;
    const trimmed = secret.trim();
    if (trimmed.length >= MIN_SECRET_LENGTH) {
      this.#secrets.add(trimmed);
      this.#secrets.add(JSON.stringify(trimmed).slice(1, -1)); // as it would appear inside a JSON string
    }
    // A PEM key is multi-line: scrub every substantial line of it, so a partial echo is caught too.
    for (const line of trimmed.split(/\r?\n/)) if (line.length >= 16 && !line.startsWith('-----')) this.#secrets.add(line);
  }

  scrub(text: string): string {
    let out = text;
    for (const secret of [...this.#secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join('[secret removed]');
    return out;
  }
}

/** Output channels of one run: scrubbed stdout/stderr, progress and debug lines, file writes. */
export class Channels {
  constructor(
    readonly io: CliIo,
    readonly scrubber: SecretScrubber,
    readonly settings: { quiet: boolean; debug: boolean },
  ) {}

  stdout(text: string): void {
    this.io.stdout.write(this.scrubber.scrub(text));
  }

  /** Messages carry data from the network and from files: their control characters are made visible. */
  stderr(text: string): void {
    this.io.stderr.write(this.scrubber.scrub(neutraliseControls(text)));
  }

  /** Progress for humans: stderr only, never with --quiet. */
  readonly progress = (message: string): void => {
    if (!this.settings.quiet) this.stderr(`hybrid-readiness: ${message}\n`);
  };

  readonly debug = (message: string): void => {
    if (this.settings.debug) this.stderr(`[debug] ${message}\n`);
  };

  /** `mode` applies when the file is created (e.g. 0o600 for a file that must stay private). */
  async writeFile(path: string, text: string, what: string, mode?: number): Promise<void> {
    try {
      await writeFile(path, this.scrubber.scrub(text), { encoding: 'utf8', ...(mode === undefined ? {} : { mode }) });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why =
        code === 'ENOENT'
          ? 'its folder does not exist'
          : code === 'EACCES'
            ? 'permission denied'
            : code === 'EISDIR'
              ? 'it is a directory'
              : (error as Error).message;
      throw new UsageError(`cannot write ${what} to ${path}: ${why}`, { cause: error });
    }
  }
}
