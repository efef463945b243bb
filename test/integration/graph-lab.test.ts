// The Graph lab's own contract, spoken to directly: it must refuse what Entra and Graph refuse, or the collector's
// tests against it would prove nothing.
import { constants, createHash, createPrivateKey, sign, X509Certificate } from 'node:crypto';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppCertificate, createAppCertificate } from '../../src/lab/app-certificate.js';
import { type GraphLabServer, startGraphLabServer } from '../../src/lab/graph-server.js';
import { CLIENT_ID, LOW_PRIVILEGE_CLIENT_ID, SECRET, scenario, TENANT_ID } from '../support/graph-lab.js';

let lab: GraphLabServer;
let restrictedLab: GraphLabServer;
let app: AppCertificate;
let stranger: AppCertificate;
let agent: Agent;

beforeAll(async () => {
  [app, stranger] = await Promise.all([createAppCertificate('lab app'), createAppCertificate('stranger')]);
  lab = await startGraphLabServer(scenario({ certificates: [app.cert] }));
  restrictedLab = await startGraphLabServer({ ...scenario(), organizationWithoutPermission: 'restricted' });
  agent = new Agent({ connect: { ca: [lab.caPem, restrictedLab.caPem] } });
});
afterAll(async () => {
  await agent?.close();
  await Promise.all([lab?.close(), restrictedLab?.close()]);
});

const tokenUrl = () => `${lab.loginUrl}/${TENANT_ID}/oauth2/v2.0/token`;

