meta:
  id: ccf_v1
  title: CCF v1 content-update file
  file-extension: bin
  license: MIT
  endian: le
doc: |
  CCF v1, the layout of docs/ccf-v1.md section 1, for the Kaitai Struct compiler: the baseline
  that issue 12 measures preflight's schema-driven validate against (bench/scale.ts). It states
  the same layout as schemas/ccf-v1.yaml and every rule Kaitai's `valid` can say about one
  field (magic, version, header size, reserved bits and bytes, counts, field kinds, actions,
  opcodes, sizes, strings inside the pool). A broken rule throws, as Kaitai parsers do. Kaitai
  cannot state unique ids, the type lookup, placement of the records, opcode kinds against field
  kinds, lo <= hi, UTF-8 validity (it decodes leniently) or the CRC-32; the bench's reader of the
  parse (bench/kaitai/read-all.ts) adds only the CRC comparison, so the Kaitai figure is for less
  checking than the walker and validate do. Records are `instances` at the offsets of the index
  (Kaitai's lazy idiom for offsets), and strings are lazy too: the reader reads every one, so
  all of the file is parsed.
seq:
  - id: header
    type: header
  - id: types
    type: template_type
    repeat: expr
    repeat-expr: header.type_count
  - id: index
    type: index_entry
    repeat: expr
    repeat-expr: header.instance_count
instances:
  pool:
    pos: header.pool_offset
    size: header.pool_size
  crc:
    doc: CRC-32 (zlib) of every byte before it.
    pos: _io.size - 4
    type: u4
enums:
  field_kind:
    1: int
    2: str
  action:
    0: log
    1: block
    2: kill
types:
  header:
    seq:
      - id: magic
        contents: [0xaa, 0xaa, 0xaa, 0xaa]
      - id: version
        type: u2
        valid: 1
      - id: header_size
        type: u2
        valid: 40
      - id: channel
        type: u2
      - id: flags
        type: u2
        valid:
          expr: (_ & 0xfffe) == 0
      - id: content_seq
        type: u8
      - id: type_count
        type: u2
        valid:
          min: 1
          max: 32
      - id: reserved
        type: u2
        valid: 0
      - id: instance_count
        type: u4
        valid:
          max: 65535
      - id: pool_offset
        type: u4
      - id: pool_size
        type: u4
      - id: file_size
        type: u4
        valid:
          expr: _ == _root._io.size and pool_offset + pool_size + 4 == _
  template_type:
    seq:
      - id: type_id
        type: u2
      - id: field_count
        type: u1
        valid:
          min: 1
          max: 64
      - id: reserved
        type: u1
        valid: 0
      - id: field_kinds
        type: u1
        enum: field_kind
        repeat: expr
        repeat-expr: field_count
        valid:
          in-enum: true
  index_entry:
    seq:
      - id: ofs
        type: u4
    instances:
      record:
        io: _root._io
        pos: ofs
        type: instance_record
  instance_record:
    seq:
      - id: instance_id
        type: u4
      - id: type_id
        type: u2
      - id: criteria_count
        type: u1
      - id: action
        type: u1
        enum: action
        valid:
          in-enum: true
      - id: criteria
        type: criterion
        repeat: expr
        repeat-expr: criteria_count
  criterion:
    seq:
      - id: op
        type: u1
        valid:
          max: 5
      - id: args
        type:
          switch-on: op
          cases:
            1: arg_eq_int
            2: arg_range_int
            3: arg_str
            4: arg_str
            5: arg_str
  arg_eq_int:
    seq:
      - id: value
        type: u8
  arg_range_int:
    seq:
      - id: lo
        type: u8
      - id: hi
        type: u8
  arg_str:
    seq:
      - id: str_off
        type: u4
      - id: str_len
        type: u2
        valid:
          expr: str_off + _ <= _root.header.pool_size
    instances:
      text:
        io: _root._io
        pos: _root.header.pool_offset + str_off
        size: str_len
        type: str
        encoding: UTF-8
