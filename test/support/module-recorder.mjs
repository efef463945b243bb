// Preloaded with `node --import` by test/e2e/loaded-modules.test.ts: records every module the process actually
// loads, one URL or path per line, in the file named by HR_MODULE_LOG. ES modules (every chunk of the bundled CLI
// and every builtin) are seen by a loader hook; CommonJS files loaded by require() are read from the require
// cache when the process exits. Nothing is changed: each hook only passes the module on.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const log = process.env.HR_MODULE_LOG;
if (log) {
  const hooks = `
    import { appendFileSync } from 'node:fs';
    export async function load(url, context, next) {
      appendFileSync(${JSON.stringify(log)}, url + '\\n');
      return next(url, context);
    }`;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`);
  const cache = createRequire(import.meta.url).cache;
  process.on('exit', () => {
    const files = Object.keys(cache);
    if (files.length > 0) appendFileSync(log, `${files.join('\n')}\n`);
  });
}
