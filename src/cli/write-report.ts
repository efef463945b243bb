// Rendering a report to its destinations: each file, then each stdout format in the order asked. Only a TTY-bound
// table gets colour; files never do. One file that cannot be written (the paths were checked before collection,
// see destinations.ts, but a disk can still fill up) does not stop the others or stdout: the failure is kept and
// the command exits 2 after writing everything else.

import { UsageError } from '../errors.js';
import type { Report } from '../report/report.js';
import { type ReportFormat, render } from '../reporters/index.js';
import { colorLevel } from './color.js';
import type { Destination } from './destinations.js';
import type { Channels } from './io.js';
import type { OutputTarget } from './resolve-assess.js';

export interface ReportDestinations {
  formats: readonly ReportFormat[];
  outputs: readonly OutputTarget[];
  /** false for --no-color / `color: false`; undefined when not said. */
  color: boolean | undefined;
}

/** Writes every destination it can; returns the one-line reasons of those it could not. */
export async function writeReport(report: Report, destinations: ReportDestinations, channels: Channels): Promise<string[]> {
  const failures: string[] = [];
  for (const output of destinations.outputs) {
    await keepGoing(failures, async () => {
      await channels.writeFile(output.path, render(report, output.format, { colorLevel: 0, width: 100 }), `the ${output.format} report`);
      channels.debug(`wrote the ${output.format} report to ${output.path}`);
    });
  }
  const { stdout, env } = channels.io;
  const style = { colorLevel: colorLevel(stdout, env, destinations.color), width: stdout.columns ?? 100 };
  for (const format of destinations.formats) channels.stdout(render(report, format, style));
  return failures;
}

/** Runs one file write; a failure to write (a UsageError from Channels.writeFile) is kept instead of thrown. */
export async function keepGoing(failures: string[], write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    failures.push(error.message);
  }
}

/** Says each failed write on stderr; true when there was one (the caller then exits 2). */
export function reportWriteFailures(failures: readonly string[], channels: Channels): boolean {
  for (const failure of failures) channels.stderr(`hybrid-readiness: ${failure}\n`);
  return failures.length > 0;
}

/** The --output files as destinations to check before anything is collected. */
export function outputDestinations(outputs: readonly OutputTarget[]): Destination[] {
  return outputs.map((output) => ({ path: output.path, what: `--output ${output.format}=${output.path}` }));
}
