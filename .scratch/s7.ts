import { parseRe2 } from '../src/regex/re2-parser.js';
import { toJsPattern } from '../src/regex/to-js-pattern.js';
import fc from 'fast-check';
const tokens = fc.constantFrom('a','b','(',')','|','*','+','?','{2,}','{1,3}','{0}','[a-z]','[^\\d]','\\d','\\w','.','^','$','(?:','(?i)','(?P<n>','(?i:','\\Q','\\E','\\pL','\\p{Greek}','[[:alpha:]]','\\z','\\A','\\C','\\b','\\x{1F600}','[]a]','[^]a-]','\\','{','}','-',']','[', '(?U)', '\\123', '\\x41');
let bad = 0;
for (const arb of [fc.array(tokens, {maxLength: 30}).map(a => a.join('')), fc.string({unit: 'binary', maxLength: 300}), fc.string({unit: 'grapheme-ascii', maxLength: 300})]) {
  for (const p of fc.sample(arb, {numRuns: 20000, seed: 3})) { const js = toJsPattern(parseRe2(p).root); try { new RegExp(js, 'u'); } catch (e) { if (bad++ < 10) console.log(JSON.stringify(p), '=>', JSON.stringify(js), (e as Error).message); } }
}
console.log('bad', bad);
