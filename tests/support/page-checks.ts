// Small checks on a Playwright page: dialogs and CSP violations seen, canvas ink, screenshots.
import { tmpdir } from 'node:os';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { REPO_ROOT } from './browser.js';

// The README's screenshots are refreshed on request (BEACONWATCH_SCREENSHOTS=1 npm run test:e2e);
// an ordinary test run writes them to a temporary folder so it never changes tracked files.
export const SCREENSHOTS = process.env.BEACONWATCH_SCREENSHOTS
  ? join(REPO_ROOT, 'docs', 'screenshots')
  : join(tmpdir(), 'beaconwatch-e2e-screenshots');

export interface PageWatch {
  dialogs: string[];
  cspViolations: string[];
  errors: string[];
}

export function watchPage(page: Page): PageWatch {
  const w: PageWatch = { dialogs: [], cspViolations: [], errors: [] };
  page.on('dialog', (d) => {
    w.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) w.cspViolations.push(m.text());
  });
  page.on('pageerror', (e) => w.errors.push(e.message));
  return w;
}

/** the bit of a <canvas> used here (the Node project has no DOM types) */
interface Canvas2d {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}

/** share of the canvas's pixels that are painted (0 = blank) */
export async function canvasInkRatio(canvas: Locator): Promise<number> {
  return canvas.evaluate((el) => {
    const c = el as unknown as Canvas2d;
    const ctx = c.getContext('2d');
    if (!ctx || c.width === 0 || c.height === 0) return 0;
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
    return painted / (c.width * c.height);
  });
}

export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.waitForTimeout(150);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, message: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(message);
}

/**
 * A point inside a dot of the given colour on a chart (below the legend), in CSS pixels relative
 * to the canvas, or null. Used to click a point of the scatter plot like a person would.
 */
export async function findDot(canvas: Locator, rgb: [number, number, number], skipTopPx = 60): Promise<{ x: number; y: number } | null> {
  return canvas.evaluate(
    (el, [rgbArg, skip]) => {
      const c = el as unknown as Canvas2d & { clientWidth: number };
      const ctx = c.getContext('2d');
      if (!ctx) return null;
      const scale = c.width / c.clientWidth;
      const { data } = ctx.getImageData(0, 0, c.width, c.height);
      const r = Math.max(1, Math.round(2 * scale));
      // no helper functions in here: the page cannot see the test runner's transpiler helpers
      const offsets = [
        [0, 0],
        [-r, 0],
        [r, 0],
        [0, -r],
        [0, r],
      ] as const;
      for (let y = Math.round(skip * scale); y < c.height - r; y++) {
        for (let x = r; x < c.width - r; x++) {
          let inside = true;
          for (const [dx, dy] of offsets) {
            const i = ((y + dy) * c.width + (x + dx)) * 4;
            if (data[i + 3]! <= 200 || [0, 1, 2].some((k) => Math.abs(data[i + k]! - rgbArg[k]!) >= 24)) {
              inside = false;
              break;
            }
          }
          if (inside) return { x: x / scale, y: y / scale };
        }
      }
      return null;
    },
    [rgb, skipTopPx] as const,
  );
}
