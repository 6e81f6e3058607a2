/** Unsaved edits of a document, kept in localStorage so a reload or crash mid-edit loses nothing. */
export interface Draft {
  title: string
  content: string
  at: number
}

const key = (id: number) => `cairn.draft.${id}`

export function readDraft(id: number): Draft | null {
  try {
    const text = window.localStorage.getItem(key(id))
    return text ? (JSON.parse(text) as Draft) : null
  } catch {
    return null
  }
}

export function writeDraft(id: number, draft: Draft): void {
  try {
    window.localStorage.setItem(key(id), JSON.stringify(draft))
  } catch {
    // A full or disabled storage only loses the reload safety net; autosave still runs.
  }
}

export function clearDraft(id: number): void {
  window.localStorage.removeItem(key(id))
}
