/**
 * The compiled consumer (src/model/compile) against the interpreter (src/model/run), which defines
 * it: the same SimulationResult (outcome, fault with code, path, offset and details, every issue in
 * order) and the same coverage ids, on the whole corpus of every bundled format with its fleet, and
 * on generated, hostile, mutated and random files with generated profiles. Each case also checks that
 * the compiled code really ran (it did not bail to the interpreter). MODEL_DIFF_RUNS=100000 runs the
 * long version.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileConsumer } from '../../src/model/compile/compile-consumer.js';
import { loadModel, loadModelProfile, parseModel, parseModelProfile, simulateModel, type ConsumerModel, type ModelProfile } from '../../src/model/index.js';
import { loadSchema } from '../../src/schema/index.js';
import { applyEdits, caseArbitrary, edit, hostileArbitrary } from './arbitraries.js';
import { toModelProfile } from './compare.js';

const RUNS = Number(process.env.MODEL_DIFF_RUNS ?? 250);

interface Format {
  readonly name: string;
  readonly model: ConsumerModel;
  readonly fleet: readonly ModelProfile[];
  readonly files: readonly string[];
}

function format(name: string, schemaFile: string, modelFile: string, fleetDir: string, corpusDirs: readonly string[]): Format {
  const model = loadModel(modelFile, loadSchema(schemaFile));
  const fleet = readdirSync(fleetDir).filter((f) => f.endsWith('.yaml')).sort().map((f) => loadModelProfile(join(fleetDir, f), model));
  const files = corpusDirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.bin')).map((f) => join(d, f)));
  return { name, model, fleet, files };
}

const ccf = format('ccf', 'schemas/ccf-v1.yaml', 'schemas/ccf-v1.consumer.yaml', 'profiles/default', ['corpus/ccf/codes', 'corpus/ccf/story']);
const FORMATS = [
  ccf,
  format('sigpack', 'schemas/sigpack-v1.yaml', 'schemas/sigpack-v1.consumer.yaml', 'profiles/sigpack-v1', ['corpus/sigpack']),
  format('rulebook', 'docs/consumer-models/rulebook/rulebook-v1.yaml', 'docs/consumer-models/rulebook/rulebook-v1.consumer.yaml', 'docs/consumer-models/rulebook/profiles', ['corpus/rulebook']),
];
const allFiles = FORMATS.flatMap((f) => f.files);

/**
 * Any profile the model's `profile:` declaration allows, written as profile YAML and read back:
 * small keys (those the content uses) with a few inputs of any kind, any subset of each tag set,
 * limits at their bounds or small.
 */
function profileArbitrary(model: ConsumerModel): fc.Arbitrary<ModelProfile> {
  const decl = model.profile;
  const enumNames = (e: string): string[] => [...model.schema.enums.get(e)!.byName.keys()];
  const inputs = decl.inputs;
  const sources = inputs
    ? fc.uniqueArray(fc.nat({ max: 4 }), { maxLength: 4 }).chain((keys) => fc.tuple(...keys.map((k) => fc.array(fc.constantFrom(...enumNames(inputs.kinds)), { maxLength: 9 }).map((kinds) => `  ${k}: { ${inputs.item}: [${kinds.join(', ')}] }`))))
    : fc.constant([]);
  const tags = fc.tuple(...[...decl.tags].map(([key, e]) => fc.subarray(enumNames(e), { minLength: 1 }).map((names) => `${key}: [${names.join(', ')}]`)));
  const limits = fc.tuple(...[...decl.limits].map(([name, { min, max }]) => fc.oneof(fc.constant(max), fc.constant(min), fc.integer({ min, max: Math.min(max, min + 300) })).map((v) => `  ${name}: ${v}`)));
  return fc.tuple(sources, tags, limits).map(([src, tg, lim]) => parseModelProfile([
    'name: generated', 'population: 1',
    ...(inputs ? [`${inputs.under}:${src.length === 0 ? ' {}' : ''}`, ...src] : []),
    ...tg,
    ...(lim.length > 0 ? ['limits:', ...lim] : []),
  ].join('\n'), '(generated)', model));
}

