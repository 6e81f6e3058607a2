import { z } from 'zod'

/**
 * What the core says to a person about AI and chat (why a purpose is off, how a connection test went, what a
 * thinking stage did), by code. The core writes the English text from this table (it is stored and logged, and
 * the API speaks English) and sends the code and its params beside it; a window shows the catalogue's words for
 * a code it knows (the English catalogue's `coreNote` section is this table) and the English text otherwise.
 * Params that come from outside (a provider's error, a model name, a URL) are shown as written inside the
 * translated sentence. Keys ending in _one / _other are the plural forms of one code, picked by `count`.
 */
export const CORE_NOTES = {
  // Why a purpose (chat, vision, embedding) is not configured.
  aiNoProvider: 'No AI provider is chosen.',
  aiNoBaseUrl: 'The provider has no base URL.',
  aiBaseUrlInvalid: 'The base URL is not a valid URL.',
  aiBaseUrlPlainHttp:
    'Plain http:// only to this computer (localhost, 127.0.0.1, ::1); use https:// for any other server.',
  aiBaseUrlScheme: 'The base URL starts with http:// or https://.',
  aiKeyOtherOrigin:
    'The API key was entered for {{keyOrigin}}; enter the key again for this provider ({{origin}}).',
  aiKeyNoOriginEnv:
    'The API key was entered without its provider (set {{env}} to that provider’s origin); enter the key again for this provider ({{origin}}).',
  aiKeyNoOrigin:
    'The API key was entered before a provider was chosen, or by an older Cairn; enter the key again for this provider ({{origin}}).',
  aiNeedsKey: '{{provider}} needs an API key.',
  aiNoChatModel: 'No chat model is set.',
  aiNoVisionModel: 'No vision model is set.',
  aiNoEmbeddingModel: 'No embedding model is set.',
  aiKeyUnreadable: 'The API key could not be read: {{detail}}',
  // Where the secret store keeps the key.
  keyWhereMemory: 'memory, for this session only (set {{env}} to keep a key across restarts)',
  keyWhereEnvironment: 'the environment variable {{env}}',
  keyWhereNoEncryption: 'the environment variable {{env}} (this system offers no encryption to store it)',
  keyWhereKeychain: '{{file}}, encrypted with the macOS Keychain',
  keyWhereDpapi: '{{file}}, encrypted with Windows DPAPI',
  keyWhereKeyring: '{{file}}, encrypted with the OS keyring',
  keyWhereObfuscated: '{{file}}, obfuscated only: no OS keyring was found (basic_text)',
  // ai.testConnection, and the provider's answers to any call.
  aiTestNoProvider: 'Choose a provider (and a base URL) first.',
  aiTestConnected_one: 'Connected to {{baseUrl}} in {{ms, number}} ms; {{count, number}} model offered.',
  aiTestConnected_other: 'Connected to {{baseUrl}} in {{ms, number}} ms; {{count, number}} models offered.',
  aiTestFailed: 'The connection test failed: {{detail}}',
  llmRefusedCredentials: 'The AI provider refused the credentials (HTTP {{status}}): {{detail}}',
  llmRateLimited: 'The AI provider is rate limiting requests: {{detail}}',
  llmFailed: 'The AI provider failed (HTTP {{status}}): {{detail}}',
  llmRejected: 'The AI provider rejected the request (HTTP {{status}}): {{detail}}',
  llmMalformedAnswer: 'The AI provider sent a malformed answer.',
  llmMalformedNoContent: 'The AI provider sent a malformed answer (no message content).',
  llmMalformedNoStream: 'The AI provider sent a malformed stream (no body).',
  llmMalformedStreamEvent: 'The AI provider sent a malformed stream event.',
  llmMalformedEmbeddings: 'The AI provider sent a malformed embedding answer.',
  llmMalformedVector: 'The AI provider sent a malformed embedding vector.',
  llmMalformedModelList: 'The AI provider sent a malformed model list.',
  llmNoAnswer: 'The AI provider did not answer within {{ms, number}} ms.',
  llmUnreachable: 'Could not reach the AI provider at {{baseUrl}}.',
  llmSlowAnswer: 'The AI provider did not finish its answer within {{ms, number}} ms.',
  llmSilent: 'The AI provider went silent for {{ms, number}} ms mid-answer.',
  llmBroke: 'The connection to the AI provider broke mid-answer.',
  llmEndedEarly: 'The AI provider ended the answer early.',
  llmBaseUrlInvalid: 'The AI base URL "{{baseUrl}}" is not a valid URL.',
  llmBaseUrlScheme: 'The AI base URL must start with http:// or https://.',
  // chat.status and the thinking stages of an answer.
  chatNotConfigured:
    'AI is not configured, so Cairn cannot answer yet; your messages are kept. Choose a provider and a chat model in Settings → AI: Cairn will then answer from your notes, todos, activities, tips and earlier chats, and show which ones it used.',
  chatAnswersFrom:
    'Answers come from {{model}}, using your notes, todos, activities, tips and earlier chats.',
  chatAnswersFromRanked:
    'Answers come from {{model}}, using your notes, todos, activities, tips and earlier chats, ranked by meaning with {{embeddingModel}}.',
  chatSearching: 'Searching your documents, todos, activities, tips and earlier chats…',
  chatNothingToSearch: 'Nothing in the question to search for.',
  chatMatches_one: '{{count, number}} match for {{keywords}}.',
  chatMatches_other: '{{count, number}} matches for {{keywords}}.',
  chatRanking: 'Ranking the matches by meaning with {{model}}…',
  chatRanked_one: 'Ranked {{count, number}} match by meaning.',
  chatRanked_other: 'Ranked {{count, number}} matches by meaning.',
  chatEmbedded_one: '{{count, number}} text embedded, {{reused, number}} from the index.',
  chatEmbedded_other: '{{count, number}} texts embedded, {{reused, number}} from the index.',
  chatRelated_one: '{{count, number}} related item found by meaning.',
  chatRelated_other: '{{count, number}} related items found by meaning.',
  chatNoVectorIndex: 'No vector index ({{detail}}).',
  chatRankingFailed: '{{detail}} Keeping the keyword order.',
  chatAsking: 'Asking {{model}}…',
  chatTokensFrom_one: '{{count, number}} token from {{model}}.',
  chatTokensFrom_other: '{{count, number}} tokens from {{model}}.',
  chatStopped: 'Stopped.',
  chatUnexpected: 'Unexpected error while answering: {{detail}}',
  /** The core's own words for a failure that has no note of its own (its English; other languages frame it). */
  chatFailed: '{{detail}}',
  aiBudgetExhausted:
    "AI work is paused: today's token budget of {{limit, number}} tokens is used up ({{used, number}} used). It resumes at {{time}} UTC, or raise the budget in Settings.",
  // Why background AI work waits or failed (work_items.last_note). {{reason}} is the words of the note's reason.
  workWaitingForAi: 'Waiting for AI to be configured: {{reason}}',
  workWaitingForKey: 'Waiting for a working API key: {{reason}}',
  // The problems list names the kind of work before it: the note need not (and a name from the code would stay English).
  workProcessorOff: 'Waiting: this kind of work is turned off in Settings.',
  workNoHandler: 'No handler for work of kind {{kind}}.',
  llmNotJson: 'The model did not answer with the JSON object it was asked for.',
} as const

