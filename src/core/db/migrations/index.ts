import { initial } from './0001_initial'
import { fullTextSearch } from './0002_full_text_search'
import { capture } from './0003_capture'
import { workQueue } from './0004_work_queue'
import { todoOrder } from './0005_todo_order'
import { captureContext } from './0006_capture_context'
import { recall } from './0007_recall'
import { messagesByConversation } from './0008_messages_by_conversation'
import { activitySpan } from './0009_activity_span'
import { cjkUpdateOnText } from './0010_cjk_update_on_text'
import { workItemNotes } from './0011_work_item_notes'
import type { Migration } from './types'

/** In order; a migration is never edited once released, only followed by a new one. */
export const MIGRATIONS: readonly Migration[] = [
  initial,
  fullTextSearch,
  capture,
  workQueue,
  todoOrder,
  captureContext,
  recall,
  messagesByConversation,
  activitySpan,
  cjkUpdateOnText,
  workItemNotes,
]

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length
