// The stylesheet and the one script of the HTML report, inlined into the page. The page's Content-Security-Policy
// allows exactly these two (by hash) and nothing else: no fetches, no other script, even if data slipped through.
import { createHash } from 'node:crypto';

export const HTML_STYLE = `
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #ffffff; --panel: #f6f8fa;
  --pass: #1a7f37; --fail: #cf222e; --error: #82071e; --accepted: #8250df; --warn: #9a6700; --manual: #0969da; --na: #59636e; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); line-height: 1.45; }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem 1.5rem 3rem; }
h1, h2, h3 { line-height: 1.2; }
h2 { margin-top: 2.25rem; padding-bottom: .3rem; border-bottom: 1px solid var(--line); font-size: 1.35rem; }
h3 { font-size: 1.05rem; margin: 0 0 .4rem; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .85em; }
a { color: var(--manual); }
.verdict { border-radius: 10px; padding: 1.25rem 1.5rem; color: #fff; }
.v-ready { background: var(--pass); }
.v-not-ready { background: var(--fail); }
.v-incomplete { background: var(--warn); }
.verdict .kicker { margin: 0; font-size: .85rem; opacity: .9; text-transform: uppercase; letter-spacing: .04em; }
.verdict h1 { margin: .35rem 0 .5rem; font-size: 2rem; }
.verdict .reason { margin: 0 0 .75rem; font-size: 1.05rem; }
.tally { list-style: none; display: flex; flex-wrap: wrap; gap: .5rem; margin: 0; padding: 0; }
.tally li { background: rgba(255,255,255,.18); border-radius: 999px; padding: .15rem .7rem; font-size: .9rem; }
.filters { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; align-items: center; gap: .4rem; margin: 1rem 0 0; padding: .6rem 0; background: var(--bg); border-bottom: 1px solid var(--line); }
.filters span.label { color: var(--muted); font-size: .9rem; margin-right: .25rem; }
.filters button { font: inherit; font-size: .85rem; border: 1px solid var(--line); background: var(--panel); border-radius: 999px; padding: .2rem .75rem; cursor: pointer; }
.filters button[aria-pressed="true"] { background: var(--fg); color: #fff; border-color: var(--fg); }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; padding: .45rem .6rem; border-bottom: 1px solid var(--line); }
th { background: var(--panel); font-weight: 600; }
.results td:nth-child(2) { width: 34%; }
.results .id { color: var(--muted); font-size: .8rem; margin-top: .15rem; }
.results a { color: inherit; font-weight: 600; text-decoration: none; }
.results a:hover { text-decoration: underline; }
.badge { display: inline-block; min-width: 5.2rem; text-align: center; border-radius: 4px; padding: .05rem .4rem; font-size: .75rem; font-weight: 700; letter-spacing: .03em; color: #fff; background: var(--na); white-space: nowrap; }
.s-pass { background: var(--pass); } .s-fail { background: var(--fail); } .s-error { background: var(--error); }
.s-accepted { background: var(--accepted); } .s-warn { background: var(--warn); } .s-manual { background: var(--manual); }
.s-not-applicable, .s-skipped { background: var(--na); }
.check { border: 1px solid var(--line); border-left: 6px solid var(--na); border-radius: 8px; padding: 1rem 1.25rem; margin: 1rem 0; }
.check.c-pass { border-left-color: var(--pass); } .check.c-fail { border-left-color: var(--fail); } .check.c-error { border-left-color: var(--error); }
.check.c-accepted { border-left-color: var(--accepted); } .check.c-warn { border-left-color: var(--warn); } .check.c-manual { border-left-color: var(--manual); }
.check { scroll-margin-top: 4rem; }
.evidence-label { margin: .75rem 0 0; font-weight: 600; font-size: .9rem; }
.check .req { color: var(--muted); font-size: .88rem; margin: 0 0 .5rem; }
.check .summary { margin: .25rem 0 .75rem; font-weight: 500; }
.findings { list-style: none; margin: .5rem 0; padding: 0; }
.findings > li { padding: .5rem 0; border-top: 1px dashed var(--line); }
.findings .subject { font-weight: 600; }
.fix { margin: .3rem 0 0; }
.fix::before { content: "Fix: "; font-weight: 600; }
pre.evidence { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem; margin: .4rem 0 0; max-height: 16rem; overflow: auto; white-space: pre-wrap; word-break: break-word; }
.remediation, .exception, .reason-box { border-radius: 6px; padding: .6rem .8rem; margin: .75rem 0 0; }
.remediation { background: #ddf4ff; }
.remediation ul { margin: .3rem 0 0; padding-left: 1.25rem; }
.exception { background: #fbefff; border: 1px solid #d8b9ff; }
.exception.e-expired, .exception.e-unmatched { background: #fff8c5; border-color: #d4a72c; }
.reason-box { background: #ffebe9; }
details.passing summary { cursor: pointer; color: var(--muted); font-size: .9rem; }
.notice { border-left: 4px solid var(--manual); padding: .25rem 0 .25rem 1rem; margin: 1rem 0; }
.notice.important { border-left-color: var(--warn); }
dl.provenance { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; font-size: .92rem; }
dl.provenance dt { font-weight: 600; }
dl.provenance dd { margin: 0; word-break: break-word; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .8rem; }
@media print {
  @page { margin: 14mm; }
  html { font-size: 10pt; }
  body { max-width: none; padding: 0; }
  .filters { display: none !important; }
  [data-status][hidden] { display: revert !important; }
  .verdict, .badge, .remediation, .exception, .reason-box { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .check, .findings > li, tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  pre.evidence { max-height: none; overflow: visible; }
  details.passing::details-content { content-visibility: visible; display: block; }
  a[href^="http"]::after { content: " <" attr(href) ">"; font-size: .8em; color: var(--muted); word-break: break-all; }
}
`;

/** Shows the status filters (hidden without script) and hides the checks that do not match the chosen one. */
export const HTML_SCRIPT = `
(function () {
  var bar = document.getElementById('filters');
  if (!bar) return;
  var items = document.querySelectorAll('[data-status]');
  var buttons = bar.querySelectorAll('button[data-filter]');
  function matches(item, filter) {
    if (filter === 'all') return true;
    if (filter === 'attention') return item.getAttribute('data-attention') === 'true';
    return item.getAttribute('data-status') === filter;
  }
  function show(filter) {
    for (var i = 0; i < items.length; i++) items[i].hidden = !matches(items[i], filter);
    for (var j = 0; j < buttons.length; j++) buttons[j].setAttribute('aria-pressed', String(buttons[j].getAttribute('data-filter') === filter));
  }
  for (var k = 0; k < buttons.length; k++) {
    buttons[k].addEventListener('click', function (event) { show(event.currentTarget.getAttribute('data-filter')); });
  }
  bar.hidden = false;
})();
`;

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** Nothing may load or run but the inline style and script above; links stay clickable (navigation is not a fetch). */
export const HTML_CSP = `default-src 'none'; style-src ${sha256(HTML_STYLE)}; script-src ${sha256(HTML_SCRIPT)}; img-src 'none'; base-uri 'none'; form-action 'none'`;
