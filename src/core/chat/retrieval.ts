import { WRITTEN_KINDS } from '../../shared/contract/domains/search'
import type { ChatSource } from '../../shared/contract/domains/chat'
import type { SearchHit } from '../../shared/contract/domains/search'
import type { ActivityService } from '../services/activities'
import type { MessageService } from '../services/messages'
import type { SearchService } from '../services/search'
import type { TodoService } from '../services/todos'
import type { VaultService } from '../services/vaults'
import { questionKeywords } from './keywords'

/** Hits asked for per keyword: newest-first FTS stops after this many, so each lookup costs microseconds. */
export const HITS_PER_KEYWORD = 12
/** Candidates kept after merging, for the optional re-ranking by meaning. */
export const MAX_CANDIDATES = 24
/** Sources that reach the prompt and the message. */
export const MAX_SOURCES = 6
/** Text of one source given to the model. */
export const SOURCE_TEXT_CHARS = 1_500

export interface RetrievalDeps {
  search: SearchService
  vaults: VaultService
  todos: TodoService
  activities: ActivityService
  messages: MessageService
}

export interface Candidate {
  hit: SearchHit
  /** How many of the question's keywords it matched. */
  matched: number
}

export interface RetrievedSource {
  source: ChatSource
  /** The fuller text given to the model. */
  text: string
}

const sameItem = (a: SearchHit, b: SearchHit) => a.kind === b.kind && a.id === b.id

/**
 * Everything that matches any keyword of the question, best first: items matching more keywords ahead,
 * newer ahead among equals. One newest-first search per keyword (never an OR over all of them, which FTS5
 * would merge before returning the first row) keeps a question over years of data cheap.
 */
export function findCandidates(
  deps: Pick<RetrievalDeps, 'search'>,
  question: string,
  conversationId: number,
): { keywords: string[]; candidates: Candidate[] } {
  const keywords = questionKeywords(question)
  const candidates: Candidate[] = []
  for (const keyword of keywords) {
    const { hits } = deps.search.query({
      query: keyword,
      kinds: [...WRITTEN_KINDS],
      order: 'newest',
      limit: HITS_PER_KEYWORD,
    })
    for (const hit of hits) {
      // The conversation itself reaches the model as history, not as a source.
      if (hit.kind === 'message' && hit.conversationId === conversationId) continue
      const known = candidates.find((candidate) => sameItem(candidate.hit, hit))
      if (known) known.matched += 1
      else candidates.push({ hit, matched: 1 })
    }
  }
  candidates.sort((a, b) => b.matched - a.matched || b.hit.createdAt - a.hit.createdAt)
  return { keywords, candidates: candidates.slice(0, MAX_CANDIDATES) }
}

/** The item's own text (not a query's snippet of it), or the snippet when the item is gone. */
export function fullText(deps: RetrievalDeps, hit: SearchHit): string {
  try {
    switch (hit.kind) {
      case 'vault': {
        const vault = deps.vaults.get({ id: hit.id })
        return vault.content || vault.summary
      }
      case 'todo': {
        const todo = deps.todos.get({ id: hit.id })
        return `${todo.content} (${todo.status})`
      }
      case 'activity':
        return deps.activities.get({ id: hit.id }).content
      case 'message':
        return deps.messages.get({ id: hit.id }).content
      case 'tip':
      case 'screen':
      case 'conversation':
        return hit.title
    }
  } catch {
    // Deleted between the search and now: the snippet is all there is.
    return hit.snippet
  }
}

/** Whether an item found earlier (by the vector index) is still there to be cited. */
export function stillExists(deps: RetrievalDeps, hit: SearchHit): boolean {
  try {
    switch (hit.kind) {
      case 'vault':
        return !deps.vaults.get({ id: hit.id }).isDeleted
      case 'todo':
        deps.todos.get({ id: hit.id })
        return true
      case 'activity':
        deps.activities.get({ id: hit.id })
        return true
      case 'message':
        deps.messages.get({ id: hit.id })
        return true
      case 'tip':
      case 'screen':
      case 'conversation':
        // Tips have no lookup by id; a dismissed or deleted one only costs a stale citation.
        return true
    }
  } catch {
    return false
  }
}

/** The sources given to the model: the first candidates with their text, cut to a bounded size. */
export function loadSources(deps: RetrievalDeps, candidates: Candidate[]): RetrievedSource[] {
  return candidates.slice(0, MAX_SOURCES).map(({ hit }) => ({
    source: {
      kind: hit.kind,
      id: hit.id,
      title: hit.title.slice(0, 200),
      snippet: hit.snippet.slice(0, 400),
      createdAt: hit.createdAt,
      conversationId: hit.conversationId,
    },
    text: (fullText(deps, hit) || hit.snippet).slice(0, SOURCE_TEXT_CHARS),
  }))
}
