// Which Graph API set a declared call belongs to, for R9: "Only v1.0 of the Mail, Calendar and Contacts API are
// available for mailboxes in hybrid deployments. Other v1.0 API sets, such as the Groups API, or APIs in other
// versions, are not." (https://learn.microsoft.com/en-us/graph/hybrid-rest-support, 2016–2022 "preview" text.)
//
// What belongs to each set follows the v1.0 resource pages the hybrid document links (message, calendar, contact)
// and the Outlook mail/calendar/contacts API overviews:
//   https://learn.microsoft.com/en-us/graph/api/resources/mail-api-overview?view=graph-rest-1.0
//   https://learn.microsoft.com/en-us/graph/api/resources/calendar-overview?view=graph-rest-1.0
//   https://learn.microsoft.com/en-us/graph/api/resources/contact?view=graph-rest-1.0
// Resources Graph added or moved next to those sets later (mailbox settings, Focused Inbox, MailTips, categories,
// inbox rules, findMeetingTimes, getSchedule, reminderView, change notifications) were never named for hybrid; whether
// an on-premises mailbox answers them is not documented, so they are "uncertain", not in scope and not out of it.

export type ApiSet = 'Mail' | 'Calendar' | 'Contacts';

export type GraphCallScope =
  | { verdict: 'in-scope'; apiSet: ApiSet; resource: string; version: string | null }
  | { verdict: 'uncertain'; resource: string; why: string; version: string | null }
  /** Reads Entra ID (the user object, memberships, manager), not the mailbox: where the mailbox lives does not matter. */
  | { verdict: 'directory'; resource: string; version: string | null }
  | { verdict: 'other-version'; version: string; resource: string }
  | { verdict: 'other-api-set'; resource: string; version: string | null }
  | { verdict: 'not-graph'; why: string };

/** Graph hosts of every cloud (docs/facts/graph.md §4); graph.microsoft.de served the retired Microsoft Cloud Germany. */
const graphHosts = new Set([
  'graph.microsoft.com',
  'graph.microsoft.us',
  'dod-graph.microsoft.us',
  'microsoftgraph.chinacloudapi.cn',
  'graph.microsoft.de',
]);

/** First segment under /me or /users/{id} → API set. Nested segments inherit their root's set. */
const inScopeRoots: Record<string, ApiSet> = {
  messages: 'Mail',
  mailfolders: 'Mail',
  sendmail: 'Mail',
  events: 'Calendar',
  calendar: 'Calendar',
  calendars: 'Calendar',
  calendarview: 'Calendar',
  calendargroups: 'Calendar',
  contacts: 'Contacts',
  contactfolders: 'Contacts',
};

const uncertainRoots: Record<string, string> = {
  mailboxsettings:
    'mailbox settings sit on the user resource, not in the Mail API the hybrid document names; whether an on-premises mailbox answers is not documented',
  inferenceclassification:
    'Focused Inbox (inferenceClassification) is an Exchange Online feature; whether an on-premises mailbox answers is not documented',
  getmailtips:
    'MailTips were added to Graph after the hybrid preview defined its scope; whether an on-premises mailbox answers is not documented',
  outlook:
    'the outlookUser resources (categories, supported languages and time zones) are not part of the Mail, Calendar or Contacts API the hybrid document names',
  findmeetingtimes: 'findMeetingTimes is a user action beside the Calendar API; whether an on-premises mailbox answers is not documented',
  reminderview: 'reminderView is a user function beside the Calendar API; whether an on-premises mailbox answers is not documented',
};

/** Nested segments that are newer additions inside an in-scope root. */
const uncertainNested: Record<string, string> = {
  messagerules:
    'inbox rules (messageRules) were added to Graph after the hybrid preview defined its scope; whether an on-premises mailbox answers is not documented',
  getschedule:
    'getSchedule (free/busy) was added to Graph after the hybrid preview defined its scope; whether an on-premises mailbox answers is not documented',
};

const directoryRoots = new Set(['memberof', 'transitivememberof', 'manager', 'directreports']);

