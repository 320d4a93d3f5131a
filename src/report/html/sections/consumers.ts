import { formatCount, formatShare } from '../../format.js';
import type { FleetMember } from '../../model.js';
import { safeHtml } from '../escape.js';
import type { ChainStep, ConsumerChain, HtmlFile } from '../model.js';
import { blastRadiusChart } from './chart.js';
import { placeLink } from './links.js';

/**
 * Who this file takes down: each consumer profile's outcome and population (a table, numbers as
 * text), the blast-radius chart, and for each consumer that crashes or refuses, explain's chain
 * of facts from the file to the fault, each fact linked to its bytes.
 */
export function consumersSection(file: HtmlFile, index: number, fleet: readonly FleetMember[]): string {
  const consumers = file.report.consumers;
  if (consumers.length === 0) return `<section class="consumers"><h3>Consumers</h3><p class="note">No consumer was simulated on this file${file.report.error !== undefined ? '' : ' (the format has no consumer model)'}.</p></section>`;
  const total = fleet.length > 0 ? fleet.reduce((a, m) => a + m.population, 0) : consumers.reduce((a, c) => a + c.population, 0);
  const rows = consumers.map((c) => `<tr class="outcome-${safeHtml(c.outcome)}"><td>${safeHtml(c.profile, 120)}</td><td><span class="badge ${safeHtml(c.outcome)}">${safeHtml(c.outcome)}</span></td>`
    + `<td class="num">${formatCount(c.population)}</td><td class="num">${formatShare(c.population, total)}</td>`
    + `<td>${c.fault !== null ? `${safeHtml(c.fault.code)} at ${placeLink(index, c.fault.path, c.fault.offset)}` : ''}</td></tr>`);
  return `<section class="consumers"><h3>Consumers and blast radius</h3>`
    + `<div class="chart-box">${blastRadiusChart(file.report, fleet, `chart-${index}`)}</div>`
    + `<table class="outcomes"><thead><tr><th>consumer</th><th>outcome</th><th>endpoints</th><th>of ${formatCount(total)}</th><th>fault</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
    + chains(file, index)
    + `</section>`;
}

function chains(file: HtmlFile, index: number): string {
  if ('missing' in file.chains) return `<p class="note missing">Chains to each fault are not shown: ${safeHtml(file.chains.missing, 400)}</p>`;
  const faulty = file.chains.value.filter((c) => c.outcome !== 'load');
  const hazards = file.chains.value.filter((c) => (c.hazards?.length ?? 0) > 0);
  return (faulty.length > 0 ? `<h4>Why: the chain to each fault</h4>${faulty.map((c) => chain(c, index)).join('')}` : '')
    + (hazards.length > 0 ? `<h4>Latent hazards</h4>${hazards.map((c) => hazardList(c, index)).join('')}` : '');
}

function chain(c: ConsumerChain, index: number): string {
  const head = `${safeHtml(c.profile, 120)} — <span class="badge ${safeHtml(c.outcome)}">${safeHtml(c.outcome)}</span>`
    + (c.fault !== undefined ? ` ${safeHtml(c.fault.code)} at ${placeLink(index, c.fault.path, c.fault.offset)}` : '')
    + ` · ${formatCount(c.population)} endpoints`;
  return `<details class="chain" open><summary>${head}</summary>${steps(c.chain, index)}</details>`;
}

function hazardList(c: ConsumerChain, index: number): string {
  const items = (c.hazards ?? []).map((h) => `<li><span class="sev warning">warning</span> ${safeHtml(h.code)} at ${placeLink(index, h.path, h.offset)}: ${safeHtml(h.message, 600)}${steps(h.chain, index)}</li>`);
  if ((c.moreHazards ?? 0) > 0) items.push(`<li class="note">… and ${formatCount(c.moreHazards!)} more</li>`);
  return `<details class="chain"><summary>${safeHtml(c.profile, 120)}: ${formatCount((c.hazards?.length ?? 0) + (c.moreHazards ?? 0))} latent</summary><ul>${items.join('')}</ul></details>`;
}

function steps(list: readonly ChainStep[], index: number): string {
  if (list.length === 0) return '<p class="note">No chain was given.</p>';
  return `<ol>${list.map((s) => `<li>${safeHtml(s.text, 600)}${s.path !== undefined || s.offset !== undefined ? ` <span class="at">(${placeLink(index, s.path, s.offset)})</span>` : ''}</li>`).join('')}</ol>`;
}
