// The stylesheet and the one script of the HTML report, inlined into the page. The page's Content-Security-Policy
// allows exactly these two (by hash) and nothing else: no fetches, no other script, even if data slipped through.
import { createHash } from 'node:crypto';

export const HTML_STYLE = `
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #ffffff; --panel: #f6f8fa;
  --pass: #1a7f37; --fail: #cf222e; --error: #82071e; --accepted: #8250df; --warn: #9a6700; --manual: #0969da; --na: #59636e; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); line-height: 1.45; }
body { margin: 0 auto; max-width: 64rem; padding: 1.5rem 1.5rem 3rem; overflow-wrap: break-word; }
.long, pre, code { overflow-wrap: anywhere; }
h1, h2, h3 { line-height: 1.2; }
h2 { margin: 2rem 0 .75rem; padding-bottom: .3rem; border-bottom: 1px solid var(--line); font-size: 1.3rem; }
h2 .count { color: var(--muted); font-weight: 400; }
h3 { font-size: 1.02rem; margin: 0 0 .4rem; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .85em; }
a { color: var(--manual); }
.masthead { border-bottom: 3px solid var(--fg); padding-bottom: .75rem; }
.masthead .kicker { margin: 0; font-size: .8rem; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; }
.masthead h1 { margin: .2rem 0 .6rem; font-size: 1.9rem; }
.masthead .unknown { color: var(--muted); font-weight: 400; }
dl.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .15rem 1rem; margin: 0; font-size: .92rem; }
dl.facts > div { display: contents; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.verdict { border-radius: 8px; padding: .9rem 1.25rem; margin-top: 1rem; color: #fff; }
.v-ready { background: var(--pass); } .v-not-ready { background: var(--fail); } .v-incomplete { background: var(--warn); }
.verdict h2 { margin: 0 0 .35rem; padding: 0; border: 0; font-size: 1.6rem; }
.verdict .reason { margin: 0 0 .6rem; }
.tally { list-style: none; display: flex; flex-wrap: wrap; gap: .4rem; margin: 0; padding: 0; }
.tally li { background: rgba(255,255,255,.18); border-radius: 999px; padding: .1rem .65rem; font-size: .88rem; }
.notices h2 { margin-top: 1.25rem; }
.notice { border-left: 4px solid var(--manual); padding: .2rem 0 .2rem .9rem; margin: .6rem 0; }
.notice.important { border-left-color: var(--warn); background: #fff8c5; padding: .5rem .9rem; }
.notice.l-fail, .notice.l-error { border-left-color: var(--fail); } .notice.l-warn, .notice.l-manual { border-left-color: var(--warn); }
.notice.l-pass { border-left-color: var(--pass); }
.notice h3 { margin: 0 0 .2rem; }
.notice p { margin: .2rem 0; }
.notice .sources { font-size: .88rem; }
.filters { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; align-items: center; gap: .4rem; margin: 1rem 0 0; padding: .6rem 0; background: var(--bg); border-bottom: 1px solid var(--line); }
.filters span.label { color: var(--muted); font-size: .9rem; margin-right: .25rem; }
.filters button { font: inherit; font-size: .85rem; border: 1px solid var(--line); background: var(--panel); border-radius: 999px; padding: .2rem .75rem; cursor: pointer; }
.filters button[aria-pressed="true"] { background: var(--fg); color: #fff; border-color: var(--fg); }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .4rem .55rem; border-bottom: 1px solid var(--line); }
th { background: var(--panel); font-weight: 600; }
.results td:nth-child(2) { width: 34%; }
.results td.sev { white-space: nowrap; }
.results .id { color: var(--muted); font-size: .8rem; margin-top: .1rem; }
.results a { color: inherit; font-weight: 600; text-decoration: none; }
.results a:hover { text-decoration: underline; }
.badge { display: inline-block; min-width: 4.6rem; text-align: center; border-radius: 4px; padding: .05rem .4rem; font-size: .72rem; font-weight: 700; letter-spacing: .03em; color: #fff; background: var(--na); white-space: nowrap; vertical-align: .1em; }
.s-pass { background: var(--pass); } .s-fail { background: var(--fail); } .s-error { background: var(--error); }
.s-accepted { background: var(--accepted); } .s-warn { background: var(--warn); } .s-manual { background: var(--manual); }
.s-not-applicable, .s-skipped { background: var(--na); }
.check { border: 1px solid var(--line); border-left: 6px solid var(--na); border-radius: 8px; padding: .9rem 1.1rem; margin: .9rem 0; scroll-margin-top: 4rem; }
.check.c-pass { border-left-color: var(--pass); } .check.c-fail { border-left-color: var(--fail); } .check.c-error { border-left-color: var(--error); }
.check.c-accepted { border-left-color: var(--accepted); } .check.c-warn { border-left-color: var(--warn); } .check.c-manual { border-left-color: var(--manual); }
.check code.id { color: var(--muted); font-weight: 400; font-size: .78rem; }
.check .req { color: var(--muted); font-size: .82rem; margin: .6rem 0 0; }
.check .summary { margin: .2rem 0 .5rem; font-weight: 500; }
details.check.line { padding: .35rem .8rem; margin: .35rem 0; border-left-width: 4px; }
details.check.line > summary { cursor: pointer; }
details.check.line > summary .title { font-weight: 600; }
details.check.line > summary .summary { color: var(--muted); font-weight: 400; }
details.check.line[open] > summary { margin-bottom: .5rem; }
.findings { list-style: none; margin: .4rem 0; padding: 0; }
.findings > li { padding: .45rem 0; border-top: 1px dashed var(--line); }
.findings p { margin: 0; }
.findings .subject { font-weight: 600; }
.fix { margin: .3rem 0 0 !important; }
.fix::before { content: "Fix: "; font-weight: 600; }
.evidence { margin: .35rem 0 0; font-size: .84rem; }
.check-evidence .label { margin: .6rem 0 0; font-weight: 600; font-size: .88rem; }
dl.kv { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 22rem), 1fr)); gap: .1rem 1.25rem; margin: 0; padding: .35rem .6rem; background: var(--panel); border-radius: 6px; }
dl.kv > div { display: grid; grid-template-columns: 9rem minmax(0, 1fr); gap: .6rem; min-width: 0; }
dl.kv > div.wide { grid-column: 1 / -1; }
dl.kv > div:has(> dd > dl, > dd > table) { grid-template-columns: minmax(0, 1fr); gap: .1rem; }
dl.kv dt { color: var(--muted); }
dl.kv dd { margin: 0; min-width: 0; }
dl.kv dl.kv { padding: 0 0 0 .6rem; border-left: 2px solid var(--line); }
ul.items { display: inline; margin: 0; padding: 0; list-style: none; }
ul.items li { display: inline; }
ul.items li + li::before { content: ", "; }
table.ev { font-size: .95em; background: var(--bg); }
table.ev th, table.ev td { padding: .15rem .4rem; }
table.ev th { font-weight: 600; }
details.raw { margin: .2rem 0 0; }
details.raw > summary, details.passing > summary { cursor: pointer; color: var(--muted); font-size: .82rem; }
details.raw pre { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem; margin: .3rem 0 0; max-height: 16rem; overflow: auto; white-space: pre-wrap; }
.remediation, .exception, .reason-box { border-radius: 6px; padding: .55rem .8rem; margin: .6rem 0 0; }
.remediation { background: #ddf4ff; }
.remediation ul { margin: .3rem 0 0; padding-left: 1.25rem; }
.exception { background: #fbefff; border: 1px solid #d8b9ff; }
.exception.e-expired, .exception.e-unmatched { background: #fff8c5; border-color: #d4a72c; }
.reason-box { background: #ffebe9; }
dl.provenance { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .3rem 1rem; font-size: .9rem; }
dl.provenance dt { font-weight: 600; }
dl.provenance dd { margin: 0; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .8rem; }
@media (max-width: 40rem) {
  body { padding: .75rem .75rem 2rem; }
  .filters { position: static; }
  dl.facts, dl.provenance { grid-template-columns: 1fr; gap: 0; }
  dl.facts dd, dl.provenance dd { margin-bottom: .3rem; }
  dl.kv { grid-template-columns: 1fr; }
  dl.kv > div { grid-template-columns: 1fr; gap: 0; margin-bottom: .2rem; }
  table.results thead, table.ev thead, table.exceptions thead { display: none; }
  table.results tr, table.results td, table.ev tr, table.ev td, table.exceptions tr, table.exceptions td { display: block; width: auto !important; }
  table.results tr, table.ev tr, table.exceptions tr { border-bottom: 1px solid var(--line); padding: .3rem 0; }
  table.results td, table.ev td, table.exceptions td { border: 0; padding: .1rem .3rem; }
  table.ev td::before { content: attr(data-label) ": "; color: var(--muted); }
  .check { padding: .7rem .8rem; }
}
@media print {
  @page { margin: 15mm 12mm 13mm;
    @top-left { font: 8pt system-ui, sans-serif; color: #59636e; }
    @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt system-ui, sans-serif; color: #59636e; } }
  html { font-size: 9pt; line-height: 1.35; }
  body { max-width: none; padding: 0; }
  h2 { margin: 1.1rem 0 .5rem; font-size: 1.2rem; }
  .filters, details.raw { display: none !important; }
  [data-status][hidden] { display: revert !important; }
  .verdict, .badge, .remediation, .exception, .reason-box, .notice.important, dl.kv { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .verdict { padding: .6rem 1rem; }
  .check { padding: .6rem .8rem; margin: .6rem 0; }
  details.check.line { padding: .15rem .6rem; margin: .2rem 0; }
  .findings > li > p, tr, dl.kv > div:not(:has(table, dl)), .notice, .remediation { break-inside: avoid; }
  .findings > li > p { break-after: avoid; }
  h2, h3 { break-after: avoid; }
  .remediation a[href^="http"]::after, .notice a[href^="http"]::after { content: " <" attr(href) ">"; font-size: .85em; color: var(--muted); }
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

/**
 * Nothing may load or run but the page's inline styles (the stylesheet above and the page's running head) and the
 * script above; links stay clickable (navigation is not a fetch).
 */
export function htmlCsp(styles: readonly string[]): string {
  return `default-src 'none'; style-src ${styles.map(sha256).join(' ')}; script-src ${sha256(HTML_SCRIPT)}; img-src 'none'; base-uri 'none'; form-action 'none'`;
}
