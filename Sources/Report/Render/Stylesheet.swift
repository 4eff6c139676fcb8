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
  .figure img { background: #fff; border-radius: 4px; }
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
.references li:target, figure:target, .table:target, .claim:target { background: var(--panel); }
.pager { display: flex; justify-content: space-between; gap: 1rem; margin-top: 3rem; font-family: var(--sans); font-size: 0.9rem; }
.pager .next { margin-left: auto; text-align: right; }
footer.provenance { border-top: 1px solid var(--faint); font-family: var(--sans); font-size: 0.75rem; color: var(--muted);
  padding: 0.8rem 1.25rem 2rem; text-align: center; overflow-wrap: anywhere; }
/* Authoring (issue 12): author tables, admonitions, footnotes as side notes, task lists, strikethrough. */
.author-table table { min-width: 0; }
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
@media print {
  :root { --text: #000; --bg: #fff; --muted: #444; --faint: #bbb; --panel: #f3f3f3; }
  body { font-size: 11pt; }
  header.site, .toc, .pager, .figure-tools, .downloads, .anchor { display: none; }
  article { max-width: none; margin: 0; }
  figure, .table, .claim { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  .evidence[open] ul, .evidence ul { display: block; }
}
"""#
