// Which host names belong to Exchange Online rather than to the customer's on-premises Exchange.
// The suffixes are Microsoft-owned zones that Exchange Online answers under, in every cloud:
// https://learn.microsoft.com/en-us/microsoft-365/enterprise/urls-and-ip-address-ranges
// and the national-cloud equivalents (office365.us, apps.mil, partner.outlook.cn).

const exchangeOnlineSuffixes = [
  'outlook.com', // autodiscover.outlook.com, autodiscover-s.outlook.com, *.protection.outlook.com
  'office365.com', // outlook.office365.com
  'office.com', // outlook.office.com, outlook.ms-acdc.office.com
  'office365.us', // GCC High / DoD
  'apps.mil', // DoD (webmail.apps.mil)
  'outlook.cn', // 21Vianet (partner.outlook.cn)
  'onmicrosoft.com', // autodiscover.<tenant>.onmicrosoft.com and <tenant>.mail.onmicrosoft.com
];

function normalise(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '');
}

/** The Microsoft-owned zone `host` belongs to, or null when it is not an Exchange Online host. */
export function exchangeOnlineZoneOf(host: string): string | null {
  const name = normalise(host);
  return exchangeOnlineSuffixes.find((suffix) => name === suffix || name.endsWith(`.${suffix}`)) ?? null;
}

export function isExchangeOnlineHost(host: string): boolean {
  return exchangeOnlineZoneOf(host) !== null;
}

/** The host of an absolute http(s) URL, lower-cased; null for relative or unparsable URLs. */
export function hostOfUrl(url: string): string | null {
  if (!/^https?:\/\//i.test(url)) return null;
  try {
    return normalise(new URL(url).hostname);
  } catch {
    return null;
  }
}
