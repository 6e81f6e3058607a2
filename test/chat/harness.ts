import { expect, onTestFinished } from 'vitest'
import type { CoreEvent } from '../../src/core/runtime/createCore'
import { createCore } from '../../src/core/runtime/createCore'
import type { Message, ThinkingStep } from '../../src/shared/contract/domains/messages'
import type { AppErrorShape } from '../../src/shared/contract/errors'
import type { EventData, EventName } from '../../src/shared/contract/events'
import type { MethodName } from '../../src/shared/contract/methods'
import type { MethodParams, MethodResult } from '../../src/shared/contract/methods'
import type { FakeLlmServer } from '../support/fakeLlmServer'
import { typedResult } from '../support/core'
import { tempDir } from '../support/tempDir'

export interface ChatCore {
  dataDir: string
  events: CoreEvent[]
  call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>>
  fail(method: MethodName, params: unknown): Promise<AppErrorShape>
  eventsNamed<E extends EventName>(name: E): EventData<E>[]
  /** Waits for the answer to end (completed, failed or interrupted) and returns it as stored. */
  ended(messageId: number): Promise<Message>
  /** The thinking rows of a message, in order. */
  stages(messageId: number): Promise<ThinkingStep[]>
  close(): void
}

export interface ChatCoreOptions {
  dataDir?: string
  /** Point the AI settings at this server (provider custom, chat model `test-model`). */
  server?: FakeLlmServer
  embeddingModel?: string
  /** Per attempt (and the longest silence inside a stream); 10 s (a loaded machine) unless a test needs less. */
  timeoutMs?: number
}

/**
 * A real core on a temp folder, its AI configured through the same settings a person uses, talking to the
 * scripted provider on 127.0.0.1. Back-off waits are cut to 1 ms so retries do not slow the tests.
 */
export async function openChatCore(options: ChatCoreOptions = {}): Promise<ChatCore> {
  const dataDir = options.dataDir ?? tempDir()
  const core = createCore({
    dataDir,
    validateOutput: true,
    // These tests script each embeddings answer in the order chat asks for it.
    embedInBackground: false,
    aiTuning: {
      timeoutMs: options.timeoutMs ?? 10_000,
      maxRetries: 2,
      sleep: () => new Promise((resolve) => setTimeout(resolve, 1)),
    },
    onInternalError: (method, error) => {
      throw new Error(`INTERNAL error in ${method}: ${error instanceof Error ? error.stack : String(error)}`)
    },
  })
  let closed = false
  const close = () => {
    if (closed) return
    closed = true
    core.close()
  }
  onTestFinished(close)
  const events: CoreEvent[] = []
  core.onEvent((event) => events.push(event))
  const raw = async (method: string, params: unknown) => core.dispatch(method, params)
  const call = async <M extends MethodName>(method: M, params: MethodParams<M>) =>
    typedResult(method, await raw(method, params))
  const chat: ChatCore = {
    dataDir,
    events,
    call,
    async fail(method, params) {
      const response = await raw(method, params)
      if (response.ok) throw new Error(`${method} was expected to fail`)
      return response.error
    },
    eventsNamed<E extends EventName>(name: E) {
      return events.filter((event) => event.name === name).map((event) => event.data as EventData<E>)
    },
    async ended(messageId) {
      await expect
        .poll(
          () =>
            events.some(
              (event) =>
                event.name === 'messages.updated' &&
                event.data.message.id === messageId &&
                event.data.message.status !== 'streaming',
            ),
          { timeout: 30_000, interval: 5 },
        )
        .toBe(true)
      // The failure's thinking row is written just before the message ends; let the run finish its last write.
      await new Promise((resolve) => setImmediate(resolve))
      return call('messages.get', { id: messageId })
    },
    async stages(messageId) {
      return (await call('thinking.list', { messageId })).items
    },
    close,
  }
  if (options.server) {
    // The background processors share the chat model: a seeded activity in the hour just closed would have the
    // tips processor ask the scripted provider too, taking an answer scripted for a chat.
    await call('settings.set', { key: 'ai.processors', value: [] })
    await call('settings.set', { key: 'ai.provider', value: 'custom' })
    await call('settings.set', { key: 'ai.baseUrl', value: options.server.baseUrl })
    await call('settings.set', { key: 'ai.chatModel', value: 'test-model' })
    if (options.embeddingModel)
      await call('settings.set', { key: 'ai.embeddingModel', value: options.embeddingModel })
  }
  return chat
}

/** Each stage's rows as `stage:status`, in the order they were written. */
export const stageTrail = (steps: ThinkingStep[]) =>
  steps.map((step) => `${step.stage}:${String(step.metadata.status)}`)
