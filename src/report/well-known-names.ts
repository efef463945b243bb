// Values that sit in name fields but are not the organization's: Microsoft's own hosts, application ids and object
// names, public resolvers and certificate authorities, Active Directory's and Exchange's fixed container names.
// --redact keeps them (docs/redaction.md): replacing "Exchange Online" or login.windows.net would hide what a check
// judged — the cloud auth server is recognised by its metadata host — without hiding anything of the organization's.
// A tenant's own names under Microsoft's domains (contoso.onmicrosoft.com) are the tenant's, not Microsoft's.

/** Microsoft's service domains; a host under one is Microsoft's, except under the tenant namespaces below. */
const MICROSOFT_DOMAINS = [
  'microsoft.com',
  'microsoftonline.com',
  'microsoftonline.us',
  'microsoftonline.de',
  'microsoftonline.cn',
  'windows.net',
  'windows.com',
  'outlook.com',
  'outlook.cn',
  'office.com',
  'office.net',
  'office365.com',
  'office365.us',
  'live.com',
  'live.net',
  'azure.com',
  'azure.net',
  'azure.us',
  'chinacloudapi.cn',
  'lync.com',
  'skype.com',
  'msft.net',
  'microsoft.us',
];

/** Where each tenant gets a name of its own: the label in front is the tenant's. */
const TENANT_NAMESPACES = ['mail.onmicrosoft.com', 'onmicrosoft.com', 'onmicrosoft.us', 'partner.onmschina.cn', 'sharepoint.com'];

/** Hosts of the public resolvers the tool asks by default, and of standards bodies whose URLs appear in bodies. */
const PUBLIC_HOSTS = [
  'cloudflare-dns.com',
  'one.one.one.one',
  'dns.google',
  'dns.quad9.net',
  'w3.org',
  'schemas.xmlsoap.org',
  'github.com',
  // Microsoft's build list, as `catalogue update` fetches it (docs/catalogue.md).
  'raw.githubusercontent.com',
  'localhost',
];

/** Microsoft's first-party principals: Exchange Online, Skype, SharePoint (…-0ff1-ce00-…), the ACS issuer, Graph. */
const MICROSOFT_IDS = /^(?:0000000[0-9a-f]-0000-0ff1-ce00-000000000000|0000000[0-9a-f]-0000-0000-c000-000000000000)$/i;

/** Sign-in path segments that name no tenant. */
const GENERIC_TENANTS = new Set(['common', 'organizations', 'consumers']);

/** Names Exchange, the Hybrid Configuration Wizard or Active Directory give every organization alike. */
const FIXED_NAMES = new Set(
  [
    'Exchange Online',
    'Office 365 Exchange Online',
    'Lync Online',
    'Skype for Business Online',
    'Microsoft Graph',
    'ACS',
    'EvoSts',
    'Default-First-Site-Name',
    'Default Web Site',
    'Exchange Back End',
    // Active Directory and Exchange containers (RDN values of the DNs the collector reads).
    'Configuration',
    'Schema',
    'Services',
    'Microsoft Exchange',
    'Administrative Groups',
    'Exchange Administrative Group (FYDIBOHF23SPDLT)',
    'First Administrative Group',
    'Servers',
    'Databases',
    'Database Availability Groups',
    'Auth Configuration',
    'Auth Servers',
    'Partner Applications',
    'Intra Organization Connectors',
    'Hybrid Configuration',
    'Global Settings',
    'Setting Overrides',
    'Protocols',
    'HTTP',
    'InformationStore',
    'Client Access',
    'Microsoft Exchange System Objects',
    'Microsoft Exchange Security Groups',
    'Monitoring Mailboxes',
    'ms-Exch-Schema-Version-Pt',
    'Users',
    'Computers',
    'Builtin',
    'System',
    'Program Data',
    'Managed Service Accounts',
    'ForeignSecurityPrincipals',
    'Domain Controllers',
    'Sites',
    'Subnets',
    'Inter-Site Transports',
    'Device Registration Configuration',
  ].map((name) => name.toLowerCase()),
);

/** A virtual directory's default name: "owa (Default Web Site)", "PowerShell (Exchange Back End)". */
const DEFAULT_VDIR = /^[\w-]+ \((?:default web site|exchange back end)\)$/i;

/** Organizations of public certificate authorities: an issuer naming one is the CA's name, not the organization's. */
const PUBLIC_CA_ORGANIZATIONS = [
  'digicert',
  "let's encrypt",
  'internet security research group',
  'sectigo',
  'comodo',
  'globalsign',
  'entrust',
  'godaddy',
  'starfield technologies',
  'microsoft corporation',
  'google trust services',
  'amazon',
  'identrust',
  'quovadis',
  'ssl corporation',
  'buypass',
  'actalis',
  'certum',
  'asseco data systems',
  'harica',
  'telia',
  'swisssign',
  'zerossl',
];

function isUnder(host: string, suffix: string): boolean {
  return host === suffix || host.endsWith(`.${suffix}`);
}

/** A host or domain that is Microsoft's or public, never the organization's. */
export function isWellKnownHost(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  if (name.endsWith('.localhost')) return true;
  if (TENANT_NAMESPACES.includes(name)) return true;
  if (TENANT_NAMESPACES.some((namespace) => isUnder(name, namespace))) return false;
  return MICROSOFT_DOMAINS.some((domain) => isUnder(name, domain)) || PUBLIC_HOSTS.some((public_) => isUnder(name, public_));
}

/** Microsoft's own application or principal id, or a sign-in segment that names no tenant. */
export function isWellKnownId(text: string): boolean {
  return MICROSOFT_IDS.test(text.trim()) || GENERIC_TENANTS.has(text.trim().toLowerCase());
}

/** A name every organization has alike (a container, the HCW's applications, a default web site). */
export function isFixedName(text: string): boolean {
  const name = text.trim().toLowerCase();
  return FIXED_NAMES.has(name) || DEFAULT_VDIR.test(name) || isWellKnownId(name);
}

/** The organization (O=) of a public certificate authority. */
export function isPublicCertificateAuthority(organization: string): boolean {
  const name = organization.trim().toLowerCase();
  return PUBLIC_CA_ORGANIZATIONS.some((ca) => name.startsWith(ca));
}
