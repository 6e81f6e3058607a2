import { describe, expect, it } from 'vitest'
import { parseSnippet, planFtsQuery } from '../../src/core/services/ftsQuery'

describe('planning the FTS5 query for what a person typed', () => {
  it('matches finished words whole and the word being typed as a prefix too', () => {
    expect(planFtsQuery('otters sle')).toEqual({ whole: '"otters" "sle"', prefixed: '"otters" "sle"*' })
    expect(planFtsQuery('otters sleep ')).toEqual({ whole: '"otters" "sleep"', prefixed: null })
    expect(planFtsQuery('walrus.')).toEqual({ whole: '"walrus"', prefixed: null })
  })

  it('never expands a one-letter word, which would merge most of the vocabulary', () => {
    expect(planFtsQuery('t')).toEqual({ whole: '"t"', prefixed: null })
    expect(planFtsQuery('plan a')).toEqual({ whole: '"plan" "a"', prefixed: null })
  })

  it('turns operators, quotes and SQL into plain quoted words', () => {
    expect(planFtsQuery('NEAR("a" b) OR x*; DROP TABLE todos; --')?.whole).toBe(
      '"NEAR" "a" "b" "OR" "x" "DROP" "TABLE" "todos"',
    )
    expect(planFtsQuery('   ')).toBeNull()
    expect(planFtsQuery('!!! ???')).toBeNull()
  })

  it('keeps letters of every script and normalizes compatibility forms', () => {
    expect(planFtsQuery('Straße 東京')?.whole).toBe('"Straße" "東京"')
    expect(planFtsQuery('ﬁle')?.whole).toBe('"file"')
  })

  it('reads highlight markers out of a snippet', () => {
    expect(parseSnippet('a \u0001fox\u0002 and a \u0001fox\u0002')).toEqual({
      text: 'a fox and a fox',
      highlights: [
        [2, 5],
        [12, 15],
      ],
    })
  })
})
