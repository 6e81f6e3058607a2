/**
 * npm run i18n:check — every catalogue against English: keys missing or extra, and {{placeholders}} that differ
 * (a translation that drops {{count}} would show a sentence without its number). Also lists keys the renderer
 * asks for by a literal t('…') that no catalogue has. Exits 1 when anything is off.
 */
import fs from 'node:fs'
import path from 'node:path'
import { CATALOGUES, LANGUAGES } from '../src/shared/i18n'
import { en } from '../src/shared/i18n/en'

type Flat = Map<string, string>

function flatten(catalogue: object): Flat {
  const flat: Flat = new Map()
  for (const [group, messages] of Object.entries(catalogue)) {
    for (const [key, text] of Object.entries(messages as Record<string, string>))
      flat.set(`${group}.${key}`, text)
  }
  return flat
}

const placeholders = (text: string): string =>
  [...text.matchAll(/\{\{\s*(\w+)/g)]
    .map((match) => match[1])
    .sort()
    .join(',')

const reference = flatten(en)
const problems: string[] = []

for (const language of LANGUAGES) {
  if (language === 'en') continue
  const other = flatten(CATALOGUES[language])
  for (const [key, text] of reference) {
    const translated = other.get(key)
    if (translated === undefined) problems.push(`${language}: missing ${key}`)
    else if (translated.trim() === '') problems.push(`${language}: empty ${key}`)
    else if (placeholders(translated) !== placeholders(text))
      problems.push(
        `${language}: ${key} has {{${placeholders(translated)}}}, English has {{${placeholders(text)}}}`,
      )
  }
  for (const key of other.keys()) if (!reference.has(key)) problems.push(`${language}: extra ${key}`)
}

// Literal keys used in the renderer: t('group.key') and i18next.t('group.key'), plurals by their base name.
const known = new Set([...reference.keys()].map((key) => key.replace(/_(one|other)$/, '')))
function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? walk(full) : /\.(tsx?|html)$/.test(entry.name) ? [full] : []
  })
}
for (const file of walk(path.join(import.meta.dirname, '..', 'src', 'renderer'))) {
  const source = fs.readFileSync(file, 'utf8')
  for (const match of source.matchAll(
    /(?:\bt\(|data-i18n(?:-[\w-]+)?=)\s*['"]([a-zA-Z]+\.[a-zA-Z0-9_]+)['"]/g,
  )) {
    const key = match[1] ?? ''
    if (!known.has(key)) problems.push(`${path.relative(process.cwd(), file)}: unknown key ${key}`)
  }
}

const counts = LANGUAGES.map((language) => `${language} ${flatten(CATALOGUES[language]).size}`).join(', ')
if (problems.length > 0) {
  console.error(problems.join('\n'))
  console.error(`\n${problems.length} problem(s); messages: ${counts}`)
  process.exit(1)
}
console.log(`Catalogues complete: ${counts} messages, placeholders match.`)
