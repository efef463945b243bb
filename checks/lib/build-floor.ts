// Does a server's build reach a floor (hybrid-build-floors.ts)? Floors are per CU line: a build on a listed line is
// compared by revision; a later CU of the same product than every listed line includes the fix; any other CU line
// (older, or an unlisted one between) does not. A build without revision on a listed line cannot be judged.

import {
  compareBuilds,
  type ExchangeBuild,
  formatShort,
  parseDottedBuild,
  productOf,
  sameCumulativeUpdate,
} from '../../src/exchange/version.js';
import type { BuildFloor, CuFloor } from '../data/hybrid-build-floors.js';

export type FloorJudgement =
  /** On a listed line at or above its floor build, or on a later CU of the product. */
  | { kind: 'meets'; floor: CuFloor | null }
  /** On a listed line below its floor build. */
  | { kind: 'below-on-line'; floor: CuFloor }
  /** On a CU line with no build meeting the floor: an older CU, or a product without any (2013 and older). */
  | { kind: 'below-line'; lowest: CuFloor | null }
  /** On a listed line, but the revision is unknown (versionNumber carries none). */
  | { kind: 'revision-unknown'; floor: CuFloor };

function floorBuild(floor: CuFloor): ExchangeBuild {
  const build = parseDottedBuild(floor.build);
  if (!build) throw new Error(`hybrid-build-floors: unparseable build ${floor.build}`);
  return build;
}

export function judgeFloor(build: ExchangeBuild, data: BuildFloor): FloorJudgement {
  const product = productOf(build);
  const lines = data.floors.filter((floor) => floor.product === product).map((floor) => ({ floor, build: floorBuild(floor) }));
  const line = lines.find((entry) => sameCumulativeUpdate(entry.build, build));
  if (line) {
    if (build.revision === null) return { kind: 'revision-unknown', floor: line.floor };
    return compareBuilds(build, line.build) >= 0 ? { kind: 'meets', floor: line.floor } : { kind: 'below-on-line', floor: line.floor };
  }
  const newest = lines.reduce<(typeof lines)[number] | null>(
    (best, entry) => (best === null || compareBuilds(entry.build, best.build) > 0 ? entry : best),
    null,
  );
  if (newest && compareBuilds(build, newest.build) > 0) return { kind: 'meets', floor: null };
  const lowest = data.floors.find((floor) => floor.product === product) ?? data.floors[0] ?? null;
  return { kind: 'below-line', lowest };
}

/** "15.1.2507.55 (CU23 Apr25HU)" for messages, or every floor when the line has none. */
export function floorText(judgement: FloorJudgement, data: BuildFloor, build: ExchangeBuild): string {
  switch (judgement.kind) {
    case 'meets':
      return judgement.floor ? `${judgement.floor.build} (${judgement.floor.name})` : `a CU later than every listed line`;
    case 'below-on-line':
    case 'revision-unknown':
      return `${judgement.floor.build} (${judgement.floor.name})`;
    case 'below-line': {
      const product = productOf(build);
      const same = data.floors.filter((floor) => floor.product === product);
      const list = (same.length > 0 ? same : data.floors).map((floor) => `${floor.product} ${floor.name} ${floor.build}`);
      return `${formatShort(build)} is on no line that has one; the floors are ${list.join(', ')}`;
    }
  }
}
