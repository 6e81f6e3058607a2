import { EditorState } from '@codemirror/state'
import type { Extension } from '@codemirror/state'
import { i18next } from '../../i18nCore'

/** CodeMirror's English phrase → the catalogue key that says it in the interface's language. */
const PHRASES = {
  Find: 'editorPhrases.find',
  Replace: 'editorPhrases.replace',
  next: 'editorPhrases.next',
  previous: 'editorPhrases.previous',
  all: 'editorPhrases.all',
  'match case': 'editorPhrases.matchCase',
  regexp: 'editorPhrases.regexp',
  'by word': 'editorPhrases.byWord',
  replace: 'editorPhrases.replaceOne',
  'replace all': 'editorPhrases.replaceAll',
  close: 'editorPhrases.close',
  'current match': 'editorPhrases.currentMatch',
  'replaced $ matches': 'editorPhrases.replacedMatches',
  'replaced match on line $': 'editorPhrases.replacedOnLine',
  'on line': 'editorPhrases.onLine',
  'Go to line': 'editorPhrases.goToLine',
  go: 'editorPhrases.go',
  Completions: 'editorPhrases.completions',
  'Control character': 'editorPhrases.controlCharacter',
} as const

/** The find panel's and the editor's own words in the interface's language (CodeMirror's phrases facet). */
export function editorPhrases(): Extension {
  return EditorState.phrases.of(
    Object.fromEntries(Object.entries(PHRASES).map(([phrase, key]) => [phrase, i18next.t(key)])),
  )
}