/** Both engines on one input: identical results and coverage; returns whether the compiled code ran to the end. */
function agree(bytes: Uint8Array, model: ConsumerModel, profile: ModelProfile, what: string): boolean {
  const compiled = compileConsumer(model);
  const fastBefore = compiled.stats.fast;
  const hitsI = new Set<number>();
  const hitsC = new Set<number>();
  const interpreted = simulateModel(bytes, model, profile, { engine: 'interpreter', coverage: { hit: (i) => hitsI.add(i) } });
  const fast = simulateModel(bytes, model, profile, { engine: 'compiled', coverage: { hit: (i) => hitsC.add(i) } });
  expect(fast, what).toStrictEqual(interpreted);
  expect([...hitsC].sort((a, b) => a - b), `${what}: coverage ids`).toEqual([...hitsI].sort((a, b) => a - b));
  return compiled.stats.fast > fastBefore;
}

describe('compiled consumer vs the interpreter', () => {
  it('compiles every bundled model', () => {
    for (const f of FORMATS) expect(compileConsumer(f.model).unsupported, f.name).toBeUndefined();
  });

  it('agrees on the whole corpus, every format with its fleet and with the CCF model, and runs compiled', () => {
    let runs = 0;
    let fast = 0;
    for (const f of FORMATS) {
      // Each format's own files, and every other corpus file (refused or misread) through its model.
      for (const file of allFiles) {
        const bytes = readFileSync(file);
        for (const p of f.fleet) {
          runs++;
          if (agree(bytes, f.model, p, `${file} through ${f.name} on ${p.name}`)) fast++;
        }
      }
    }
    expect(runs).toBeGreaterThan(200);
    expect(fast).toBe(runs);
  });

  const property = (label: string, arb: fc.Arbitrary<{ bytes: Uint8Array; profile: ModelProfile; model: ConsumerModel }>, numRuns: number, codes: readonly string[]) => {
    it(`agrees on ${numRuns} ${label}`, () => {
      const outcomes = new Set<string>();
      let fast = 0;
      fc.assert(fc.property(arb, ({ bytes, profile, model }) => {
        if (agree(bytes, model, profile, label)) fast++;
        const r = simulateModel(bytes, model, profile, { engine: 'interpreter' });
        outcomes.add(r.fault?.code ?? r.outcome);
      }), { numRuns });
      for (const code of codes) expect(outcomes).toContain(code);
      // The compiled code ran to the end on every case: no bail (nothing here is near a budget).
      expect(fast / numRuns).toBe(1);
    }, 600_000);
  };

  property('generated and mutated CCF files with generated profiles', caseArbitrary(ccf.model.schema).map(({ bytes, profile }) => ({ bytes, profile: toModelProfile(profile, ccf.model), model: ccf.model })),
    RUNS, ['load', 'READ_PAST_END', 'UNKNOWN_OP', 'TRUNCATED']);
  property('hostile CCF files from the byte builder', hostileArbitrary().map(({ bytes, profile }) => ({ bytes, profile: toModelProfile(profile, ccf.model), model: ccf.model })),
    RUNS, ['load', 'READ_PAST_END', 'UNKNOWN_TEMPLATE']);
  const header = readFileSync('corpus/ccf/codes/clean.bin').subarray(0, 40);
  const tail = fc.uint8Array({ maxLength: 1024 });
  property('random bytes, bare and behind a valid CCF header',
    fc.tuple(fc.oneof(tail, tail.map((t) => Uint8Array.from([...header, ...t]))), fc.constantFrom(...ccf.fleet)).map(([bytes, profile]) => ({ bytes, profile, model: ccf.model })),
    Math.ceil(RUNS / 2), ['TRUNCATED', 'READ_PAST_END']);
  for (const f of FORMATS.slice(1)) {
    const files = f.files.map((file) => readFileSync(file));
    property(`mutated ${f.name} corpus files with its fleet and generated profiles`,
      fc.tuple(fc.constantFrom(...files), fc.array(edit, { maxLength: 4 }), fc.oneof(fc.constantFrom(...f.fleet), profileArbitrary(f.model)))
        .map(([bytes, edits, profile]) => ({ bytes: applyEdits(bytes, edits), profile, model: f.model })),
      RUNS, ['load', 'READ_PAST_END']);
  }
});

