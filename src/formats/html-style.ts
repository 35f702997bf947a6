/**
 * The report's style sheet: inline, system fonts only (nothing fetched), readable on a
 * screen and on paper. Route colours come from route-marks.ts, never from data.
 */
import { readableOn } from './html-colour.js';
import { trusted, type Markup } from './html-markup.js';
import type { RouteMark } from './route-marks.js';

/** The class that colours an element as the n-th route (route ids may be any text). */
export const routeClass = (index: number): string => `route-${index}`;

/** The lightest tinted background route-coloured text sits on (an open explanation's summary). */
const SOFT = '#f4f6f9';

/**
 * The `<style>` element, with one colour rule per route, and the density chart's when it has
 * one. Each route has its mark colour (`--c`) and a text colour (`--t`): the same, or darkened
 * just enough to read as text.
 */
export function styleSheet(marks: readonly RouteMark[], options: { density?: boolean } = {}): Markup {
  const routes = marks.map((m, i) => `.${routeClass(i)}{--c:${m.colour};--t:${readableOn(m.colour, SOFT)}}`).join('\n');
  return trusted(`<style>\n${BASE}${options.density ? `\n${DENSITY}` : ''}\n${routes}\n</style>`);
}

const DENSITY = `.chart .cell>rect{stroke:#fff;stroke-width:.8}
.chart .cell:hover>rect{stroke:#000;stroke-width:1.5}`;

