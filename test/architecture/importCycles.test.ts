import fs from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const ROOT = path.resolve(__dirname, '../..')
const SRC = path.join(ROOT, 'src')

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : []
  })
}

/** Every file's imports inside src, read by TypeScript itself: type-only imports and re-exports count too. */
function importGraph(files: readonly string[]): Map<string, string[]> {
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    jsx: ts.JsxEmit.ReactJSX,
    allowJs: false,
  }
  const known = new Set(files)
  const graph = new Map<string, string[]>()
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true)
    const targets = importedFiles.flatMap(({ fileName }) => {
      const resolved = ts.resolveModuleName(fileName, file, options, ts.sys).resolvedModule?.resolvedFileName
      return resolved && known.has(path.resolve(resolved)) ? [path.resolve(resolved)] : []
    })
    graph.set(file, [...new Set(targets)])
  }
  return graph
}

/** The strongly connected components with more than one file, or a file importing itself (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (node: string): void => {
    index.set(node, counter)
    low.set(node, counter)
    counter += 1
    stack.push(node)
    onStack.add(node)
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next)
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0))
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0))
      }
    }
    if (low.get(node) !== index.get(node)) return
    const component: string[] = []
    let member: string | undefined
    do {
      member = stack.pop()
      if (member === undefined) break
      onStack.delete(member)
      component.push(path.relative(ROOT, member))
    } while (member !== node)
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort())
  }
  for (const node of graph.keys()) if (!index.has(node)) visit(node)
  return found
}

describe('the import graph of src', () => {
  const files = sourceFiles(SRC)
  const graph = importGraph(files)

  it('reads the imports of every source file', () => {
    expect(files.length).toBeGreaterThan(200)
    // A sample edge of each kind, so a resolver that finds nothing cannot pass for a graph without circles.
    const edges = (from: string) =>
      (graph.get(path.join(SRC, from)) ?? []).map((file) => path.relative(SRC, file))
    expect(edges('core/runtime/handlers.ts')).toContain('core/runtime/registry.ts')
    expect(edges('renderer/src/components/Screenshot.tsx')).toContain(
      'renderer/src/components/capture/CapturedScreenshot.tsx',
    )
    // A type-only import.
    expect(edges('core/ai/processors/types.ts')).toContain('core/services/tips.ts')
  })

  it('has no circles: no file reaches itself through its imports', () => {
    expect(cycles(graph)).toEqual([])
  })

  it('finds a circle when there is one', () => {
    const a = path.join(SRC, 'a.ts')
    const b = path.join(SRC, 'b.ts')
    const c = path.join(SRC, 'c.ts')
    const planted = new Map([
      [a, [b]],
      [b, [c]],
      [c, [a]],
    ])
    expect(cycles(planted)).toEqual([['src/a.ts', 'src/b.ts', 'src/c.ts']])
  })
})
