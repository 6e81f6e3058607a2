import type { z } from 'zod'
import { activityMethods } from './domains/activities'
import { aiMethods } from './domains/ai'
import { backupMethods } from './domains/backups'
import { captureMethods } from './domains/capture'
import { chatMethods } from './domains/chat'
import { conversationMethods } from './domains/conversations'
import { jobMethods } from './domains/jobs'
import { messageMethods, thinkingMethods } from './domains/messages'
import { monitoringMethods } from './domains/monitoring'
import { searchMethods } from './domains/search'
import { settingsMethods } from './domains/settings'
import { systemMethods } from './domains/system'
import { tipMethods } from './domains/tips'
import { todoMethods } from './domains/todos'
import { transferMethods } from './domains/transfer'
import { vaultMethods } from './domains/vaults'

export interface MethodSpec {
  description: string
  input: z.ZodType
  output: z.ZodType
}

/** The single source of truth for what the core answers. Transports and clients derive from it. */
export const methods = {
  ...vaultMethods,
  ...todoMethods,
  ...activityMethods,
  ...tipMethods,
  ...conversationMethods,
  ...messageMethods,
  ...thinkingMethods,
  ...chatMethods,
  ...monitoringMethods,
  ...searchMethods,
  ...settingsMethods,
  ...jobMethods,
  ...backupMethods,
  ...transferMethods,
  ...systemMethods,
  ...captureMethods,
  ...aiMethods,
} as const satisfies Record<`${string}.${string}`, MethodSpec>

type Methods = typeof methods
/** Every method's `domain.verb` name, taken from the contract itself: there is no second list to keep. */
export type MethodName = keyof Methods
/** The part before the dot: `vaults`, `todos`, ... One service answers each domain (src/core/runtime/registry.ts). */
export type DomainOf<M extends string> = M extends `${infer D}.${string}` ? D : never
export type Domain = DomainOf<MethodName>
/** What a caller may send (defaults not yet applied). */
export type MethodParams<M extends MethodName> = z.input<Methods[M]['input']>
/** What a handler receives (after validation and defaults). */
export type MethodInput<M extends MethodName> = z.output<Methods[M]['input']>
export type MethodResult<M extends MethodName> = z.output<Methods[M]['output']>

export const METHOD_NAMES = Object.keys(methods) as MethodName[]

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name)
}
