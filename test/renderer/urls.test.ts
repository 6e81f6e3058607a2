import { describe, expect, it } from 'vitest'
import { activityUrls } from '../../src/renderer/src/lib/urls'

const activity = (fields: Partial<Parameters<typeof activityUrls>[0]>) => ({
  title: '',
  content: '',
  resources: { screenshots: [], urls: [] },
  metadata: {},
  ...fields,
})

describe('the web addresses an activity cites (its detail pane links them)', () => {
  it('finds addresses in its resources, text and metadata, each once, without the punctuation around them', () => {
    const urls = activityUrls(
      activity({
        title: 'Read https://example.com/spec.',
        content:
          'See (https://en.wikipedia.org/wiki/Cairn_(marker)), then https://example.com/spec and 见https://例子.测试/页面。',
        resources: { screenshots: [], urls: ['https://docs.example.org/a?b=1#c'] },
        metadata: { tabs: [{ url: 'http://intranet.example:8080/x' }], note: 'no link here' },
      }),
    )
    expect(urls).toEqual([
      'https://docs.example.org/a?b=1#c',
      'https://example.com/spec',
      'https://en.wikipedia.org/wiki/Cairn_(marker)',
      'https://xn--fsqu00a.xn--0zwm56d/%E9%A1%B5%E9%9D%A2',
      'http://intranet.example:8080/x',
    ])
  })

  it('links only plain http(s) to a named host, never scripts, files or credentials', () => {
    const content = `javascript:alert(1) file:///etc/passwd https://user:pw@example.com https://example.com/${'a'.repeat(3000)}`
    const urls = ['smb://host/share', 'x-apple.systempreferences:com.apple.preference.security']
    expect(activityUrls(activity({ content, resources: { screenshots: [], urls } }))).toEqual([])
  })

  it('stops at fifty addresses', () => {
    const content = Array.from({ length: 80 }, (_, at) => `https://example.com/${at}`).join(' ')
    expect(activityUrls(activity({ content }))).toHaveLength(50)
  })
})
