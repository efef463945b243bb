// CollectOptions for the DNS and HTTPS collector tests: everything on loopback, nothing else set.
import type { CollectorContext } from '../../src/collectors/collector.js';
import type { CollectOptions } from '../../src/options.js';
import { type CollectOptionsOverrides, collectOptions } from './collect-options.js';

/** Throws unless every resolver is on loopback: an empty list would mean the public defaults, off the machine. */
export function internetOptions(overrides: CollectOptionsOverrides & { resolvers: string[] }): CollectOptions {
  const offLoopback = overrides.resolvers.filter((resolver) => !/^(https:\/\/)?127\.\d+\.\d+\.\d+[:/]/.test(resolver));
  if (overrides.resolvers.length === 0 || offLoopback.length > 0) {
    throw new Error(`tests must name loopback resolvers only (got ${JSON.stringify(overrides.resolvers)})`);
  }
  return collectOptions({ treatAsPublic: ['127.0.0.0/8'], timeoutMs: 1500, ...overrides });
}

export function quietContext(options: CollectOptions): CollectorContext & { messages: string[] } {
  const messages: string[] = [];
  return { options, progress: (message) => messages.push(message), debug: (message) => messages.push(message), messages };
}
