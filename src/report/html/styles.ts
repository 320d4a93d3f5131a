/**
 * The page's style sheet, inline. System fonts only (no font file, no network); colours that
 * print; the region colours r0..r7 are shared by the hex view and its legend.
 */
export const STYLES = `
:root { --fg: #1b1b1b; --muted: #5f6368; --line: #d7dbe0; --bg: #ffffff; --panel: #f7f8fa; --sel: #ffd54f; --mono: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
* { box-sizing: border-box; }
body { margin: 0; padding: 0 24px 48px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: var(--fg); background: var(--bg); }
header { padding: 16px 0 8px; border-bottom: 1px solid var(--line); margin-bottom: 12px; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; padding-top: 8px; border-top: 2px solid var(--line); }
h3 { font-size: 15px; margin: 18px 0 6px; } h4 { font-size: 14px; margin: 12px 0 4px; }
code, .hash, .place, .tree, .hex, .hex-head, .detail { font-family: var(--mono); }
.meta, .note, .hint { color: var(--muted); } .missing { color: #b71c1c; }
table { border-collapse: collapse; margin: 6px 0 10px; } th, td { border-bottom: 1px solid var(--line); padding: 3px 10px 3px 0; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; } .hash { font-size: 11px; color: var(--muted); word-break: break-all; }
.badge, .sev, .verdict { display: inline-block; padding: 0 6px; border-radius: 3px; color: #fff; font-size: 12px; font-weight: 600; }
.badge.crash { background: #c62828; } .badge.undecided { background: #6a1b9a; } .badge.reject { background: #ef6c00; } .badge.load { background: #2e7d32; }
.sev.error, .verdict.fail, .verdict.error { background: #c62828; } .sev.warning, .verdict.warn { background: #f9a825; color: #000; } .verdict.pass { background: #2e7d32; }
.gate.worse { color: #b71c1c; font-weight: 600; } .gate.ok { color: #2e7d32; }
.tone-added { color: #1b5e20; } .tone-removed { color: #b71c1c; } .tone-worse { color: #b71c1c; font-weight: 600; } .tone-better { color: #1b5e20; }
.chart-box { overflow-x: auto; } .chart text { font: 12px system-ui, sans-serif; fill: #1b1b1b; } .chart-total .chart-label { font-weight: 600; }
.chain ol, .finding-list { margin: 4px 0 8px; } .chain summary, .explain summary { cursor: pointer; }
.finding-list li { margin: 2px 0; } .msg { margin-left: 4px; } .profile { color: var(--muted); }
.explain dl { margin: 4px 0 8px 12px; } .explain dt { font-weight: 600; } .explain dd { margin: 0 0 4px 12px; }
a.place { color: #0b57d0; text-decoration: none; border-bottom: 1px dotted #0b57d0; } a.place:hover { background: #e8f0fe; }
.toolbar { margin: 6px 0; display: flex; gap: 12px; align-items: center; flex-wrap: wrap; } .goto { width: 28em; font-family: var(--mono); }
.panes { display: flex; gap: 12px; align-items: flex-start; }
.tree-pane { flex: 1 1 0; min-width: 360px; } .hex-pane { flex: 0 0 auto; }
.tree, .hex { position: relative; height: 520px; overflow: auto; border: 1px solid var(--line); background: var(--panel); font-size: 12.5px; }
.tree:focus { outline: 2px solid #0b57d0; }
.vspacer { width: 1px; } .vpool { position: absolute; top: 0; left: 0; right: 0; }
.vrow { height: 20px; line-height: 20px; white-space: nowrap; }
.trow { cursor: default; padding-right: 8px; } .trow:hover { background: #eef1f5; } .trow.sel { background: var(--sel); } .trow.partial .tn { color: #b71c1c; }
.tw { display: inline-block; width: 14px; cursor: pointer; color: var(--muted); } .tn { font-weight: 600; margin-right: 8px; }
.tt { color: #6a1b9a; margin-right: 8px; } .tv { margin-right: 8px; } .tm { color: #0d652d; margin-right: 8px; } .to { color: var(--muted); font-size: 11px; }
.detail { min-height: 4.5em; border: 1px solid var(--line); border-top: 0; padding: 4px 8px; font-size: 12.5px; background: #fff; word-break: break-all; }
.dl { display: flex; gap: 8px; } .dk { color: var(--muted); min-width: 5.5em; }
.hex-head { font-size: 12.5px; padding: 0 6px; color: var(--muted); white-space: pre; }
.hex { width: calc(80ch + 32px); padding: 0 6px; }
.hoff { color: var(--muted); margin-right: 2ch; } .hhex { margin-right: 2ch; }
.hb { display: inline-block; width: 3ch; text-align: left; cursor: pointer; } .hc { display: inline-block; width: 1ch; cursor: pointer; }
.hb.none, .hc.none { cursor: default; }
.r0 { background: #e3f2fd; } .r1 { background: #e8f5e9; } .r2 { background: #fff3e0; } .r3 { background: #f3e5f5; }
.r4 { background: #e0f7fa; } .r5 { background: #fbe9e7; } .r6 { background: #f1f8e9; } .r7 { background: #ede7f6; }
.hb.sel, .hc.sel, .legend-item.sel { background: var(--sel); outline: 1px solid #f57f17; }
.mk-error { box-shadow: inset 0 -3px 0 #c62828; } .mk-warning { box-shadow: inset 0 -3px 0 #f9a825; } .stop { outline: 2px solid #c62828; }
.legend { font-size: 12px; margin: 6px 0; } .legend-item { padding: 0 6px; border: 1px solid var(--line); margin-right: 2px; }
@media (max-width: 1200px) { .panes { flex-direction: column; } .tree-pane { width: 100%; } }
@media print { .tree, .hex { height: auto; max-height: 40em; } }
`;
