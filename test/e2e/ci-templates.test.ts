// The CI templates as a CI runner would run them: action.yml is validated against GitHub's action-metadata schema
// (@action-validator/core embeds SchemaStore's), and the `run:`/`bash:` steps of action.yml and of the Azure
// Pipelines template are executed with bash, their `env:` expressions filled in the way the runner fills them
// (`${{ inputs.x }}` / `${{ parameters.x }}` → the value given or the default, the action path → this checkout),
// against a saved inventory so no network is needed. Then what each CI would read back: outputs, summary, files.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateAction } from '@action-validator/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { Report } from '../../src/report/report.js';
import { assertBuilt, scenarioInventoryPath } from '../support/run-cli.js';
import { repoRoot } from '../support/scenario-reports.js';

interface Step {
  uses?: string;
  run?: string;
  bash?: string;
  task?: string;
  id?: string;
  name?: string;
  env?: Record<string, string>;
}

let scratch: string;
beforeAll(async () => {
  assertBuilt();
  scratch = await mkdtemp(join(tmpdir(), 'hr-ci-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Fills `${{ <scope>.<name> }}` the way the runner does; an expression the test does not know fails the test. */
function fill(value: string, known: Record<string, string>): string {
  return value.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, expression: string) => {
    if (!(expression in known)) throw new Error(`the test does not know the expression ${expression}`);
    return known[expression] as string;
  });
}

/** Runs a step's script as the runner does (bash, the step's env over a clean PATH/HOME). */
function runScript(script: string, env: Record<string, string>, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script],
      { cwd, env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function keyValues(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

describe('action.yml (composite GitHub Action)', () => {
  const source = () => readFile(join(repoRoot, 'action.yml'), 'utf8');

  it('is valid action metadata, and the validator does reject broken metadata', async () => {
    const text = await source();
    expect(validateAction(text).errors).toEqual([]);
    expect(validateAction(text.replace('using: composite', 'using: compost')).errors.length).toBeGreaterThan(0);
    expect(validateAction(text.replace(/ {6}shell: bash\n/, '')).errors.length).toBeGreaterThan(0);
  });

  async function runAction(inputs: Record<string, string>) {
    const action = parseYaml(await source()) as {
      inputs: Record<string, { default?: string }>;
      outputs: Record<string, { value: string }>;
      runs: { using: string; steps: Step[] };
    };
    expect(action.runs.using).toBe('composite');
    const known: Record<string, string> = { 'github.action_path': repoRoot };
    for (const [name, input] of Object.entries(action.inputs)) known[`inputs.${name}`] = inputs[name] ?? input.default ?? '';
    const run = await mkdtemp(join(scratch, 'github-'));
    const files = { GITHUB_OUTPUT: join(run, 'output'), GITHUB_STEP_SUMMARY: join(run, 'summary') };
    for (const file of Object.values(files)) await writeFile(file, '');
    const results = [];
    for (const step of action.runs.steps) {
      if (step.uses) {
        // The one step that is not a script: the runner's Node, which the test runs on already.
        expect(step.uses).toMatch(/^actions\/setup-node@v\d+$/);
        continue;
      }
      // Inputs go through env:, never into the script, where a crafted input would be code.
      expect(step.run).not.toContain('${{');
      const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([name, value]) => [name, fill(String(value), known)]));
      results.push(await runScript(step.run as string, { ...env, ...files, GITHUB_ACTION_PATH: repoRoot }, run));
    }
    const outputs = keyValues(await readFile(files.GITHUB_OUTPUT, 'utf8'));
    // The action's outputs are the assess step's: resolve them as the runner does.
    const actionOutputs = Object.fromEntries(
      Object.entries(action.outputs).map(([name, output]) => [
        name,
        output.value.replace(/\$\{\{\s*steps\.assess\.outputs\.([\w-]+)\s*\}\}/, (_, key: string) => outputs[key] ?? ''),
      ]),
    );
    return { results, outputs: actionOutputs, summary: await readFile(files.GITHUB_STEP_SUMMARY, 'utf8'), run };
  }

  it('assesses a saved inventory: the Markdown on the summary page, the report paths as outputs, the exit code as the step result', async () => {
    const { results, outputs, summary, run } = await runAction({
      'from-inventory': scenarioInventoryPath('mixed-2013-front-end'),
      formats: 'junit, sarif html',
    });
    expect(results).toHaveLength(1);
    expect(results[0]?.code, results[0]?.stderr).toBe(1);
    expect(outputs).toMatchObject({ verdict: 'not-ready', 'exit-code': '1' });
    expect(summary).toMatch(/^# .*\n/);
    expect(summary).toContain('NOT READY');
    const report = Report.parse(JSON.parse(await readFile(outputs['json'] as string, 'utf8')));
    expect(report.verdict).toBe('not-ready');
    expect(outputs['json']).toBe(join(run, 'hybrid-readiness', 'report.json'));
    expect(await readFile(outputs['junit'] as string, 'utf8')).toContain('<testsuite');
    expect(JSON.parse(await readFile(outputs['sarif'] as string, 'utf8'))).toMatchObject({ version: '2.1.0' });
    expect(await readFile(outputs['html'] as string, 'utf8')).toMatch(/^<!doctype html>/i);
  });

  it('fail-job false lets the step pass and still reports the exit code; a ready inventory passes with fail-job true', async () => {
    const kept = await runAction({ 'from-inventory': scenarioInventoryPath('dag-copy-on-2013'), 'fail-job': 'false' });
    expect(kept.results[0]?.code, kept.results[0]?.stderr).toBe(0);
    expect(kept.outputs).toMatchObject({ verdict: 'not-ready', 'exit-code': '1', junit: expect.stringMatching(/report\.junit\.xml$/) });
    const ready = await runAction({ 'from-inventory': scenarioInventoryPath('ready'), 'output-dir': 'out/ready' });
    expect(ready.results[0]?.code, ready.results[0]?.stderr).toBe(0);
    expect(ready.outputs).toMatchObject({ verdict: 'ready', 'exit-code': '0', json: join(ready.run, 'out', 'ready', 'report.json') });
  });

  it('a crafted input stays data: it reaches the tool as an argument, not as shell code', async () => {
    const marker = join(scratch, 'pwned');
    const { results } = await runAction({ 'from-inventory': `x"; touch ${marker}; echo "`, formats: `json $(touch ${marker})` });
    expect(results[0]?.code).toBe(2);
    await expect(readFile(marker)).rejects.toThrow(/ENOENT/);
  });
});

describe('ci-templates/azure-pipelines.yml (steps template)', () => {
  it('runs its bash step with the parameters as environment: logging commands for the outputs and the summary', async () => {
    const template = parseYaml(await readFile(join(repoRoot, 'ci-templates', 'azure-pipelines.yml'), 'utf8')) as {
      parameters: { name: string; default: string | boolean }[];
      steps: Step[];
    };
    const run = await mkdtemp(join(scratch, 'azure-'));
    const given: Record<string, string> = {
      toolPath: repoRoot,
      fromInventory: scenarioInventoryPath('mixed-2013-front-end'),
      outputDir: join(run, 'reports'),
      // Azure renders a boolean parameter as True/False.
      failJob: 'False',
    };
    const known: Record<string, string> = {};
    for (const parameter of template.parameters) known[`parameters.${parameter.name}`] = given[parameter.name] ?? String(parameter.default);
    const scripts = template.steps.filter((step) => step.bash);
    expect(scripts).toHaveLength(1);
    expect(template.steps.filter((step) => !step.bash).map((step) => step.task)).toEqual([
      'UseNode@1',
      'PublishTestResults@2',
      'PublishPipelineArtifact@1',
    ]);
    const step = scripts[0] as Step;
    expect(step.bash).not.toContain('${{');
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([name, value]) => [name, fill(String(value), known)]));
    const result = await runScript(step.bash as string, env, run);
    expect(result.code, result.stderr).toBe(0);
    const commands = result.stdout.split('\n').filter((line) => line.startsWith('##vso['));
    expect(commands).toContain(`##vso[task.uploadsummary]${join(run, 'reports', 'summary.md')}`);
    expect(commands).toContain(`##vso[task.setvariable variable=junit;isOutput=true]${join(run, 'reports', 'report.junit.xml')}`);
    expect(commands).toContain('##vso[task.setvariable variable=verdict;isOutput=true]not-ready');
    expect(commands).toContain('##vso[task.setvariable variable=exit-code;isOutput=true]1');
    expect(await readFile(join(run, 'reports', 'summary.md'), 'utf8')).toContain('NOT READY');
    expect(await readFile(join(run, 'reports', 'report.junit.xml'), 'utf8')).toContain('<testsuite');
    // The publishing steps read what the script set.
    const publish = template.steps.find((step) => step.task === 'PublishTestResults@2') as Step & { inputs: Record<string, string> };
    expect(publish.inputs['testResultsFiles']).toBe('$(assess.junit)');
    expect(step.name).toBe('assess');
  });
});
