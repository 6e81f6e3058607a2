import { useState } from 'react'
import { useLocation, useNavigate } from 'react-router'
import { useCall } from '../../api/queries'
import { FirstRun } from './FirstRun'

export const FIRST_RUN_ROUTE = '/welcome'

/** Shows the first-run guide until it is finished or skipped, and whenever #/welcome is opened (Settings). */
export function FirstRunGate() {
  const location = useLocation()
  const navigate = useNavigate()
  const done = useCall('settings.get', { key: 'ui.firstRunDone' })
  // Closed here at once; the stored setting catches up through the settings.changed event.
  const [closed, setClosed] = useState(false)
  const asked = location.pathname === FIRST_RUN_ROUTE
  if (!asked && (closed || done.data === undefined || done.data.value === true)) return null
  return (
    <FirstRun
      onClose={() => {
        setClosed(true)
        if (asked) void navigate('/settings')
      }}
    />
  )
}
