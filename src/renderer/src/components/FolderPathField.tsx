import { useRef } from 'react'
import type { FolderPurpose, PickedFolder } from '../../../shared/bridge'
import { useTranslation } from 'react-i18next'

// Sized for a path; the form's inputs are sized for numbers by default.
const PATH_INPUT = { width: '20rem', maxWidth: '100%' }

const CHOOSE_NAMES = {
  export: 'settings.chooseExport',
  import: 'settings.chooseImport',
} as const satisfies Record<FolderPurpose, string>

type PickFolder = (purpose: FolderPurpose) => Promise<PickedFolder | null>

/**
 * The field's value: the text shown, and the dialog's one-time handle while the text is still the folder the
 * dialog chose (typing drops it). The desktop app accepts only the handle.
 */
export interface FolderChoice {
  text: string
  handle: string | null
}

export const NO_FOLDER: FolderChoice = { text: '', handle: null }

/** What to send as `dir`: the dialog's handle, or the typed path (the browser's way). */
export const folderParam = (choice: FolderChoice): string => choice.handle ?? choice.text.trim()

/** The desktop app's OS folder dialog; null in a browser, which cannot hand a page a local folder's path. */
function folderDialog(bridge = typeof window === 'undefined' ? undefined : window.cairn): PickFolder | null {
  const pick = bridge?.pickFolder
  return pick ? (purpose) => pick.call(bridge, purpose) : null
}

/**
 * A folder path typed as an absolute path in a browser; in the desktop app it is filled only by the "Choose…"
 * button's OS folder dialog. Cancelling the dialog leaves the field as it was.
 */
export function FolderPathField(props: {
  label: string
  purpose: FolderPurpose
  value: FolderChoice
  onChange: (value: FolderChoice) => void
  onProblem: (message: string | null) => void
}) {
  const { label, purpose, value, onChange, onProblem } = props
  const { t } = useTranslation()
  const input = useRef<HTMLInputElement>(null)
  const chooser = useRef<HTMLButtonElement>(null)
  // Not a disabled button: disabling the focused button would drop focus to the page while the dialog is up.
  const open = useRef(false)
  const pick = folderDialog()

  const choose = async (dialog: PickFolder): Promise<void> => {
    if (open.current) return
    open.current = true
    onProblem(null)
    try {
      const chosen = await dialog(purpose)
      if (chosen === null) {
        chooser.current?.focus()
        return
      }
      onChange({ text: chosen.path, handle: chosen.handle })
      // On the filled field, where Enter submits and the path can still be edited.
      input.current?.focus()
    } catch (error) {
      onProblem(t('settings.dialogFailed', { error: error instanceof Error ? error.message : String(error) }))
      chooser.current?.focus()
    } finally {
      open.current = false
    }
  }

  return (
    <>
      <label>
        {label}
        <input
          ref={input}
          className="mono"
          style={PATH_INPUT}
          value={value.text}
          placeholder="/home/me/cairn-export"
          translate="no"
          onChange={(event) => onChange({ text: event.target.value, handle: null })}
        />
      </label>
      {pick && (
        <button
          ref={chooser}
          type="button"
          aria-label={t(CHOOSE_NAMES[purpose])}
          title={t(CHOOSE_NAMES[purpose])}
          onClick={() => void choose(pick)}
        >
          {t('settings.choose')}
        </button>
      )}
    </>
  )
}
