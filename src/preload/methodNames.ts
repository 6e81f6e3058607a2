/**
 * Every contract method's name, written in at build time from src/shared/contract/methods.ts (the `define` in
 * electron.vite.config.ts and vitest.config.mts), so the sandboxed preload allow-lists exactly the contract
 * without bundling zod and the schemas, and no second list is kept by hand.
 */
declare const __CAIRN_METHOD_NAMES__: readonly string[]

export const METHOD_NAMES: readonly string[] = __CAIRN_METHOD_NAMES__
