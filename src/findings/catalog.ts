import { FINDING_CODES, isFindingCode, type CodeInfo, type FindingCode, type ModelCode, type Severity } from './codes.js';

/**
 * A finding code a format defines for itself: in its consumer model (`codes:` in
 * NAME.consumer.yaml) or in its schema (`codes:` at the top of the schema). Data, rated and
 * rendered like a built-in code. The same shape as src/model's ModelCodeInfo, which the model
 * loader fills (it checks the name does not shadow a built-in code; the schema loader does the same).
 */
export interface CatalogEntry {
  readonly severity: Severity;
  /**
   * structure: raised by the schema's checks (a schema's codes); consumer: a fault or refusal of
   * one profile; hazard: latent, does not crash today.
   */
  readonly kind: 'structure' | 'consumer' | 'hazard';
  /** Who defined it, for the help link and wording (absent: the consumer model). */
  readonly origin?: 'schema' | 'model';
  /** One line, like the titles of docs/findings.md. */
  readonly title: string;
  /** `{detail}` placeholders, filled from the finding's details when rendered. */
  readonly message: string;
  /** Markdown, for SARIF help. */
  readonly meaning?: string;
  readonly fix?: string;
}

/**
 * The model codes in play for one run, by name. It is passed explicitly to whatever rates or
 * renders an issue (validateBytes, toFinding, the SARIF rules through the report), rather than
 * registered in a global table when a model loads: two models may define the same name differently
 * in one process (the tests load CCF, sigpack and the tutorial's format; a fuzz worker loads its
 * own), and a report must render the same whatever was loaded before it. With the catalogue in
 * the report, every renderer stays a pure function of its input.
 */
export type CodeCatalog = ReadonlyMap<string, CatalogEntry>;

export const NO_MODEL_CODES: CodeCatalog = new Map();

/** Severity, kind and title of a built-in code or of one in `catalog`; undefined for a code neither knows. */
export function codeInfo(code: string, catalog: CodeCatalog = NO_MODEL_CODES): CodeInfo | undefined {
  if (isFindingCode(code)) return FINDING_CODES[code];
  return catalog.get(code);
}

/** A catalogue's name as the code type (the catalogue is where a model code is defined). */
export function modelCode(name: string): FindingCode {
  return name as ModelCode;
}

/** Several catalogues as one (a run with several models); the first definition of a name wins. */
export function mergeCatalogs(catalogs: Iterable<CodeCatalog>): CodeCatalog {
  const out = new Map<string, CatalogEntry>();
  for (const c of catalogs) for (const [k, v] of c) if (!out.has(k)) out.set(k, v);
  return out;
}
