// Notices every report carries, whatever the checks found.
import type { Inventory } from '../inventory/inventory.js';
import { type BuildListProvenance, staleBuildListNotice } from './build-list.js';
import { REDACTED_NOTICE } from './redact.js';
import type { Notice } from './report.js';

export const PREVIEW_RETIRED_NOTICE: Notice = {
  id: 'graph-rest-preview-retired',
  level: 'important',
  title: 'Microsoft retired Graph REST access to on-premises mailboxes',
  text:
    'Microsoft deprecated the preview that let Microsoft Graph reach mailboxes in Exchange on-premises through hybrid: ' +
    '"Effective March 2023, the ability to use these REST APIs in hybrid deployments will no longer be available" and ' +
    'Microsoft blocks these requests from March 2023. A deployment that meets every requirement below will still not get ' +
    'Graph REST calls proxied to on-premises today. The same prerequisites (CU level, OAuth, Autodiscover v2, a reachable ' +
    '/api and EWS) still matter for the hybrid features that remain.',
  sources: [
    {
      title: 'Use REST APIs to access mailboxes in Exchange hybrid deployments (deprecated)',
      url: 'https://learn.microsoft.com/en-us/graph/hybrid-rest-support',
    },
    {
      title: 'The End of REST API Integration for Exchange on-premises - Preview',
      url: 'https://techcommunity.microsoft.com/t5/exchange-team-blog/the-end-of-the-rest-api-for-on-premises-mailboxes-preview/ba-p/3221219',
    },
  ],
};

export function noticesFor(inventory: Inventory, buildList: BuildListProvenance): Notice[] {
  const notices: Notice[] = [PREVIEW_RETIRED_NOTICE];
  const treatAsPublic = inventory.settings.treatAsPublic;
  if (treatAsPublic.length > 0) {
    notices.push({
      id: 'treat-as-public',
      level: 'info',
      title: 'Some address ranges were counted as public',
      text: `--treat-as-public was set (${treatAsPublic.join(', ')}): addresses in these ranges were judged as public Internet addresses. Results about public DNS and reachability hold only for this lab-like setting.`,
      sources: [],
    });
  }
  if (inventory.settings.mode === 'fixture') {
    notices.push({
      id: 'fixture-inventory',
      level: 'info',
      title: 'Assessed from a bundled example inventory',
      text: 'This inventory is a bundled example scenario, not facts collected from a real organization.',
      sources: [],
    });
  }
  const staleBuildList = staleBuildListNotice(buildList, inventory.collectedAt);
  if (staleBuildList) notices.push(staleBuildList);
  // An inventory written with --redact: the report of it speaks of pseudonyms too.
  if (inventory.settings['redacted'] === true) notices.push(REDACTED_NOTICE);
  return notices;
}
