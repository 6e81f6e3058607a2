import { useState } from 'react'
import type { SettingAssignment } from '../../../shared/contract/domains/settings'
import { useCall, useCallMutation } from '../api/queries'

export type CheckedForm = { ok: true; values: SettingAssignment[] } | { ok: false; problem: string }

/**
 * A form over several settings: `read` turns the saved values into the form's fields, `check` turns the fields
 * into the assignments to save or the first problem in words. Edits stay a draft until saved; saving writes
 * each assignment through the contract and drops the draft.
 */
export function useSettingsForm<Form>(
  read: (value: (key: string) => unknown) => Form,
  check: (form: Form) => CheckedForm,
) {
  const settings = useCall('settings.list', {})
  const save = useCallMutation('settings.set')
  const [draft, setDraft] = useState<Form | null>(null)
  const [saved, setSaved] = useState(false)
  const value = (key: string): unknown => settings.data?.items.find((item) => item.key === key)?.value
  const form = draft ?? (settings.data ? read(value) : null)
  const checked = form ? check(form) : null
  return {
    value,
    form,
    draft,
    checked,
    saved,
    save,
    edit(change: Partial<Form>) {
      if (form) setDraft({ ...form, ...change })
      setSaved(false)
    },
    async submit() {
      if (!checked?.ok) return
      for (const assignment of checked.values) await save.mutateAsync(assignment)
      setDraft(null)
      setSaved(true)
    },
  }
}
