import { z } from 'zod'
import { events } from '../../shared/contract/events'
import { methods } from '../../shared/contract/methods'
import type { MethodResult } from '../../shared/contract/methods'
import { CONTRACT_VERSION } from '../../shared/version'

type JsonSchema = Record<string, unknown>

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema
}

/** The contract as data: method names, descriptions and JSON Schemas generated from the zod schemas. */
export function describeContract(): MethodResult<'system.describe'> {
  return {
    version: CONTRACT_VERSION,
    methods: Object.entries(methods).map(([name, spec]) => ({
      name,
      description: spec.description,
      params: toSchema(spec.input, 'input'),
      result: toSchema(spec.output, 'output'),
    })),
    events: Object.entries(events).map(([name, schema]) => ({ name, data: toSchema(schema, 'output') })),
  }
}
