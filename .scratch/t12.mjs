import { isSafePattern } from 'redos-detector';
for (const p of ['^\\p{L}+\\p{N}+$', '^\\p{L}+\\p{Lu}+$', '^[\\p{L}\\d]+[\\P{L}]+$', '^\\p{Script=Greek}+\\p{L}+$', '^\\p{Script=Greek}+\\p{Script=Latin}+$', '^[\\u{0}-\\u{10FFFF}]+x$', '^[^]+a$', '^[]+a$']) {
  const t = performance.now(); let r; try { r = isSafePattern(p, { unicode: true, timeout: 50, maxSteps: 500, downgradePattern: false }); r = `${r.safe} ${r.error}`; } catch (e) { r = 'THROW ' + e.message.split('\n')[0]; }
  console.log((performance.now()-t).toFixed(1).padStart(7), p, r);
}
