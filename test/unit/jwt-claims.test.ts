import { describe, expect, it } from 'vitest';
import { decodeJwtPayload, tokenRoles } from '../../src/clients/jwt-claims.js';

const jwt = (payload: unknown) =>
  `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`;

describe('token claims', () => {
  it('reads the roles claim sorted, without verifying the token', () => {
    expect(tokenRoles(jwt({ roles: ['User.Read.All', 'Organization.Read.All'] }))).toEqual(['Organization.Read.All', 'User.Read.All']);
  });

  it('gives null when there is no readable roles claim or no JWT', () => {
    expect(tokenRoles(jwt({ scp: 'User.Read' }))).toBeNull();
    expect(tokenRoles(jwt({ roles: 'Organization.Read.All' }))).toBeNull();
    expect(tokenRoles(jwt({ roles: [1, 2] }))).toBeNull();
    expect(tokenRoles('opaque-token')).toBeNull();
    expect(tokenRoles('a.!!!.c')).toBeNull();
    expect(decodeJwtPayload(jwt([1, 2]))).toBeNull();
  });
});
