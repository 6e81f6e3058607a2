import { autocompletion, closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete'
import type { CompletionContext, CompletionResult } from '@codemirror/autocomplete'
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands'
import { markdownKeymap } from '@codemirror/lang-markdown'
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language'
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search'
import { Compartment, EditorState } from '@codemirror/state'
import { EditorView, keymap, placeholder as placeholderText } from '@codemirror/view'
import { classHighlighter, tags } from '@lezer/highlight'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { editorPhrases } from './editorPhrases'
import { codeColours, notesLanguage } from './notesLanguage'

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
  // The find panel (Ctrl/Cmd+F), in the app's colours and type.
  '.cm-panels': { backgroundColor: 'var(--panel)', color: 'var(--fg)', fontFamily: 'inherit' },
  '.cm-panels.cm-panels-top': { borderBottom: '1px solid var(--line)', borderRadius: '8px 8px 0 0' },
  '.cm-panel.cm-search': { padding: '6px 32px 6px 10px', fontSize: '13px' },
  '.cm-panel.cm-search label': {
    fontSize: '13px',
    color: 'var(--muted)',
    display: 'inline-flex',
    alignItems: 'center',
    gap: '4px',
  },
  '.cm-panel.cm-search input[type=checkbox]': { margin: '0' },
  '.cm-textfield': {
    backgroundColor: 'var(--bg)',
    color: 'var(--fg)',
    border: '1px solid var(--line)',
    borderRadius: '6px',
    padding: '3px 6px',
    fontSize: '13px',
  },
  '.cm-textfield:focus': { outline: '2px solid var(--accent)', outlineOffset: '-1px' },
  '.cm-button': {
    backgroundColor: 'var(--panel)',
    backgroundImage: 'none',
    color: 'var(--fg)',
    border: '1px solid var(--line)',
    borderRadius: '6px',
    padding: '3px 8px',
    fontSize: '13px',
  },
  '.cm-button:hover': { backgroundColor: 'var(--hover)' },
  '.cm-panel.cm-search [name=close]': { color: 'var(--muted)', fontSize: '18px', top: '4px', right: '8px' },
  '.cm-searchMatch': { backgroundColor: 'var(--mark)', borderRadius: '2px' },
  '.cm-searchMatch.cm-searchMatch-selected': { outline: '2px solid var(--accent)' },
  '.cm-selectionMatch': { backgroundColor: 'var(--accent-soft)' },
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

/**
 * CodeMirror 6 with markdown: undo history, list continuation on Enter, `[[` completion, find and replace
 * (Ctrl/Cmd+F) and fenced code blocks highlighted in their language.
 */
export default function MarkdownEditor(props: MarkdownEditorProps) {
  const { i18n } = useTranslation()
  const host = useRef<HTMLDivElement>(null)
  const editor = useRef<EditorView | null>(null)
  // The find panel's words follow the interface's language without making the editor again.
  const phrases = useRef(new Compartment())
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
          notesLanguage(),
          syntaxHighlighting(highlight),
          // Stable classes (tok-keyword, …) for the tokens of code blocks, coloured by codeColours.
          syntaxHighlighting(classHighlighter),
          look,
          codeColours,
          search({ top: true }),
          highlightSelectionMatches(),
          phrases.current.of(editorPhrases()),
          EditorView.lineWrapping,
          placeholderText(placeholder),
          autocompletion({
            override: [linkCompletion((query) => latest.current.titles(query))],
            icons: false,
          }),
          // Tab is left to move focus out of the editor, as it does everywhere else in the app.
          keymap.of([
            ...markdownKeymap,
            ...closeBracketsKeymap,
            ...searchKeymap,
            ...defaultKeymap,
            ...historyKeymap,
          ]),
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
    editor.current = view
    return () => {
      handle.current = null
      editor.current = null
      view.destroy()
    }
  }, [])

  useEffect(() => {
    editor.current?.dispatch({ effects: phrases.current.reconfigure(editorPhrases()) })
  }, [i18n.language])

  // The class tells the app's own shortcuts (Ctrl+Z for the last toast) that keys here belong to the editor.
  return <div className="editor-text cm-host" ref={host} />
}