describe('compiled consumer: integer reads from the bytes', () => {
  it('read every integer type of at most 4 bytes, both byte orders, as DataView does', async () => {
    const { intGetter } = await import('../../src/model/compile/expr.js');
    const { readIntAt } = await import('../../src/model/compile/runtime.js');
    const { readInt } = await import('../../src/parse/decode/read-int.js');
    fc.assert(fc.property(fc.uint8Array({ minLength: 4, maxLength: 12 }), fc.nat(), (bytes, at0) => {
      const at = at0 % (bytes.length - 3);
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (const t of ['u1', 's1', 'u2', 's2', 'u4', 's4'] as const) {
        for (const le of [true, false]) {
          const want = readInt(view, at, t, le);
          // The getter is the compiler's own source text (no model data in it).
          const got = (new Function('bytes', 'a', `return ${intGetter(t, le, 'a')};`) as (b: Uint8Array, a: number) => number)(bytes, at);
          expect(Object.is(got, want), `${t} ${le ? 'le' : 'be'} at ${at}`).toBe(true);
          expect(readIntAt(bytes, at, t, le)).toBe(want);
        }
      }
    }), { numRuns: 300 });
  });
});

describe('compiled consumer: limits of the fast path', () => {
  it('bails to the interpreter when the node budget runs out, with the interpreter\'s DECODE_BUDGET', async () => {
    const { WorkBudget } = await import('../../src/budget/work-budget.js');
    const bytes = readFileSync('corpus/ccf/codes/clean.bin');
    const p = ccf.fleet[0]!;
    const compiled = compileConsumer(ccf.model);
    const bailed = compiled.stats.bailed;
    const fast = simulateModel(bytes, ccf.model, p, { budget: new WorkBudget(bytes.length, { nodes: 3 }) });
    expect(compiled.stats.bailed).toBe(bailed + 1);
    expect(fast).toStrictEqual(simulateModel(bytes, ccf.model, p, { engine: 'interpreter', budget: new WorkBudget(bytes.length, { nodes: 3 }) }));
    expect(fast.issues.map((i) => i.code)).toContain('DECODE_BUDGET');
  });

  it('spends the nodes it read from a shared budget, as the interpreter does', async () => {
    const { WorkBudget } = await import('../../src/budget/work-budget.js');
    const bytes = readFileSync('corpus/ccf/codes/clean.bin');
    const [a, b] = [new WorkBudget(bytes.length, { nodes: 1000 }), new WorkBudget(bytes.length, { nodes: 1000 })];
    for (const p of ccf.fleet) {
      expect(simulateModel(bytes, ccf.model, p, { budget: a })).toStrictEqual(simulateModel(bytes, ccf.model, p, { engine: 'interpreter', budget: b }));
    }
    const left = (w: object): number => (w as { nodes: number }).nodes;
    expect(left(a)).toBe(left(b));
  });

  it('gives up, quickly, on lets that double through parent structs', async () => {
    // Each level's let uses its parent's twice (2^40 nodes written out); the schema loader counts
    // only same-scope lets. The interpreter memoises per struct; the compiler declines.
    const { ExprCompiler } = await import('../../src/model/compile/expr.js');
    const { Frame, Gen, Unsupported } = await import('../../src/model/compile/gen.js');
    const { Stores } = await import('../../src/model/compile/stores.js');
    const { parseExpr } = await import('../../src/schema/index.js');
    const x = ccf.model.schema.types.get('criterion')!.fields[0]!;
    let frame: InstanceType<typeof Frame> | null = null;
    for (let i = 0; i < 40; i++) {
      const lets = Object.assign(Object.create(null) as Record<string, ReturnType<typeof parseExpr>>, { l: parseExpr(i === 0 ? 'op' : '_parent.l + _parent.l') });
      frame = new Frame({ name: `t${i}`, doc: undefined, fields: [x], lets, asserts: [] }, frame, undefined, []);
      Object.assign(frame.slot(x), { state: 'set', value: { k: 'int', code: 'v', lo: 0n, hi: 255n } });
    }
    const compiler = new ExprCompiler({ gen: new Gen(), stores: new Stores(), deferred: false, limits: undefined });
    const t = performance.now();
    expect(() => compiler.compile(parseExpr('l').ast, frame!)).toThrow(Unsupported);
    expect(() => compiler.compile(parseExpr('l').ast, frame!)).toThrow(/too much code/);
    expect(performance.now() - t).toBeLessThan(2000);
  });

  it('leaves a model it cannot compile to the interpreter, and says why', () => {
    // A count read from a u8 is a bigint in the evaluator: not compiled.
    const schema = loadSchema('schemas/ccf-v1.yaml');
    const text = readFileSync('schemas/ccf-v1.consumer.yaml', 'utf8').replace('when: header.version != 1', 'when: header.content_seq != 1');
    const model = parseModel(text, 'u8.consumer.yaml', schema);
    const compiled = compileConsumer(model);
    expect(compiled.unsupported).toMatch(/u8/);
    const bytes = readFileSync('corpus/ccf/codes/clean.bin');
    const p = loadModelProfile('profiles/default/agent-7.11.yaml', model);
    expect(simulateModel(bytes, model, p).fault?.code).toBe('BAD_VERSION');
    expect(compiled.stats.fast + compiled.stats.bailed).toBe(0);
  });
});

