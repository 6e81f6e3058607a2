import type { Session } from 'electron'
import { isAppUrl } from './navigation'

type RequestHandler = NonNullable<Parameters<Session['setPermissionRequestHandler']>[0]>
export type Permission = Parameters<RequestHandler>[1]

/**
 * What Cairn's own pages may be granted. Empty today: screenshots are taken in the main process
 * (desktopCapturer needs no web permission), the clipboard and notifications go through the main process too.
 * Capture adds its permission here, and only for pages served from cairn://app.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>()

/** Denies every permission request and check, except an allowed one asked for by a page of ours. */
export function installPermissionHandlers(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
  allowed: ReadonlySet<Permission> = ALLOWED_PERMISSIONS,
): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(allowed.has(permission) && isAppUrl(details.requestingUrl) && details.isMainFrame)
  })
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => {
    return allowed.has(permission) && isAppUrl(requestingOrigin)
  })
}
