import { describe, expect, it } from 'vitest';
import { explainFile } from '../../../src/triage/explain/index.js';
import { bytesOf, consumer, explain, format, lines, type FormatName } from './helpers.js';

/**
 * One case per fault class of each bundled model (and of the tutorial's rule book, a third format
 * the code has never seen): the clause the fault comes from, and the facts its chain must name,
 * each a substring of one step, with the path (and offset) that step points at.
 */
interface Case {
  readonly name: string;
  readonly format: FormatName;
  readonly bytes: () => Uint8Array;
  readonly profile: string;
  readonly outcome: 'crash' | 'reject' | 'undecided';
  readonly clause: string;
  readonly code?: string;
  readonly facts: ReadonlyArray<readonly [text: string, path?: string, offset?: number]>;
}

const file = (f: string) => (): Uint8Array => bytesOf(f);
const cut = (f: string, n: number) => (): Uint8Array => bytesOf(f).subarray(0, n);
/** The file, then zeros up to `size` bytes: over a profile's file-size limit. */
const padded = (f: string, size: number) => (): Uint8Array => {
  const out = new Uint8Array(size);
  out.set(bytesOf(f));
  return out;
};

const CASES: Case[] = [
  // CCF (schemas/ccf-v1.consumer.yaml)
  { name: 'refuse.read: shorter than the header', format: 'ccf', bytes: cut('corpus/ccf/codes/clean.bin', 10), profile: 'agent-7.11', outcome: 'reject', clause: 'refuse.read', code: 'TRUNCATED',
    facts: [['reads header from the start of the file (refuse.read)'], ['header needs 40 bytes at 0; the file has 10 bytes, 10 bytes left there', 'header', 0]] },
  { name: 'refuse rule: magic', format: 'ccf', bytes: file('corpus/ccf/codes/bad-magic.bin'), profile: 'agent-7.11', outcome: 'reject', clause: 'refuse.rules[0]', code: 'BAD_MAGIC',
    facts: [['checks `header.magic != 0xAAAAAAAA`'], ['header.magic = 2863311531 (0xAAAAAAAB): the rule holds', 'header.magic', 0], ['refuses the file']] },
  { name: 'refuse rule: version', format: 'ccf', bytes: file('corpus/ccf/codes/bad-version.bin'), profile: 'agent-7.16', outcome: 'reject', clause: 'refuse.rules[1]', code: 'BAD_VERSION',
    facts: [['the 1 rule before it do not hold'], ['header.version = 2: the rule holds', 'header.version', 4]] },
  { name: 'refuse rule: file size over the profile limit', format: 'ccf', bytes: padded('corpus/ccf/codes/clean.bin', 1_048_577), profile: 'agent-7.11', outcome: 'reject', clause: 'refuse.rules[2]', code: 'LIMIT_EXCEEDED',
    facts: [['_io.size = 1048577 (0x100001), limits.max_file_size = 1048576 (0x100000): the rule holds (the limit is agent-7.11\'s own)']] },
  { name: 'refuse rule: instance count over the profile limit', format: 'ccf', bytes: file('corpus/ccf/codes/limit-exceeded.bin'), profile: 'agent-7.11', outcome: 'reject', clause: 'refuse.rules[3]', code: 'LIMIT_EXCEEDED',
    facts: [['header.instance_count = 5000, limits.max_instances = 4096: the rule holds', 'header.instance_count', 24]] },
  { name: 'load: a region placed and sized past the end', format: 'ccf', bytes: file('corpus/ccf/codes/read-past-end.bin'), profile: 'agent-7.11', outcome: 'crash', clause: 'load', code: 'READ_PAST_END',
    facts: [['pool is placed at 70 (at: header.pool_offset = 70)', 'header.pool_offset', 28], ['pool is 4,000 bytes (size: header.pool_size = 4000)', 'pool', 70], ['the file has 85 bytes: at 70 only 15 bytes are left, 4,000 needed'], ['past the end of the file (READ_PAST_END at pool @ 70)', 'pool', 70]] },
  { name: 'load: a truncated file', format: 'ccf', bytes: file('corpus/ccf/codes/truncated.bin'), profile: 'agent-7.16', outcome: 'crash', clause: 'load', code: 'READ_PAST_END',
    facts: [['pool is 11 bytes (size: header.pool_size = 11)'], ['the file has 58 bytes: at 70 none is left, 11 needed']] },
  { name: 'dispatch switch: an opcode the consumer does not implement', format: 'ccf', bytes: file('corpus/ccf/codes/unknown-op.bin'), profile: 'agent-7.11', outcome: 'crash', clause: 'dispatch.switch criterion.args', code: 'UNKNOWN_OP',
    facts: [['instances[0].criteria[1].op is 9, a value the opcode enum does not name', 'instances[0].criteria[1].op', 61], ['agent-7.11 lists 6 ops: ANY, EQ_INT, RANGE_INT, EQ_STR, PREFIX_STR, REGEX'], ['so 9 has no entry in its dispatch table', 'instances[0].criteria[1]', 61]] },
  { name: 'dispatch lookup: a template that is not in the table', format: 'ccf', bytes: file('corpus/ccf/codes/unknown-template.bin'), profile: 'agent-7.11', outcome: 'crash', clause: 'dispatch.lookup instance.template', code: 'UNKNOWN_TEMPLATE',
    facts: [['instances[0].type_id = 5', 'instances[0].type_id', 56], ["the let `template` (`lookup(_root.types, 'type_id', type_id)`) is null for it: no element of _root.types has type_id = 5 (it holds type_id 2)", 'types', 40], ['reads the record up to action, then uses `template` without checking it']] },
  { name: 'copies: a pool reference past the copied pool', format: 'ccf', bytes: file('corpus/ccf/codes/pool-oob.bin'), profile: 'agent-7.11', outcome: 'crash', clause: 'copies', code: 'POOL_OOB',
    facts: [['instances[0].criteria[0].text is 64 bytes (size: str_len = 64) at 0 in pool (at: str_off = 0)', 'instances[0].criteria[0].str_off', 61], ['copied pool into a buffer of 5 bytes (copies: pool; its size is header.pool_size)', 'pool', 70], ['0 + 64 = 64, past the 5-byte copy']] },
  { name: 'buffers: a pattern longer than the pattern buffer', format: 'ccf', bytes: file('corpus/ccf/codes/regex-too-long.bin'), profile: 'agent-7.11', outcome: 'crash', clause: 'buffers[0]', code: 'REGEX_TOO_LONG',
    facts: [['instances[0].criteria[0].text is 300 bytes (size: str_len = 300)'], ['a fixed buffer of 256 bytes (limits.regex_max_length = 256)'], ['300 > 256: the copy overflows the buffer']] },
  { name: 'engines: RE2 rejects the pattern', format: 'ccf', bytes: file('corpus/ccf/codes/regex-invalid.bin'), profile: 'agent-7.16', outcome: 'crash', clause: 'engines[0]', code: 'REGEX_INVALID',
    facts: [['is the pattern "([a-z]+"'], ['compiles it with RE2 (engines), which rejects it: "missing ): ([a-z]+"'], ['the error is not handled']] },
  { name: 'inputs: an input read out of bounds (July 2024)', format: 'ccf', bytes: file('corpus/ccf/story/2024-07-19-0409-channel-291.bin'), profile: 'agent-7.11', outcome: 'crash', clause: 'inputs', code: 'OOB_INPUT_READ',
    facts: [['instances[5] is of type 1', 'instances[5].type_id', 322], ['declares 21 fields for type 1', 'types[0].field_count', 42], ['supplies 20 inputs for type 1'], ['inputs[20] is read out of bounds', 'instances[5].criteria[20]', 358]] },
  { name: 'inputs: an input read as the other kind', format: 'ccf', bytes: file('corpus/ccf/codes/type-confusion.bin'), profile: 'agent-7.11', outcome: 'crash', clause: 'inputs', code: 'TYPE_CONFUSION',
    facts: [["the file's types table declares field 1 of type 2 as STR (types[0].field_kinds[1])", 'types[0].field_kinds[1]', 45], ['criteria[1].op is EQ_STR, not ANY: the rule `op != 0` holds, so it reads input 1 (index = _index = 1), as STR (kind = applies = 2)', 'instances[0].criteria[1].op', 61], ['agent-7.11 supplies input 1 of type 2 as INT'], ['so inputs[1] is read as STR but holds INT']] },
  // sigpack (schemas/sigpack-v1.consumer.yaml): its own codes and an input number stored in the element
  { name: 'refuse.read: the header cut short', format: 'sigpack', bytes: file('corpus/sigpack/truncated-header.bin'), profile: 'scanner-2.3', outcome: 'reject', clause: 'refuse.read', code: 'TRUNCATED',
    facts: [['reads magic, version, flags, record_count, body_size from the start of the file'], ['body_size needs 4 bytes at 10; the file has 10 bytes, 0 bytes left there', 'body_size', 10]] },
  { name: 'refuse rule: magic', format: 'sigpack', bytes: file('corpus/sigpack/bad-magic.bin'), profile: 'scanner-2.4', outcome: 'reject', clause: 'refuse.rules[0]', code: 'BAD_MAGIC',
    facts: [['magic = 1397771056 (0x53504B30): the rule holds', 'magic', 0]] },
  { name: 'refuse rule: version', format: 'sigpack', bytes: file('corpus/sigpack/bad-version.bin'), profile: 'scanner-2.4', outcome: 'reject', clause: 'refuse.rules[1]', code: 'BAD_VERSION',
    facts: [['version = 3: the rule holds', 'version', 4]] },
  { name: 'refuse rule: pack size over the profile limit', format: 'sigpack', bytes: padded('corpus/sigpack/clean.bin', 1_048_577), profile: 'scanner-2.3', outcome: 'reject', clause: 'refuse.rules[2]', code: 'LIMIT_EXCEEDED',
    facts: [['_io.size = 1048577 (0x100001), limits.max_pack_size = 1048576 (0x100000): the rule holds']] },
  { name: 'refuse rule: more records than the record table', format: 'sigpack', bytes: file('corpus/sigpack/too-many-records.bin'), profile: 'scanner-2.3', outcome: 'reject', clause: 'refuse.rules[3]', code: 'LIMIT_EXCEEDED',
    facts: [['record_count = 300, limits.max_records = 256: the rule holds', 'record_count', 8]] },
  { name: 'load: a record cut short', format: 'sigpack', bytes: file('corpus/sigpack/cut-short.bin'), profile: 'scanner-2.3', outcome: 'crash', clause: 'load', code: 'READ_PAST_END',
    facts: [['records fills 18 bytes (repeat_bytes: body_size = 18)', 'body_size', 10], ['records[1] starts at 25', 'records[1]', 25], ['records[1].length is a u2 (2 bytes), read at 26', 'records[1].length', 26], ['the file has 27 bytes: at 26 only 1 byte is left, 2 needed']] },
  { name: 'load: a record length past the end', format: 'sigpack', bytes: file('corpus/sigpack/record-past-end.bin'), profile: 'scanner-2.4', outcome: 'crash', clause: 'load', code: 'READ_PAST_END',
    facts: [['records[1].body.text is 1,024 bytes (size: _parent.length = 1024), read at 28', 'records[1].body.text', 28], ['at 28 only 9 bytes are left, 1,024 needed']] },
  { name: 'dispatch switch: a tag with no handler (SIG_NO_HANDLER)', format: 'sigpack', bytes: file('corpus/sigpack/exclude-record.bin'), profile: 'scanner-2.3', outcome: 'crash', clause: 'dispatch.switch record.body', code: 'SIG_NO_HANDLER',
    facts: [['records[2].tag is EXCLUDE (6)', 'records[2].tag', 38], ['scanner-2.3 lists 5 handlers: NAME, THRESHOLD, SHA256, PATTERN, MATCH'], ['so EXCLUDE has no entry in its dispatch table', 'records[2].body', 41]] },
  { name: 'dispatch switch: a tag no version handles', format: 'sigpack', bytes: file('corpus/sigpack/no-handler.bin'), profile: 'scanner-2.4', outcome: 'crash', clause: 'dispatch.switch record.body', code: 'SIG_NO_HANDLER',
    facts: [['records[1].tag is 9, a value the tag enum does not name'], ['scanner-2.4 lists 6 handlers: NAME, THRESHOLD, SHA256, PATTERN, MATCH, EXCLUDE']] },
  { name: 'buffers: a pattern over the pattern buffer (SIG_PATTERN_OVERFLOW)', format: 'sigpack', bytes: file('corpus/sigpack/pattern-overflow.bin'), profile: 'scanner-2.3', outcome: 'crash', clause: 'buffers[0]', code: 'SIG_PATTERN_OVERFLOW',
    facts: [['records[1].body.text is 188 bytes (size: _parent.length = 188)', 'records[1].body.text', 34], ['a fixed buffer of 128 bytes (limits.pattern_buffer = 128)'], ['188 > 128']] },
  { name: 'engines: RE2 rejects the pattern', format: 'sigpack', bytes: file('corpus/sigpack/regex-invalid.bin'), profile: 'scanner-2.3', outcome: 'crash', clause: 'engines[0]', code: 'REGEX_INVALID',
    facts: [['records[1].body.text is the pattern "^([a-z]+\\.exe$"'], ['which rejects it: "missing ): ^([a-z]+\\.exe$"']] },
  { name: 'inputs: a field the version does not supply', format: 'sigpack', bytes: file('corpus/sigpack/oob-input-read.bin'), profile: 'scanner-2.3', outcome: 'crash', clause: 'inputs', code: 'OOB_INPUT_READ',
    facts: [['records[1].body is of source PROCESS (source = 2)', 'records[1].body.source', 39], ['conds[1].kind is TEXT, not OFF: the rule `kind != 0` holds, so it reads input 6 (index = field = 6)', 'records[1].body.conds[1].kind', 60], ['scanner-2.3 supplies 6 fields for source PROCESS'], ['so fields[6] is read out of bounds', 'records[1].body.conds[1]', 59]] },
  { name: 'inputs: a field read as the other kind', format: 'sigpack', bytes: file('corpus/sigpack/type-confusion.bin'), profile: 'scanner-2.4', outcome: 'crash', clause: 'inputs', code: 'TYPE_CONFUSION',
    facts: [['reads input 2 (index = field = 2), as TEXT (kind = 2)'], ['scanner-2.4 supplies field 2 of source PROCESS as NUM'], ['so fields[2] is read as TEXT but holds NUM']] },
  // The tutorial's rule book: a lookup with the model's own code, and a view into a copied table
  { name: 'dispatch lookup with a model code (SET_NOT_DECLARED)', format: 'rulebook', bytes: file('corpus/rulebook/unknown-set.bin'), profile: 'sensor-4.2', outcome: 'crash', clause: 'dispatch.lookup rule.decl', code: 'SET_NOT_DECLARED',
    facts: [['rules[0].set = 7', 'rules[0].set', 40], ["no element of _root.sets has set_id = 7 (it holds set_id 1)", 'sets', 19]] },
  { name: 'copies: a message past the copied table', format: 'rulebook', bytes: file('corpus/rulebook/message-oob.bin'), profile: 'sensor-5.0', outcome: 'crash', clause: 'copies', code: 'POOL_OOB',
    facts: [['rules[0].message is 26 bytes (size: msg_len = 26) at 20 in messages (at: msg_off = 20)'], ['copied messages into a buffer of 26 bytes'], ['20 + 26 = 46']] },
  { name: 'same file, two outcomes: a limit on one version, a read past the end on the other', format: 'rulebook', bytes: file('corpus/rulebook/too-many-rules.bin'), profile: 'sensor-5.0', outcome: 'crash', clause: 'load', code: 'READ_PAST_END',
    facts: [['rules has 150 elements (repeat: header.rule_count = 150)', 'header.rule_count', 11], ['rules[1].rule_id is a u4 (4 bytes), read at 67', 'rules[1].rule_id', 67]] },
];

