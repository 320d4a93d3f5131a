import type { Expr, FieldDef, FormatSchema } from '../../schema/index.js';
import type { BranchTable } from '../coverage.js';
import { fixedSize } from '../load/schema-names.js';
import type { ConsumerModel } from '../types.js';
import { ExprCompiler } from './expr.js';
import { Frame, Gen, Unsupported, num, pathCode, type Slot } from './gen.js';
import { Reader, type Pos } from './reader.js';
import { Stores } from './stores.js';

/** What the generated function needs besides its source: constants, stores, limit names. */
export interface Program {
  readonly source: string;
  readonly consts: readonly unknown[];
  readonly stores: Stores;
  /** Limit names in the order of P.L. */
  readonly limits: readonly string[];
  /** The store of the input binding's declaration table. */
  readonly table: number | undefined;
}

/**
 * The whole consumer as one function `run(bytes, S, P, cov)`: refuse (src/model/run/refuse.ts),
 * then every root field of the load in order (walker.ts readRootField). Returns 0 when done (the
 * outcome is in S), 1 to bail (the interpreter runs instead).
 */
export function buildProgram(model: ConsumerModel, branches: BranchTable): Program {
  const g = new Gen();
  const stores = new Stores();
  const schema = model.schema;
  const rootDef = schema.types.get(schema.root)!;
  const referenced = namesUsed(model);
  for (const f of rootDef.fields) {
    if (f.type.kind !== 'struct' || !f.repeat || f.at || f.repeatBytes) continue;
    if (referenced.has(f.id) || model.inputs?.declares?.table === f.id) stores.addTable(f, schema.types.get(f.type.struct)!);
  }
  const declares = model.inputs?.declares;
  const table = declares ? stores.tables.get(declares.table) : undefined;
  if (declares && table === undefined) throw new Unsupported('the declaration table is not an array of structs at the cursor');
  const reader = new Reader(g, model, stores, branches);
  const root = new Frame(rootDef, null, undefined, []);
  for (const f of rootDef.fields) root.slot(f);
  const limits = [...model.profile.limits.keys()];
  const modelExprs = new ExprCompiler({ gen: g, stores, deferred: false, limits: new Map(limits.map((l, i) => [l, i])) });
  const pos = (halt: string, segs: readonly string[], off: string): Pos => ({ halt, rec: { segs, off }, depth: 0, stack: [schema.root] });
  const flags = new Map<string, string>();

  const readRoot = (f: FieldDef): void => {
    const slot = root.slot(f);
    const flag = g.local('rs', 'false');
    flags.set(f.id, flag);
    const l = g.label();
    const key = g.k(f.id);
    let value;
    if (f.at && f.repeat) {
      reader.emit(`${l}: { ${flag} = true;`);
      const [n, i, a] = [g.local('n'), g.local('i'), g.local('a')];
      reader.size(n, f.repeat, root, `break ${l};`);
      reader.emit(`for (${i} = 0; ${i} < ${n}; ${i}++) {`);
      reader.spend();
      reader.size(a, f.at, root.withIndex(i), 'break;');
      const h = g.label();
      reader.emit(`${h}: {`);
      reader.readOne(f, a, { scope: root, index: i, atRoot: false, segs: [key], key: i, pos: pos(h, [key, i], a) });
      reader.emit('} }');
      reader.emit('}');
    } else if (f.at) {
      reader.emit(`${l}: {`);
      const a = g.local('a');
      reader.size(a, f.at, root, `break ${l};`);
      value = reader.readOne(f, a, { scope: root, atRoot: true, segs: [], key, pos: pos(l, [key], a) }).value;
      reader.emit(`${flag} = true; }`);
      slot.off = a;
    } else {
      const [c, o] = [g.local('c'), g.local('o')];
      reader.emit(`${l}: if (cursor >= 0) { ${c} = cursor; ${o} = cursor; cursor = -1;`);
      if (f.repeat) reader.emit(`${flag} = true;`);
      const table = stores.tables.get(f.id);
      value = reader.inline(f, root, undefined, c, pos(l, [key], o), true, [], table);
      if (table !== undefined) value = { k: 'refarr' as const, store: table, count: `S.st[${num(table)}].n` };
      reader.emit(`cursor = ${c}; ${f.repeat ? '' : `${flag} = true;`} }`);
      slot.off = o;
    }
    Object.assign(slot, { state: 'dyn', flag, value: value ?? { k: 'opaque' } });
  };

  // Refuse: the fields the checks need, then the rules in order.
  for (const f of model.refuse.read) {
    const needed = fixedSize(schema, f, 0) ?? 0;
    reader.emit(`if (cursor + ${num(needed)} > len) {`);
    reader.cov(branches.refuseTruncated);
    reader.emit(`S.refused = { fault: { code: ${g.k(model.refuse.truncatedCode)}, path: [${g.k(f.id)}], offset: cursor, details: { needed: ${num(needed)}, at: cursor, available: Math.max(0, len - cursor), what: ${g.k(f.id)} } }, report: false };`);
    reader.emit('S.nodes = nodes; return 0; }');
    readRoot(f);
    reader.emit(`if (cursor < 0 || S.fault !== null || !${flags.get(f.id)!}) return 1;`);
    root.slot(f).state = 'set';
  }
  model.refuse.rules.forEach((rule, i) => {
    const hit = g.local('h', 'false');
    reader.tryInto(hit, modelExprs.bool(rule.when.ast, root).code, `${hit} = false;`);
    reader.emit(`if (${hit}) {`);
    reader.cov(branches.refuseRule[i]);
    const at = rule.at ? staticRef(rule.at.ast, root) : { segs: [], off: '0' };
    const d = g.local('d', 'null');
    reader.emit(`${d} = {};`);
    for (const [k, e] of rule.details) reader.tryInto(`${d}[${g.k(k)}]`, modelExprs.value(e.ast, root), '');
    reader.emit(`S.refused = { fault: { code: ${g.k(rule.code)}, path: ${pathCode(at.segs.map((s) => g.k(s)))}, offset: ${at.off}, details: ${d} }, report: ${rule.usesLimits ? 'true' : 'false'} };`);
    reader.emit('S.nodes = nodes; return 0; }');
  });
  reader.cov(branches.accepted);
  for (const f of model.load) readRoot(f);
  if (declares) reader.emit(`S.tableSet = ${flags.get(declares.table) ?? 'false'};`);
  reader.emit('S.nodes = nodes; return 0;');

  const source = [
    'return function run(bytes, S, P, cov) {',
    'const len = bytes.length; const nodeLeft = S.nodeLeft; let cursor = 0; let nodes = 0;',
    ...chunk(g.locals).map((l) => `let ${l.join(', ')};`),
    g.body(),
    '};',
  ].join('\n');
  return { source, consts: g.consts, stores, limits, table };
}

