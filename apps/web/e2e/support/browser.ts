import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { SCREENSHOTS } from './paths';

/** Debian's Chromium, headless; the flags keep it from reaching for the network on its own. */
export const launchChromium = () =>
  chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

/**
 * Writes test-results/screenshots/<name>.png. Whole pages are taken from the top, so the sticky header
 * sits where a person sees it; an open dialog is taken as the viewport shows it.
 */
export const screenshot = async (page: Page, name: string, { fullPage = true } = {}) => {
  await mkdir(SCREENSHOTS, { recursive: true });
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage, animations: 'disabled' });
};

/**
 * Resolves once every image and video inside `selector` has drawn something, so screenshots are complete.
 * With `containing`, only the matches whose text includes it count (the feed may hold other people's items).
 */
export const mediaLoaded = (page: Page, selector: string, containing = '') =>
  page.waitForFunction(
    ([sel, text]) =>
      [...document.querySelectorAll(sel)]
        .filter((root) => root.textContent?.includes(text))
        .flatMap((root) => [...root.querySelectorAll<HTMLImageElement | HTMLVideoElement>('img, video')])
        .every((el) => (el instanceof HTMLImageElement ? el.complete && el.naturalWidth > 0 : el.readyState >= 2)),
    [selector, containing] as const,
  );

/** True when nothing sticks out sideways: the page is usable at the viewport's width without panning. */
export const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** Chromium's cumulative layout shift so far: how much visible content moved while the page loaded. */
export const layoutShift = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
            if (!entry.hadRecentInput) total += entry.value;
          }
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(total), 200);
      }),
  );
