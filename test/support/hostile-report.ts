// A report whose every free-text string carries markup, script and quote characters, and whose source links
// include a javascript: URL: what a crafted inventory or saved report could bring. Enum fields stay valid.
import { Report } from '../../src/report/report.js';

export const PAYLOAD = `<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">"' & | *_[x](javascript:alert(1)) \`\`\` ]]> --> \u0001`;

/** Keys whose values are enums or structure; everything else that is a string gets the payload. */
const STRUCTURAL = new Set(['verdict', 'status', 'severity', 'level', 'state', 'source', 'failOn', 'mode', 'origin', 'requirementSet']);

export function hostileReport(base: Report): Report {
  const hostile = walk(base, '') as Report;
  hostile.tool.name = 'hybrid-readiness';
  const first = hostile.results[0];
  if (first) first.requirement.sources.push({ title: 'a link that must not become one', url: 'javascript:window.__pwned=3' });
  return Report.parse(hostile);
}

function walk(value: unknown, key: string): unknown {
  if (typeof value === 'string') return STRUCTURAL.has(key) || key === 'url' || key === 'collectedAt' ? value : `${value} ${PAYLOAD}`;
  if (Array.isArray(value)) return value.map((item) => walk(item, key));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([childKey, child]) => [childKey, walk(child, childKey)]));
  }
  return value;
}
