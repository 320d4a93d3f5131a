import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { makePng } from './make-png.js';
import { flip } from './validate-example.js';

// The example schemas as a person runs them: validate a real file, get the format's own codes in
// every report, with their help in SARIF.
describe('preflight validate --schema schemas/examples/png.yaml', () => {
  const dir = mkdtempSync(join(tmpdir(), 'preflight-png-'));
  const good = join(dir, 'good.png');
  const bad = join(dir, 'bad.png');
  writeFileSync(good, makePng());
  const png = makePng();
  flip(png, 8 + 8 + 13 + 3, 0x01); // IHDR's CRC
  writeFileSync(bad, png);

  it('passes a real PNG and fails one with a wrong chunk CRC, naming the schema\'s code', () => {
    const r = runCli(['validate', '--schema', 'schemas/examples/png.yaml', good, bad]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/PASS .*good\.png/);
    expect(r.stdout).toMatch(/PNG_CHUNK_CRC\s+chunks\[0\]\.crc @ 29/);
    expect(r.stdout).toMatch(/the chunk's CRC-32 is 0x[0-9A-F]+, its type and data give 0x[0-9A-F]+/);
  });

  it('describes the schema\'s code as a SARIF rule with its help', () => {
    const r = runCli(['validate', '--schema', 'schemas/examples/png.yaml', bad, '--format', 'sarif']);
    const rule = (JSON.parse(r.stdout) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string; shortDescription: { text: string }; help: { text: string } }> } } }> })
      .runs[0]!.tool.driver.rules.find((x) => x.id === 'PNG_CHUNK_CRC');
    expect(rule?.shortDescription.text).toBe('chunk CRC does not match');
    expect(rule?.help.text).toMatch(/Recompute the CRC over the chunk type and data/);
  });
});
