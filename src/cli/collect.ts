/**
 * For repeatable options; works with or without a `[]` default (without, help shows no `(default: [])`).
 * In a file of its own: command definitions use it, and must not load what the actions load.
 */
export const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];
