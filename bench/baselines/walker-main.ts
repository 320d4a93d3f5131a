/**
 * The hand-written walker as a program of its own, so that it can be timed as validate is: one
 * whole process, node start-up and file reads included. `node walker-main.mjs DIR|FILE...` (bench/
 * scale/whole-process.ts bundles it with esbuild first: no tsx in the timed process) walks every
 * `.bin` file of each folder, one after the other, and prints one JSON line of what it counted.
 */
import { readFileSync } from 'node:fs';
import { walkCcf } from './ccf-walker.js';
import { inputFiles } from './input-files.js';

const totals = { files: 0, instances: 0, criteria: 0, findings: 0 };
for (const file of inputFiles(process.argv.slice(2))) {
  const w = walkCcf(readFileSync(file));
  totals.files++;
  totals.instances += w.instances;
  totals.criteria += w.criteria;
  totals.findings += w.findings.length;
}
process.stdout.write(`${JSON.stringify(totals)}\n`);
