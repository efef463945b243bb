// The entry point: the only module that owns process.exitCode and turns errors into output.
// A typed error prints one line (`hybrid-readiness: <message>`); the stack only with --debug.

import type { AnyCheck } from '../checks/api.js';
import { catalogue } from '../checks/index.js';
import { HelpShown } from './cli/commander-errors.js';
import { Channels, type CliIo, processIo, SecretScrubber } from './cli/io.js';
import { buildProgram } from './cli/program.js';
import type { Collector } from './collectors/collector.js';
import { liveCollectors } from './collectors/index.js';
import { describeError, EXIT_CANNOT_ASSESS, EXIT_READY, exitCodeFor } from './errors.js';

export interface CliDependencies {
  io: CliIo;
  catalogue: readonly AnyCheck[];
  collectors: readonly Collector[];
}

export async function main(argv: readonly string[]): Promise<void> {
  process.exitCode = await runCli(argv.slice(2), { io: processIo(), catalogue, collectors: liveCollectors });
}

/** Runs one command line (without the node and script names) and returns the exit code. */
export async function runCli(args: readonly string[], dependencies: CliDependencies): Promise<number> {
  const beforeDoubleDash = args.includes('--') ? args.slice(0, args.indexOf('--')) : args;
  // Known before parsing, so that errors raised while parsing honour them too.
  const settings = { quiet: beforeDoubleDash.includes('--quiet'), debug: beforeDoubleDash.includes('--debug') };
  const channels = new Channels(dependencies.io, new SecretScrubber(), settings);
  let exitCode = EXIT_READY;
  try {
    const program = buildProgram({
      catalogue: dependencies.catalogue,
      collectors: dependencies.collectors,
      channels,
      setExitCode: (code) => {
        exitCode = code;
      },
    });
    await program.parseAsync([...args], { from: 'user' });
    return await afterStdout(dependencies.io, channels, exitCode);
  } catch (error) {
    if (error instanceof HelpShown) return afterStdout(dependencies.io, channels, EXIT_READY);
    channels.stderr(`hybrid-readiness: ${describeError(error)}\n`);
    if (settings.debug) channels.stderr(`${stackOf(error)}\n`);
    return afterStdout(dependencies.io, channels, exitCodeFor(error));
  }
}

/** A report that could not reach stdout (ENOSPC, EIO, a closed pipe) is one line and exit 2, whatever the verdict. */
async function afterStdout(io: CliIo, channels: Channels, exitCode: number): Promise<number> {
  await io.stdout.flush?.();
  const failure = io.stdout.failure?.() ?? null;
  if (failure === null) return exitCode;
  const code = failure.code ?? 'error';
  const message = failure.message.split('\n')[0] ?? '';
  channels.stderr(`hybrid-readiness: could not write to stdout: ${message.startsWith(code) ? message : `${code}: ${message}`}\n`);
  return EXIT_CANNOT_ASSESS;
}

function stackOf(error: unknown): string {
  const lines: string[] = [];
  for (let current: unknown = error, depth = 0; current !== undefined && depth < 5; depth++) {
    lines.push(depth === 0 ? String((current as Error)?.stack ?? current) : `caused by: ${String((current as Error)?.stack ?? current)}`);
    current = current instanceof Error ? current.cause : undefined;
  }
  return lines.join('\n');
}
