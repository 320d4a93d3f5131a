import { StorePathError } from '../../fuzz/store/crash-store.js';
import { OutLockError } from '../../fuzz/store/out-lock.js';
import { OutFolderError } from '../../fuzz/store/prepare-out.js';
import { CliError } from '../cli-error.js';

/** The fuzz store's own errors are usage or I/O errors for the CLI: one line, exit 2. */
export function isStoreError(e: unknown): e is Error {
  return e instanceof OutFolderError || e instanceof OutLockError || e instanceof StorePathError;
}

/** Runs `f`, turning the store's errors into CliErrors (main.ts prints those as one line, exit 2). */
export function asCliError<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (isStoreError(e)) throw new CliError(e.message);
    throw e;
  }
}
