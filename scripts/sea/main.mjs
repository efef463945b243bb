// The single executable's entry point: the same main() as bin/hybrid-readiness.js, bundled with everything it
// imports into one CommonJS file by scripts/sea/build.mjs (a Node 20 single executable runs one CJS script).
import { main } from '../../src/cli.js';

main(process.argv);
