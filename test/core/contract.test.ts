import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { EVENT_NAMES } from '../../src/shared/contract/events'
import type { MethodName } from '../../src/shared/contract/methods'
import { METHOD_NAMES } from '../../src/shared/contract/methods'
import { methods } from '../../src/shared/contract/methods'
import { fingerprint, openTestCore } from '../support/core'
import type { TestCore } from '../support/core'
import { seed, validParams } from '../support/fixtures'
import type { Seed } from '../support/fixtures'

const METHODS = Object.keys(methods) as MethodName[]

function seeded(): { t: TestCore; s: Seed } {
  const t = openTestCore()
  const s = seed(t)
  return { t, s }
}

/** The fields of a method's input object (for a union, of the member the sample belongs to). */
function fieldsOf(schema: z.ZodType, sample: unknown): Record<string, z.ZodType> | null {
  if (schema instanceof z.ZodObject) return schema.shape as Record<string, z.ZodType>
  if (schema instanceof z.ZodUnion) {
    for (const option of schema.options as readonly z.ZodType[]) {
      const fields = fieldsOf(option, sample)
      if (fields && option.safeParse(sample).success) return fields
    }
  }
  return null
}

/** A value of the wrong type for `field`: the first of these that its schema refuses. */
const WRONG_VALUES: unknown[] = [true, 'not this', 1.5, -1, [1, 'x'], { unexpected: { nested: true } }, null]
function wrongValueFor(field: z.ZodType): unknown {
  const value = WRONG_VALUES.find((candidate) => !field.safeParse(candidate).success)
  if (value === undefined) throw new Error('no wrong value for this field')
  return value
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema
  while (
    current instanceof z.ZodOptional ||
    current instanceof z.ZodNullable ||
    current instanceof z.ZodDefault
  ) {
    current = current.unwrap() as z.ZodType
  }
  return current
}

/** A value just past the field's upper bound (a string one character too long, a number one too big). */
function tooBigFor(field: z.ZodType): unknown {
  const inner = unwrap(field)
  if (inner instanceof z.ZodString && inner.maxLength !== null) return 'x'.repeat(inner.maxLength + 1)
  if (inner instanceof z.ZodNumber && inner.maxValue !== null && Number.isFinite(inner.maxValue)) {
    return inner.maxValue + 1
  }
  return undefined
}

