import { spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { boundFuzz } from './bound-fuzz.js';
import { cliEntry } from '../helpers/cli-entry.js';

export interface SandboxRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The shell line that actually ran (after the fuzz bounds). */
  readonly ran: string;
}

export interface CommandSandbox {
  readonly dir: string;
  /** Runs one shell line in the sandbox (killed after 4 minutes: generous for a loaded machine). */
  run(command: string): Promise<SandboxRun>;
  dispose(): void;
}

/** What a reader's checkout has that doc commands read: copied, so nothing writes into the repo. */
const COPIED = ['README.md', 'docs', 'corpus', 'profiles', 'schemas'];

/**
 * A temporary copy of the checkout's documents and data, where doc commands run one after the
 * other (a later command may read what an earlier one wrote, as for a reader following along),
 * with `preflight` on the PATH running this checkout's CLI.
 */
export function createSandbox(root: string): CommandSandbox {
  const dir = mkdtempSync(join(tmpdir(), 'preflight-docs-'));
  for (const name of COPIED) cpSync(join(root, name), join(dir, name), { recursive: true });
  const bin = join(dir, '.bin');
  mkdirSync(bin);
  const args = [process.execPath, ...cliEntry(root)].map(shellQuote).join(' ');
  writeFileSync(join(bin, 'preflight'), `#!/bin/sh\nexec ${args} "$@"\n`);
  chmodSync(join(bin, 'preflight'), 0o755);
  const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`, NO_COLOR: '1', FORCE_COLOR: '0' };
  return {
    dir,
    run(command) {
      const ran = boundFuzz(command);
      return new Promise((done) => {
        const child = spawn('/bin/sh', ['-c', ran], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 240_000 });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on('data', (b: Buffer) => out.push(b));
        child.stderr.on('data', (b: Buffer) => err.push(b));
        child.on('error', (e) => err.push(Buffer.from(String(e))));
        child.on('close', (status) => done({ status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ran }));
      });
    },
    dispose() { rmSync(dir, { recursive: true, force: true }); },
  };
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
