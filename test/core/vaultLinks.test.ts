import { describe, expect, it } from 'vitest'
import { linksTo, titleKey, wikiLinks } from '../../src/shared/wikiLinks'
import { openTestCore } from '../support/core'

describe('[[links]] in text', () => {
  it('reads targets and labels, and compares titles as a person would', () => {
    expect(wikiLinks('See [[Otter notes]] and [[Kelp|the kelp]]; not [[]] or [[a\nb]].')).toEqual([
      { target: 'Otter notes', label: 'Otter notes', from: 4, to: 19 },
      { target: 'Kelp', label: 'the kelp', from: 24, to: 41 },
    ])
    expect(titleKey('  Otter   NOTES ')).toBe('otter notes')
    expect(titleKey('ＡＢＣ')).toBe('abc')
    expect(linksTo('见[[海獭笔记]]。', '海獭笔记')).toBe(true)
    expect(linksTo('[[Otter notes draft]]', 'Otter notes')).toBe(false)
  })
})

describe('vaults.backlinks, vaults.titles and vaults.resolve', () => {
  it('lists the documents that link to one, with the line of the link, and not the trashed ones', () => {
    const t = openTestCore()
    const target = t.call('vaults.create', { title: 'Otter notes', content: 'about otters' })
    const linking = t.call('vaults.create', {
      title: 'Reading list',
      content: '# Reading\n- read [[otter  Notes|the otter page]] tonight\n- more',
    })
    t.clock.advance(1000)
    const newer = t.call('vaults.create', { title: 'Journal', content: 'Today: [[Otter notes]].' })
    // Same words, no link; a link to a longer title; a link inside a trashed document.
    t.call('vaults.create', { title: 'Plain', content: 'otter notes without brackets' })
    t.call('vaults.create', { title: 'Other', content: '[[Otter notes draft]]' })
    const gone = t.call('vaults.create', { title: 'Gone', content: '[[Otter notes]]' })
    t.call('vaults.trash', { id: gone.id })
    // A document does not list itself.
    t.call('vaults.update', { id: target.id, content: 'about otters, see [[Otter notes]]' })

    const { items } = t.call('vaults.backlinks', { id: target.id })
    expect(items.map((item) => [item.id, item.title, item.excerpt])).toEqual([
      [newer.id, 'Journal', 'Today: [[Otter notes]].'],
      [linking.id, 'Reading list', '- read [[otter  Notes|the otter page]] tonight'],
    ])
    expect(t.call('vaults.backlinks', { id: target.id, limit: 1 }).items).toHaveLength(1)

    // A renamed document is linked by its new title only.
    t.call('vaults.update', { id: target.id, title: 'Sea otters' })
    expect(t.call('vaults.backlinks', { id: target.id }).items).toEqual([])
    t.call('vaults.update', { id: newer.id, content: 'Now [[Sea Otters]]' })
    expect(t.call('vaults.backlinks', { id: target.id }).items.map((item) => item.id)).toEqual([newer.id])
  })

  it('finds links to a Chinese title and to a title of signs only', () => {
    const t = openTestCore()
    const chinese = t.call('vaults.create', { title: '海獭笔记', content: '' })
    const from = t.call('vaults.create', { title: '日记', content: '今天读了[[海獭笔记]]的第二部分' })
    expect(t.call('vaults.backlinks', { id: chinese.id }).items.map((item) => item.id)).toEqual([from.id])
    const signs = t.call('vaults.create', { title: '???', content: '' })
    const asking = t.call('vaults.create', { title: 'Questions', content: 'open [[???]] later' })
    expect(t.call('vaults.backlinks', { id: signs.id }).items.map((item) => item.id)).toEqual([asking.id])
  })

  it('offers titles for a [[link]] being typed: starting with the words first, no folders or trash', () => {
    const t = openTestCore()
    t.call('vaults.create', { title: 'Otters', isFolder: true })
    const later = t.call('vaults.create', { title: 'Sea otters', content: '' })
    t.clock.advance(1000)
    const first = t.call('vaults.create', { title: 'Otter notes', content: '' })
    const trashed = t.call('vaults.create', { title: 'Otter trash', content: '' })
    t.call('vaults.trash', { id: trashed.id })
    expect(t.call('vaults.titles', { query: 'OTTER' }).items.map((item) => item.id)).toEqual([
      first.id,
      later.id,
    ])
    expect(t.call('vaults.titles', { query: '', limit: 1 }).items.map((item) => item.id)).toEqual([first.id])
    expect(t.call('vaults.titles', { query: 'kelp' }).items).toEqual([])
  })

  it('finds a title exactly as its key would, whether SQLite or the key function looks (ASCII, width, spaces)', () => {
    const t = openTestCore()
    const titles = [
      'Plain note',
      '  Leading note',
      'Two  spaces note',
      'Trailing note ',
      'Tab\tnote',
      'ＦＵＬＬＷＩＤＴＨ ＮＯＴＥ',
      'ﬁle of notes',
      '海獭 note 笔记',
      'NOTE',
      'nothing here',
      'café note',
    ]
    for (const title of titles) {
      t.clock.advance(1000)
      t.call('vaults.create', { title, content: '' })
    }
    for (const query of [
      'note',
      'NOTE',
      ' note',
      'fi',
      'two spaces',
      'tab note',
      'fullwidth',
      '海獭',
      'café',
      'é',
      'x',
    ]) {
      const key = titleKey(query)
      const expected = titles
        .filter((title) => titleKey(title).includes(key))
        .sort(
          (a, b) =>
            Number(titleKey(b).startsWith(key)) - Number(titleKey(a).startsWith(key)) ||
            titles.indexOf(b) - titles.indexOf(a),
        )
      const found = t.call('vaults.titles', { query, limit: 50 }).items.map((item) => item.title)
      expect(found, query).toEqual(expected)
    }
  })

  it('resolves link titles to documents, in the order asked, null where none is called that', () => {
    const t = openTestCore()
    const old = t.call('vaults.create', { title: 'Plan', content: '' })
    t.clock.advance(1000)
    const fresh = t.call('vaults.create', { title: 'plan', content: '' })
    t.call('vaults.create', { title: 'Folder', isFolder: true })
    expect(t.call('vaults.resolve', { titles: ['Nowhere', ' PLAN ', 'Folder', ''] }).items).toEqual([
      { title: 'Nowhere', id: null },
      { title: ' PLAN ', id: fresh.id },
      { title: 'Folder', id: null },
      { title: '', id: null },
    ])
    t.clock.advance(1000)
    t.call('vaults.update', { id: old.id, content: 'edited' })
    expect(t.call('vaults.resolve', { titles: ['plan'] }).items[0]?.id).toBe(old.id)
  })

  it('refuses bad input with INVALID_INPUT and a missing document with NOT_FOUND', () => {
    const t = openTestCore()
    expect(t.fail('vaults.backlinks', { id: 0 }).code).toBe('INVALID_INPUT')
    expect(t.fail('vaults.backlinks', { id: 1, limit: 1000 }).code).toBe('INVALID_INPUT')
    expect(t.fail('vaults.backlinks', { id: 42 }).code).toBe('NOT_FOUND')
    expect(t.fail('vaults.titles', { query: 'x'.repeat(1001) }).code).toBe('INVALID_INPUT')
    expect(t.fail('vaults.titles', { query: 1 }).code).toBe('INVALID_INPUT')
    expect(t.fail('vaults.resolve', { titles: Array(201).fill('a') }).code).toBe('INVALID_INPUT')
    expect(t.fail('vaults.resolve', { titles: ['a'], extra: true }).code).toBe('INVALID_INPUT')
  })
})