describe('the contract', () => {
  it('has exactly the methods listed in METHOD_NAMES, each with a valid sample in the tests', () => {
    expect([...METHODS].sort()).toEqual([...METHOD_NAMES].sort())
    expect(Object.keys(validParams).sort()).toEqual([...METHODS].sort())
  })

  it.each(METHODS)('%s answers a valid call with a result that matches its output schema', async (method) => {
    const { t, s } = seeded()
    const params: unknown = validParams[method](s)
    expect(methods[method].input.safeParse(params).success).toBe(true)
    const response = await t.rawAsync(method, params)
    expect(response).toMatchObject({ ok: true })
  })

  it.each(METHODS)(
    '%s rejects malformed input with INVALID_INPUT naming the field, and writes nothing',
    (method) => {
      const { t, s } = seeded()
      const file = t.core.databasePath
      const before = fingerprint(file)
      const eventsBefore = t.events.length
      const schema = methods[method].input
      const sample = validParams[method](s) as Record<string, unknown>

      const expectInvalid = (params: unknown, path: (string | number)[], label: string): void => {
        const error = t.fail(method, params)
        expect(error.code, label).toBe('INVALID_INPUT')
        expect(error.issues?.[0]?.path, label).toEqual(path)
        expect(error.message, label).toMatch(/^Invalid input\./)
      }

      // An unknown field, alone and next to valid ones.
      expectInvalid({ ...sample, bogusField: 1 }, ['bogusField'], 'unknown field beside valid ones')
      // Alone, the first complaint is the unknown field or a required one that is missing.
      const alone = t.fail(method, { bogusField: 1 })
      expect(alone.code).toBe('INVALID_INPUT')
      expect(alone.issues?.[0]?.path).toHaveLength(1)
      expect(['bogusField', ...Object.keys(sample)]).toContain(alone.issues?.[0]?.path[0])
      // Not an object at all.
      for (const params of ['vaults', 42, [], true])
        expectInvalid(params, [], `params ${JSON.stringify(params)}`)

      const fields = fieldsOf(schema, sample)
      if (method !== 'settings.set') expect(fields, 'input is an object with known fields').not.toBeNull()
      for (const [name, field] of Object.entries(fields ?? {})) {
        const wrong = wrongValueFor(field)
        const error = t.fail(method, { ...sample, [name]: wrong })
        expect(error.code, `${name} = ${JSON.stringify(wrong)}`).toBe('INVALID_INPUT')
        expect(error.issues?.[0]?.path[0], `${name} = ${JSON.stringify(wrong)}`).toBe(name)
        const tooBig = tooBigFor(field)
        if (tooBig !== undefined) {
          const label = `${name} past its limit`
          const error = t.fail(method, { ...sample, [name]: tooBig })
          expect(error.code, label).toBe('INVALID_INPUT')
          expect(error.issues?.[0]?.path[0], label).toBe(name)
        }
        if (!field.safeParse(undefined).success) {
          const { [name]: _dropped, ...withoutField } = sample
          expectInvalid(withoutField, [name], `missing ${name}`)
        }
      }

      expect(fingerprint(file)).toBe(before)
      expect(t.events.length).toBe(eventsBefore)
    },
  )

  it('writes nothing and tells no one when a valid call is refused', () => {
    const { t, s } = seeded()
    const before = fingerprint(t.core.databasePath)
    const eventsBefore = t.events.length
    const refused: [string, unknown, string][] = [
      ['vaults.update', { id: 999, title: 'x' }, 'NOT_FOUND'],
      ['vaults.move', { id: 999, parentId: null }, 'NOT_FOUND'],
      ['vaults.move', { id: s.folder, parentId: s.doc }, 'FAILED_PRECONDITION'],
      ['vaults.move', { id: s.folder, parentId: s.folder }, 'FAILED_PRECONDITION'],
      ['vaults.move', { id: s.trashed, parentId: null }, 'FAILED_PRECONDITION'],
      ['vaults.create', { title: 'x', parentId: s.doc }, 'FAILED_PRECONDITION'],
      ['vaults.create', { title: 'x', parentId: s.trashed }, 'FAILED_PRECONDITION'],
      ['vaults.update', { id: s.folder, content: 'folders have no body' }, 'FAILED_PRECONDITION'],
      ['vaults.trash', { id: 999 }, 'NOT_FOUND'],
      ['vaults.restore', { id: 999 }, 'NOT_FOUND'],
      ['vaults.delete', { id: s.doc }, 'FAILED_PRECONDITION'],
      ['todos.create', { content: 'x', sourceActivityId: 999 }, 'NOT_FOUND'],
      ['todos.update', { id: s.todo, content: 'changed', sourceActivityId: 999 }, 'NOT_FOUND'],
      ['todos.setStatus', { id: 999, status: 'done' }, 'NOT_FOUND'],
      ['todos.delete', { id: 999 }, 'NOT_FOUND'],
      ['activities.delete', { id: 999 }, 'NOT_FOUND'],
      ['tips.get', { id: 999 }, 'NOT_FOUND'],
      ['tips.dismiss', { id: 999 }, 'NOT_FOUND'],
      ['conversations.update', { id: 999, title: 'x' }, 'NOT_FOUND'],
      ['conversations.delete', { id: 999 }, 'NOT_FOUND'],
      ['messages.create', { conversationId: 999, role: 'user', content: 'x' }, 'NOT_FOUND'],
      ['messages.startStream', { conversationId: 999 }, 'NOT_FOUND'],
      ['messages.finish', { id: s.message }, 'FAILED_PRECONDITION'],
      ['messages.fail', { id: s.message, errorMessage: 'x' }, 'FAILED_PRECONDITION'],
      ['messages.interrupt', { id: s.message }, 'FAILED_PRECONDITION'],
      ['messages.appendChunk', { id: s.message, chunk: 'x' }, 'FAILED_PRECONDITION'],
      ['messages.delete', { id: 999 }, 'NOT_FOUND'],
      ['thinking.add', { messageId: 999, stage: 'x' }, 'NOT_FOUND'],
      ['thinking.clear', { messageId: 999 }, 'NOT_FOUND'],
    ]
    for (const [method, params, code] of refused) {
      expect(t.fail(method, params).code, `${method} ${JSON.stringify(params)}`).toBe(code)
    }
    expect(fingerprint(t.core.databasePath)).toBe(before)
    expect(t.events.length).toBe(eventsBefore)
  })

  it('names the bad field of a setting and of nested inputs', () => {
    const { t } = seeded()
    expect(t.fail('settings.set', { key: 'ui.theme', value: 'purple' }).issues?.[0]?.path).toEqual(['value'])
    expect(t.fail('settings.set', { key: 'monitoring.retentionDays', value: 0 }).issues?.[0]?.path).toEqual([
      'value',
    ])
    expect(t.fail('settings.set', { key: 'no.such.setting', value: 1 }).issues?.[0]?.path).toEqual(['key'])
    expect(t.fail('vaults.create', { title: 'x', tags: ['ok', 7] }).issues?.[0]?.path).toEqual(['tags', 1])
    expect(
      t.fail('monitoring.trend', { metric: 'tokens', window: { hours: 1, from: 0, to: 1 } }).issues?.[0]
        ?.path,
    ).toEqual(['window', 'hours'])
    expect(t.fail('activities.create', { title: 'x', startAt: 10, endAt: 5 }).issues?.[0]?.path).toEqual([
      'endAt',
    ])
    expect(t.fail('activities.list', { from: 10, to: 10 }).issues?.[0]?.path).toEqual(['to'])
    expect(t.fail('todos.create', { content: '   ' }).issues?.[0]?.path).toEqual(['content'])
    expect(t.fail('vaults.get', { id: 0 }).issues?.[0]?.path).toEqual(['id'])
    expect(t.fail('vaults.get', { id: 2 ** 60 }).issues?.[0]?.path).toEqual(['id'])
    expect(t.fail('messages.appendChunk', { id: 1, chunk: '' }).issues?.[0]?.path).toEqual(['chunk'])
  })

  it.each(['vaults.explode', '', 'VAULTS.CREATE', '__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'answers the unknown method %j with UNKNOWN_METHOD',
    (name) => {
      const t = openTestCore()
      const error = t.fail(name, {})
      expect(error.code).toBe('UNKNOWN_METHOD')
    },
  )

  it('describes every method and event with JSON Schemas', () => {
    const t = openTestCore()
    const description = t.call('system.describe', {})
    expect(description.methods.map((method) => method.name).sort()).toEqual([...METHODS].sort())
    expect(description.events.map((event) => event.name).sort()).toEqual([...EVENT_NAMES].sort())
    for (const method of description.methods) {
      expect(method.description.length, method.name).toBeGreaterThan(0)
      // An object, or (settings.set) one object per setting.
      const params = method.params as { type?: unknown; oneOf?: { type?: unknown }[] }
      const objects = params.oneOf ?? [params]
      expect(objects.length, method.name).toBeGreaterThan(0)
      for (const object of objects) expect(object.type, method.name).toBe('object')
      expect(method.result, method.name).toMatchObject({ type: 'object' })
    }
    const create = description.methods.find((method) => method.name === 'vaults.create')
    expect(create?.params).toMatchObject({ properties: { title: { type: 'string' } }, required: ['title'] })
  })

  it('reports health with the schema version and data folder', () => {
    const t = openTestCore()
    const health = t.call('system.health', {})
    expect(health).toMatchObject({ ok: true, schemaVersion: t.core.schemaVersion, dataDir: t.dataDir })
    expect(health.databaseBytes).toBeGreaterThan(0)
  })
})
