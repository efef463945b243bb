#!/usr/bin/env node
// Extracts the data of CSS-Exchange's GetExchangeBuildDictionary (Shared/Get-ExchangeBuildVersionInformation.ps1)
// as CSV — version, CU, SU, build — for test/vectors/css-exchange/build-dictionary.csv. Reads the .ps1 named on the
// command line; copies no code, only the dictionary's entries (see test/vectors/README.md).
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
  console.error('usage: extract-css-build-dictionary.mjs Get-ExchangeBuildVersionInformation.ps1 > build-dictionary.csv');
  process.exit(2);
}
const source = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
const start = source.indexOf('function GetExchangeBuildDictionary');
const end = source.indexOf('# Must be outside function', start);
if (start < 0 || end < 0) {
  console.error('extract-css-build-dictionary: GetExchangeBuildDictionary not found');
  process.exit(2);
}
const rows = ['version,cu,su,build'];
let version = null;
let cu = null;
for (const line of source.slice(start, end).split(/\r?\n/)) {
  const versionKey = /^\s*"(Exchange\w+)"\s*= @\{/.exec(line);
  const cuEntry = /^\s*"(\w+)"\s*= \(NewCUAndSUObject "([\d.]+)"/.exec(line);
  const suEntry = /^\s*"(\w+)"\s*= "([\d.]+)"/.exec(line);
  if (versionKey) version = versionKey[1];
  else if (cuEntry) {
    cu = cuEntry[1];
    rows.push(`${version},${cu},,${cuEntry[2]}`);
  } else if (suEntry) rows.push(`${version},${cu},${suEntry[1]},${suEntry[2]}`);
}
process.stdout.write(`${rows.join('\n')}\n`);
