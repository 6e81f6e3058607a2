import fs from 'node:fs'
import { resolveStoredImage } from '../../capture/imageStore'
import { askForJson } from './askModel'
import { asList, asText } from './modelJson'
import type { WorkOutcome } from '../../work/runner'
import type { Processor } from './types'

export const VISION_PROMPT =
  'Task: describe a screenshot. You see one screenshot of the person’s screen. Answer only a JSON object: ' +
  '{"app": the application in front, "summary": one sentence on what the person is doing, ' +
  '"topics": up to 5 short topics, "todos": up to 3 things the screen shows the person still has to do}.'

/** One captured frame → the vision model → one capture_contexts row. */
export const describeFrame: Processor = async (
  item,
  endpoint,
  { ctx, services, dataDir },
  signal,
): Promise<WorkOutcome> => {
  const captureId = Number(item.payload.captureId)
  const row = services.frames.find(captureId)
  // The frame was deleted, or its image removed by retention before it was described: nothing to look at.
  if (!row) return { result: { captureId, skipped: 'capture gone' } }
  // Nothing to look at: marked so the frame is not counted as waiting; its title still feeds the summary.
  const skip = (reason: string): WorkOutcome => ({
    result: { captureId, skipped: reason },
    write: () =>
      services.frames.describe(row.id, ctx.clock.now(), {
        model: '',
        app: row.app_name,
        summary: '',
        details: { skipped: reason },
      }),
  })
  if (row.image_deleted_at !== null || dataDir === null) return skip('image gone')
  let image: Buffer
  try {
    const file = resolveStoredImage(dataDir, row.path)
    if (file === null) return skip('image file missing')
    image = await fs.promises.readFile(file)
  } catch {
    return skip('image file missing')
  }
  const { json, model } = await askForJson(
    endpoint,
    VISION_PROMPT,
    [
      { type: 'text', text: `App: ${row.app_name || 'unknown'}. Window: ${row.window_title || 'unknown'}.` },
      {
        type: 'image_url',
        image_url: { url: `data:image/${row.format};base64,${image.toString('base64')}` },
      },
    ],
    0.2,
    signal,
  )
  const details = {
    topics: asList(json.topics, 5)
      .map((topic) => asText(topic, 100))
      .filter(Boolean),
    todos: asList(json.todos, 3)
      .map((todo) => asText(todo, 300))
      .filter(Boolean),
  }
  const app = asText(json.app, 200) || row.app_name
  const summary = asText(json.summary, 1_000)
  return {
    result: { captureId, model },
    write() {
      services.frames.describe(row.id, ctx.clock.now(), { model, app, summary, details })
    },
  }
}
