/**
 * An init script that plays Electron's preload in Chromium: window.cairn forwards contract calls and core
 * events over `npm run serve`'s WebSocket, the same contract the IPC carries in the app. The token comes from
 * the page's #token= fragment, then from this tab's sessionStorage (as the browser client keeps it).
 * `members` is script source for more bridge members, e.g. `pickFolder: async () => null,`.
 */
export function standInBridgeScript(members = ''): string {
  return `(() => {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token')
  if (fromHash) sessionStorage.setItem('cairn.token', fromHash)
  const token = fromHash || sessionStorage.getItem('cairn.token') || ''
  const socket = new WebSocket('ws://' + location.host + '/rpc?token=' + encodeURIComponent(token))
  const opened = new Promise((resolve) => socket.addEventListener('open', resolve))
  const pending = new Map()
  const listeners = new Set()
  let nextId = 1
  socket.addEventListener('message', (message) => {
    const reply = JSON.parse(String(message.data))
    if (reply.method === 'event' && reply.params) {
      for (const listener of listeners) listener(reply.params)
      return
    }
    const settle = pending.get(reply.id)
    if (!settle) return
    pending.delete(reply.id)
    settle(reply.error
      ? { ok: false, error: { code: (reply.error.data && reply.error.data.code) || 'INTERNAL', message: reply.error.message, issues: (reply.error.data && reply.error.data.issues) || undefined, detail: (reply.error.data && reply.error.data.detail) || undefined } }
      : { ok: true, result: reply.result })
  })
  window.cairn = {
    call: async (method, params) => {
      await opened
      const id = nextId++
      return new Promise((resolve) => {
        pending.set(id, resolve)
        socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }))
      })
    },
    onEvent: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    ${members}
  }
})()`
}
