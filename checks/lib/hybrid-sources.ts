// The Microsoft documents behind the hybrid requirement set, cited by its checks (facts: docs/facts/hybrid.md).
import type { Source } from '../api.js';

export const securityChangesBlog: Source = {
  title: 'Exchange Server Security Changes for Hybrid Deployments (Exchange team blog, 2025-04-18)',
  url: 'https://techcommunity.microsoft.com/blog/exchange/exchange-server-security-changes-for-hybrid-deployments/4396833',
};

export const deployDedicatedAppDoc: Source = {
  title: 'Deploy dedicated Exchange hybrid app (Microsoft Learn)',
  url: 'https://learn.microsoft.com/en-us/exchange/hybrid-deployment/deploy-dedicated-hybrid-app',
};

export const enforcementBlog: Source = {
  title: 'Dedicated Hybrid App: temporary enforcements, new HCW and possible hybrid functionality disruptions (Exchange team blog)',
  url: 'https://techcommunity.microsoft.com/blog/exchange/dedicated-hybrid-app-temporary-enforcements-new-hcw-and-possible-hybrid-function/4440682',
};

export const configureScriptDoc: Source = {
  title: 'ConfigureExchangeHybridApplication.ps1 (microsoft/CSS-Exchange)',
  url: 'https://aka.ms/ConfigureExchangeHybridApplication',
};

export const configureOAuthDoc: Source = {
  title: 'Configure OAuth authentication between Exchange and Exchange Online organizations (Microsoft Learn)',
  url: 'https://learn.microsoft.com/en-us/exchange/configure-oauth-authentication-between-exchange-and-exchange-online-organizations-exchange-2013-help',
};

export const hybridPrerequisitesDoc: Source = {
  title: 'Hybrid deployment prerequisites (Microsoft Learn)',
  url: 'https://learn.microsoft.com/en-us/exchange/hybrid-deployment-prerequisites',
};

export const cveDoc: Source = {
  title: 'CVE-2025-53786: Microsoft Exchange Server Hybrid Deployment Elevation of Privilege Vulnerability (MSRC)',
  url: 'https://msrc.microsoft.com/update-guide/vulnerability/CVE-2025-53786',
};
