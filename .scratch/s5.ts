import { isSafePattern } from 'redos-detector';
import { parseRe2 } from '../src/regex/re2-parser.js';
import { toJsPattern } from '../src/regex/to-js-pattern.js';
import fc from 'fast-check';
const table = ['(a+)+$','(a|aa)+$','(\\w+\\s?)+$','\\d+\\d+$','.*.*=.*','^(\\d+)*$','a.*b.*c','(x+x+)+y','^(([a-z])+.)+[A-Z]([a-z])+$','^(.*?,){11}P','(a|a?)+$','^(\\s*a\\s*)+$','^\\w+(?:\\.?\\w+)*$','^(?:a{1,5})+$','(a?){30}a{30}','^(?:x|y)+x+$','(?:a|b)*a(?:a|b)*$','\\s*#?\\s*$','^\\s*(\\w+)\\s*=\\s*(.*)\\s*$','(a+b+)+c','(ab|a)*c','(a*)*','^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$','(?:\\\\[^\\\\]*)+$','^(?:[^"]|"")*"$','(a|b|c|d|e|f|g|h)*z', '^(?:ab|a)(?:bc|c)*$'];
const rnd = fc.sample(fc.array(fc.constantFrom('a','b','(',')','|','*','+','?','{2,}','{1,3}','[a-z]','\\d','.','^','$','(?:','x'), {maxLength: 25}).map(a => a.join('')), {numRuns: 300, seed: 7});
for (const steps of [100, 200, 300, 500]) {
  let worst = 0, worstP = '', total = 0; const verdicts: Record<string, number> = {};
  for (const p of [...table, ...rnd]) {
    const js = toJsPattern(parseRe2(p).root);
    const t = performance.now(); let k: string;
    try { const r = isSafePattern(`^(?:${js})`, { maxSteps: steps, maxScore: 200, timeout: 10000, unicode: true, downgradePattern: false }); k = r.safe ? 'safe' : String(r.error); } catch { k = 'throw'; }
    const dt = performance.now() - t; total += dt; verdicts[k] = (verdicts[k] ?? 0) + 1;
    if (dt > worst) { worst = dt; worstP = p; }
  }
  console.log(steps, 'worst', worst.toFixed(1), worstP, 'total', total.toFixed(0), JSON.stringify(verdicts));
}
for (const p of table) { const js = toJsPattern(parseRe2(p).root); const out = [200, 500, 2000].map(s => { const t = performance.now(); const r = isSafePattern(`^(?:${js})`, { maxSteps: s, maxScore: 200, timeout: 10000, unicode: true, downgradePattern: false }); return `${r.safe ? 'safe' : r.error}/${(performance.now()-t).toFixed(0)}ms`; }); console.log(p.padEnd(45), out.join('  ')); }