async function call(url: string, init: { method?: 'GET' | 'POST'; form?: Record<string, string>; token?: string } = {}) {
  const response = await request(url, {
    dispatcher: agent,
    method: init.method ?? (init.form ? 'POST' : 'GET'),
    headers: {
      ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
  });
  return { status: response.statusCode, body: (await response.body.json()) as Record<string, unknown> };
}

interface AssertionOptions {
  certificate?: AppCertificate;
  alg?: 'PS256' | 'RS256';
  claims?: Record<string, unknown>;
  tamper?: boolean;
}

function assertion({ certificate = app, alg = 'PS256', claims = {}, tamper = false }: AssertionOptions = {}): string {
  const der = new X509Certificate(certificate.cert).raw;
  const header =
    alg === 'PS256'
      ? { alg, typ: 'JWT', 'x5t#S256': createHash('sha256').update(der).digest('base64url') }
      : { alg, typ: 'JWT', x5t: createHash('sha1').update(der).digest('base64url') };
  const now = Math.floor(Date.now() / 1000);
  const payload = { aud: tokenUrl(), iss: CLIENT_ID, sub: CLIENT_ID, jti: 'j1', nbf: now, exp: now + 600, ...claims };
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  const key = createPrivateKey(certificate.key);
  const signature =
    alg === 'PS256'
      ? sign('sha256', Buffer.from(input), { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 })
      : sign('sha256', Buffer.from(input), key);
  if (tamper) signature[0] = (signature[0] ?? 0) ^ 0xff;
  return `${input}.${signature.toString('base64url')}`;
}

const grant = (extra: Record<string, string>) => ({
  grant_type: 'client_credentials',
  client_id: CLIENT_ID,
  scope: `${lab.graphUrl}/.default`,
  ...extra,
});
const assertionForm = (options?: AssertionOptions) =>
  grant({ client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion(options) });

describe('Graph lab login endpoint', () => {
  it('serves OpenID configuration for the tenant id and its domains, and refuses other tenants', async () => {
    const config = await call(`${lab.loginUrl}/contoso.test/v2.0/.well-known/openid-configuration`);
    expect(config.status).toBe(200);
    expect(config.body['token_endpoint']).toBe(`${lab.loginUrl}/${TENANT_ID}/oauth2/v2.0/token`);
    const other = await call(`${lab.loginUrl}/fabrikam.test/v2.0/.well-known/openid-configuration`);
    expect(other.status).toBe(400);
    expect(String(other.body['error_description'])).toMatch(/^AADSTS90002: /);
  });

  it('issues a token for the right secret and refuses a wrong one with an AADSTS body', async () => {
    const ok = await call(tokenUrl(), { form: grant({ client_secret: SECRET }) });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
    const wrong = await call(tokenUrl(), { form: grant({ client_secret: `${SECRET}x` }) });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
    expect(wrong.body).toHaveProperty('trace_id');
    expect(JSON.stringify(wrong.body)).not.toContain(SECRET);
  });

  it('issues a token for a PS256 or RS256 assertion signed by the registered certificate', async () => {
    expect((await call(tokenUrl(), { form: assertionForm() })).status).toBe(200);
    expect((await call(tokenUrl(), { form: assertionForm({ alg: 'RS256' }) })).status).toBe(200);
  });

  it.each<[string, () => AssertionOptions, number]>([
    ['a tampered signature', () => ({ tamper: true }), 700027],
    ['an unregistered certificate', () => ({ certificate: stranger }), 700027],
    ['another audience', () => ({ claims: { aud: 'https://login.microsoftonline.com/x/oauth2/v2.0/token' } }), 700212],
    ['another issuer', () => ({ claims: { iss: LOW_PRIVILEGE_CLIENT_ID } }), 700023],
    ['an expired assertion', () => ({ claims: { exp: Math.floor(Date.now() / 1000) - 3600 } }), 700024],
    ['a future assertion', () => ({ claims: { nbf: Math.floor(Date.now() / 1000) + 3600 } }), 700024],
  ])('refuses an assertion with %s', async (_name, options, code) => {
    const answer = await call(tokenUrl(), { form: assertionForm(options()) });
    expect(answer.status).toBe(401);
    expect(answer.body['error_codes']).toEqual([code]);
  });

  it('refuses requests without a credential, with a bad scope or for an unknown app', async () => {
    expect((await call(tokenUrl(), { form: grant({}) })).body['error_codes']).toEqual([7000218]);
    expect((await call(tokenUrl(), { form: grant({ client_secret: SECRET, scope: 'User.Read' }) })).body['error']).toBe('invalid_scope');
    expect((await call(tokenUrl(), { form: grant({ client_secret: SECRET, client_id: 'nope' }) })).body['error_codes']).toEqual([700016]);
  });
});

describe('Graph lab Graph endpoint', () => {
  it('refuses missing, foreign-audience and expired tokens with 401', async () => {
    const org = `${lab.graphUrl}/v1.0/organization`;
    expect((await call(org)).status).toBe(401);
    expect(
      (
        await call(org, {
          token: lab.mintToken({ clientId: CLIENT_ID, roles: ['Organization.Read.All'], audience: 'https://graph.microsoft.com' }),
        })
      ).status,
    ).toBe(401);
    expect(
      (await call(org, { token: lab.mintToken({ clientId: CLIENT_ID, roles: ['Organization.Read.All'], lifetimeSeconds: -60 }) })).status,
    ).toBe(401);
    expect(
      (
        await call(org, {
          token: restrictedLab.mintToken({ clientId: CLIENT_ID, roles: ['Organization.Read.All'], audience: lab.graphUrl }),
        })
      ).status,
    ).toBe(401);
  });

  it('returns the on-premises user properties only on $select', async () => {
    const token = lab.mintToken({ clientId: CLIENT_ID, roles: ['User.Read.All'] });
    const plain = await call(`${lab.graphUrl}/v1.0/users/alice@contoso.test`, { token });
    expect(plain.status).toBe(200);
    expect(plain.body).not.toHaveProperty('onPremisesSyncEnabled');
    const selected = await call(`${lab.graphUrl}/v1.0/users/alice@contoso.test?$select=id,onPremisesSyncEnabled`, { token });
    expect(selected.body).toMatchObject({ onPremisesSyncEnabled: true });
    expect(selected.body).not.toHaveProperty('mail');
  });

  it('gives a low-privilege app 403, or User.Read-level nulls when the scenario says so', async () => {
    const forbidden = await call(`${lab.graphUrl}/v1.0/organization`, {
      token: lab.mintToken({ clientId: LOW_PRIVILEGE_CLIENT_ID, roles: [] }),
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toMatchObject({ error: { code: 'Authorization_RequestDenied' } });
    const restricted = await call(`${restrictedLab.graphUrl}/v1.0/organization`, {
      token: restrictedLab.mintToken({ clientId: LOW_PRIVILEGE_CLIENT_ID, roles: [] }),
    });
    const [org] = restricted.body['value'] as Record<string, unknown>[];
    expect(org).toMatchObject({ displayName: 'Contoso', onPremisesSyncEnabled: null, createdDateTime: null, tenantType: null });
    expect(org?.['verifiedDomains']).toHaveLength(2);
  });
});
