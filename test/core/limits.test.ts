import { describe, expect, it } from 'vitest'
import { openTestCore } from '../support/core'

type Schema = Record<string, unknown>

/** Paths of every string without maxLength and every array without maxItems in a JSON Schema. */
function unbounded(schema: unknown, at: string, found: string[]): void {
  if (typeof schema !== 'object' || schema === null) return
  const node = schema as Schema
  const isEnumLike = Array.isArray(node.enum) || 'const' in node
  if (node.type === 'string' && !isEnumLike && typeof node.maxLength !== 'number') found.push(at)
  if (node.type === 'array' && typeof node.maxItems !== 'number' && !Array.isArray(node.prefixItems)) {
    found.push(at)
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && typeof value === 'object' && value !== null) {
      for (const [name, child] of Object.entries(value)) unbounded(child, `${at}.${name}`, found)
    } else if (Array.isArray(value)) {
      value.forEach((child, index) => unbounded(child, `${at}.${key}[${index}]`, found))
    } else if (typeof value === 'object' && value !== null) {
      unbounded(value, `${at}.${key}`, found)
    }
  }
}

describe('limits on input', () => {
  it('bounds every string and every array that a caller can send', () => {
    const t = openTestCore()
    const found: string[] = []
    for (const method of t.call('system.describe', {}).methods) unbounded(method.params, method.name, found)
    // The recursive JSON value inside metadata ($defs) is bounded by the serialized size of the whole object,
    // a refinement JSON Schema cannot show; the next test checks it.
    expect(found.filter((where) => !where.includes('.$defs.'))).toEqual([])
  })

  it('bounds free-form metadata by its serialized size, however it is nested', () => {
    const t = openTestCore()
    const deep = { a: ['x'.repeat(150_000), { b: 'y'.repeat(60_000) }] }
    const error = t.fail('activities.create', { title: 'x', startAt: 1, endAt: 2, metadata: deep })
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.issues?.[0]?.path).toEqual(['metadata'])
    expect(error.message).toMatch(/metadata must serialize to at most 200000 characters/)
  })

  it('refuses a 50 MB message with INVALID_INPUT and a message that says what is too big', () => {
    const t = openTestCore()
    const conversation = t.call('conversations.create', { title: 'big' })
    const error = t.fail('messages.create', {
      conversationId: conversation.id,
      role: 'user',
      content: 'x'.repeat(50 * 1024 * 1024),
    })
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.issues?.[0]?.path).toEqual(['content'])
    expect(error.message).toMatch(/content: .*2000000/)
    expect(t.call('messages.list', { conversationId: conversation.id }).items).toEqual([])
  })
})
