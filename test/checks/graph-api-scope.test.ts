import { describe, expect, it } from 'vitest';
import check from '../../checks/graph-api-scope.js';
import { createCheckTester } from '../support/check-tester.js';

const { run } = createCheckTester(check);
const judge = (...urls: string[]) =>
  run({
    artifacts: { DeclaredApis: { calls: urls.map((url) => ({ method: url.startsWith('/v1.0/me/sendMail') ? 'post' : 'GET', url })) } },
  });
const ids = (result: ReturnType<typeof judge>) => result.findings.map((finding) => `${finding.status}:${finding.messageId}`);

describe('graph-api-scope', () => {
  it('does not apply when no calls are declared or the artifact is absent', () => {
    expect(judge().status).toBe('not-applicable');
    const absent = run({ artifacts: {} });
    expect(absent.status).toBe('not-applicable');
    expect(absent.summary).toBe('No Graph calls are declared (config apis:), so the API scope does not apply.');
  });

  it('passes for v1.0 Mail, Calendar and Contacts calls on user mailboxes', () => {
    const result = judge(
      '/v1.0/me/messages',
      '/v1.0/me/sendMail',
      'https://graph.microsoft.com/v1.0/users/alex@contoso.com/events',
      '/v1.0/me/contacts',
    );
    expect(result.status).toBe('pass');
    expect(result.findings[1]?.message).toBe(
      'POST /v1.0/me/sendMail uses the v1.0 Mail API (/me/sendMail), which Graph serves for on-premises mailboxes.',
    );
    expect(result.summary).toBe('All 4 declared mailbox calls are within v1.0 Mail, Calendar and Contacts (4 declared).');
  });

  it('fails for beta, quoting the preview error', () => {
    const result = judge('/v1.0/me/messages', '/beta/me/messages');
    expect(result.status).toBe('fail');
    expect(ids(result)).toEqual(['pass:in-scope', 'fail:other-version']);
    expect(result.findings[1]?.message).toContain('uses the beta endpoint; only v1.0 is served');
    expect(result.findings[1]?.message).toContain(
      '"REST APIs for this mailbox are currently in preview. You can find more information about the preview REST APIs at https://dev.outlook.com."',
    );
    expect(result.findings[1]?.remediation).toContain('beta is served only for mailboxes in Exchange Online');
    expect(result.summary).toBe(
      '1 of 2 declared Graph calls falls outside v1.0 Mail, Calendar and Contacts, the only APIs served for on-premises mailboxes.',
    );
  });

  it('fails for other API sets such as OneDrive, OneNote and Groups', () => {
    const result = judge('/v1.0/me/drive/root', '/v1.0/me/onenote/pages', '/v1.0/groups/{id}/events');
    expect(ids(result)).toEqual(['fail:other-api-set', 'fail:other-api-set', 'fail:other-api-set']);
    expect(result.findings[2]?.message).toContain('uses /groups/{id}/events, outside the v1.0 Mail, Calendar and Contacts APIs');
    expect(result.findings[0]?.remediation).toContain('before using /me/drive/root');
  });

  it('warns for calls whose service for on-premises mailboxes is undocumented, and for a missing version', () => {
    const result = judge('/v1.0/me/mailboxSettings', '/me/events');
    expect(result.status).toBe('warn');
    expect(ids(result)).toEqual(['warn:uncertain', 'warn:no-version']);
    expect(result.findings[0]?.remediation).toBe(
      'Try GET /v1.0/me/mailboxSettings against a test mailbox on-premises before relying on it, and treat the preview error as "not served".',
    );
    expect(result.findings[1]?.remediation).toContain('Call /me/events under /v1.0/ explicitly');
    expect(result.summary).toBe(
      '2 of 2 declared calls could not be confirmed as served for on-premises mailboxes; none is outside the supported set.',
    );
  });

  it('does not judge directory reads by the mailbox scope', () => {
    const result = judge('/v1.0/me', '/v1.0/users/{id}/memberOf');
    expect(result.status).toBe('not-applicable');
    expect(ids(result)).toEqual(['not-applicable:directory', 'not-applicable:directory']);
    expect(result.summary).toBe('None of the 2 declared calls reaches a mailbox, so the mailbox API scope does not restrict them.');
    expect(judge('/v1.0/me', '/v1.0/me/messages').status).toBe('pass');
  });

  it('is manual for a call that is not a Graph URL', () => {
    const result = judge('https://outlook.office.com/api/v2.0/me/messages');
    expect(result.status).toBe('manual');
    expect(result.findings[0]?.message).toBe(
      'GET https://outlook.office.com/api/v2.0/me/messages cannot be judged: outlook.office.com is not a Microsoft Graph host.',
    );
    expect(result.findings[0]?.remediation).toContain('Declare the call as a Graph URL');
    expect(result.summary).toBe('1 of 1 declared call could not be judged; none is outside the supported set.');
  });
});
