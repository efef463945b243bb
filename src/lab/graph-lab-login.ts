// The lab's Entra login endpoint: OpenID configuration, instance discovery, signing keys, and the v2.0 token
// endpoint for the client-credentials grant with a client secret or a certificate-signed client assertion.
// Errors mimic Entra's AADSTS JSON. https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow
import { createHash, type KeyObject, randomUUID, timingSafeEqual, X509Certificate } from 'node:crypto';
import type { LabJsonAnswer } from './graph-lab-types.js';
import type { GraphLabScenario, LabApp } from './graph-scenario.js';
import { decodeJwt, signJwt, verifyJwtSignature } from './lab-jwt.js';

export interface LoginContext {
  origin: string;
  scenario: GraphLabScenario;
  signingKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
}

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const CLOCK_SKEW_SECONDS = 300;
export const TOKEN_LIFETIME_SECONDS = 3599;
/** Graph's application id: Entra also accepts it as the resource of a scope. */
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/** Whether a path segment names the tenant: its id, or one of its verified domains. */
export function isTenant(segment: string, scenario: GraphLabScenario): boolean {
  const lower = segment.toLowerCase();
  return (
    lower === scenario.tenantId.toLowerCase() || scenario.organization.verifiedDomains.some((domain) => domain.toLowerCase() === lower)
  );
}

export function openIdConfiguration(context: LoginContext, tenantSegment: string): LabJsonAnswer {
  if (!isTenant(tenantSegment, context.scenario)) return aadstsError(400, 'invalid_tenant', 90002, `Tenant '${tenantSegment}' not found.`);
  const base = `${context.origin}/${context.scenario.tenantId}`;
  return {
    status: 200,
    body: {
      issuer: `${base}/v2.0`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      tenant_region_scope: 'NA',
    },
  };
}

export function instanceDiscovery(context: LoginContext): LabJsonAnswer {
  const host = new URL(context.origin).host;
  return {
    status: 200,
    body: {
      tenant_discovery_endpoint: `${context.origin}/${context.scenario.tenantId}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    },
  };
}

export function signingKeys(context: LoginContext): LabJsonAnswer {
  const jwk = context.publicKey.export({ format: 'jwk' });
  return { status: 200, body: { keys: [{ ...jwk, kid: context.keyId, use: 'sig', kty: 'RSA' }] } };
}

/** POST /{tenant}/oauth2/v2.0/token with a form body. */
export function tokenEndpoint(context: LoginContext, tenantSegment: string, form: URLSearchParams): LabJsonAnswer {
  const { scenario } = context;
  if (!isTenant(tenantSegment, scenario)) return aadstsError(400, 'invalid_request', 90002, `Tenant '${tenantSegment}' not found.`);
  if (form.get('grant_type') !== 'client_credentials') {
    return aadstsError(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
  }
  const clientId = form.get('client_id') ?? '';
  const app = scenario.apps.find((candidate) => candidate.clientId.toLowerCase() === clientId.toLowerCase());
  if (!app) {
    return aadstsError(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${scenario.tenantId}'.`,
    );
  }
  const resource = resourceOf(form.get('scope'), context.origin);
  if (typeof resource !== 'string') return resource;

  const secret = form.get('client_secret');
  const assertion = form.get('client_assertion');
  if (secret !== null && assertion !== null)
    return aadstsError(400, 'invalid_request', 90083, 'Request is unsupported: both a client secret and a client assertion were sent.');
  if (secret !== null) {
    if (!app.secrets.some((known) => sameSecret(known, secret))) {
      return aadstsError(
        401,
        'invalid_client',
        7000215,
        'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app.',
      );
    }
  } else if (assertion !== null) {
    if (form.get('client_assertion_type') !== ASSERTION_TYPE)
      return aadstsError(400, 'invalid_request', 50027, 'Invalid client_assertion_type.');
    const refusal = checkAssertion(assertion, app, `${context.origin}/${tenantSegment}/oauth2/v2.0/token`);
    if (refusal) return refusal;
  } else {
    return aadstsError(
      401,
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    );
  }
  return {
    status: 200,
    body: {
      token_type: 'Bearer',
      expires_in: TOKEN_LIFETIME_SECONDS,
      ext_expires_in: TOKEN_LIFETIME_SECONDS,
      access_token: mintAccessToken(context, app.clientId, app.roles, resource),
    },
  };
}

