import { re2SyntaxError, regexCacheStats } from '../src/regex/index.js';
const pats = ['(?P<x>a)','[[:alpha:]]','(?i)abc','(','a**','(?=x)','\\1','a{1001}','a{1000}','\\u0041','\\cA','(?<n>a)','\\Qa.b\\E','\\pN','\\p{Greek}','\\z','\\C','(?U)a+','a/b','(?P<x>a)(?P<x>b)','', 'abc', '^[a-z]+\\.exe$', '(' + 'a'.repeat(300), '\\pL{100}', 'abc', '[a-z]{1,1000}'.repeat(12), 'abc', 'a\u0000(', '\ud800', 'x'.repeat(200000)];
for (const p of pats) { const t = performance.now(); const r = re2SyntaxError(p); const t1 = performance.now(); re2SyntaxError(p); const t2 = performance.now(); console.log((t1-t).toFixed(2).padStart(8), (t2-t1).toFixed(4).padStart(7), JSON.stringify(p).slice(0,30).padEnd(30), JSON.stringify(r)); }
console.log(regexCacheStats());
