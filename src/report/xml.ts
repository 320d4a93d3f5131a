/**
 * A minimal XML 1.0 writer for the JUnit report. Written here rather than taken from a builder
 * because well-formedness must hold for any string a hostile file can put in a message: the
 * builder this replaced escaped only the first `]]>` of a CDATA section. Text is always written as
 * escaped character data (no CDATA), and characters XML cannot carry at all are shown as escapes.
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes: ReadonlyArray<readonly [string, string | number]>;
  readonly children: ReadonlyArray<XmlElement | string>;
}

export function element(
  name: string,
  attributes: ReadonlyArray<readonly [string, string | number]> = [],
  children: ReadonlyArray<XmlElement | string> = [],
): XmlElement {
  return { name, attributes, children };
}

/**
 * Not in XML 1.0's Char production (C0 controls other than tab/LF/CR, lone surrogates, U+FFFE,
 * U+FFFF); also DEL and C1, which XML allows but terminals obey. Shown as `\xNN` / `\uNNNN`.
 */
const NOT_XML_CHAR =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function visible(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Character data: `&`, `<` and `>` (so `]]>` can never appear), and nothing XML cannot encode. */
export function escapeXmlText(text: string): string {
  return text.replace(NOT_XML_CHAR, visible).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values: as text, plus quotes, and whitespace as references so parsers keep it. */
export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** The document with its declaration, indented by two spaces; text-only elements stay on one line. */
export function renderXml(root: XmlElement): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, 0, out);
  return `${out.join('\n')}\n`;
}

function write(node: XmlElement, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  const attrs = node.attributes.map(([k, v]) => ` ${k}="${escapeXmlAttribute(String(v))}"`).join('');
  const open = `${pad}<${node.name}${attrs}`;
  if (node.children.length === 0) {
    out.push(`${open}/>`);
    return;
  }
  if (node.children.every((ch) => typeof ch === 'string')) {
    out.push(`${open}>${node.children.map((t) => escapeXmlText(t as string)).join('')}</${node.name}>`);
    return;
  }
  out.push(`${open}>`);
  for (const child of node.children) {
    if (typeof child === 'string') out.push(`${pad}  ${escapeXmlText(child)}`);
    else write(child, depth + 1, out);
  }
  out.push(`${pad}</${node.name}>`);
}
