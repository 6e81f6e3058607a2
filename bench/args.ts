export interface BenchArgs {
  messages: number
  conversations: number
}

const USAGE = `usage: npm run bench -- [--messages N] [--conversations N]
  --messages N       messages to seed (default 1000000, at least 1000)
  --conversations N  conversations they are spread over (default: one per 500 messages, 2000 for 1M)`

function positiveInteger(flag: string, value: string | undefined): number {
  const parsed = Number(value?.replace(/[_,]/g, ''))
  if (!Number.isSafeInteger(parsed) || parsed < 1)
    throw new Error(`${flag} needs a positive integer\n${USAGE}`)
  return parsed
}

export function parseArgs(argv: readonly string[]): BenchArgs {
  let messages = 1_000_000
  let conversations: number | null = null
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index]
    if (flag === '--help' || flag === '-h') {
      console.log(USAGE)
      process.exit(0)
    } else if (flag === '--messages') messages = positiveInteger(flag, argv[(index += 1)])
    else if (flag === '--conversations') conversations = positiveInteger(flag, argv[(index += 1)])
    else throw new Error(`unknown argument ${String(flag)}\n${USAGE}`)
  }
  if (messages < 1_000) throw new Error(`--messages must be at least 1000\n${USAGE}`)
  return { messages, conversations: conversations ?? Math.max(1, Math.round(messages / 500)) }
}
