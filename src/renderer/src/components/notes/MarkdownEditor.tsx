import { autocompletion, closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete'
import type { CompletionContext, CompletionResult } from '@codemirror/autocomplete'
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands'
import { markdownKeymap, markdownLanguage } from '@codemirror/lang-markdown'
import { HighlightStyle, LanguageSupport, syntaxHighlighting } from '@codemirror/language'
import { EditorState } from '@codemirror/state'
import { EditorView, keymap, placeholder as placeholderText } from '@codemirror/view'
import { tags } from '@lezer/highlight'
import { useEffect, useRef } from 'react'

/** What the rest of the screen may do to the text: edits go through the editor, so they can be undone. */
export interface EditorHandle {
  replace(from: number, to: number, text: string): void
}

export interface MarkdownEditorProps {
  initial: string
  label: string
  placeholder: string
  onChange(text: string): void
  /** Document titles for a `[[link]]` being typed. */
  titles(query: string): Promise<string[]>
  /** The first source line on screen, as the person scrolls. */
  onScrollLine(line: number): void
  handle: React.RefObject<EditorHandle | null>
}

// Colours come from the theme's variables, so light and dark follow the app without a second theme.
const highlight = HighlightStyle.define([
  { tag: tags.heading, fontWeight: '650', color: 'var(--fg)' },
  { tag: tags.strong, fontWeight: '650' },
  { tag: tags.emphasis, fontStyle: 'italic' },
  { tag: tags.strikethrough, textDecoration: 'line-through' },
  { tag: [tags.link, tags.url], color: 'var(--accent)' },
  { tag: [tags.monospace, tags.processingInstruction, tags.meta], color: 'var(--muted)' },
  { tag: tags.quote, color: 'var(--muted)', fontStyle: 'italic' },
])

/** `[[` followed by what is typed so far: offer the titles that contain it, and close the link on choosing. */
function linkCompletion(titles: MarkdownEditorProps['titles']) {
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    const typed = context.matchBefore(/\[\[[^[\]|\n]*$/)
    if (!typed) return null
    const query = typed.text.slice(2)
    const found = await titles(query)
    if (context.aborted) return null
    const closed = context.state.sliceDoc(context.pos, context.pos + 2) === ']]'
    return {
      from: typed.from + 2,
      options: found.map((title) => ({ label: title, type: 'text', apply: closed ? title : `${title}]]` })),
      filter: false,
    }
  }
}

/** CodeMirror 6 with markdown: undo history, list continuation on Enter, and `[[` completion. */
export default function MarkdownEditor(props: MarkdownEditorProps) {
  const host = useRef<HTMLDivElement>(null)
  // The editor is made once; later renders reach the newest callbacks through this ref.
  const latest = useRef(props)
  useEffect(() => {
    latest.current = props
  })

  useEffect(() => {
    const parent = host.current
    if (!parent) return
    const { initial, label, placeholder, handle } = latest.current
    const view = new EditorView({
      parent,
      state: EditorState.create({
        doc: initial,
        extensions: [
          history(),
          closeBrackets(),
          // The GFM grammar alone: markdown() would also bundle the HTML, CSS and JavaScript grammars (~350 kB)
          // for HTML inside notes, which the preview never renders anyway.
          new LanguageSupport(markdownLanguage),
          syntaxHighlighting(highlight),
          EditorView.lineWrapping,
          placeholderText(placeholder),
          autocompletion({
            override: [linkCompletion((query) => latest.current.titles(query))],
            icons: false,
          }),
          // Tab is left to move focus out of the editor, as it does everywhere else in the app.
          keymap.of([...markdownKeymap, ...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap]),
          EditorView.contentAttributes.of({ 'aria-label': label, 'aria-multiline': 'true', spellcheck: 'true' }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) latest.current.onChange(update.state.doc.toString())
          }),
          EditorView.domEventHandlers({
            scroll: (_event, editor) => {
              const block = editor.lineBlockAtHeight(editor.scrollDOM.scrollTop)
              latest.current.onScrollLine(editor.state.doc.lineAt(block.from).number)
            },
          }),
        ],
      }),
    })
    handle.current = {
      replace: (from, to, text) => view.dispatch({ changes: { from, to, insert: text } }),
    }
    return () => {
      handle.current = null
      view.destroy()
    }
  }, [])

  return <div className="editor-text" ref={host} />
}