const BASE = `
:root{--ink:#1d2330;--muted:#5b6475;--line:#d9dde5;--paper:#fff;--soft:${SOFT};--amber:#9a5300;--focus:#1d2330;--c:#444;--t:#444;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--paper);line-height:1.45}
body{margin:0}
.page{max-width:1040px;margin:0 auto;padding:32px 28px 48px}
/* Keyboard focus always shows, in a colour that stands out from everything on the page. */
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
summary:focus-visible{outline-offset:-3px}
main:focus{outline:none}
.skip-link{position:absolute;left:12px;top:-80px;z-index:1;background:var(--paper);color:var(--ink);padding:8px 14px;border:2px solid var(--ink);font-weight:600}
.skip-link:focus{top:12px}
.visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.contents{list-style:none;display:flex;flex-wrap:wrap;gap:4px 16px;padding:0;margin:.5rem 0 1rem;font-size:.9rem}
h1{font-size:1.9rem;margin:.2rem 0 .4rem;line-height:1.2}
h2{font-size:1.3rem;margin:2.2rem 0 .6rem;padding-bottom:.3rem;border-bottom:2px solid var(--line)}
h3{margin:1.1rem 0 .4rem;font-size:1rem}
.kicker{text-transform:uppercase;letter-spacing:.08em;font-size:.8rem;color:var(--muted);margin:0}
.meta,.muted{color:var(--muted)}
.meta{font-size:.85rem;margin:.2rem 0 0}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:12px;margin:1.4rem 0 .8rem}
.card{border:1px solid var(--line);border-top:6px solid var(--c);border-radius:6px;padding:12px 14px;background:var(--paper)}
.card .count{font-size:2.2rem;font-weight:700;line-height:1;color:var(--t)}
.card .label{font-weight:600;margin:.3rem 0 .35rem}
.card .money{font-size:.85rem;color:var(--muted)}
.card.empty{border-style:dashed;border-top-style:solid}
.card.empty .count{color:var(--muted)}
.classes{display:flex;flex-wrap:wrap;gap:8px 20px;margin:.4rem 0;font-size:.95rem}
.classes b{font-size:1.1rem}
.notice{background:#fff7e6;border-left:4px solid #c26a00;padding:8px 12px;margin:.8rem 0}
figure{margin:0}
.chart{width:100%;height:auto;max-width:820px;display:block}
.chart .band-transformational{fill:#f3ecf6}
.chart .band-borderline{fill:#fbf6ea}
.chart .band-label{font-size:12px;fill:var(--muted);font-style:italic}
.chart .grid line{stroke:#e6e9ef;stroke-width:1}
.chart .axes line{stroke:#8a90a0;stroke-width:1.2}
.chart .axes text{font-size:12px;fill:var(--muted)}
.chart .axes .axis-title{font-size:13px;fill:var(--ink);font-weight:600}
.chart .threshold line{stroke:#3b4252;stroke-width:1.4;stroke-dasharray:6 4}
.chart .threshold text{font-size:11.5px;fill:#3b4252}
.chart .dot>*{stroke:#fff;stroke-width:1.2;fill-opacity:.9}
.chart .dot:hover>*{stroke:#000;stroke-width:2}
.chart .labels text{font-size:10.5px;fill:#2c3340}
.legend{list-style:none;display:flex;flex-wrap:wrap;gap:6px 18px;padding:0;margin:.4rem 0 0}
.legend svg{vertical-align:-2px;margin-right:4px}
/* On a phone a wide table scrolls on its own rather than widening the page. */
.table-wrap{overflow-x:auto}
table.items{border-collapse:collapse;width:100%;font-size:.9rem}
table.items th,table.items td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid var(--line)}
table.items thead th{border-bottom:2px solid var(--ink);font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.num{text-align:right!important;font-variant-numeric:tabular-nums;white-space:nowrap}
.id{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em;white-space:nowrap}
a{color:inherit}
.tag{display:inline-block;border:1px solid var(--t);color:var(--t);border-radius:10px;padding:0 8px;font-size:.78rem;font-weight:600;white-space:nowrap}
.badge{display:inline-block;background:var(--amber);color:#fff;border-radius:3px;padding:0 5px;font-size:.72rem;font-weight:700;text-transform:uppercase;letter-spacing:.03em}
.badge.stale{background:#a3241f}
.decision{background:#fff7e6;border-left:3px solid #c26a00;padding:4px 8px;margin:.3rem 0 0}
.section-head{border-left:6px solid var(--c);padding-left:10px}
.route-desc{margin:-.2rem 0 .6rem;color:var(--muted)}
.route-why{margin:0 0 .6rem}
details.explain{border:1px solid var(--line);border-radius:6px;margin:6px 0;background:var(--paper)}
details.explain>summary,details.chart-data>summary{cursor:pointer;padding:8px 12px;font-weight:600}
details.chart-data{margin:.8rem 0}
table.items caption{text-align:left;color:var(--muted);font-size:.85rem;padding:4px 0}
details.explain[open]>summary{border-bottom:1px solid var(--line);background:var(--soft)}
.explain-body{padding:4px 16px 12px}
.explain-body ul{margin:.2rem 0;padding-left:1.2rem}
.explain-body ul.criteria,.explain-body ul.signals{list-style:none;padding-left:.4rem}
.explain-body ul.test{list-style:none;padding-left:1.1rem;font-size:.85rem}
.description{white-space:pre-line}
.facts{columns:2;font-size:.85rem;color:var(--muted)}
table.principles{border-collapse:collapse;width:100%;font-size:.9rem}
table.principles th,table.principles td{padding:4px 6px;text-align:left;border-bottom:1px solid var(--line)}
table.principles .criteria-row td{border-bottom:1px solid var(--line);padding-left:18px}
.yes{color:#1b7f3b;font-weight:700}.no{color:#a3241f;font-weight:700}.unknown{color:var(--amber);font-weight:700}
.seen{color:var(--muted)}
.rule-not-reached{color:var(--muted)}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.88em;background:var(--soft);padding:0 3px;border-radius:3px}
footer{margin-top:2.5rem;font-size:.8rem;color:var(--muted);border-top:1px solid var(--line);padding-top:.8rem}
/* Hashes, paths and long words in item text break rather than widen the page. */
header,footer,.explain,.decision,.route-why,table.items td.text{overflow-wrap:anywhere}
.print-only{display:none}
@media print{
 @page{size:A4;margin:14mm}
 :root{font-size:10pt}
 .page{max-width:none;padding:0}
 nav,.skip-link,details.chart-data:not([open]){display:none}
 /* On paper nothing scrolls: every column fits the page's width, long text wraps. */
 .table-wrap{overflow:visible}
 table.items th,table.items td{padding:4px 5px}
 table.items thead th{letter-spacing:0}
 .id{white-space:normal;overflow-wrap:anywhere}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 h2{break-after:avoid}
 .cards{grid-template-columns:repeat(auto-fit,minmax(110px,1fr))}
 .card,tr,figure{break-inside:avoid}
 thead{display:table-header-group}
 .explanations details:not([open]){display:none}
 .explanations:not(:has(details[open])){display:none}
 .print-only{display:block}
 a{text-decoration:none}
}
`.trim();
