// Standard input as a source of secrets: all of it when piped (`--bind-password-file -`), or one line typed at a
// hidden prompt on a terminal. The prompt puts the terminal in raw mode, so nothing typed is echoed, and restores it
// however the prompt ends. Both are bounded: a secret is short, and a runaway pipe must not fill memory.
import { UsageError } from '../errors.js';

/** The most a secret may be (a Graph access token is a few KB; passwords and client secrets far less). */
export const MAX_SECRET_BYTES = 64 * 1024;

export interface SecretInput {
  /** True when standard input is a terminal a person can type at. */
  readonly isTTY: boolean;
  /** All of standard input (piped), at most MAX_SECRET_BYTES. */
  readAll(): Promise<string>;
  /** Writes `question` to stderr and reads one line from the terminal without echoing it. */
  promptHidden(question: string): Promise<string>;
}

export function processSecretInput(): SecretInput {
  return {
    get isTTY() {
      return process.stdin.isTTY === true;
    },
    readAll: () => readStream(process.stdin),
    promptHidden: (question) => promptHidden(process.stdin, process.stderr, question),
  };
}

async function readStream(stream: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_SECRET_BYTES) {
      stream.destroy();
      throw new UsageError(`standard input holds more than ${MAX_SECRET_BYTES / 1024} KB; a secret is shorter — pipe only the secret`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const ENTER = new Set(['\r', '\n']);
const ERASE = new Set(['\u007f', '\b']);
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const CTRL_U = '\u0015';
const ESCAPE = '\u001b';

function promptHidden(input: NodeJS.ReadStream, output: NodeJS.WriteStream, question: string): Promise<string> {
  output.write(question);
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    let typed: string[] = [];
    let inEscape = false;
    const finish = (outcome: () => void) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      outcome();
    };
    const onData = (chunk: string) => {
      for (const character of chunk) {
        // Arrow and function keys arrive as escape sequences (ESC [ … letter): none of it is part of the secret.
        if (inEscape) {
          if (/[A-Za-z~]/.test(character)) inEscape = false;
          continue;
        }
        if (character === ESCAPE) inEscape = true;
        else if (ENTER.has(character) || (character === CTRL_D && typed.length > 0)) return finish(() => resolve(typed.join('')));
        else if (character === CTRL_C || character === CTRL_D)
          return finish(() => reject(new UsageError('no secret was typed at the prompt')));
        else if (ERASE.has(character)) typed = typed.slice(0, -1);
        else if (character === CTRL_U) typed = [];
        else if (character >= ' ') typed.push(character);
        if (typed.length > MAX_SECRET_BYTES) return finish(() => reject(new UsageError('the typed secret is too long')));
      }
    };
    input.on('data', onData);
  });
}
