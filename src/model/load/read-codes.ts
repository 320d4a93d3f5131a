import { isFindingCode } from '../../findings/index.js';
import type { ModelCodeInfo } from '../types.js';
import type { At, YamlReader } from './yaml-reader.js';

const CODE_NAME = /^[A-Z][A-Z0-9_]{0,63}$/;
/** `{name}` placeholders: the message is data rendered later, never a template language. */
const PLACEHOLDER = /\{([^{}]*)\}/g;
const DETAIL_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_TEXT = 2000;

/**
 * The format's own finding codes (`codes:`): each with severity, kind, a one-line title, a message
 * whose `{detail}` placeholders name details of the finding, and optional meaning and fix text for
 * docs and SARIF help. A name must not shadow a built-in code: codes are public interface.
 */
export function readCodes(r: YamlReader, at: At | undefined): Map<string, ModelCodeInfo> {
  const codes = new Map<string, ModelCodeInfo>();
  if (!at) return codes;
  for (const { keyValue, key, value } of r.pairs(at)) {
    const name = String(keyValue);
    if (typeof keyValue !== 'string' || !CODE_NAME.test(name)) r.fail(key, `a code is written in capitals, digits and _ (at most 64), like SIG_TOO_LONG; got ${JSON.stringify(keyValue)}`);
    if (isFindingCode(name)) r.fail(key, `${name} is a built-in code (docs/findings.md): a model may use it, not redefine it`);
    const m = r.map(value, ['severity', 'kind', 'title', 'message', 'meaning', 'fix'], ['severity', 'kind', 'title', 'message']);
    const severity = r.string(m.get('severity')!);
    if (severity !== 'error' && severity !== 'warning') r.fail(m.get('severity')!, `must be error or warning, got ${severity}`);
    const kind = r.string(m.get('kind')!);
    if (kind !== 'consumer' && kind !== 'hazard') r.fail(m.get('kind')!, `must be consumer (a fault or refusal) or hazard (latent), got ${kind}`);
    const text = (k: string): string | undefined => {
      if (!m.has(k)) return undefined;
      const t = r.string(m.get(k)!);
      if (t.length > MAX_TEXT) r.fail(m.get(k)!, `at most ${MAX_TEXT} characters, got ${t.length}`);
      return t;
    };
    const title = text('title')!;
    if (/[\r\n]/.test(title)) r.fail(m.get('title')!, 'a title is one line');
    const message = text('message')!;
    for (const [, p] of message.matchAll(PLACEHOLDER)) {
      if (!DETAIL_NAME.test(p!)) r.fail(m.get('message')!, `{${p}} is not a detail name: placeholders are {name}, letters, digits and _`);
    }
    const meaning = text('meaning');
    const fix = text('fix');
    codes.set(name, { severity, kind, title, message, ...(meaning ? { meaning } : {}), ...(fix ? { fix } : {}) });
  }
  return codes;
}

/** `fleet:` is a folder beside the model (its default profiles); it must exist when the model loads. */
export function readFleetDir(r: YamlReader, at: At | undefined, modelFile: string, resolveDir: (file: string, rel: string) => string | undefined): string | undefined {
  if (!at) return undefined;
  const rel = r.string(at);
  const dir = resolveDir(modelFile, rel);
  if (dir === undefined) r.fail(at, `${rel} is not a folder (it is taken relative to the model's own folder)`);
  return dir;
}