describe('explain: one chain per fault class of each model, generated from its clauses', () => {
  it.each(CASES.map((c) => [`${c.format} ${c.name}`, c] as const))('%s', (_, c) => {
    const k = consumer(explain(c.format, c.bytes()), c.profile);
    expect(k.outcome).toBe(c.outcome);
    expect(k.clause).toBe(c.clause);
    if (c.code) expect(k.fault?.code).toBe(c.code);
    for (const [text, path, offset] of c.facts) {
      const hit = k.chain.find((s) => s.text.includes(text));
      expect(hit, `${text}\nin\n${lines(k).join('\n')}`).toBeDefined();
      if (path !== undefined) expect(hit!.path, text).toBe(path);
      if (offset !== undefined) expect(hit!.offset, text).toBe(offset);
    }
    // The last step names the fault where the report names it.
    const last = k.chain[k.chain.length - 1]!;
    if (k.fault) expect(last).toMatchObject({ path: k.fault.path, offset: k.fault.offset });
  });

  it('an undecided run says which budget cut it short', () => {
    const x = explainFile({ ...format('ccf'), bytes: bytesOf('corpus/ccf/story/2024-07-19-0409-channel-291.bin'), consumerBudget: { nodes: 10 } });
    const k = consumer(x, 'agent-7.11');
    expect(k).toMatchObject({ outcome: 'undecided', clause: 'budget' });
    expect(k.chain[0]!.text).toContain('the nodes budget (limit 10 values read) ran out');
    expect(k.chain[1]!.text).toContain('whether agent-7.11 loads the file is not known');
  });

  it.each([
    ['ccf', 'corpus/ccf/codes/kind-mismatch.bin', 'agent-7.11', 'KIND_MISMATCH', 'inputs.declares', ["the file's types table declares field 1 of type 2 as STR (types[0].field_kinds[1])", 'agent-7.11 supplies input 1 of type 2 as INT', 'the first one that does is TYPE_CONFUSION']],
    ['ccf', 'corpus/ccf/codes/unused-template.bin', 'agent-7.16', 'UNUSED_TEMPLATE', 'inputs', ['1 record of the file is of type 7', 'supplies no inputs for type 7: it never evaluates it']],
    ['sigpack', 'corpus/sigpack/disabled-condition.bin', 'scanner-2.3', 'SIG_LATENT_FIELD', 'inputs.latent', ['records[1].body is of source PROCESS', 'conds[1].kind is OFF: the rule `kind != 0` does not hold, so it reads nothing today; it names input 6 (index = field = 6)', 'scanner-2.3 supplies 6 fields for source PROCESS', 'so once the rule holds there, fields[6] is read out of bounds']],
    ['rulebook', 'corpus/rulebook/unsupplied-set.bin', 'sensor-5.0', 'SET_NOT_EVALUATED', 'inputs', ['1 record of the file is of set 9', 'supplies no fields for set 9']],
  ] as const)('hazard: %s %s on %s: %s', (fmt, f, profile, code, clause, facts) => {
    const k = consumer(explain(fmt, bytesOf(f)), profile);
    expect(k.outcome).toBe('load');
    const h = k.hazards.find((x) => x.code === code);
    expect(h, JSON.stringify(k.hazards)).toBeDefined();
    expect(h!.clause).toBe(clause);
    for (const text of facts) expect(h!.chain.some((s) => s.text.includes(text)), `${text}\nin\n${lines(h!).join('\n')}`).toBe(true);
  });
});
