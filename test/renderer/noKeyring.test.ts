import { describe, expect, it } from 'vitest'
import { noKeyringRefusal, NO_KEYRING_MESSAGE } from '../../src/core/ai/secrets'
import { toRpcError } from '../../src/host/jsonRpc'
import { refusedForNoKeyring } from '../../src/renderer/src/lib/noKeyring'
import { CallError } from '../../src/shared/client'
import { AppError } from '../../src/shared/contract/errors'

describe('the refusal to keep an API key without a keyring', () => {
  it('travels as FAILED_PRECONDITION with its own detail, over the host’s JSON-RPC too', () => {
    const shape = noKeyringRefusal().toShape()
    expect(shape).toEqual({ code: 'FAILED_PRECONDITION', message: NO_KEYRING_MESSAGE, detail: 'NO_KEYRING' })
    expect(AppError.from(shape).toShape()).toEqual(shape)
    expect(toRpcError({ ok: false, error: shape })).toEqual({
      code: -32000,
      message: NO_KEYRING_MESSAGE,
      data: { code: 'FAILED_PRECONDITION', detail: 'NO_KEYRING' },
    })
    // Other errors carry no detail.
    expect(toRpcError({ ok: false, error: { code: 'NOT_FOUND', message: 'gone' } }).data).toEqual({
      code: 'NOT_FOUND',
    })
  })

  it('is known to the window by its detail, whatever its words say', () => {
    const reworded = new CallError({
      code: 'FAILED_PRECONDITION',
      message: '未找到系统密钥环，密钥未保存。',
      detail: 'NO_KEYRING',
    })
    expect(refusedForNoKeyring(reworded)).toBe(true)
    // The words alone are no longer taken for it: another refusal that happens to name basic_text is not it.
    const other = new CallError({ code: 'FAILED_PRECONDITION', message: 'basic_text is in use elsewhere.' })
    expect(refusedForNoKeyring(other)).toBe(false)
    expect(refusedForNoKeyring(new Error(NO_KEYRING_MESSAGE))).toBe(false)
  })
})
