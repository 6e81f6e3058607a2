import { launchChromium } from '../../e2e/browser'

export interface RenderedScreen {
  png: Buffer
  width: number
  height: number
}

/**
 * A real screenshot: Chromium renders `html` at the given size and hands back the PNG, as a screen would show it
 * (Debian's Chromium; CJK needs fonts-noto-cjk).
 */
export async function renderScreens(
  pages: { html: string; width?: number; height?: number }[],
): Promise<RenderedScreen[]> {
  const browser = await launchChromium()
  try {
    const shots: RenderedScreen[] = []
    for (const { html, width = 1440, height = 900 } of pages) {
      const page = await browser.newPage({ viewport: { width, height } })
      await page.setContent(html)
      shots.push({ png: await page.screenshot({ type: 'png' }), width, height })
      await page.close()
    }
    return shots
  } finally {
    await browser.close()
  }
}

/** A page of a made-up app: a title bar, a sidebar and paragraphs of the given lines, in a common UI font size. */
export function appPage(title: string, lines: string[]): string {
  const body = lines.map((line) => `<p>${line}</p>`).join('')
  return `<!doctype html><html><body style="margin:0;font:16px 'DejaVu Sans',sans-serif;color:#1d1d1f;background:#fff">
    <div style="height:36px;background:#e8e8ed;padding:8px 16px;font-weight:600">${title}</div>
    <div style="display:flex"><nav style="width:220px;background:#f5f5f7;height:860px;padding:16px">Inbox<br>Drafts<br>Archive</nav>
    <main style="padding:24px 32px;max-width:900px">${body}</main></div></body></html>`
}
