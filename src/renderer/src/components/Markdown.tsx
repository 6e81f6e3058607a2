import ReactMarkdown from 'react-markdown'
import type { Components } from 'react-markdown'
import remarkGfm from 'remark-gfm'

const plugins = [remarkGfm]

// Links leave the app window: a note's link must never replace Cairn itself.
const components: Components = {
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noreferrer noopener">
      {children}
    </a>
  ),
}

/**
 * Markdown as React elements, GitHub-flavoured (tables, task lists, strike, autolinks). Raw HTML in the text is not rendered (react-markdown without rehype-raw)
 * and unsafe URLs are dropped by its default urlTransform, so a note or a model's answer cannot run code.
 */
export function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown components={components} remarkPlugins={plugins}>
        {text}
      </ReactMarkdown>
    </div>
  )
}
