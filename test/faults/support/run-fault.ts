// Runs one fault case through the CLI (src/cli.ts runCli, the same code path as the binary, in this process so that
// 60-odd cases stay fast on two cores) and holds every case to the failure contract: the run ends within
// 2 × --timeout + 5 s (a hang detector; the tight bound is bench/faults-timeout.ts's), no canary secret anywhere
// the tool wrote, no stack trace, no raw control byte, and an exit code and statuses the case names.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { catalogue } from '../../../checks/index.js';
import type { CliIo } from '../../../src/cli/io.js';
import { runCli } from '../../../src/cli.js';
import { liveCollectors } from '../../../src/collectors/index.js';
import type { Report } from '../../../src/report/report.js';

/** Secrets every case carries in its environment; none may appear in anything the tool writes. */
export const CANARY = {
  LDAP_PW: 'CANARY-ldap-Passw0rd-7f3a9c',
  GRAPH_SECRET: 'CANARY-client-secret-0c1d2e3f',
  GRAPH_TOKEN: 'CANARY.graph.token.4a5b6c7d8e9f',
} as const;

export const FAULT_TIMEOUT_MS = 1000;

export interface FaultRun {
  code: number;
  stdout: string;
  stderr: string;
  millis: number;
  /** The JSON report on stdout (cases pass --format json), or null. */
  report: Report | null;
  /** Every file the run wrote in its scratch folder, by name. */
  files: Record<string, string>;
  folder: string;
}

function captureIo(env: Record<string, string>, cwd: string): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const terminal = (sink: string[]) => ({ write: (text: string) => void sink.push(text), isTTY: false, columns: undefined });
  return { io: { stdout: terminal(out), stderr: terminal(err), env, cwd }, out, err };
}

/** Runs `hybrid-readiness ...args` with the canaries (and `env`) in its environment, in a scratch folder. */
export async function runFault(args: string[], env: Record<string, string> = {}, timeoutMs = FAULT_TIMEOUT_MS): Promise<FaultRun> {
  const folder = mkdtempSync(join(tmpdir(), 'hr-fault-'));
  const { io, out, err } = captureIo({ ...CANARY, ...env }, folder);
  const started = performance.now();
  const bound = 2 * timeoutMs + 5000;
  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([
    runCli(args, { io, catalogue, collectors: liveCollectors }),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`hang: the run did not end within ${bound} ms`)), bound);
    }),
  ]).finally(() => clearTimeout(timer));
  const millis = performance.now() - started;
  const stdout = out.join('');
  const files = Object.fromEntries(readdirSync(folder).map((name) => [name, readFileSync(join(folder, name), 'utf8')]));
  rmSync(folder, { recursive: true, force: true });
  let report: Report | null = null;
  try {
    report = JSON.parse(stdout) as Report;
  } catch {
    report = null;
  }
  return { code, stdout, stderr: err.join(''), millis, report, files, folder };
}

const RAW_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

/** The contract every fault case holds, whatever the fault. */
export function expectSound(run: FaultRun, timeoutMs = FAULT_TIMEOUT_MS, options: { debug?: boolean } = {}): void {
  expect(run.millis, 'the run ended within 2 × --timeout + 5 s').toBeLessThan(2 * timeoutMs + 5000);
  for (const [where, text] of [['stdout', run.stdout], ['stderr', run.stderr], ...Object.entries(run.files)] as [string, string][]) {
    for (const secret of Object.values(CANARY)) expect(text, `${where} carries a canary secret`).not.toContain(secret);
    // --debug prints stack traces on stderr by design; nothing else ever does.
    if (!(options.debug && where === 'stderr'))
      expect(text, `${where} carries a stack trace`).not.toMatch(/\n\s+at [\w.<>]+ \(|\n\s+at node:/);
    expect(RAW_CONTROL.exec(text)?.[0], `${where} carries a raw control character`).toBeUndefined();
  }
  // Errors are one line each on stderr: "hybrid-readiness: …".
  if (!options.debug) for (const line of run.stderr.split('\n').filter(Boolean)) expect(line).toMatch(/^(hybrid-readiness: |\[debug\] )/);
}

export function statusOf(run: FaultRun, check: string): string | undefined {
  return run.report?.results.find((result) => result.id === check)?.status;
}

/** Statuses of the checks named, for one assertion. */
export function statusesOf(run: FaultRun, checks: readonly string[]): Record<string, string | undefined> {
  return Object.fromEntries(checks.map((check) => [check, statusOf(run, check)]));
}
