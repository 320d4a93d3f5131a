/**
 * Each CLI test starts preflight (through tsx) several times; on a shared, loaded two-core
 * machine one start can take 20 s, so these tests get more than vitest's default minute.
 */
export const CLI_TEST_TIMEOUT = 240_000;
