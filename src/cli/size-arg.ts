import { InvalidArgumentError } from 'commander';

const UNITS: Readonly<Record<string, number>> = {
  '': 1, b: 1,
  k: 1024, kb: 1000, kib: 1024,
  m: 1024 ** 2, mb: 1000 ** 2, mib: 1024 ** 2,
  g: 1024 ** 3, gb: 1000 ** 3, gib: 1024 ** 3,
};

/** Node cannot hold one buffer larger than this anyway. */
const LARGEST = 4 * 1024 ** 3;

/** `10MB` → 10,000,000; `1GiB` → 1,073,741,824; `4096` → 4096. Undefined when it is not a size. */
export function parseSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (m === null) return undefined;
  const unit = UNITS[m[2]!.toLowerCase()];
  if (unit === undefined) return undefined;
  const n = Math.floor(Number(m[1]) * unit);
  return Number.isSafeInteger(n) && n > 0 && n <= LARGEST ? n : undefined;
}

/** The commander argument parser for `--max-file-size`. */
export function sizeArg(flag: string): (value: string) => number {
  return (value) => {
    const n = parseSize(value);
    if (n === undefined) throw new InvalidArgumentError(`${flag} takes a size from 1 byte to 4GiB, such as 10MB, 512KiB or 1GiB`);
    return n;
  };
}

/** 268435456 → `256 MiB`; 1000 → `1,000 bytes`. */
export function formatSize(bytes: number): string {
  for (const [unit, size] of [['GiB', 1024 ** 3], ['MiB', 1024 ** 2], ['KiB', 1024]] as const) {
    if (bytes >= size) {
      const n = bytes / size;
      return Number.isInteger(n) ? `${n} ${unit}` : `${n.toFixed(1)} ${unit} (${thousands(bytes)} bytes)`;
    }
  }
  return `${thousands(bytes)} byte${bytes === 1 ? '' : 's'}`;
}

function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