interface Segment {
  /** Lower-cased name without a key, an OData "microsoft.graph." prefix or "()". */
  name: string;
  /** The segment as written, percent-decoded ("{id}" rather than "%7Bid%7D"). */
  text: string;
  /** `users('id')` → true: the segment carries its own key. */
  keyed: boolean;
}

function segmentOf(raw: string): Segment {
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // keep the raw text: a stray % is not ours to fix
  }
  const keyed = /^[^(]+\(.*\)$/.test(decoded) && !/\(\)$/.test(decoded);
  const name = decoded
    .replace(/\(.*\)$/, '')
    .replace(/^microsoft\.graph\./i, '')
    .toLowerCase();
  return { name, text: decoded, keyed };
}

/** Path and query of a declared URL; null when it is an absolute URL that is not an https Graph URL. */
function pathOf(url: string): { path: string; query: string } | { notGraph: string } {
  const trimmed = url.trim();
  let rest = trimmed;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    let parsed: URL;
    try {
      parsed = new URL(trimmed);
    } catch {
      return { notGraph: 'the URL does not parse' };
    }
    if (parsed.protocol !== 'https:') return { notGraph: `it uses ${parsed.protocol.replace(':', '')}, not https` };
    if (!graphHosts.has(parsed.hostname.toLowerCase())) return { notGraph: `${parsed.hostname} is not a Microsoft Graph host` };
    rest = `${parsed.pathname}${parsed.search}`;
  }
  if (rest === '') return { notGraph: 'the URL is empty' };
  const queryAt = rest.search(/[?#]/);
  return { path: queryAt < 0 ? rest : rest.slice(0, queryAt), query: queryAt < 0 ? '' : rest.slice(queryAt) };
}

export function scopeOfGraphCall(url: string): GraphCallScope {
  const located = pathOf(url);
  if ('notGraph' in located) return { verdict: 'not-graph', why: located.notGraph };
  const segments = located.path
    .split('/')
    .filter((part) => part !== '')
    .map(segmentOf);
  let version: string | null = null;
  if (segments[0] && /^(v\d+(\.\d+)?|beta)$/i.test(segments[0].text)) version = segments.shift()!.text.toLowerCase();

  if (segments[0]?.name === '$batch') {
    return {
      verdict: 'uncertain',
      resource: '$batch',
      why: 'a JSON batch is judged by the requests inside it: declare each of them',
      version,
    };
  }
  const resource = `/${segments.map((segment) => segment.text).join('/')}`;
  if (version !== null && version !== 'v1.0') return { verdict: 'other-version', version, resource };

  const owner = segments[0];
  let rest: Segment[];
  if (owner?.name === 'me') rest = segments.slice(1);
  else if (owner?.name === 'users' && owner.keyed) rest = segments.slice(1);
  else if (owner?.name === 'users' && segments.length >= 2) rest = segments.slice(2);
  else if (owner?.name === 'users') return { verdict: 'directory', resource, version };
  else if (owner?.name === 'subscriptions') {
    return {
      verdict: 'uncertain',
      resource,
      why: 'change notifications are a separate Graph API; the hybrid document does not say whether they cover on-premises mailboxes',
      version,
    };
  } else return { verdict: 'other-api-set', resource, version };

  const root = rest[0];
  if (root === undefined) {
    // GET /me reads the directory, unless it selects mailbox settings, which live in the mailbox.
    if (/mailboxsettings/i.test(located.query)) return { verdict: 'uncertain', resource, why: uncertainRoots['mailboxsettings']!, version };
    return { verdict: 'directory', resource, version };
  }
  const apiSet = inScopeRoots[root.name];
  if (apiSet !== undefined) {
    const nested = rest.slice(1).find((segment) => uncertainNested[segment.name] !== undefined);
    if (nested) return { verdict: 'uncertain', resource, why: uncertainNested[nested.name]!, version };
    return { verdict: 'in-scope', apiSet, resource, version };
  }
  const why = uncertainRoots[root.name];
  if (why !== undefined) return { verdict: 'uncertain', resource, why, version };
  if (directoryRoots.has(root.name)) return { verdict: 'directory', resource, version };
  return { verdict: 'other-api-set', resource, version };
}
