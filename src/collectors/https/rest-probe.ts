// The REST endpoint as Graph meets it before presenting a token: unauthenticated GET /api/v2.0/me.
// Exchange 2016 CU3+ answers 401 with a Bearer challenge (docs/facts/http.md §3); the checks classify everything else.
import type { PinnedTarget } from '../../clients/https.js';
import type { ConnectionTrust, HttpExchange, RestEndpointProbe } from '../../inventory/artifacts.js';
import { parseWwwAuthenticate } from './www-authenticate.js';

export const REST_PROBE_PATH = '/api/v2.0/me';

export function restEndpointProbe(target: PinnedTarget, response: HttpExchange, connection: ConnectionTrust | null): RestEndpointProbe {
  return {
    name: target.name,
    address: target.address,
    response,
    challenges: parseWwwAuthenticate(response.headers['www-authenticate'] ?? []),
    connection,
  };
}
