import { describe, expect, it } from 'vitest'
import { isDuplicateTodo, normaliseTodo } from '../../src/core/ai/processors/todoDedupe'

describe('todo de-duplication', () => {
  it('normalises case, accents, punctuation and filler words', () => {
    expect(normaliseTodo('  Email Bob the Report!! ')).toBe('email bob report')
    expect(normaliseTodo('Réserver le café')).toBe('reserver le cafe')
  })

  it('treats the same todo in other words as a duplicate, and a different one as new', () => {
    const open = ['Email the report to Bob', 'Book the dentist']
    expect(isDuplicateTodo('email Bob the report', open)).toBe(true)
    expect(isDuplicateTodo('BOOK DENTIST.', open)).toBe(true)
    expect(isDuplicateTodo('Book a table for Friday', open)).toBe(false)
    expect(isDuplicateTodo('Email the invoice to Carol', open)).toBe(false)
    expect(isDuplicateTodo('!!!', open)).toBe(true)
  })
})
