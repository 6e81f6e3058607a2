/** A long operation's bar and the stage it is at, as its progress events report them. */
export function OperationProgress({ done, total, stage }: { done: number; total: number; stage: string }) {
  return (
    <>
      {/* A total of 0 is not known yet: an empty bar, never a full one. */}
      <progress max={total || 1} value={total ? done : 0} aria-label={stage} />
      <span className="muted">{stage}</span>
    </>
  )
}
