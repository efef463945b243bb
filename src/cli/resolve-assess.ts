// Flags and config → what to select, how to judge, where to write. Shared by assess, collect and report.
import { resolve as resolvePath } from 'node:path';
import { type AnyCheck, DEFAULT_EVALUATION_OPTIONS, type EvaluationOptions } from '../../checks/api.js';
import { isRequirementSelection, REQUIREMENT_SELECTIONS, type RequirementSelection } from '../../checks/requirement-sets.js';
import { UsageError } from '../errors.js';
import type { DeclaredException } from '../pipeline/exceptions.js';
import type { SelectionRequest } from '../pipeline/select.js';
import type { FailOn } from '../pipeline/summarize.js';
import { REPORT_FORMATS, type ReportFormat } from '../reporters/index.js';
import { COLLECTION_FLAGS, flagName } from './option-registry.js';
import { type Given, invalid, type OptionSources, parseGiven } from './sources.js';
import * as values from './values.js';

export interface OutputTarget {
  format: ReportFormat;
  path: string;
}

export function outputFormat(text: string): ReportFormat {
  return values.oneOf(text, REPORT_FORMATS, 'a format');
}

export function resolveSelection(sources: OptionSources): SelectionRequest {
  const ids = (flag: 'only' | 'skip'): string[] | null => {
    const given = sources.list(flag, flag);
    if (!given) return null;
    const list = values.commaList(given.map((item) => item.value));
    if (list.length === 0) invalid(given[0]!.origin, 'expected one or more check ids separated by commas');
    return list;
  };
  return { only: ids('only'), skip: ids('skip'), requirements: resolveRequirements(sources) };
}

/** --requirements (config `requirements:`): the requirement sets to judge; graph-rest when not given. */
export function resolveRequirements(sources: OptionSources): RequirementSelection {
  const given = sources.scalar('requirements', 'requirements');
  if (!given) return 'graph-rest';
  return parseGiven(given, (text) => {
    const value = text.trim().toLowerCase();
    if (!isRequirementSelection(value))
      throw new values.InvalidValue(`expected one of ${REQUIREMENT_SELECTIONS.join(', ')}, got ${JSON.stringify(text)}`);
    return value;
  });
}

/** Formats printed to stdout, in order; table when none is asked for. */
export function resolveFormats(sources: OptionSources): ReportFormat[] {
  const given = sources.list('format', 'formats') ?? [];
  const formats = [...new Set(given.map((item) => parseGiven(item, outputFormat)))];
  return formats.length > 0 ? formats : ['table'];
}

export function resolveOutputs(sources: OptionSources, cwd: string): OutputTarget[] {
  const parse = (given: Given, base: string): OutputTarget =>
    parseGiven(given, (text) => {
      const match = /^([^=]+)=(.+)$/.exec(text.trim());
      if (!match) throw new values.InvalidValue(`expected FORMAT=PATH such as json=report.json, got ${JSON.stringify(text)}`);
      return { format: outputFormat(match[1] as string), path: resolvePath(base, (match[2] as string).trim()) };
    });
  if (sources.flags.output !== undefined) return (sources.list('output', 'outputs') ?? []).map((given) => parse(given, cwd));
  const declared = sources.config?.values.outputs;
  if (!declared) return [];
  const base = sources.config?.baseDir ?? cwd;
  const entries: Given[] = Array.isArray(declared)
    ? declared.map((value, index) => ({ value, origin: sources.configOrigin(`outputs[${index}]`) }))
    : Object.entries(declared).map(([format, path]) => ({ value: `${format}=${path}`, origin: sources.configOrigin(`outputs.${format}`) }));
  return entries.map((given) => parse(given, base));
}

export function resolveEvaluation(sources: OptionSources): { evaluation: EvaluationOptions; failOn: FailOn } {
  const maxSyncAge = sources.scalar('maxSyncAge', 'maxSyncAge');
  const failOn = sources.scalar('failOn', 'failOn');
  return {
    evaluation: {
      ...DEFAULT_EVALUATION_OPTIONS,
      maxSyncAgeMinutes: maxSyncAge ? parseGiven(maxSyncAge, values.durationMinutes) : DEFAULT_EVALUATION_OPTIONS.maxSyncAgeMinutes,
    },
    failOn: failOn ? parseGiven(failOn, (text) => values.oneOf(text, ['blocker', 'warning'] as const, 'one of the levels')) : 'blocker',
  };
}

export interface FactPlan {
  /** Replay this inventory instead of collecting; null = collect live. */
  fromInventory: string | null;
  saveInventory: string | null;
  /** Said on stderr (unless --quiet): config settings a replay does not use. */
  notes: string[];
}

/** Paths stay as typed (relative to the working directory; the report shows them): config paths are already resolved. */
export function resolveFactPlan(sources: OptionSources): FactPlan {
  const from = sources.scalar('fromInventory', 'fromInventory');
  const save = sources.scalar('saveInventory', 'saveInventory');
  if (!from) return { fromInventory: null, saveInventory: save ? save.value : null, notes: [] };
  // A replay collects nothing: a collection flag typed next to --from-inventory would silently do nothing.
  const typed = COLLECTION_FLAGS.filter((key) => sources.flags[key] !== undefined);
  if (typed.length > 0) {
    throw new UsageError(
      `${typed.map(flagName).join(', ')} cannot be combined with --from-inventory: a replay collects nothing; drop ${typed.length > 1 ? 'them' : 'it'}, or collect live without --from-inventory`,
    );
  }
  const notes: string[] = [];
  const declared = (['apis', 'pools'] as const).filter((key) => sources.config?.values[key] !== undefined);
  if (declared.length > 0) {
    notes.push(
      `${declared.map((key) => `${key}:`).join(' and ')} in ${sources.config?.file} ${declared.length > 1 ? 'are' : 'is'} not used with --from-inventory; the declarations saved in the inventory are judged`,
    );
  }
  return { fromInventory: from.value, saveInventory: null, notes };
}

/** Accepted risks (see src/pipeline/exceptions.ts); an unknown check id is refused rather than silently matching nothing. */
export function resolveExceptions(sources: OptionSources, catalogue: readonly AnyCheck[]): DeclaredException[] {
  const declared = sources.config?.values.exceptions ?? [];
  const checkIds = catalogue.map((check) => check.id);
  declared.forEach((exception, index) => {
    if (!checkIds.includes(exception.check)) {
      invalid(
        sources.configOrigin(`exceptions[${index}].check`),
        `unknown check id ${JSON.stringify(exception.check)}; valid ids: ${checkIds.join(', ') || '(none registered)'}`,
      );
    }
  });
  return declared.map((exception) => ({
    ...exception,
    requirementSet: catalogue.find((check) => check.id === exception.check)?.requirementSet,
  }));
}
