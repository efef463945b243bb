// A Microsoft Graph endpoint for the fault catalogue: HTTPS on loopback with a certificate minted for the run, serving
// /v1.0/organization and /v1.0/users/{id} with the fault of the moment — error statuses with and without Retry-After,
// answers of the wrong shape, truncated or oversized bodies, a stall, a reset. (Sign-in faults go to the Graph lab's
// token endpoint, which answers with Entra's AADSTS errors: see graph.test.ts.)
import { createServer, type Server } from 'node:https';
import type { CertificateAuthority } from '../../../src/lab/pki.js';

export type GraphFault =
  | 'ok'
  | 'future-sync'
  | { status: number; retryAfter?: string; times?: number }
  | 'bad-request-on-full-select'
  | 'empty-value'
  | 'wrong-type'
  | 'truncated'
  | 'not-json'
  | 'huge'
  | 'stall'
  | 'reset'
  | 'users-truncated';

export interface GraphFaultServer {
  url: string;
  fault: GraphFault;
  /** Requests seen ("GET /v1.0/organization?…"), for retry assertions. */
  requests: string[];
  close(): Promise<void>;
}

export const FAULT_TENANT = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';

function organization(lastSync: Date) {
  return {
    value: [
      {
        id: FAULT_TENANT,
        displayName: 'Fabrikam',
        onPremisesSyncEnabled: true,
        onPremisesLastSyncDateTime: lastSync.toISOString(),
        verifiedDomains: [{ name: 'fabrikam.test' }],
        createdDateTime: '2019-01-01T00:00:00Z',
        tenantType: 'AAD',
        countryLetterCode: 'US',
        preferredLanguage: 'en',
      },
    ],
  };
}

const user = {
  id: 'u-1',
  onPremisesSyncEnabled: true,
  onPremisesImmutableId: 'AAECAwQ=',
  onPremisesLastSyncDateTime: '2026-01-01T00:00:00Z',
  onPremisesProvisioningErrors: [],
};

export async function startGraphFaultServer(address: string, ca: CertificateAuthority): Promise<GraphFaultServer> {
  const certificate = await ca.issue({ names: [address] });
  const requests: string[] = [];
  const hits = new Map<GraphFault, number>();
  const state: GraphFaultServer = {
    url: '',
    fault: 'ok',
    requests,
    close: async () => undefined,
  };
  const server: Server = createServer({ cert: certificate.cert, key: certificate.key }, (request, response) => {
    const url = decodeURIComponent(request.url ?? '/');
    requests.push(`${request.method} ${url}`);
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    const isUsers = url.startsWith('/v1.0/users');
    const fault = state.fault;
    if (typeof fault === 'object') {
      const count = (hits.get(fault) ?? 0) + 1;
      hits.set(fault, count);
      if (fault.times === undefined || count <= fault.times) {
        const headers: Record<string, string> = fault.retryAfter ? { 'retry-after': fault.retryAfter } : {};
        return json(fault.status, { error: { code: `Fault${fault.status}`, message: `injected ${fault.status}` } }, headers);
      }
    }
    if (isUsers) {
      if (fault === 'users-truncated')
        return response.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"u-1","onPremisesSync');
      return json(200, user);
    }
    switch (fault) {
      case 'future-sync':
        return json(200, organization(new Date(Date.now() + 2 * 3_600_000)));
      case 'bad-request-on-full-select':
        if (url.includes('tenantType'))
          return json(400, { error: { code: 'BadRequest', message: "Could not find a property named 'tenantType'" } });
        return json(200, organization(new Date(Date.now() - 600_000)));
      case 'empty-value':
        return json(200, { value: [] });
      case 'wrong-type':
        return json(200, { value: [{ ...organization(new Date()).value[0], onPremisesSyncEnabled: 'true' }] });
      case 'truncated':
        return response.writeHead(200, { 'content-type': 'application/json' }).end('{"value":[{"id":"6f1c2a3b-4d5e');
      case 'not-json':
        return response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Sign in</body></html>');
      case 'huge':
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"value":[{"id":"x","displayName":"');
        for (let i = 0; i < 6; i++) response.write('x'.repeat(1_000_000));
        return response.end('"}]}');
      case 'stall':
        response.writeHead(200, { 'content-type': 'application/json' });
        return response.write('{"value":[');
      case 'reset':
        return request.socket.destroy();
      default:
        return json(200, organization(new Date(Date.now() - 600_000)));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, address, () => resolve()));
  state.url = `https://${address}:${(server.address() as { port: number }).port}`;
  state.close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return state;
}
