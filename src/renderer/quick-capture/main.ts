import type { CaptureKind } from './capture'
import { saveCapture } from './capture'
import './quick-capture.css'
import { localize } from './localize'
import i18next from 'i18next'

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id)
  if (!found) throw new Error(`The quick capture page has no #${id}.`)
  return found as T
}

const form = element<HTMLFormElement>('capture')
const text = element<HTMLTextAreaElement>('text')
const paste = element<HTMLButtonElement>('paste')
const status = element<HTMLParagraphElement>('status')
const shell = window.cairnQuickCapture
let saving = false

const kind = (): CaptureKind =>
  (form.querySelector<HTMLInputElement>('input[name="kind"]:checked')?.value as CaptureKind) ?? 'todo'

function say(message: string, error = false): void {
  status.textContent = message
  status.classList.toggle('error', error)
}

function close(): void {
  if (shell) void shell.close()
}

async function save(): Promise<void> {
  if (saving) return
  if (!window.cairn) return say(i18next.t('quickCapture.onlyInApp'), true)
  saving = true
  try {
    const outcome = await saveCapture(window.cairn.call, kind(), text.value)
    say(outcome.message, !outcome.ok)
    if (outcome.ok) {
      text.value = ''
      close()
    }
  } finally {
    saving = false
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault()
  void save()
})

text.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault()
    void save()
  }
})

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') {
    event.preventDefault()
    close()
  }
})

paste.hidden = !shell
paste.addEventListener('click', () => {
  if (!shell) return
  void shell.readClipboard().then((clipboard) => {
    if (clipboard === '') return say(i18next.t('quickCapture.clipboardEmpty'))
    const start = text.selectionStart
    text.setRangeText(clipboard, start, text.selectionEnd, 'end')
    text.focus()
    say('')
  })
})

shell?.onShown(() => {
  say('')
  text.focus()
  text.select()
})
void localize()
text.focus()
