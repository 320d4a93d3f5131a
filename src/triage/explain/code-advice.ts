import type { BuiltinCode } from '../../findings/index.js';

/**
 * Per built-in code, what docs/findings.md does not already say: why it matters to a consumer, and
 * a fix where the docs' table has none (src/report/rule-help.ts holds the meaning and the docs'
 * fix; explainCode takes those from there). Worded for any format: the format's terms come from
 * its schema and model, never from here.
 */
export const CODE_ADVICE: Readonly<Record<BuiltinCode, { readonly why: string; readonly fix?: string }>> = {
  BAD_MAGIC: { why: 'Consumers check the magic before anything else and refuse the file: the update never applies on any of them.' },
  BAD_VERSION: { why: 'Consumers refuse a version they do not read: the update never applies.' },
  HEADER_SIZE: { why: 'A consumer that trusts the header size starts reading the body at the wrong offset: every field after it is misread.' },
  TRUNCATED: { why: 'A consumer that trusts the declared layout reads past the end of the file buffer: a crash, not a refusal.' },
  SIZE_MISMATCH: { why: 'Consumers size their buffers and reads from these fields; when they disagree with the file, the reads they compute run past data or skip it.' },
  RESERVED_NONZERO: { why: 'A later consumer version may give these bits a meaning: the same file would then behave differently on it.' },
  BAD_COUNT: { why: 'Consumers loop over counts without checking them: a count out of range reads past the records the file holds, or allocates for records that are not there.', fix: 'Set the count to the number of elements the file actually holds, within the range the schema allows (`preflight pack` derives counts).' },
  DUPLICATE_ID: { why: 'A consumer that looks records up by id finds the first and silently ignores the other: one of the two never takes effect.' },
  BAD_OFFSET: { why: 'Consumers follow offsets without checking them: a bad one makes them read the wrong record, or past the end of the file.' },
  GAP: { why: 'Nothing reads these bytes today, but they travel with every copy of the file, and a future layout change may make a consumer read them.' },
  CRC_MISMATCH: { why: 'The bytes are not the ones the producer wrote: a consumer may be reading corrupted content (consumers that never check the CRC load it as is).' },
  BAD_FIELD_KIND: { why: 'Consumers pick how to read an input from its declared kind; a kind they do not know leaves that choice undefined.', fix: 'Declare each field with one of the kinds the schema defines.' },
  BAD_ACTION: { why: 'A consumer dispatches on the action; one it does not know is either ignored or taken as another.', fix: 'Use one of the actions the schema defines.' },
  BAD_UTF8: { why: 'A consumer that compares or prints the text as UTF-8 misreads it; in a pattern it may not compile at all.', fix: 'Write the string as valid UTF-8 (re-encode it at the source).' },
  UNKNOWN_OP: { why: 'A consumer dispatches on the tag through a table: a tag past its table jumps to whatever follows it, a crash on every consumer that lacks it.', fix: 'Use only tags every consumer version of the fleet implements, or ship the element only to the versions that do (see `explain FILE`).' },
  UNKNOWN_TEMPLATE: { why: 'The consumer looks the entry up and uses the result without checking it: a null dereference, a crash.', fix: 'Point the record at an entry its table holds, or add the missing entry to the table.' },
  FIELD_COUNT_MISMATCH: { why: 'Consumers pair each element with the table entry\'s fields by position: an element beyond the declared fields reads an input that may not exist (the July 2024 pattern).', fix: 'Give the record exactly one element per field its table entry declares.' },
  OP_KIND_MISMATCH: { why: 'An element that reads a field as the other kind makes the consumer read an integer as a string or the reverse: a crash where the consumer supplies that kind.', fix: 'Use an element of the kind the field is declared with, or correct the declared kind.' },
  POOL_OOB: { why: 'The consumer copies the region into a buffer of its declared size and reads the reference without a bounds check: a read outside that buffer, a crash.', fix: 'Make every reference end inside its region (offset + length within the region\'s size), or grow the region to hold what it references.' },
  REGEX_INVALID: { why: 'The consumer compiles the pattern when it loads the file and does not handle the engine\'s error: a crash on every consumer that compiles it.', fix: 'Correct the pattern so RE2 accepts it (the message gives RE2\'s own error).' },
  REGEX_REDOS: { why: 'A backtracking engine can take exponential time on a crafted input: the consumer stalls while matching, at run time, long after the file loaded.' },
  RANGE_INVERTED: { why: 'The element can never match: the detection it belongs to is silently inactive on every consumer.', fix: 'Swap the bounds so the low one is not greater than the high one.' },
  BAD_VALUE: { why: 'A consumer that dispatches on or indexes by this value meets a case it was not written for.', fix: 'Use one of the values the schema allows for this field.' },
  CONSTRAINT: { why: 'The file breaks a rule of its format that consumers rely on without checking; what a consumer does with it is undefined.', fix: 'Change the content so the rule holds (the details say which rule, and the values it saw).' },
  DECODE_BUDGET: { why: 'Part of the file went unchecked and unsimulated: nothing can be said about how consumers handle it, and a file built to exhaust a checker is hostile.' },
  READ_PAST_END: { why: 'The consumer trusts the layout and reads outside the file buffer: a crash on every version that reads that far.', fix: 'Make the counts, sizes and offsets agree with the bytes the file holds (`preflight pack` derives them), or restore the missing bytes.' },
  OOB_INPUT_READ: { why: 'The consumer reads an input it does not supply, out of bounds: a crash on every machine that runs that version (July 2024: 8.5 million).', fix: 'Do not read inputs beyond what every deployed version supplies (leave the element a wildcard), or ship the content only to versions that supply the input.' },
  TYPE_CONFUSION: { why: 'The consumer reads a value of one kind as another (an integer as a pointer to text): a crash on the versions that supply the other kind.', fix: 'Read the input as the kind every deployed version supplies, or ship the element only to versions that supply that kind.' },
  REGEX_TOO_LONG: { why: 'The consumer copies the value into a fixed buffer: a longer one overwrites the memory after it, a crash or worse on the versions with the smaller buffer.', fix: 'Shorten the value below the smallest buffer of the fleet, or split it.' },
  LIMIT_EXCEEDED: { why: 'The consumer refuses the file: the update does not apply on those versions, which keep their previous content.', fix: 'Keep the file within the limits of every deployed version (smaller, fewer records), or split it.' },
  EXEC_CRASH: { why: 'The binary that ships crashed, on this exact file: whatever a model predicts, this one is real.', fix: 'Fix the consumer where the frames point, or keep the content away from it; replay the reproducer with the same --exec to confirm.' },
  EXEC_HANG: { why: 'A consumer that stops answering stalls the machine it runs on as surely as a crash.', fix: 'Find the loop the input drives (run the consumer on the file under a debugger), and bound it.' },
  EXEC_NO_ANSWER: { why: "Nothing can be concluded about a file when the consumer's harness says nothing.", fix: 'Make the harness print load or reject for each file (docs/real-consumers.md).' },
  EXEC_DISAGREE: { why: 'Every verdict preflight gives without the binary rests on the model: where the model and the code disagree, the gate is checking the wrong consumer.', fix: 'Decide which side follows the documentation and fix the other: the consumer model (NAME.consumer.yaml, the profile) or the code.' },
  INPUT_COUNT_MISMATCH: { why: 'Nothing crashes today, because every element beyond the supplied inputs is a wildcard; the first content update that makes one real crashes that version (spring 2024, then July 2024).', fix: 'Declare no more inputs than every deployed version supplies, or keep the extra ones wildcards until every version supplies them.' },
  KIND_MISMATCH: { why: 'Nothing reads the input yet; the first element that does reads it as the declared kind and meets the supplied one: a crash.', fix: 'Declare the kind the consumers supply, or update the consumers before any element reads it.' },
  UNUSED_TEMPLATE: { why: 'Those records never run on that version: the detections they carry are silently off there, and nothing reports it at run time.', fix: 'Ship the records only to versions that evaluate them, or add their key to the consumer before relying on them.' },
};
