import type { Notification, NotificationConstructorOptions } from 'electron'

export interface NotifyOptions {
  title: string
  body: string
  /** Runs when the user clicks the notification (e.g. open the main window). */
  onClick?: () => void
  silent?: boolean
}

/** The one way Cairn tells the user something outside its windows: tips, reminders, a refused shortcut. */
export interface Notifier {
  /** Shows the notification; false when the OS has no notifications (then the caller may log instead). */
  notify(options: NotifyOptions): boolean
}

export type NotificationLike = Pick<Notification, 'show'> & {
  once(event: 'click', listener: () => void): unknown
}
const _notificationIsLike = (notification: Notification): NotificationLike => notification
void _notificationIsLike

export function createNotifier(deps: {
  isSupported: () => boolean
  create: (options: NotificationConstructorOptions) => NotificationLike
}): Notifier {
  // Shown notifications are kept until clicked or replaced: a collected one loses its click handler.
  const live = new Set<NotificationLike>()
  return {
    notify(options) {
      if (!deps.isSupported()) return false
      const notification = deps.create({
        title: options.title,
        body: options.body,
        silent: options.silent ?? false,
      })
      live.add(notification)
      if (live.size > 20) live.delete(live.values().next().value as NotificationLike)
      notification.once('click', () => {
        live.delete(notification)
        options.onClick?.()
      })
      notification.show()
      return true
    },
  }
}
