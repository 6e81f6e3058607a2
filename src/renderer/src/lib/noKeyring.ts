import { CallError } from '../../../shared/client'

/**
 * The core refused to keep an API key obfuscated only (no OS keyring): known by its detail, not by its words,
 * which a later core may put otherwise.
 */
export function refusedForNoKeyring(error: unknown): boolean {
  return error instanceof CallError && error.detail === 'NO_KEYRING'
}
