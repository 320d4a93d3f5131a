import type { Hit } from '../bucket.js';

/** The stages whose throws are robustness findings (each must only ever return findings). */
export type Stage = 'simulate' | 'validate' | 'decode' | 'encode' | 'derive';

/**
 * A throw as a robustness hit. Digits and quoted text in the message are masked in the
 * location, so one bug thrown with different numbers lands in one bucket.
 */
export function throwHit(stage: Stage, error: unknown, profile = ''): Hit {
  const name = error instanceof Error ? error.name : typeof error;
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split('\n', 1)[0] ?? '';
  const masked = first.replace(/(["'`]).*?\1/g, '$1…$1').replace(/\d+/g, 'N').slice(0, 80);
  return {
    kind: 'robustness', profile, fault: 'THROW', location: `${stage}: ${name}: ${masked}`,
    path: '(file)', offset: -1, detail: `${name}: ${first.slice(0, 300)}`,
  };
}
