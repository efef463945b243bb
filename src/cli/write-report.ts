// Rendering a report to its destinations: files first (a bad path fails before anything is printed),
// then each stdout format in the order asked. Only a TTY-bound table gets colour; files never do.

import type { Report } from '../report/report.js';
import { type ReportFormat, render } from '../reporters/index.js';
import { colorLevel } from './color.js';
import type { Channels } from './io.js';
import type { OutputTarget } from './resolve-assess.js';

export interface ReportDestinations {
  formats: readonly ReportFormat[];
  outputs: readonly OutputTarget[];
  /** false for --no-color / `color: false`; undefined when not said. */
  color: boolean | undefined;
}

export async function writeReport(report: Report, destinations: ReportDestinations, channels: Channels): Promise<void> {
  for (const output of destinations.outputs) {
    await channels.writeFile(output.path, render(report, output.format, { colorLevel: 0, width: 100 }), `the ${output.format} report`);
    channels.debug(`wrote the ${output.format} report to ${output.path}`);
  }
  const { stdout, env } = channels.io;
  const style = { colorLevel: colorLevel(stdout, env, destinations.color), width: stdout.columns ?? 100 };
  for (const format of destinations.formats) channels.stdout(render(report, format, style));
}