/** evaluateRef's path of a refusal's `at:` (fields read by the refusal), and where locate() puts it. */
function staticRef(e: Expr, root: Frame): { segs: string[]; off: string } {
  const chain: string[] = [];
  let x: Expr = e;
  while (x.kind === 'member') {
    chain.unshift(x.name);
    x = x.object;
  }
  if (x.kind !== 'name') throw new Unsupported('a refusal at a computed place');
  // `_io.size` is a value, not a field: no path (the file, at offset 0), as evaluateRef says.
  if (x.name === '_io' && chain.length === 1 && chain[0] === 'size') return { segs: [], off: '0' };
  if (x.name !== '_root') chain.unshift(x.name);
  // locate() finds offsets only in located structs: the root's fields and a root struct's fields.
  if (chain.length === 0 || chain.length > 2 || chain[0]!.startsWith('_')) throw new Unsupported('a refusal at a place the compiler does not locate');
  let frame: Frame | undefined = root;
  let off = '0';
  for (const seg of chain) {
    const s: Slot | undefined = frame?.fields.get(seg);
    if (!s || s.state !== 'set' || s.off === undefined) throw new Unsupported(`a refusal at ${seg}, not a field the refusal read`);
    off = s.off;
    frame = s.value?.k === 'obj' ? s.value.frame : undefined;
  }
  return { segs: chain, off };
}

function chunk<T>(xs: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += 200) out.push(xs.slice(i, i + 200));
  return out;
}

/** Names an expression the consumer evaluates may read (the root tables to keep). */
function namesUsed(model: ConsumerModel): Set<string> {
  const names = new Set<string>();
  const walk = (e: Expr | undefined): void => {
    if (!e) return;
    switch (e.kind) {
      case 'name': names.add(e.name); break;
      case 'member': names.add(e.name); walk(e.object); break;
      case 'index': walk(e.object); walk(e.index); break;
      case 'call': e.args.forEach(walk); break;
      case 'unary': walk(e.operand); break;
      case 'binary': walk(e.left); walk(e.right); break;
      case 'cond': walk(e.test); walk(e.then); walk(e.else); break;
      default: break;
    }
  };
  const schema: FormatSchema = model.schema;
  for (const st of schema.types.values()) {
    for (const l of Object.values(st.lets ?? {})) walk(l.ast);
    for (const f of st.fields) {
      for (const x of [f.repeat, f.repeatBytes, f.size, f.at, f.view]) walk(x?.ast);
      if (f.type.kind === 'switch') walk(f.type.on.ast);
    }
  }
  for (const r of model.refuse.rules) [r.when, r.at, ...r.details.map(([, e]) => e)].forEach((e) => walk(e?.ast));
  if (model.inputs) [model.inputs.key, model.inputs.index, model.inputs.when, model.inputs.kind].forEach((e) => walk(e.ast));
  return names;
}
