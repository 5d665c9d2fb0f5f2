// Drives the status page in a real browser during a run. Usage:
//   node status-page.mjs <dispatcher url> <control token> <screenshot path>
// Exits 0 when every check holds; otherwise prints what failed and exits 1.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';

const [url, token, screenshot] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const numberOf = async (page, id) => Number((await page.getByTestId(id).textContent()).replace(/[^0-9]/g, ''));
const api = (page, path) => page.evaluate(async (p) => (await fetch(p, {
  headers: { Authorization: `Bearer ${sessionStorage.getItem('docmap.token')}` },
})).json(), path);
const post = (page, path, body) => page.evaluate(async ([p, b]) => (await fetch(p, {
  method: 'POST',
  headers: { Authorization: `Bearer ${sessionStorage.getItem('docmap.token')}`, 'Content-Type': 'application/json' },
  body: JSON.stringify(b),
})).json(), [path, body]);

/**
 * axe-core's WCAG 2.1 A and AA rules on the page as it stands: any serious or critical violation fails the test,
 * each named with the elements it found.
 */
async function accessible(page, when) {
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => (await window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  })).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}; ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
  if (violations.length) throw new Error(`accessibility ${when}: ${violations.join(' | ')}`);
}

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

// Everything the page shows at one refresh, read in one go once the page has drawn it all.
const snapshot = (page) => page.evaluate(() => {
  const $ = (id) => document.getElementById(id);
  const n = (id) => Number($(id).textContent.replace(/[^0-9]/g, ''));
  return {
    at: document.body.dataset.shownAt,
    state: $('state').textContent,
    pauseDisabled: $('pause').disabled,
    resumeDisabled: $('resume').disabled,
    documents: n('documents'),
    stored: n('stored'),
    failed: n('failed'),
    pending: n('pending'),
    causes: [...document.querySelectorAll('#causes .cause')].reduce((sum, c) => sum + Number(c.dataset.count), 0),
    summary: Number($('failure-summary').dataset.count ?? 0),
    rows: document.querySelectorAll('#failures [data-testid=retry-row]').length,
    message: $('message').textContent,
  };
});

/** What on the page contradicts what else on it, at one refresh. */
function contradictions(s) {
  const found = [];
  if ((s.state === 'Paused') !== (s.pauseDisabled && !s.resumeDisabled)) found.push('the state and the buttons');
  if (s.state !== 'Paused' && (s.state === 'Drained') !== (s.pending === 0)) found.push('the state and pending');
  if (s.failed !== s.causes || s.failed !== s.summary) found.push('failed, the causes chart and the summary');
  if (s.rows !== Math.min(50, s.failed)) found.push('failed and the rows of the failures table');
  if (s.pending > s.documents) found.push('pending and documents');
  if ((s.message === 'Dispatch paused') !== (s.state === 'Paused') && s.message.startsWith('Dispatch')) {
    found.push('the state and the message');
  }
  return found;
}

/** Checks the page against itself at each of the next `refreshes` refreshes. */
async function agreesWithItselfAt(page, refreshes) {
  let last = (await snapshot(page)).at; // unset while the page draws a refresh
  for (let i = 0; i < refreshes; i++) {
    let s;
    await until(`refresh ${i + 1} of ${refreshes}`, async () => (s = await snapshot(page)).at && s.at !== last, 15_000);
    last = s.at;
    const found = contradictions(s);
    if (found.length) throw new Error(`the page contradicts itself (${found.join('; ')}): ${JSON.stringify(s)}`);
  }
}

try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await page.goto(url);
  // Reads need a token too: the page asks for it once.
  await page.getByTestId('operator').fill('status-page-test');
  await page.getByTestId('token').fill(token);
  await page.getByTestId('credential-ok').click();
  await until('the page shows a run in progress', async () => (await numberOf(page, 'total')) > 0
    && (await page.getByTestId('state').textContent()) === 'Running');

  await agreesWithItselfAt(page, 10);

  // The workers panel: the one worker of the group, with its partitions, and each partition's lag from the broker.
  await until('the workers panel shows the group', async () => {
    const w = await page.evaluate(() => ({
      size: document.getElementById('workers-summary').dataset.groupSize,
      rows: document.querySelectorAll('#workers tr').length,
      partitions: document.querySelectorAll('#partitions .partition').length,
      error: !document.getElementById('workers-error').hidden,
    }));
    return w.size === '1' && w.rows === 1 && w.partitions > 0 && !w.error;
  });

  // Pause, with the credential given at the start.
  await page.getByTestId('pause').click();
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
  await agreesWithItselfAt(page, 5);

  // Find the first failure's document by its doc_id: the page shows its outcome, its cause and its page.
  const failedDoc = (await page.getByTestId('retry-row').first().locator('xpath=ancestor::tr/td[1]').textContent()).trim();
  await page.getByTestId('find-id').fill(failedDoc);
  await page.getByTestId('find').click();
  await until(`the page finds ${failedDoc}`, async () => {
    const text = await page.getByTestId('found').textContent();
    return text.includes('failed') && text.includes('mapper-rejected') && /pages\d+ \(SCAN/.test(text);
  });
  await page.screenshot({ path: screenshot, fullPage: true });
  await accessible(page, 'with the run paused, failures listed and a document found');

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
  await agreesWithItselfAt(page, 5);

  // A re-map of what is stored shows apart from the run, with its own figures and controls.
  const remap = await post(page, '/api/remap', { fromId: 0 });
  if (remap.state !== 'RUNNING') throw new Error(`the re-map did not start: ${JSON.stringify(remap)}`);
  await until('the re-map card shows the re-map', async () => await page.getByTestId('remap').isVisible()
    && (await numberOf(page, 'remap-selected')) === remap.selected
    && (await page.getByTestId('remap-state').textContent()) === 'running');
  await page.getByTestId('remap-pause').click();
  await until('the page says the re-map is paused', async () =>
    (await page.getByTestId('remap-state').textContent()) === 'paused'
    && (await api(page, '/api/remap')).state === 'PAUSED');
  await accessible(page, 'with a re-map shown');
  // The entities card shows the API's top names (the run goes on, so the order may move between two reads).
  await until('the entities card shows the top names', async () => {
    const known = new Set((await api(page, '/api/entities?limit=500')).top.map((n) => n.name));
    const shown = await page.evaluate(() => [...document.querySelectorAll('#entities-top tr td:first-child')]
      .map((cell) => cell.textContent));
    return shown.length === Math.min(15, known.size) && shown.length > 0 && shown.every((name) => known.has(name));
  });
  await page.getByTestId('remap-cancel').click();
  await until('the page says the re-map is cancelled', async () =>
    (await page.getByTestId('remap-state').textContent()) === 'cancelled'
    && await page.getByTestId('remap-cancel').isHidden());

  // The run stays on the page after a reload: the history comes from the dispatcher, a bar a minute, and says so in
  // words. It shows once a minute's total follows another (up to a minute after the run began).
  await until('a reload shows the run in the history', async () => {
    await page.reload();
    await until('the history is read', async () => (await page.getByTestId('history-summary').textContent()) !== '');
    return /^[0-9,]+ outcomes in the last 24 hours/.test(await page.getByTestId('history-summary').textContent());
  }, 150_000);
  console.log('status page checks passed');
} catch (e) {
  console.error(`status page check failed: ${e.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
