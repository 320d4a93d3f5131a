import { RE2 } from 're2-wasm';
const r = new RE2('a','u');
console.log(typeof r.wrapper.delete, Object.getOwnPropertyNames(Object.getPrototypeOf(r.wrapper)));
for (const p of ['\ud800', 'a\u0000b', '\uffff', '\u{10FFFF}+']) { try { new RE2(p,'u'); console.log('OK', JSON.stringify(p)); } catch(e) { console.log('ERR', JSON.stringify(p), e.message); } }
let t=performance.now();
for (let i=0;i<50000;i++){ const x = new RE2('(a|b)'+i+'[a-z]{1,'+(i%900+1)+'}','u'); if (process.argv[2]) x.wrapper.delete(); }
console.log('50k compiles ms', performance.now()-t, process.memoryUsage().arrayBuffers/1e6, 'MB ab', process.memoryUsage().rss/1e6);
