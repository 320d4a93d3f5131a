import { isSafePattern } from 'redos-detector';
import { parseRe2 } from '../src/regex/re2-parser.js';
import { toJsPattern } from '../src/regex/to-js-pattern.js';
import { re2SyntaxError } from '../src/regex/index.js';
import fc from 'fast-check';
const rnd = fc.sample(fc.array(fc.constantFrom('a','b','(',')','|','*','+','?','{2,}','{1,3}','[a-z]','\\d','.','^','$','(?:','x'), {maxLength: 25}).map(a => a.join('')), {numRuns: 300, seed: 7});
const msgs = new Map<string, string[]>();
for (const p of rnd) { const js = toJsPattern(parseRe2(p).root); try { isSafePattern(`^(?:${js})`, { maxSteps: 100, unicode: true, downgradePattern: false }); } catch (e) { const m = (e as Error).message.split('\n')[0]!; const l = msgs.get(m) ?? []; l.push(`${p}  =>  ${js}  [re2: ${re2SyntaxError(p)}]`); msgs.set(m, l); } }
for (const [m, l] of msgs) { console.log(m, l.length); for (const x of l.slice(0, 3)) console.log('   ', x); }
