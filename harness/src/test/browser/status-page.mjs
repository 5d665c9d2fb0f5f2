// Drives the status page in a real browser during a run. Usage:
//   node status-page.mjs <dispatcher url> <control token> <screenshot path>
// Exits 0 when every check holds; otherwise prints what failed and exits 1.
import { chromium } from 'playwright-core';

const [url, token, screenshot] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const numberOf = async (page, id) => Number((await page.getByTestId(id).textContent()).replace(/[^0-9]/g, ''));
const api = (page, path) => page.evaluate(async (p) => (await fetch(p)).json(), path);

async function until(what, check, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (e) {
      last = e;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting until ${what}${last ? `: ${last.message}` : ''}`);
}

try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await page.goto(url);
  await until('the page shows a run in progress', async () => (await numberOf(page, 'total')) > 0
    && (await page.getByTestId('state').textContent()) === 'Running');

  // Pause: the page asks for the credential first.
  await page.getByTestId('pause').click();
  await page.getByTestId('operator').fill('status-page-test');
  await page.getByTestId('token').fill(token);
  await page.getByTestId('credential-ok').click();
  await until('the page says dispatch is paused', async () => (await page.getByTestId('state').textContent()) === 'Paused');

  // Dispatch stops: once the pages already sent are done, the outcomes stop growing while documents are pending.
  let previous = -1;
  let stableSince = Date.now();
  await until('outcomes stop growing while paused', async () => {
    const settled = (await numberOf(page, 'stored')) + (await numberOf(page, 'failed'));
    if (settled !== previous) {
      previous = settled;
      stableSince = Date.now();
    }
    return Date.now() - stableSince > 6_000 && (await numberOf(page, 'pending')) > 0;
  }, 120_000);

  // The numbers on the page are the API's numbers.
  await until('the page shows the API figures', async () => {
    const p = await api(page, '/api/progress');
    for (const key of ['total', 'stored', 'failed', 'pending']) {
      if ((await numberOf(page, key)) !== p[key]) return false;
    }
    return true;
  });
  await until('the failures table lists the failures', async () => (await page.getByTestId('retry-row').count()) > 0);
  await page.screenshot({ path: screenshot, fullPage: true });

  // Resume, and the run moves again.
  const pausedAt = (await numberOf(page, 'stored')) + (await numberOf(page, 'failed'));
  await page.getByTestId('resume').click();
  await until('the page says the run is running again', async () => ['Running', 'Drained'].includes(
    await page.getByTestId('state').textContent()));
  await until('outcomes grow after resume', async () =>
    (await numberOf(page, 'stored')) + (await numberOf(page, 'failed')) > pausedAt, 120_000);

  // Retry one failure from its row.
  await page.getByTestId('retry-row').first().click();
  await until('the page confirms the retry', async () =>
    (await page.getByTestId('message').textContent()).includes('1 documents sent again'));
  console.log('status page checks passed');
} catch (e) {
  console.error(`status page check failed: ${e.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
