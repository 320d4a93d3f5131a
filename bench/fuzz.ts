/**
 * The fuzzer benchmark (`npx tsx bench/fuzz.ts`): throughput per worker and time to first find per
 * crash class, each against a plain byte-flipping mutator measured in the same run, and
 * generation against corpus-seeded mutation. Prints tables; writes nothing.
 * About four minutes on two cores; BENCH_SCALE=0.5 halves the time caps.
 */
import { availableParallelism } from 'node:os';
import { classes, springVersusGeneration } from './fuzz-first-find.js';
import { throughput } from './fuzz-throughput.js';

const scale = Number(process.env.BENCH_SCALE ?? '1') || 1;
const t0 = performance.now();
const say = (s: string): void => void process.stdout.write(`${s}\n`);

say(`preflight fuzz benchmark: agent-7.11 alone, bundled CCF v1 schema, node ${process.version}, ${availableParallelism()} core(s)\n`);
say('1. Throughput, one in-process worker (end-to-end: make the input, then every check)');
// 20 s campaigns: the compiled consumer reaches full speed once V8 has re-optimised it for the
// paths coverage feedback keeps finding (a 6 s campaign measured mostly that warm-up).
say(await throughput(20_000 * scale));
say('\n2. Time to first find per crash class, median of 5 seeds (cap per campaign in brackets)');
say(`   fuzz = preflight fuzz defaults, no corpus; flip = flipBytes over the spring 2024 files [${Math.round(10 * scale)} s]`);
say(await classes(10_000 * scale));
say(`\n3. Corpus-seeded mutation against generation alone, median of 5 seeds [${Math.round(10 * scale)} s]`);
say("   ms fuzzing: from the first run; ms from start: also loading the schema and running the seed files; best of 3 per seed");
say(await springVersusGeneration(10_000 * scale));
say(`\ndone in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
