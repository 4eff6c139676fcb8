/// `assets/style.css`: a quiet academic page — a readable measure, numbered sections,
/// captions set smaller, light and dark schemes, a print sheet, and a phone layout.
let stylesheet = #"""
:root {
  --text: #1d1f21; --muted: #5f6368; --faint: #e4e6e8; --bg: #fdfdfc; --panel: #f4f5f6;
  --accent: #2757a6; --ok: #1e7b34; --fail: #a8321e;
  --serif: "Charter", "Bitstream Charter", "Source Serif Pro", Georgia, "DejaVu Serif", serif;
  --sans: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif;
  --mono: ui-monospace, "DejaVu Sans Mono", monospace;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root { --text: #e6e6e3; --muted: #a3a7ab; --faint: #33373b; --bg: #17191b; --panel: #202326;
          --accent: #8fb3ff; --ok: #6cc47f; --fail: #ff8a70; }
  /* Figures have dark drawings of their own; a swatch as dark as the page gets a rim. */
  .swatch { box-shadow: 0 0 0 1px #8a8f94; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--text); font: 18px/1.6 var(--serif); }
a { color: var(--accent); text-underline-offset: 2px; }
code, pre { font-family: var(--mono); font-size: 0.85em; }
pre { background: var(--panel); padding: 0.8em 1em; overflow-x: auto; border-radius: 4px; }
header.site { font-family: var(--sans); font-size: 0.85rem; border-bottom: 1px solid var(--faint);
  padding: 0.6rem 1.25rem; display: flex; flex-wrap: wrap; gap: 0.4rem 1.5rem; align-items: baseline; }
.site-title { font-weight: 600; color: var(--text); text-decoration: none; }
nav.pages ol { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.2rem 1rem; }
nav.pages a { color: var(--muted); text-decoration: none; }
nav.pages a[aria-current="page"] { color: var(--text); font-weight: 600; }
main { padding: 0 1.25rem; }
article { max-width: 44rem; margin: 2rem auto 3rem; }
/* Side notes float beside the text: the page's end holds them, so the last ones never reach into the footer. */
article::after { content: ""; display: block; clear: both; }
.title-block h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 0.3rem; }
.subtitle { font-size: 1.2rem; color: var(--muted); margin: 0 0 1rem; }
.authors { margin: 0.6rem 0 0; font-family: var(--sans); font-size: 0.95rem; }
.affiliations, .date { margin: 0.1rem 0; font-family: var(--sans); font-size: 0.85rem; color: var(--muted); }
.abstract { margin: 1.5rem 0; padding: 0.8rem 1.1rem; background: var(--panel); border-radius: 6px; font-size: 0.95rem; }
.abstract-title, .toc-title { font: 600 0.8rem var(--sans); text-transform: uppercase; letter-spacing: 0.06em;
  color: var(--muted); margin: 0 0 0.3rem; }
.toc { font-family: var(--sans); font-size: 0.9rem; margin: 1.5rem 0 2rem; }
.toc ol { list-style: none; padding-left: 0; margin: 0; }
.toc ol ol { padding-left: 1.6rem; }
.toc a { text-decoration: none; }
h2, h3, h4 { font-family: var(--sans); line-height: 1.3; margin: 2.2rem 0 0.6rem; }
h2 { font-size: 1.4rem; } h3 { font-size: 1.15rem; }
.secnum { color: var(--muted); margin-right: 0.35em; font-variant-numeric: tabular-nums; }
.anchor { margin-left: 0.4em; color: var(--faint); text-decoration: none; font-weight: 400; }
h2:hover .anchor, h3:hover .anchor { color: var(--muted); }
.value { font-variant-numeric: tabular-nums; }
.citation a, a.xref { text-decoration: none; }
figure { margin: 2rem 0; }
.figure img { display: block; max-width: 100%; height: auto; margin: 0 auto; }
.figure-image { display: block; cursor: zoom-in; }
/* Figures are drawn 960 px wide, text 15 px: they use the margins where the screen has them. */
@media (min-width: 1100px) { .figure-image { margin: 0 -7rem; } }
@media (min-width: 1240px) { .figure-image { margin: 0 -9rem; } }
figcaption, caption { font-family: var(--sans); font-size: 0.85rem; line-height: 1.5; color: var(--text); text-align: left; }
figcaption p, caption p { margin: 0.5rem 0 0; }
.number { font-weight: 700; color: var(--text); text-decoration: none; }
.figure-tools, .downloads { font-family: var(--sans); font-size: 0.78rem; color: var(--muted); margin-top: 0.4rem; }
.figure-tools { display: flex; flex-wrap: wrap; gap: 0.3rem 1.2rem; align-items: baseline; }
.downloads a { margin-left: 0.35em; }
details.cite summary { cursor: pointer; color: var(--accent); }
details.cite pre { white-space: pre-wrap; word-break: break-word; font-size: 0.75rem; }
.table { margin: 2rem 0; overflow-x: auto; }
/* Wide tables may use the margins on wide screens. */
@media (min-width: 1100px) { .table { margin-left: -7rem; margin-right: -7rem; } }
@media (min-width: 1240px) { .table { margin-left: -9rem; margin-right: -9rem; } }
table { border-collapse: collapse; font-family: var(--sans); font-size: 0.78rem; min-width: 100%; }
caption { caption-side: top; padding-bottom: 0.5rem; }
/* A table wider than the screen scrolls; its caption stays within the visible width. */
.table caption { max-width: min(calc(100vw - 1.8rem), 44rem); position: sticky; left: 0; }
@media (min-width: 1100px) { .table caption { max-width: 58rem; } }
@media (min-width: 1240px) { .table caption { max-width: 62rem; } }
th, td { padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--faint); text-align: left; white-space: nowrap; }
thead th { border-bottom: 2px solid var(--text); font-weight: 600; vertical-align: bottom; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
.swatch { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 2px; margin-right: 0.45em; vertical-align: -0.05em; }
.claim { border-left: 3px solid var(--ok); padding: 0.1rem 0 0.1rem 0.9rem; margin: 1.2rem 0; }
.claim p { margin: 0.3rem 0; }
.claim-fails { border-left-color: var(--fail); }
.evidence { font-family: var(--sans); font-size: 0.78rem; }
.evidence summary { cursor: pointer; color: var(--ok); display: inline; }
.claim-fails .evidence summary { color: var(--fail); }
.checked-statement { color: var(--muted); }
.evidence ul { margin: 0.3rem 0 0.5rem; padding-left: 1.2rem; color: var(--muted); }
.references ol { font-size: 0.9rem; padding-left: 1.8rem; }
.references li { margin: 0.35rem 0; overflow-wrap: anywhere; }
main p, main li { overflow-wrap: break-word; }
/* Math (MathML, drawn by the browser in an OpenType math font; it takes the text colour). */
math { font-family: "STIX Two Math", "Latin Modern Math", "Cambria Math", "DejaVu Math TeX Gyre", math; }
math[display="block"] { margin: 0.7em 0; overflow-x: auto; overflow-y: hidden; padding: 0.1em 0; }
.equation { display: flex; align-items: center; gap: 1em; margin: 1em 0; }
.equation math { flex: 1 1 auto; min-width: 0; margin: 0; }
.eqno { color: var(--text); text-decoration: none; font-variant-numeric: tabular-nums; }
/* Aligned equations: right-aligned then left-aligned columns, in pairs (columnalign for
   browsers that read it, text-align for Chromium, which does not). */
mtd[columnalign="left"] { text-align: -webkit-left; }
mtd[columnalign="right"] { text-align: -webkit-right; }
mtable.tex-align > mtr > mtd { padding-left: 0; padding-right: 0; }
mtable.tex-align > mtr > mtd:nth-child(2n+3) { padding-left: 1.5em; }
.references li:target, .equation:target, figure:target, .table:target, .claim:target { background: var(--panel); }
.pager { display: flex; justify-content: space-between; gap: 1rem; margin-top: 3rem; font-family: var(--sans); font-size: 0.9rem; }
.pager .next { margin-left: auto; text-align: right; }
footer.provenance { border-top: 1px solid var(--faint); font-family: var(--sans); font-size: 0.75rem; color: var(--muted);
  padding: 0.8rem 1.25rem 2rem; text-align: center; overflow-wrap: anywhere; }
/* Authoring (issue 12): author tables, admonitions, footnotes as side notes, task lists, strikethrough. */
.author-table table { min-width: 0; }
/* An author's table is usually narrow: it stays in the text column, not the wide margins. */
.table.author-table { margin-left: 0; margin-right: 0; }
.decimal-pad { white-space: pre; }
.admonition { --adm: var(--accent); border-left: 4px solid var(--adm); background: var(--panel);
  padding: 0.55rem 1rem; margin: 1.5rem 0; border-radius: 0 6px 6px 0; }
.admonition > :last-child { margin-bottom: 0; }
.admonition p { margin: 0.4rem 0; }
.admonition-title { font: 600 0.85rem/1.4 var(--sans); color: var(--adm); }
.admonition.tip { --adm: var(--ok); }
.admonition.important { --adm: #7043b0; }
.admonition.warning { --adm: #a35c00; }
.admonition.caution { --adm: var(--fail); }
@media (prefers-color-scheme: dark) {
  .admonition.important { --adm: #c7a6ff; }
  .admonition.warning { --adm: #f0b35a; }
}
li:has(> input.task) { list-style: none; }
input.task { margin: 0 0.45em 0 -1.4em; vertical-align: -0.1em; }
del { color: var(--muted); }
.fn-ref { font-size: 0.72em; line-height: 0; margin-left: 0.1em; }
.fn-ref a, .fn-back { text-decoration: none; }
.footnotes { margin-top: 2.5rem; border-top: 1px solid var(--faint); font-size: 0.9rem; }
.footnotes-title { font-size: 1rem; }
.footnotes li:target { background: var(--panel); }
/* A note's second and later paragraphs (spans, so that they can stand in a side note). */
.fn-para { display: block; margin-top: 0.45em; }
/* Side notes: beside the text where the margin has room; the list at the end otherwise and in print. */
.sidenote { display: none; }
@media screen and (min-width: 1240px) {
  .sidenote { display: block; float: right; clear: right; position: relative; width: 11rem; margin: 0.2rem -13rem 0.6rem 0;
    font: 0.78rem/1.45 var(--sans); color: var(--muted); }
  .sidenote-number { font-weight: 600; color: var(--text); }
  .footnotes { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); margin: 0; border: 0; }
}
@media (max-width: 600px) {
  body { font-size: 16px; }
  article { margin-top: 1.2rem; }
  .title-block h1 { font-size: 1.55rem; }
  main { padding: 0 0.9rem; }
}
/* ---- Reader (issue 14): tables ------------------------------------------------- */
thead th.colgroup { text-align: center; border-bottom: 1px solid var(--muted); padding-bottom: 0.15rem; }
thead tr:first-child th[rowspan] { border-bottom: 2px solid var(--text); }
tbody tr.rowgroup th { text-align: left; font-weight: 600; font-size: 0.72rem; letter-spacing: 0.04em;
  text-transform: uppercase; color: var(--muted); padding-top: 0.8rem; border-bottom: 1px solid var(--muted); }
.swatch.dashed { border: 1.5px dashed; }
/* A dark swatch (ENet, ResNet-18) stays visible on the dark page. */
@media (prefers-color-scheme: dark) { .swatch { box-shadow: 0 0 0 1px rgba(255, 255, 255, 0.45); } }
/* A table wider than its box: shadows at the edges that can still scroll (pure CSS),
   a sticky first column, and a line saying so (set by the page's script). */
.table { background:
    linear-gradient(to right, var(--bg) 30%, transparent) left / 2.5rem 100% no-repeat local,
    linear-gradient(to left, var(--bg) 30%, transparent) right / 2.5rem 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, rgba(0,0,0,0.22), transparent) left / 0.9rem 100% no-repeat scroll,
    radial-gradient(farthest-side at 100% 50%, rgba(0,0,0,0.22), transparent) right / 0.9rem 100% no-repeat scroll; }
.table.overflows::before { content: "Scroll sideways for more columns →"; display: block; position: sticky; left: 0;
  font: 0.75rem var(--sans); color: var(--muted); margin-bottom: 0.3rem; }
@media (max-width: 700px) {
  .table tbody td:first-child, .table tbody th, .table thead th:first-child {
    position: sticky; left: 0; z-index: 1; background: var(--bg); }
  .table tbody td:first-child { box-shadow: 1px 0 0 var(--faint); }
  .table tbody tr.rowgroup th { position: sticky; left: 0; }
}

/* ---- Reader (issue 14): navigation and citing ------------------------------------ */
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  clip-path: inset(50%); white-space: nowrap; }
.toc-paper { columns: 2 18rem; column-gap: 2rem; }
.toc-paper > ol > li { break-inside: avoid; margin-bottom: 0.25rem; }
.toc-paper .toc-title { column-span: all; }
.cite-paper { font-family: var(--sans); font-size: 0.85rem; margin: 1rem 0 0; }
.cite-paper summary { cursor: pointer; color: var(--accent); }
.cite-paper pre { white-space: pre-wrap; word-break: break-word; font-size: 0.75rem; }
.preview { position: absolute; z-index: 10; max-width: min(26rem, calc(100vw - 16px)); padding: 0.55rem 0.75rem;
  background: var(--panel); color: var(--text); border: 1px solid var(--faint); border-radius: 6px;
  box-shadow: 0 4px 16px rgba(0,0,0,0.18); font: 0.8rem/1.45 var(--sans); }
.preview p { margin: 0; }
.preview img { display: block; max-width: 100%; height: auto; margin-bottom: 0.4rem; background: #fff; border-radius: 3px; }

/* ---- Reader (issue 14): print ----------------------------------------------------
   Nothing a screen reader can open is lost on paper: every table column (smaller type,
   wrapping headers, the widest tables on landscape pages), claims' evidence, captions
   with their figures. */
@page { size: A4; margin: 16mm 14mm 16mm; }
@page wide { size: A4 landscape; margin: 12mm 12mm 14mm; }
@media print {
  :root { --text: #000; --bg: #fff; --muted: #444; --faint: #bbb; --panel: #f3f3f3; }
  body { font-size: 10.5pt; background: #fff; }
  header.site, .toc:not(.toc-paper), .pager, .figure-tools, .downloads, .anchor, .preview,
  .table.overflows::before { display: none; }
  main { padding: 0; }
  article { max-width: none; margin: 0; }
  figure { break-inside: avoid; }
  figcaption, caption { break-before: avoid; }
  .figure img { max-height: 150mm; width: auto; }
  h2, h3, h4 { break-after: avoid; }
  .claim { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  /* Tables: no scrolling, no shadows, every column on the page. */
  .table { overflow: visible; background: none; margin: 1rem 0 !important; }
  .table caption { position: static; max-width: none; }
  table { width: 100%; min-width: 0; font-size: 7.5pt; table-layout: auto; }
  th, td { white-space: normal; padding: 0.15rem 0.3rem; }
  th, td.num, td:first-child { white-space: nowrap; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  .table.wide { page: wide; }
  .swatch { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  /* Evidence and citations printed open (the summary line stays as their heading). */
  details > summary { list-style: none; }
  details > summary::-webkit-details-marker { display: none; }
  details::details-content { content-visibility: visible; display: block; }
  .evidence ul { display: block; }
  footer.provenance { padding: 0.4rem 0 0; break-before: avoid; }
  pre { white-space: pre-wrap; break-inside: avoid; }
}
"""#
