import { useEffect, useState } from 'react'
import type { FormEvent } from 'react'
import type { SearchHit, Vault } from '../../shared/contract'
import type { MethodResult } from '../../shared/contract/methods'
import type { CairnClient } from './api/client'
import { Snippet } from './Snippet'

type Health = MethodResult<'system.health'>

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** A first window that proves the round trip: health, notes, and search through the typed client. */
export function App({ client }: { client: CairnClient }) {
  const [health, setHealth] = useState<Health | null>(null)
  const [notes, setNotes] = useState<Vault[]>([])
  const [title, setTitle] = useState('')
  const [content, setContent] = useState('')
  const [query, setQuery] = useState('')
  const [hits, setHits] = useState<SearchHit[]>([])
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    const load = () =>
      Promise.all([
        client.call('system.health', {}),
        client.call('vaults.list', { documentType: 'note', limit: 50 }),
      ])
        .then(([status, list]) => {
          if (!live) return
          setHealth(status)
          setNotes(list.items)
          setError(null)
        })
        .catch((failure: unknown) => live && setError(errorText(failure)))
    void load()
    const unsubscribe = client.on('vaults.changed', () => void load())
    return () => {
      live = false
      unsubscribe()
    }
  }, [client])

  useEffect(() => {
    if (query.trim() === '') return
    let live = true
    client
      .call('search.query', { query, limit: 20 })
      .then((result) => live && setHits(result.hits))
      .catch((failure: unknown) => live && setError(errorText(failure)))
    return () => {
      live = false
    }
  }, [client, query])
  const visibleHits = query.trim() === '' ? [] : hits

  const save = async (event: FormEvent) => {
    event.preventDefault()
    try {
      await client.call('vaults.create', { title: title.trim() || 'Untitled', content })
      setTitle('')
      setContent('')
    } catch (failure) {
      setError(errorText(failure))
    }
  }

  return (
    <main className="shell">
      <header className="shell-header">
        <h1>Cairn</h1>
        <p className="status" data-testid="status">
          {health ? `Connected · schema ${health.schemaVersion} · ${health.dataDir}` : 'Connecting…'}
        </p>
      </header>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <section aria-labelledby="new-note">
        <h2 id="new-note">New note</h2>
        <form onSubmit={(event) => void save(event)} className="note-form">
          <label>
            Title
            <input value={title} onChange={(event) => setTitle(event.target.value)} />
          </label>
          <label>
            Text
            <textarea value={content} onChange={(event) => setContent(event.target.value)} rows={4} />
          </label>
          <button type="submit">Save note</button>
        </form>
      </section>
      <section aria-labelledby="notes">
        <h2 id="notes">Notes</h2>
        {notes.length === 0 ? (
          <p className="empty">No notes yet. Write one above.</p>
        ) : (
          <ul className="notes" aria-label="Notes">
            {notes.map((note) => (
              <li key={note.id}>
                <strong>{note.title}</strong>
                <span>{note.content.slice(0, 140)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="search">
        <h2 id="search">Search</h2>
        <label>
          Search everything
          <input type="search" value={query} onChange={(event) => setQuery(event.target.value)} />
        </label>
        <ul className="hits" aria-label="Search results">
          {visibleHits.map((hit) => (
            <li key={`${hit.kind}-${hit.id}`}>
              <span className="kind">{hit.kind}</span> <strong>{hit.title}</strong>
              <Snippet text={hit.snippet} highlights={hit.highlights} />
            </li>
          ))}
        </ul>
      </section>
    </main>
  )
}
