import { Language, LanguageDescription, LanguageSupport, ParseContext } from '@codemirror/language'
import { markdownLanguage } from '@codemirror/lang-markdown'
import { EditorView } from '@codemirror/view'
import { MarkdownParser, parseCode } from '@lezer/markdown'
import type { Parser } from '@lezer/common'

const lang = (name: string, alias: string[], load: () => Promise<LanguageSupport>): LanguageDescription =>
  LanguageDescription.of({ name, alias, load })

/**
 * The languages a fenced block may name, each loaded in its own chunk on first use. An explicit set rather than
 * @codemirror/language-data: that list's markdown entry loads lang-markdown's markdown(), which this editor
 * bundles, and the bundler then keeps markdown()'s HTML, CSS and JavaScript grammars in the editor's own
 * chunks (measured: +139 kB loaded on opening a note, before any code block).
 */
const CODE_LANGUAGES = [
  lang('JavaScript', ['javascript', 'js', 'node', 'mjs', 'cjs'], () =>
    import('@codemirror/lang-javascript').then((m) => m.javascript()),
  ),
  lang('JSX', ['jsx'], () => import('@codemirror/lang-javascript').then((m) => m.javascript({ jsx: true }))),
  lang('TypeScript', ['typescript', 'ts', 'mts', 'cts'], () =>
    import('@codemirror/lang-javascript').then((m) => m.javascript({ typescript: true })),
  ),
  lang('TSX', ['tsx'], () =>
    import('@codemirror/lang-javascript').then((m) => m.javascript({ jsx: true, typescript: true })),
  ),
  lang('JSON', ['json', 'json5', 'jsonc'], () => import('@codemirror/lang-json').then((m) => m.json())),
  lang('Python', ['python', 'py'], () => import('@codemirror/lang-python').then((m) => m.python())),
  lang('HTML', ['html', 'htm', 'xhtml'], () => import('@codemirror/lang-html').then((m) => m.html())),
  lang('CSS', ['css'], () => import('@codemirror/lang-css').then((m) => m.css())),
  lang('SQL', ['sql', 'sqlite', 'postgresql', 'mysql'], () =>
    import('@codemirror/lang-sql').then((m) => m.sql()),
  ),
  lang('Rust', ['rust', 'rs'], () => import('@codemirror/lang-rust').then((m) => m.rust())),
  lang('Go', ['go', 'golang'], () => import('@codemirror/lang-go').then((m) => m.go())),
  lang('Java', ['java'], () => import('@codemirror/lang-java').then((m) => m.java())),
  lang('C++', ['c', 'h', 'cpp', 'c++', 'cc', 'hpp'], () =>
    import('@codemirror/lang-cpp').then((m) => m.cpp()),
  ),
  lang('YAML', ['yaml', 'yml'], () => import('@codemirror/lang-yaml').then((m) => m.yaml())),
  lang('XML', ['xml', 'svg'], () => import('@codemirror/lang-xml').then((m) => m.xml())),
  lang('Shell', ['shell', 'bash', 'sh', 'zsh', 'console'], () =>
    Promise.all([import('@codemirror/legacy-modes/mode/shell'), import('@codemirror/language')]).then(
      ([mode, language]) => new LanguageSupport(language.StreamLanguage.define(mode.shell)),
    ),
  ),
]

/**
 * The parser of a fenced block's language by its info string ("ts", "python", "sql"): loaded on first use, each
 * language its own chunk; until it has arrived the block is skipped, and it is parsed again once it has.
 */
function codeParser(info: string): Parser | null {
  const name = /\S*/.exec(info)?.[0] ?? ''
  if (!name) return null
  const found = LanguageDescription.matchLanguageName(CODE_LANGUAGES, name, true)
  if (!found) return null
  return found.support ? found.support.language.parser : ParseContext.getSkippingParser(found.load())
}

/**
 * GFM markdown whose fenced code blocks are parsed in their own language. Built from the GFM grammar and not
 * with markdown({ codeLanguages }), which would also bundle the HTML, CSS and JavaScript grammars (~350 kB)
 * for HTML inside notes, which the preview never renders anyway. The language data facet is markdown's own,
 * so its commands (list continuation on Enter) still know where they are.
 */
export function notesLanguage(): LanguageSupport {
  const base = markdownLanguage.parser
  const parser = base instanceof MarkdownParser ? base.configure(parseCode({ codeParser })) : base
  return new LanguageSupport(new Language(markdownLanguage.data, parser, [], 'markdown'))
}

/**
 * Colours of code tokens, by the stable classes of @lezer/highlight's classHighlighter (tok-keyword, …), from
 * the theme's variables, so light and dark follow the app.
 */
export const codeColours = EditorView.theme({
  '.tok-keyword': { color: 'var(--code-keyword)' },
  '.tok-string, .tok-string2': { color: 'var(--code-string)' },
  '.tok-number, .tok-bool, .tok-atom, .tok-literal': { color: 'var(--code-number)' },
  '.tok-comment': { color: 'var(--code-comment)', fontStyle: 'italic' },
  '.tok-variableName.tok-definition, .tok-propertyName, .tok-macroName': { color: 'var(--code-name)' },
  '.tok-typeName, .tok-className, .tok-namespace': { color: 'var(--code-type)' },
})
