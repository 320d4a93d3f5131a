import type { FileReport, ValidationReport } from '../../src/report/model.js';

const tool = { name: 'preflight', version: '0.1.0' } as const;
const schema = { name: 'ccf-v1', source: 'schemas/ccf-v1.yaml' };

/** The July 2024 story: 21 declared fields, 20 supplied inputs, a real criterion on field 21. */
export const julyCrash: FileReport = {
  file: 'corpus/july/c-00000291.ccf',
  verdict: 'fail',
  findings: [
    {
      code: 'OOB_INPUT_READ',
      severity: 'error',
      message: 'criterion 20 reads inputs[20], but the consumer supplies 20 input(s) for template type 7',
      path: 'instances[1].criteria[20]',
      offset: 412,
      profile: 'agent-7.11',
      // bigint in details: a reporter that forgets to drop details would throw in JSON.stringify.
      details: { index: 20, supplied: 20, type_id: 7, raw: 2n ** 64n - 1n },
    },
  ],
  totals: { OOB_INPUT_READ: 1 },
  consumers: [
    {
      profile: 'agent-7.11',
      outcome: 'crash',
      population: 8_500_000,
      fault: {
        code: 'OOB_INPUT_READ',
        path: 'instances[1].criteria[20]',
        offset: 412,
        message: 'criterion 20 reads inputs[20], but the consumer supplies 20 input(s) for template type 7',
      },
    },
    { profile: 'agent-7.16', outcome: 'load', population: 1_200_000, fault: null },
  ],
};

/** The spring before: same gap, every criterion on field 21 still a wildcard. */
export const springHazard: FileReport = {
  file: 'corpus/spring/c-00000270.ccf',
  verdict: 'warn',
  findings: [
    {
      code: 'INPUT_COUNT_MISMATCH',
      severity: 'warning',
      message:
        'template type 7 declares 21 fields, the consumer supplies 20; every criterion beyond is a wildcard today, the next real one is an out-of-bounds read',
      path: 'template_types[0]',
      offset: 40,
      profile: 'agent-7.11',
    },
  ],
  totals: { INPUT_COUNT_MISMATCH: 1 },
  consumers: [
    { profile: 'agent-7.11', outcome: 'load', population: 8_500_000, fault: null },
    { profile: 'agent-7.16', outcome: 'load', population: 1_200_000, fault: null },
  ],
};

export const cleanPass: FileReport = {
  file: 'corpus/clean/c-00000300.ccf',
  verdict: 'pass',
  findings: [],
  totals: {},
  consumers: [
    { profile: 'agent-7.11', outcome: 'load', population: 8_500_000, fault: null },
    { profile: 'agent-7.16', outcome: 'load', population: 1_200_000, fault: null },
  ],
};

export const julyReport: ValidationReport = {
  tool,
  schema,
  fleet: [
    { name: 'agent-7.11', population: 8_500_000, source: 'profiles/agent-7.11.yaml' },
    { name: 'agent-7.16', population: 1_200_000, source: 'profiles/agent-7.16.yaml' },
  ],
  files: [julyCrash, springHazard, cleanPass],
};

/**
 * Edge cases: structural errors, a repeated code, an unresolved offset (-1), a reject,
 * a fleet with no population, and a message carrying terminal escapes from the file.
 */
export const brokenFile: FileReport = {
  file: String.raw`.\lab files\bad#1.ccf`,
  verdict: 'fail',
  findings: [
    { code: 'BAD_MAGIC', severity: 'error', message: 'magic is 0xdeadbeef, expected 0xaa1ccf01', path: 'header.magic', offset: 0 },
    { code: 'BAD_OFFSET', severity: 'error', message: 'offset 9000: past the end of the file', path: 'index[0].offset', offset: 56 },
    { code: 'BAD_OFFSET', severity: 'error', message: 'offset 9100: past the end of the file', path: 'index[1].offset', offset: 60 },
    { code: 'REGEX_INVALID', severity: 'error', message: 'pattern "\u001b[2J]]>" does not compile', path: 'pool', offset: -1 },
    { code: 'GAP', severity: 'warning', message: '12 unreferenced byte(s) at 100..112', path: '(file)', offset: 100 },
  ],
  totals: { BAD_MAGIC: 1, BAD_OFFSET: 2, REGEX_INVALID: 1, GAP: 1 },
  consumers: [
    {
      profile: 'legacy-6.0',
      outcome: 'reject',
      population: 0,
      fault: { code: 'BAD_MAGIC', path: 'header.magic', offset: 0, message: 'magic is 0xdeadbeef, expected 0xaa1ccf01' },
    },
  ],
};

export const brokenReport: ValidationReport = {
  tool,
  schema,
  fleet: [{ name: 'legacy-6.0', population: 0, source: 'profiles/legacy-6.0.yaml' }],
  files: [brokenFile],
};

export const allFindings = (report: ValidationReport) => report.files.flatMap((f) => f.findings);
