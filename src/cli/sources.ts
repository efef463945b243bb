// Where an option value came from — a flag or a key of the config file — so every message names it.
// Flags win over the config file: a flag given replaces the config's value (lists included).
import { ConfigError, UsageError } from '../errors.js';
import type { ConfigFile, LoadedConfig } from './config-file.js';
import { flagName, type RawFlags } from './option-registry.js';
import { InvalidValue } from './values.js';

export type Origin = { kind: 'flag'; flag: string } | { kind: 'config'; file: string; key: string };

export interface Given<T = string> {
  value: T;
  origin: Origin;
}

export function describeOrigin(origin: Origin): string {
  return origin.kind === 'flag' ? origin.flag : `${origin.key} in ${origin.file}`;
}

/** A bad value: a usage error for a flag, a configuration error for a config key. */
export function invalid(origin: Origin, message: string): never {
  if (origin.kind === 'flag') throw new UsageError(`${origin.flag}: ${message}`);
  throw new ConfigError(`config ${origin.file}: ${origin.key}: ${message}`);
}

export function parseGiven<T, V = string>(given: Given<V>, parser: (value: V) => T): T {
  try {
    return parser(given.value);
  } catch (error) {
    if (error instanceof InvalidValue) invalid(given.origin, error.message);
    throw error;
  }
}

export class OptionSources {
  constructor(
    readonly flags: RawFlags,
    readonly config: LoadedConfig | null,
  ) {}

  /** A single value: the flag if given, else the config key, else undefined. */
  scalar(flag: keyof RawFlags, key: keyof ConfigFile): Given | undefined {
    const fromFlag = this.flags[flag];
    if (typeof fromFlag === 'string') return { value: fromFlag, origin: { kind: 'flag', flag: flagName(flag) } };
    const fromConfig = this.config?.values[key];
    if (fromConfig === undefined || fromConfig === null) return undefined;
    if (typeof fromConfig !== 'string' && typeof fromConfig !== 'number') {
      invalid(this.configOrigin(key), 'expected a single value');
    }
    return { value: String(fromConfig), origin: this.configOrigin(key) };
  }

  /** A repeatable value: every flag occurrence if any was given, else the config list (or single string). */
  list(flag: keyof RawFlags, key: keyof ConfigFile): Given[] | undefined {
    const fromFlag = this.flags[flag];
    if (Array.isArray(fromFlag)) return fromFlag.map((value) => ({ value, origin: { kind: 'flag', flag: flagName(flag) } }));
    if (typeof fromFlag === 'string') return [{ value: fromFlag, origin: { kind: 'flag', flag: flagName(flag) } }];
    const fromConfig = this.config?.values[key];
    if (fromConfig === undefined || fromConfig === null) return undefined;
    if (typeof fromConfig === 'string') return [{ value: fromConfig, origin: this.configOrigin(key) }];
    if (!Array.isArray(fromConfig) || !fromConfig.every((item) => typeof item === 'string')) {
      invalid(this.configOrigin(key), 'expected a string or a list of strings');
    }
    return fromConfig.map((value, index) => ({ value, origin: this.configOrigin(`${key}[${index}]`) }));
  }

  boolean(flag: keyof RawFlags, key: keyof ConfigFile): boolean | undefined {
    const fromFlag = this.flags[flag];
    if (typeof fromFlag === 'boolean') return fromFlag;
    const fromConfig = this.config?.values[key];
    return typeof fromConfig === 'boolean' ? fromConfig : undefined;
  }

  configOrigin(key: string): Origin {
    return { kind: 'config', file: this.config?.file ?? '(config)', key };
  }
}
