import { Link } from 'react-router'

/** Shown in Chat while no chat model is set: what is kept now, and what AI would add, with the way to Settings. */
export function AiNotConfigured({ message }: { message: string }) {
  return (
    <div className="notice ai-off" role="status" aria-label="AI is not configured">
      <span>{message}</span>
      <Link to="/settings">Open Settings</Link>
    </div>
  )
}
