import type { AiEndpoint } from '../runtime'
import { parseModelJson } from './modelJson'
import type { JsonObject } from '../../../shared/contract/common'
import type { ContentPart } from '../../llm/types'

/**
 * One question to a processor's model, answered as a JSON object: the task's instructions as the system
 * message, the material as the user message. A non-JSON answer throws (the queue retries it).
 */
export async function askForJson(
  endpoint: AiEndpoint,
  task: string,
  material: string | ContentPart[],
  temperature: number,
  signal: AbortSignal,
): Promise<{ json: JsonObject; model: string }> {
  const answer = await endpoint.client.chat(
    {
      model: endpoint.model,
      json: true,
      temperature,
      messages: [
        { role: 'system', content: task },
        { role: 'user', content: material },
      ],
    },
    { signal },
  )
  return { json: parseModelJson(answer.content), model: answer.model }
}
