// What the browser tests share: Debian's chromium, headless, through
// puppeteer-core, and axe-core's accessibility check in a page.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// The browser at `executablePath`, headless; as root in a container it
// needs --no-sandbox.
export function launchChromium(executablePath) {
  return puppeteer.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}

// axe-core's serious and critical violations in `page`, one line each
// (every violation is logged); [] when there is none.
export async function seriousViolations(page) {
  await page.evaluate(axeSource);
  const results = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { resultTypes: ['violations'] }));
  for (const v of results.violations) {
    console.log(`axe ${v.impact}: ${v.id} (${v.nodes.length}): ${v.help}`);
  }
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`);
}
