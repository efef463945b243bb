// The check catalogue, in report order. Ids are stable (DESIGN.md): never rename one.
// Each check lives in checks/<id>.ts and default-exports its definition.
import type { AnyCheck } from './api.js';
import exchange2016Cu3 from './exchange-2016-cu3.js';
import exchangeSupportLifecycle from './exchange-support-lifecycle.js';
import loadBalancer2013Free from './load-balancer-2013-free.js';
import mailboxDatabasePlacement from './mailbox-database-placement.js';
import prepareAdCu3 from './prepare-ad-cu3.js';

export const catalogue: readonly AnyCheck[] = [
  // R2, R1, R3, R4, R5, R6, R7, R8 (×3), R9, then the warning and advice checks.
  exchange2016Cu3,
  mailboxDatabasePlacement,
  prepareAdCu3,
  loadBalancer2013Free,
  exchangeSupportLifecycle,
];

export function findCheck(id: string): AnyCheck | undefined {
  return catalogue.find((check) => check.id === id);
}
