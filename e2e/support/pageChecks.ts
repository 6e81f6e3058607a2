import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { REPO_ROOT } from '../../test/support/hostProcess'

// The checks run inside the page; they are kept as source text, so this Node-side file needs no DOM types.

/**
 * Visible text and labels that did not come through a catalogue, on a page shown in the pseudo-locale (every
 * message wrapped in ⟦…⟧). Skipped on purpose: translate="no" (the product name, paths, language names),
 * <time> and [data-intl] (dates and weekdays written by Intl in the interface's language) and [data-core-text]
 * (free text the core composes, which has no error code to map yet).
 */
const UNTRANSLATED = `(() => {
  const SKIP = '[translate="no"], time, [data-intl], [data-core-text], script, style, .u-legend, svg'
  const leftover = (text) => {
    let rest = text
    for (let before = ''; before !== rest; ) {
      before = rest
      rest = rest.replace(/⟦[^⟦⟧]*⟧/g, '')
    }
    return rest
  }
  const latin = (text) => /[A-Za-z]{2,}/.test(leftover(text))
  const found = []
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement
    if (!parent || parent.closest(SKIP)) continue
    // A message with markup inside it is split over elements: it counts by the element that holds it all.
    if (latin(node.textContent || '') && latin(parent.textContent || '')) found.push('text: ' + node.textContent.trim())
  }
  for (const element of document.body.querySelectorAll('[aria-label], [placeholder], [title], [alt]')) {
    if (element.closest(SKIP)) continue
    for (const attribute of ['aria-label', 'placeholder', 'title', 'alt']) {
      const value = element.getAttribute(attribute)
      if (value && latin(value)) found.push(attribute + ': ' + value)
    }
  }
  return [...new Set(found)]
})()`

export function untranslated(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(UNTRANSLATED)
}

const AXE_SOURCE = fs.readFileSync(path.join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8')

const AXE_RUN = `axe.run(document).then((results) =>
  results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => violation.id + ' (' + violation.impact + '): ' +
      violation.nodes.slice(0, 4).map((node) => String(node.target)).join(' | ')))`

/** axe-core's serious and critical findings on the page as it is (evaluated, so the page's CSP allows it). */
export async function axeProblems(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE)
  return page.evaluate<string[]>(AXE_RUN)
}

const OVERFLOW = `(() => {
  const wide = []
  const root = document.documentElement
  if (root.scrollWidth > root.clientWidth) wide.push('page ' + root.scrollWidth + 'px')
  for (const element of document.querySelectorAll('.content, .screen, .card')) {
    if (element.scrollWidth > element.clientWidth + 1)
      wide.push(element.className + ' ' + element.scrollWidth + 'px > ' + element.clientWidth + 'px')
  }
  return wide
})()`

/** Whether anything on the page would need a sideways scroll. */
export function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(OVERFLOW)
}
