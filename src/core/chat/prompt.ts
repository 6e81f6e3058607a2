import type { Message } from '../../shared/contract/domains/messages'
import type { ChatMessage } from '../llm/types'
import type { RetrievedSource } from './retrieval'

/** Earlier turns of the conversation sent with the question, newest kept when there are more. */
export const HISTORY_MESSAGES = 12
/** Characters of history sent, at most (older turns drop first). */
export const HISTORY_CHARS = 12_000

const KIND_NAMES = {
  vault: 'document',
  todo: 'todo',
  activity: 'activity',
  tip: 'tip',
  message: 'earlier chat message',
  screen: 'screen',
  conversation: 'conversation',
} as const

const SYSTEM = [
  'You are Cairn, an assistant that answers from the context of the person’s own work: their notes,',
  'todos, recorded activities, tips and earlier chats. Use the numbered sources below when they help and cite',
  'them as [1], [2]. If the sources do not hold the answer, say so briefly and answer from general knowledge,',
  'saying that you did. Be concise.',
].join(' ')

function sourcesBlock(sources: RetrievedSource[]): string {
  if (sources.length === 0) return 'No saved notes, todos, activities or chats matched this question.'
  return sources
    .map(({ source, text }, index) => {
      const when = new Date(source.createdAt).toISOString().slice(0, 10)
      return `[${index + 1}] ${KIND_NAMES[source.kind]} "${source.title}" (${when}):\n${text}`
    })
    .join('\n\n')
}

/** Completed turns before the question, newest kept within the bounds. */
function history(previous: Message[]): ChatMessage[] {
  const turns: ChatMessage[] = []
  let chars = 0
  for (const message of previous.toReversed()) {
    if (turns.length >= HISTORY_MESSAGES) break
    if (message.role === 'system' || message.content.trim() === '') continue
    if (message.role === 'assistant' && message.status !== 'completed') continue
    chars += message.content.length
    if (chars > HISTORY_CHARS) break
    turns.push({ role: message.role, content: message.content })
  }
  return turns.reverse()
}

/** What the model is sent: instructions with the sources, the conversation so far, the question. */
export function buildPrompt(
  question: string,
  previous: Message[],
  sources: RetrievedSource[],
): ChatMessage[] {
  return [
    { role: 'system', content: `${SYSTEM}\n\nSources:\n${sourcesBlock(sources)}` },
    ...history(previous),
    { role: 'user', content: question },
  ]
}
