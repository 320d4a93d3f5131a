import type { CompiledExpr, Expr } from '../expr/index.js';
import type { FormatSchema } from '../model.js';
import type { Fail } from './build-model.js';

/**
 * How many expression nodes one let may stand for once the lets it uses are written out in full.
 * Evaluators memoise lets per struct, but a chain such as `b: a * a, c: b * b, ...` doubles at each
 * step for anything that does not; a real schema's lets stand for a few dozen nodes.
 */
export const MAX_LET_STEPS = 100_000;

/**
 * Lets that use each other in a cycle (`{a: b + 1, b: a + 1}`, `{a: a}`) would recurse until the
 * stack overflows; lets that stand for more than MAX_LET_STEPS nodes would take minutes. Both are
 * schema errors at the let. Only same-scope references count: a bare name, or `_root.x` in the
 * root type. `_parent.x` names another struct instance (a recursive type's `depth: _parent.depth + 1`
 * ends at the root), which the evaluator's own guard and depth limits cover.
 */
export function checkLets(schema: FormatSchema, fail: Fail): void {
  for (const [name, struct] of schema.types) {
    const lets = struct.lets;
    if (!lets) continue;
    const isLet = (n: string): boolean => Object.prototype.hasOwnProperty.call(lets, n);
    const uses = new Map<string, string[]>(); // each let used, once (for the cycle search)
    const size = new Map<string, number>();
    const every = new Map<string, string[]>(); // each use (`l * l` uses l twice: twice the steps)
    for (const [k, e] of Object.entries(lets)) {
      const refs: string[] = [];
      size.set(k, scan(e, name === schema.root, (n) => { if (isLet(n)) refs.push(n); }));
      uses.set(k, [...new Set(refs)]);
      every.set(k, refs);
    }
    const steps = new Map<string, number>();
    const state = new Map<string, 'busy' | 'done'>();
    for (const start of uses.keys()) {
      if (state.has(start)) continue;
      const stack: Array<{ let: string; next: number }> = [{ let: start, next: 0 }];
      state.set(start, 'busy');
      while (stack.length) {
        const top = stack[stack.length - 1]!;
        const refs = uses.get(top.let)!;
        if (top.next < refs.length) {
          const r = refs[top.next++]!;
          if (state.get(r) === 'busy') {
            const cycle = [...stack.slice(stack.findIndex((s) => s.let === r)).map((s) => s.let), r];
            fail(['types', name, 'let', r], `let ${r} depends on itself (${cycle.join(' → ')})`);
          }
          if (!state.has(r)) { state.set(r, 'busy'); stack.push({ let: r, next: 0 }); }
          continue;
        }
        stack.pop();
        state.set(top.let, 'done');
        let total = size.get(top.let)!;
        for (const r of every.get(top.let)!) total = Math.min(total + steps.get(r)!, MAX_LET_STEPS + 1);
        if (total > MAX_LET_STEPS) {
          fail(['types', name, 'let', top.let], `let ${top.let} stands for more than ${MAX_LET_STEPS.toLocaleString('en-US')} evaluation steps once the lets it uses are expanded; simplify the chain`);
        }
        steps.set(top.let, total);
      }
    }
  }
}

/** Counts the nodes of `e` and reports each same-scope name it uses. */
function scan(e: CompiledExpr, isRoot: boolean, use: (name: string) => void): number {
  let count = 0;
  const todo: Expr[] = [e.ast];
  while (todo.length) {
    const x = todo.pop()!;
    count++;
    switch (x.kind) {
      case 'name': use(x.name); break;
      case 'member':
        if (isRoot && x.object.kind === 'name' && x.object.name === '_root') use(x.name);
        else todo.push(x.object);
        break;
      case 'index': todo.push(x.object, x.index); break;
      case 'call': todo.push(...x.args); break;
      case 'unary': todo.push(x.operand); break;
      case 'binary': todo.push(x.left, x.right); break;
      case 'cond': todo.push(x.test, x.then, x.else); break;
      default: break;
    }
  }
  return count;
}
