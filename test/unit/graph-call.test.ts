import { describe, expect, it } from 'vitest';
import { scopeOfGraphCall } from '../../checks/lib/graph-call.js';

describe('scopeOfGraphCall', () => {
  it.each([
    ['/v1.0/me/messages', 'Mail'],
    ['v1.0/me/messages?$select=subject&$top=10', 'Mail'],
    ['https://graph.microsoft.com/v1.0/me/mailFolders/inbox/messages', 'Mail'],
    ["/v1.0/me/mailFolders('SentItems')/messages", 'Mail'],
    ['/v1.0/users/alex@contoso.com/messages/AAMk=/attachments', 'Mail'],
    ["/v1.0/users('7a1b…')/sendMail", 'Mail'],
    ['/v1.0/users/{id}/messages/delta()', 'Mail'],
    ['/v1.0/me/messages/microsoft.graph.delta()', 'Mail'],
    ['https://graph.microsoft.us/v1.0/me/events', 'Calendar'],
    ['https://dod-graph.microsoft.us/v1.0/me/calendar/events', 'Calendar'],
    ['https://microsoftgraph.chinacloudapi.cn/v1.0/me/calendarView?startDateTime=2026-01-01&endDateTime=2026-02-01', 'Calendar'],
    ['/v1.0/me/calendars/{id}/events/{id}/instances', 'Calendar'],
    ['/v1.0/me/calendarGroups', 'Calendar'],
    ['/v1.0/me/contacts', 'Contacts'],
    ['/v1.0/me/contactFolders/{id}/contacts', 'Contacts'],
  ])('%s is in the %s API', (url, apiSet) => {
    expect(scopeOfGraphCall(url)).toMatchObject({ verdict: 'in-scope', apiSet, version: 'v1.0' });
  });

  it('shows resources as written, braces and all', () => {
    expect(scopeOfGraphCall('https://graph.microsoft.com/v1.0/users/{id}/todo/lists')).toEqual({
      verdict: 'other-api-set',
      resource: '/users/{id}/todo/lists',
      version: 'v1.0',
    });
  });

  it('keeps a call without a version in scope but says the version is unknown', () => {
    expect(scopeOfGraphCall('/me/messages')).toMatchObject({ verdict: 'in-scope', apiSet: 'Mail', version: null });
  });

  it.each(['/beta/me/messages', 'https://graph.microsoft.com/beta/me/events', '/v2.0/me/messages', '/V1/me/messages'])(
    '%s is another version',
    (url) => {
      expect(scopeOfGraphCall(url).verdict).toBe('other-version');
    },
  );

  it.each([
    '/v1.0/me/drive/root/children',
    '/v1.0/me/onenote/pages',
    '/v1.0/planner/tasks',
    '/v1.0/me/presence',
    '/v1.0/me/joinedTeams',
    '/v1.0/groups/{id}/events',
    '/v1.0/me/people',
    '/v1.0/me/photo/$value',
    '/v1.0/me/todo/lists',
    '/v1.0/organization',
  ])('%s is another API set', (url) => {
    expect(scopeOfGraphCall(url).verdict).toBe('other-api-set');
  });

  it.each([
    '/v1.0/me/mailboxSettings',
    '/v1.0/me/inferenceClassification/overrides',
    '/v1.0/me/getMailTips',
    '/v1.0/me/outlook/masterCategories',
    '/v1.0/me/findMeetingTimes',
    "/v1.0/me/reminderView(startDateTime='2026-01-01',endDateTime='2026-01-02')",
    '/v1.0/me/mailFolders/inbox/messageRules',
    '/v1.0/me/calendar/getSchedule',
    '/v1.0/subscriptions',
    '/v1.0/$batch',
    '/v1.0/me?$select=mailboxSettings',
  ])('%s is uncertain, with a reason', (url) => {
    const scope = scopeOfGraphCall(url);
    expect(scope.verdict).toBe('uncertain');
    expect(scope.verdict === 'uncertain' && scope.why.length).toBeGreaterThan(20);
  });

  it.each(['/v1.0/me', '/v1.0/users/alex@contoso.com', '/v1.0/users', '/v1.0/me/memberOf', '/v1.0/users/{id}/manager'])(
    '%s reads the directory',
    (url) => {
      expect(scopeOfGraphCall(url).verdict).toBe('directory');
    },
  );

  it.each([
    ['http://graph.microsoft.com/v1.0/me/messages', 'http, not https'],
    ['https://outlook.office.com/api/v2.0/me/messages', 'outlook.office.com is not a Microsoft Graph host'],
    ['https://graph.microsoft.com.evil.example/v1.0/me/messages', 'not a Microsoft Graph host'],
    ['', 'empty'],
  ])('%s is not a Graph URL (%s)', (url, why) => {
    const scope = scopeOfGraphCall(url);
    expect(scope.verdict).toBe('not-graph');
    expect(scope.verdict === 'not-graph' && scope.why).toContain(why);
  });
});
