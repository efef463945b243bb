// Notices every report carries, whatever the checks found: those of the requirement sets it judges
// (checks/requirement-sets.ts), then what the inventory says about how its facts were collected.
import { type RequirementSelection, setsOf } from '../../checks/requirement-sets.js';
import type { Inventory } from '../inventory/inventory.js';
import { type BuildListProvenance, staleBuildListNotice } from './build-list.js';
import { REDACTED_NOTICE } from './redact.js';
import type { Notice } from './report.js';

export function noticesFor(inventory: Inventory, requirements: RequirementSelection, buildList: BuildListProvenance): Notice[] {
  const notices: Notice[] = setsOf(requirements).flatMap((set) =>
    set.notices.map((notice) => ({ ...notice, sources: notice.sources.map((source) => ({ ...source })) })),
  );
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
  if (inventory.settings.mode === 'ems') notices.push(emsNotice(inventory));
  const staleBuildList = staleBuildListNotice(buildList, inventory.collectedAt);
  if (staleBuildList) notices.push(staleBuildList);
  // An inventory written with --redact: the report of it speaks of pseudonyms too.
  if (inventory.settings['redacted'] === true) notices.push(REDACTED_NOTICE);
  return notices;
}

/** An inventory from `import-ems`: where its facts and its date come from, and what such a folder cannot hold. */
function emsNotice(inventory: Inventory): Notice {
  const fromManifest = inventory.settings.ems?.collectedAtSource === 'manifest';
  return {
    id: 'ems-import',
    level: 'info',
    title: 'Assessed from Exchange Management Shell exports',
    text:
      'The Exchange facts were read from Export-Clixml files (hybrid-readiness import-ems), not collected live. ' +
      (fromManifest
        ? `They were exported at ${inventory.collectedAt}, when collect-ems.ps1 ran; `
        : `The folder had no collect-ems.ps1 manifest, so the assessment date ${inventory.collectedAt} is when it was imported, not when the facts were exported; `) +
      'public DNS, the HTTPS endpoints and Microsoft Graph are not in such exports, and the checks that need them say so.',
    sources: [],
  };
}