describe('compiled consumer: a model can never execute code', () => {
  const EVIL = 'x"]);process.exit(1);//';
  const EVIL2 = "'}`;globalThis.pwned=1;//";

  it('keeps names from the model and schema out of the generated source (constants only)', () => {
    // Detail keys of a refusal are free text in the model file.
    const text = readFileSync('schemas/ccf-v1.consumer.yaml', 'utf8').replace('details: { actual: header.magic, expected: 0xAAAAAAAA }', `details: { '${EVIL}': header.magic, "${EVIL2}": 1 }`);
    expect(text).toContain(EVIL);
    const model = parseModel(text, 'evil.consumer.yaml', loadSchema('schemas/ccf-v1.yaml'));
    // Field ids are checked by the schema loader; rename some after loading, as a hostile caller could.
    for (const st of model.schema.types.values()) for (const f of st.fields) if (f.id === 'instance_id' || f.id === 'reserved') (f as { id: string }).id = `${EVIL}${f.id}`;
    const compiled = compileConsumer(model);
    expect(compiled.unsupported).toBeUndefined();
    const code = compiled.getCode();
    for (const s of [EVIL, EVIL2, 'process', 'pwned', 'instance_id', 'BAD_MAGIC', 'header']) expect(code).not.toContain(s);
    expect(compiled.constants).toContain(EVIL);
    const bad = Uint8Array.from(readFileSync('corpus/ccf/codes/clean.bin'));
    bad[0] = 0;
    const p = loadModelProfile('profiles/default/agent-7.11.yaml', model);
    const r = simulateModel(bad, model, p);
    expect(r.fault?.details).toEqual({ [EVIL]: 0xaaaaaa00, [EVIL2]: 1 });
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
    // A file cut inside an instance's renamed field reports it by name, as data.
    const clean = readFileSync('corpus/ccf/codes/clean.bin');
    const cut = simulateModel(clean.subarray(0, clean.length - 1), model, p, { engine: 'compiled' });
    expect(cut).toStrictEqual(simulateModel(clean.subarray(0, clean.length - 1), model, p, { engine: 'interpreter' }));
  });

  it('exposes the generated code for review: one function over locals, constants by index', () => {
    const code = compileConsumer(ccf.model).getCode();
    expect(code).toMatch(/^return function run\(bytes, S, P, cov\) \{/);
    expect(code).toContain('K[');
    expect(code).not.toMatch(/\b(eval|Function|require|import|globalThis|process)\b/);
    // Every string literal in it is the empty string (an initial value), never a name.
    expect(code.match(/'[^']*'|"[^"]*"|`[^`]*`/g)?.every((s) => s === "''") ?? true).toBe(true);
  });
});
