/** The opcodes of spec 1.4, by name, in opcode order (index = opcode number). */
export const OP_NAMES = ['ANY', 'EQ_INT', 'RANGE_INT', 'EQ_STR', 'PREFIX_STR', 'REGEX'] as const;
export type OpName = (typeof OP_NAMES)[number];

/** Opcode number of each name (spec 1.4). */
export const OPCODES: Readonly<Record<OpName, number>> = {
  ANY: 0, EQ_INT: 1, RANGE_INT: 2, EQ_STR: 3, PREFIX_STR: 4, REGEX: 5,
};

/** The kind of an input value a consumer supplies. */
export type InputKind = 'INT' | 'STR';

export interface TemplateInputs {
  /** Kinds of the input values supplied, in order; the length is the number supplied. */
  readonly inputs: readonly InputKind[];
}

export interface ConsumerLimits {
  /** More instances than this: the consumer refuses the file. */
  readonly max_instances: number;
  /** A file longer than this (bytes): the consumer refuses it. At most 2^32. */
  readonly max_file_size: number;
  /** A REGEX pattern longer than this (bytes) overflows the pattern buffer. */
  readonly regex_max_length: number;
}

/** One deployed version of the consumer (spec section 2). */
export interface ConsumerProfile {
  readonly name: string;
  /** Endpoints running this version (blast radius). */
  readonly population: number;
  /** Template types this consumer evaluates, by type_id, in the order the YAML lists them. */
  readonly templates: ReadonlyMap<number, TemplateInputs>;
  /** Opcodes it implements, in the order the YAML lists them. */
  readonly ops: ReadonlySet<OpName>;
  readonly limits: ConsumerLimits;
  /** Where the profile came from (a file path, or the name given to parseProfile). */
  readonly source: string;
}

export function isOpName(s: unknown): s is OpName {
  return typeof s === 'string' && (OP_NAMES as readonly string[]).includes(s);
}
