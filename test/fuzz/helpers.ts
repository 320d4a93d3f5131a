import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel, loadModelProfile, modelBeside } from '../../src/model/index.js';
import { defaultSchemaPath, loadSchema } from '../../src/schema/index.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const SCHEMA_FILE = defaultSchemaPath();
export const schema = loadSchema(SCHEMA_FILE);
export const MODEL_FILE = modelBeside(SCHEMA_FILE)!;
export const model = loadModel(MODEL_FILE, schema);
export const AGENT_711 = join(ROOT, 'profiles/default/agent-7.11.yaml');
export const AGENT_716 = join(ROOT, 'profiles/default/agent-7.16.yaml');
export const agent711 = loadModelProfile(AGENT_711, model);
export const agent716 = loadModelProfile(AGENT_716, model);
export const setup711 = { schema, model, fleet: [agent711] } as const;

export const JULY = join(ROOT, 'corpus/ccf/story/2024-07-19-0409-channel-291.bin');
export const SPRING = join(ROOT, 'corpus/ccf/story/2024-04-24-spring.bin');
export const CLEAN = join(ROOT, 'corpus/ccf/codes/clean.bin');

export const bytesOf = (file: string): Uint8Array => new Uint8Array(readFileSync(file));
export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'preflight-fuzz-'));

/** The bucket the July 2024 file falls in on agent 7.11. */
export const JULY_KEY = 'crash|agent-7.11|OOB_INPUT_READ|instances[*].criteria[20]';