/** An app-only access token like Entra's v1 tokens for Graph: aud, iss, tid, appid, roles. */
export function mintAccessToken(
  context: LoginContext,
  clientId: string,
  roles: readonly string[],
  audience: string,
  lifetimeSeconds = TOKEN_LIFETIME_SECONDS,
): string {
  const now = Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = {
    aud: audience,
    iss: `https://sts.windows.net/${context.scenario.tenantId}/`,
    iat: now,
    nbf: now,
    exp: now + lifetimeSeconds,
    appid: clientId,
    appidacr: '1',
    idtyp: 'app',
    oid: randomUUID(),
    sub: randomUUID(),
    tid: context.scenario.tenantId,
    ver: '1.0',
  };
  if (roles.length > 0) payload['roles'] = [...roles];
  return signJwt({ typ: 'JWT', alg: 'RS256', kid: context.keyId }, payload, context.signingKey);
}

/** The resource of a `<resource>/.default` scope, or the AADSTS error for it. */
function resourceOf(scope: string | null, origin: string): string | LabJsonAnswer {
  const resource = scope
    ?.split(' ')
    .find((item) => item.endsWith('/.default'))
    ?.slice(0, -'/.default'.length);
  if (!resource)
    return aadstsError(
      400,
      'invalid_scope',
      1002012,
      `The provided value for scope ${scope ?? ''} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    );
  if (resource === origin || resource === GRAPH_APP_ID) return origin;
  if (resource === 'https://graph.microsoft.com') return resource;
  return aadstsError(400, 'invalid_resource', 500011, `The resource principal named ${resource} was not found in the tenant.`);
}

function checkAssertion(assertion: string, app: LabApp, expectedAudience: string): LabJsonAnswer | null {
  const jwt = decodeJwt(assertion);
  if (!jwt) return aadstsError(401, 'invalid_client', 50027, 'Invalid JWT token. The token is not in a valid format.');
  const { header, payload } = jwt;
  const thumbprint =
    typeof header['x5t#S256'] === 'string'
      ? { hash: 'sha256', value: header['x5t#S256'] }
      : typeof header['x5t'] === 'string'
        ? { hash: 'sha1', value: header['x5t'] }
        : null;
  if (!thumbprint)
    return aadstsError(401, 'invalid_client', 700027, 'Client assertion contains no x5t or x5t#S256 certificate thumbprint.');
  const certificate = app.certificates
    .map((pem) => new X509Certificate(pem))
    .find((cert) => createHash(thumbprint.hash).update(cert.raw).digest('base64url') === thumbprint.value);
  if (!certificate) {
    return aadstsError(
      401,
      'invalid_client',
      700027,
      `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${thumbprint.value}']`,
    );
  }
  if (!verifyJwtSignature(jwt, certificate))
    return aadstsError(401, 'invalid_client', 700027, 'Client assertion failed signature validation.');
  if (payload['aud'] !== expectedAudience) {
    return aadstsError(
      401,
      'invalid_client',
      700212,
      `Client assertion audience claim does not match the token endpoint: expected '${expectedAudience}'.`,
    );
  }
  if (payload['iss'] !== app.clientId || payload['sub'] !== app.clientId) {
    return aadstsError(401, 'invalid_client', 700023, 'Client assertion issuer and subject must be the client id of the application.');
  }
  const now = Math.floor(Date.now() / 1000);
  const exp = payload['exp'];
  const nbf = payload['nbf'];
  if (typeof exp !== 'number' || exp < now - CLOCK_SKEW_SECONDS || (typeof nbf === 'number' && nbf > now + CLOCK_SKEW_SECONDS)) {
    return aadstsError(401, 'invalid_client', 700024, 'Client assertion is not within its valid time range.');
  }
  const validTo = Date.parse(certificate.validTo);
  if (validTo < Date.now())
    return aadstsError(401, 'invalid_client', 700027, 'The certificate used to sign the client assertion has expired.');
  return null;
}

function sameSecret(known: string, given: string): boolean {
  const a = Buffer.from(known);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Entra's error body: AADSTS code first, then trace lines. https://learn.microsoft.com/entra/identity-platform/reference-error-codes */
export function aadstsError(status: number, error: string, code: number, description: string): LabJsonAnswer {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, 'Z');
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${description}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
  };
}
