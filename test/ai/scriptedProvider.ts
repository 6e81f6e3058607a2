import type { FakeLlmServer, RecordedRequest, Script } from '../support/fakeLlmServer'

export type Task = 'vision' | 'activity' | 'todos' | 'tips' | 'report' | 'other'

/** Which processor sent a request: each system prompt starts with "Task: ...". */
export function taskOf(request: RecordedRequest): Task {
  const messages = (request.body?.messages ?? []) as { role: string; content: unknown }[]
  const system = String(messages.find((message) => message.role === 'system')?.content ?? '')
  if (system.startsWith('Task: describe a screenshot')) return 'vision'
  if (system.startsWith('Task: summarise activity')) return 'activity'
  if (system.startsWith('Task: extract todos')) return 'todos'
  if (system.startsWith('Task: give tips')) return 'tips'
  if (system.startsWith('Task: write a daily report')) return 'report'
  return 'other'
}

const USAGE = { prompt: 20, completion: 8 }

/**
 * An OpenAI-compatible provider that answers each processor sensibly (by its task), counting the tokens it
 * reports per model; faults queued with `fail(task, ...)` are served first.
 */
export class ScriptedProvider {
  /** Tokens reported in successful answers, per model: what monitoring must sum to. */
  readonly tokens = new Map<string, { prompt: number; completion: number; requests: number }>()
  readonly calls: Record<Task, number> = { vision: 0, activity: 0, todos: 0, tips: 0, report: 0, other: 0 }
  private readonly faults = new Map<Task, Script[]>()
  todos: string[] = ['Send the quarterly report to Anna', 'Book the dentist']
  /** Added before every good answer, so a test can act while a request is in flight. */
  slowMs = 0

  constructor(server: FakeLlmServer) {
    server.route = (request) => this.answer(request)
    server.script('/models', ...Array.from({ length: 20 }, () => this.models()))
  }

  private models(): Script {
    return { kind: 'json', body: { data: [{ id: 'vision-model' }, { id: 'chat-model' }] } }
  }

  fail(task: Task, ...scripts: Script[]): this {
    this.faults.set(task, [...(this.faults.get(task) ?? []), ...scripts])
    return this
  }

  private count(model: string): void {
    const entry = this.tokens.get(model) ?? { prompt: 0, completion: 0, requests: 0 }
    entry.prompt += USAGE.prompt
    entry.completion += USAGE.completion
    entry.requests += 1
    this.tokens.set(model, entry)
  }

  private answer(request: RecordedRequest): Script | undefined {
    if (request.path !== '/chat/completions') return undefined
    const task = taskOf(request)
    this.calls[task] += 1
    const fault = this.faults.get(task)?.shift()
    if (fault) return fault
    const model = String(request.body?.model ?? 'unknown')
    this.count(model)
    const usage = { prompt_tokens: USAGE.prompt, completion_tokens: USAGE.completion }
    if (request.body?.stream === true) {
      const chunk = (delta: object, extra: object = {}) =>
        JSON.stringify({ model, choices: [{ index: 0, delta, finish_reason: null }], ...extra })
      return {
        kind: 'sse',
        gapMs: this.slowMs,
        events: [
          chunk({ content: '# Your day\n\nYou worked on the quarterly report.\n\n' }),
          chunk({ content: '## What you did\n- Wrote the report' }),
          JSON.stringify({ model, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }),
          JSON.stringify({
            model,
            choices: [],
            usage: { ...usage, total_tokens: USAGE.prompt + USAGE.completion },
          }),
        ],
      }
    }
    const content = {
      vision: {
        app: 'Editor',
        summary: 'Writing the quarterly report.',
        topics: ['report'],
        todos: ['send report to Anna'],
      },
      activity: { title: 'Worked on the quarterly report', summary: 'You drafted the quarterly report.' },
      todos: { todos: this.todos.map((text) => ({ content: text, urgency: 2 })) },
      tips: { tips: ['Take a short break every hour.'] },
      report: {},
      other: {},
    }[task]
    return {
      kind: 'json',
      delayMs: this.slowMs,
      body: {
        model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: JSON.stringify(content) },
            finish_reason: 'stop',
          },
        ],
        usage,
      },
    }
  }
}
