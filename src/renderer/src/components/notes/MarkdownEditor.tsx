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

/**
 * The editor's look. CodeMirror adds its styles as a stylesheet: in a document that is a <style> element, which
 * the app's CSP (style-src 'self') blocks; in a shadow root it is an adopted CSSStyleSheet (CSSOM), which the
 * policy allows. So the editor lives in a shadow root and is styled here, from the app's theme variables.
 */
const look = EditorView.theme({
  '&': { height: '100%', color: 'var(--fg)', backgroundColor: 'var(--panel)', borderRadius: '8px' },
  '&.cm-focused': { outline: '2px solid var(--accent)', outlineOffset: '-1px' },
  '.cm-scroller': {
    fontFamily: "ui-monospace, 'SF Mono', Menlo, monospace",
    fontSize: '13px',
    lineHeight: '1.6',
  },
  '.cm-content': { padding: '12px', caretColor: 'var(--fg)' },
  '.cm-placeholder': { color: 'var(--muted)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--fg)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground': {
    backgroundColor: 'var(--accent-soft)',
  },
  '.cm-tooltip': {
    backgroundColor: 'var(--panel)',
    color: 'var(--fg)',
    border: '1px solid var(--line)',
    borderRadius: '6px',
    boxShadow: 'var(--shadow)',
  },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': {
    backgroundColor: 'var(--accent-fill)',
    color: 'var(--accent-fg)',
  },
  '.cm-tooltip.cm-tooltip-autocomplete > ul': { fontFamily: 'inherit', maxHeight: '14em' },
})

/** `[[` followed by what is typed so far: offer the titles that contain it, and close the link on choosing. */
function linkCompletion(titles: MarkdownEditorProps['titles']) {
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    const typed = context.matchBefore(/\[\[[^[\]|\n]*$/)
    if (!typed) return null
    const query = typed.text.slice(2)
    const found = await titles(query)
    if (context.aborted) return null
    // Choosing a title closes the link (over the brackets closeBrackets may have added) and steps past it.
    const apply = (view: EditorView, _option: unknown, from: number, to: number, title: string) => {
      const end = view.state.sliceDoc(to, to + 2) === ']]' ? to + 2 : to
      view.dispatch({
        changes: { from, to: end, insert: `${title}]]` },
        selection: { anchor: from + title.length + 2 },
      })
    }
    return {
      from: typed.from + 2,
      options: found.map((title) => ({
        label: title,
        type: 'text',
        apply: (view: EditorView, option: unknown, from: number, to: number) =>
          apply(view, option, from, to, title),
      })),
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
    const element = host.current
    if (!element) return
    const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' })
    const { initial, label, placeholder, handle } = latest.current
    const view = new EditorView({
      root: shadow,
      parent: shadow,
      state: EditorState.create({
        doc: initial,
        extensions: [
          history(),
          closeBrackets(),
          // The GFM grammar alone: markdown() would also bundle the HTML, CSS and JavaScript grammars (~350 kB)
          // for HTML inside notes, which the preview never renders anyway.
          new LanguageSupport(markdownLanguage),
          syntaxHighlighting(highlight),
          look,
          EditorView.lineWrapping,
          placeholderText(placeholder),
          autocompletion({
            override: [linkCompletion((query) => latest.current.titles(query))],
            icons: false,
          }),
          // Tab is left to move focus out of the editor, as it does everywhere else in the app.
          keymap.of([...markdownKeymap, ...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap]),
          EditorView.contentAttributes.of({
            'aria-label': label,
            'aria-multiline': 'true',
            spellcheck: 'true',
          }),
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

  // The class tells the app's own shortcuts (Ctrl+Z for the last toast) that keys here belong to the editor.
  return <div className="editor-text cm-host" ref={host} />
}