/** A code: a key of the table, or the base of a plural pair (distributes over the keys). */
type BaseOf<Key> = Key extends `${infer Base}_one` ? Base : Key extends `${infer Base}_other` ? Base : Key
export type CoreNoteCode = BaseOf<keyof typeof CORE_NOTES>
export type CoreNoteParams = Record<string, string | number>

/** A note as it crosses the contract: the code and its params (the English text travels beside it). */
export const coreNoteSchema = z.object({
  code: z.string().max(100),
  params: z.record(z.string().max(100), z.union([z.string().max(2_000), z.number()])),
})
export interface CoreNote {
  code: CoreNoteCode
  params: CoreNoteParams
}
/** A note with another note whose words fill its {{reason}} (work waiting for AI, and why AI is not configured). */
export interface ReasonedNote extends CoreNote {
  reason?: CoreNote
}

/**
 * A note that may carry its reason, one level deep (a reason has no reason of its own). Strict: it is also
 * what a stored or imported note must be, and nothing rides along unseen.
 */
export const reasonedNoteSchema = z.strictObject({
  ...coreNoteSchema.shape,
  reason: z.strictObject(coreNoteSchema.shape).optional(),
})
/** A note read back from storage or the wire: its code may be one this build lacks. */
export type ReadNote = z.infer<typeof reasonedNoteSchema>

export const note = (code: CoreNoteCode, params: CoreNoteParams = {}): CoreNote => ({ code, params })

/** A note whose {{reason}} is another note's words, in English here and in the window's language there. */
export const noteBecause = (code: CoreNoteCode, reason: CoreNote): ReasonedNote => ({
  code,
  params: {},
  reason: { code: reason.code, params: reason.params },
})

const TABLE: Readonly<Record<string, string>> = CORE_NOTES

/** The table's text for a code (the plural form by `count`, English rules), or undefined for an unknown code. */
function template(code: string, params: CoreNoteParams): string | undefined {
  const count = params.count
  if (typeof count === 'number') {
    const plural = TABLE[`${code}_${count === 1 ? 'one' : 'other'}`]
    if (plural !== undefined) return plural
  }
  return TABLE[code]
}

/** Whether a code from the core is one this build knows (a newer core may send codes an older window lacks). */
export function isCoreNoteCode(code: string): code is CoreNoteCode {
  return template(code, {}) !== undefined || template(code, { count: 2 }) !== undefined
}

/** The English text of a note, as the core stores and logs it. */
export function englishOf(said: ReasonedNote): string {
  const text = template(said.code, said.params) ?? said.code
  const params = said.reason ? { ...said.params, reason: englishOf(said.reason) } : said.params
  return text.replace(/\{\{\s*(\w+)(\s*,\s*number)?\s*\}\}/g, (_, name: string, number?: string) => {
    const value = params[name]
    if (value === undefined) return ''
    return number && typeof value === 'number' ? value.toLocaleString('en') : String(value)
  })
}
