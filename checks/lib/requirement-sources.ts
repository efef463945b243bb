// The Microsoft documents behind the requirements and remediations of the Exchange server checks.
import type { Source } from '../api.js';

export const graphHybridRestDoc: Source = {
  title: 'Use REST APIs to access mailboxes in Exchange hybrid deployments (Microsoft Graph)',
  url: 'https://learn.microsoft.com/en-us/graph/hybrid-rest-support',
};

export const restArchitectureBlog: Source = {
  title: 'On-Premises Architectural Requirements for the REST API (Exchange team blog)',
  url: 'https://techcommunity.microsoft.com/t5/exchange-team-blog/on-premises-architectural-requirements-for-the-rest-api/ba-p/605609',
};

export const buildNumbersDoc: Source = {
  title: 'Exchange Server build numbers and release dates',
  url: 'https://learn.microsoft.com/en-us/exchange/new-features/build-numbers-and-release-dates',
};

export const prepareAdDoc: Source = {
  title: 'Prepare Active Directory and domains for Exchange Server',
  url: 'https://learn.microsoft.com/en-us/exchange/plan-and-deploy/prepare-ad-and-domains',
};

export const getExchangeServerDoc: Source = {
  title: 'Get-ExchangeServer',
  url: 'https://learn.microsoft.com/en-us/powershell/module/exchange/get-exchangeserver',
};

export function cmdletDoc(cmdlet: string): Source {
  return { title: cmdlet, url: `https://learn.microsoft.com/en-us/powershell/module/exchange/${cmdlet.toLowerCase()}` };
}
