// docmap status page: polls the progress API, draws the throughput, lists failures, and sends control actions
// with the operator's credential. Plain JS, no build step.
'use strict';

const POLL_MS = 1000;
const FAILURES_SHOWN = 50;
const WINDOW_MS = 10 * 60 * 1000;
const SMOOTH_MS = 10 * 1000;
const samples = []; // {t, settled}: outcomes over time, for the chart
const number = new Intl.NumberFormat('en');
let failureCursor = null;
let shownAt = ''; // when the figures on the page were counted: older ones, still cached server-side, are not shown
let shownState = null;
let failuresShownFor = null; // the failures by cause the table was loaded for
let inOutage = false; // the last poll could not read the figures

const $ = (id) => document.getElementById(id);

function say(text, bad) {
  $('message').textContent = text;
  $('message').className = bad ? 'message bad' : 'message';
}

/** A read of the API, with the tab's token; asked for once, and again if the dispatcher refuses it. */
async function getJson(path) {
  for (;;) {
    const who = await credential();
    if (!who) throw new Error('no credential given');
    const response = await fetch(path, { headers: { Accept: 'application/json', Authorization: `Bearer ${who.token}` } });
    if (response.status === 401) {
      sessionStorage.removeItem('docmap.token');
      const answer = await response.json().catch(() => ({}));
      say(`Refused: ${answer.detail || 'wrong credential'}`, true);
      continue;
    }
    if (!response.ok) {
      const answer = await response.json().catch(() => ({}));
      throw new Error(answer.detail || `${path}: ${response.status}`);
    }
    return response.json();
  }
}

function credential() {
  const token = sessionStorage.getItem('docmap.token');
  if (token) return Promise.resolve({ token, operator: sessionStorage.getItem('docmap.operator') });
  return new Promise((resolve) => {
    const dialog = $('credential');
    dialog.returnValue = '';
    dialog.onclose = () => {
      if (dialog.returnValue !== 'ok') return resolve(null);
      sessionStorage.setItem('docmap.token', $('token').value);
      sessionStorage.setItem('docmap.operator', $('operator').value);
      resolve({ token: $('token').value, operator: $('operator').value });
    };
    dialog.showModal();
  });
}

async function control(path, body) {
  const who = await credential();
  if (!who) return null;
  const response = await fetch(path, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${who.token}`,
      'X-Docmap-Operator': who.operator,
      'Content-Type': 'application/json',
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const answer = await response.json().catch(() => ({}));
  if (response.status === 401) {
    sessionStorage.removeItem('docmap.token');
    say(`Refused: ${answer.detail || 'wrong credential'}`, true);
    return null;
  }
  if (!response.ok) {
    say(`Failed: ${answer.detail || response.status}`, true);
    return null;
  }
  return answer;
}

async function showProgress(p) {
  if (p.at < shownAt) return;
  shownAt = p.at;
  delete document.body.dataset.shownAt; // set again once every part of the page shows these figures
  // Shares of documents: rows that share a doc_id share its outcome, and results of no source row count for none.
  const stored = p.stored - p.storedWithoutSource;
  const settled = stored + p.failed;
  const share = (n) => (p.documents ? (100 * n) / p.documents : 0);
  $('percent').textContent = `${p.documents ? Math.floor(share(settled)) : 100}%`;
  $('bar-stored').style.width = `${share(stored)}%`;
  $('bar-failed').style.width = `${share(p.failed)}%`;
  $('bar').setAttribute('aria-valuenow', Math.floor(share(settled)));
  for (const key of ['total', 'documents', 'stored', 'failed', 'inFlight', 'pending']) {
    $(key).textContent = number.format(p[key]);
  }
  const notes = [];
  if (p.sharedRows) notes.push(`${number.format(p.sharedRows)} rows share their doc_id with an earlier row and its outcome`);
  if (p.storedWithoutSource) notes.push(`${number.format(p.storedWithoutSource)} stored results have no source row`);
  $('sharing').hidden = !notes.length;
  $('sharing').textContent = notes.join('; ');
  $('rate').textContent = `${number.format(Math.round(p.ratePerSecond))}/s`;
  $('eta').textContent = p.pending === 0 ? 'done' : p.paused ? 'paused' : p.etaSeconds == null ? '—' : duration(p.etaSeconds);
  const state = p.paused ? 'paused' : p.pending === 0 ? 'drained' : 'running';
  $('state').textContent = { paused: 'Paused', drained: 'Drained', running: 'Running' }[state];
  $('state').className = `chip ${state}`;
  // A control message speaks of the state it led to: once the state moves on, it no longer holds.
  if (shownState !== null && state !== shownState) say('');
  shownState = state;
  $('pause').disabled = p.paused;
  $('resume').disabled = !p.paused;
  $('updated').textContent = new Date(p.at).toLocaleTimeString();
  $('stall').hidden = !p.stall;
  $('stall').textContent = p.stall ? `Nothing is moving: ${p.stall}` : '';
  showStuck(p);
  showCauses(p.failuresByCause);
  samples.push({ t: Date.now(), settled });
  while (samples.length && samples[0].t < Date.now() - WINDOW_MS) samples.shift();
  drawChart();
  const causes = JSON.stringify(p.failuresByCause);
  if (causes !== failuresShownFor) {
    failuresShownFor = causes;
    await loadFailures(false).catch(() => say('Failures could not be loaded', true));
  }
  document.body.dataset.shownAt = p.at;
}

function showStuck(p) {
  $('stuck-card').hidden = p.stuckPages === 0;
  $('stuck-summary').textContent = p.stuckPages > p.stuck.length
    ? `${number.format(p.stuckPages)} pages, the first ${p.stuck.length} shown` : `${number.format(p.stuckPages)} pages`;
  const body = $('stuck');
  body.innerHTML = '';
  for (const page of p.stuck) {
    const row = body.insertRow();
    const values = [page.pageId, page.failures, page.attempts, utc(page.failingSince), page.worker, page.lastError,
      utc(page.lastFailedAt)];
    for (const value of values) row.insertCell().textContent = value;
    row.cells[5].className = 'message-cell';
  }
}

/** An ISO time from the API (UTC, no zone), as the tables show it. */
function utc(at) {
  return at ? at.replace('T', ' ').slice(0, 19) : '';
}

function duration(seconds) {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

/** A canvas sized to its box at the screen's pixel ratio, cleared: its context and width. */
function blankCanvas(id, height) {
  const canvas = $(id);
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  canvas.width = width * ratio;
  canvas.height = height * ratio;
  const g = canvas.getContext('2d');
  g.scale(ratio, ratio);
  g.clearRect(0, 0, width, height);
  return { g, width };
}

function drawChart() {
  const height = 180;
  const { g, width } = blankCanvas('chart', height);
  // Each point is the rate over the 10 s before it, so the line is not as jagged as the counts' steps.
  const points = [];
  for (let i = 1, j = 0; i < samples.length; i++) {
    while (samples[i].t - samples[j + 1].t >= SMOOTH_MS) j++;
    const seconds = (samples[i].t - samples[j].t) / 1000;
    points.push({ t: samples[i].t, rate: seconds > 0 ? (samples[i].settled - samples[j].settled) / seconds : 0 });
  }
  const peak = Math.max(0, ...points.map((p) => p.rate));
  $('chart-summary').textContent = points.length
    ? `Now ${number.format(Math.round(points[points.length - 1].rate))} documents per second; at most `
      + `${number.format(Math.round(peak))} since the page opened, up to 10 minutes ago.`
    : 'No figures yet.';
  const max = Math.max(10, peak) * 1.1;
  const left = 48;
  const x = (t) => left + ((t - (Date.now() - WINDOW_MS)) / WINDOW_MS) * (width - left - 8);
  const y = (rate) => height - 20 - (rate / max) * (height - 30);
  g.strokeStyle = '#e3e6ec';
  g.fillStyle = '#6b7385';
  g.font = '11px system-ui, sans-serif';
  for (let i = 0; i <= 4; i++) {
    const value = (max * i) / 4;
    g.beginPath();
    g.moveTo(left, y(value));
    g.lineTo(width - 8, y(value));
    g.stroke();
    g.fillText(number.format(Math.round(value)), 4, y(value) + 4);
  }
  g.fillText('-10 min', left, height - 4);
  g.fillText('now', width - 30, height - 4);
  if (points.length < 2) return;
  g.strokeStyle = '#3563e9';
  g.lineWidth = 2;
  g.beginPath();
  points.forEach((p, i) => (i ? g.lineTo(x(p.t), y(p.rate)) : g.moveTo(x(p.t), y(p.rate))));
  g.stroke();
}

/** The failures by cause: the select's choices, the summary, and a bar each. */
function showCauses(byCause) {
  const select = $('cause');
  const chosen = select.value;
  select.innerHTML = '<option value="">all causes</option>';
  const total = Object.values(byCause).reduce((a, b) => a + b, 0);
  const chart = $('causes');
  chart.innerHTML = '';
  for (const [cause, count] of Object.entries(byCause)) {
    select.add(new Option(`${cause} (${number.format(count)})`, cause));
    const bar = document.createElement('div');
    bar.className = 'cause';
    bar.dataset.cause = cause;
    bar.dataset.count = count;
    bar.innerHTML = '<span class="cause-name"></span><span class="cause-bar"><span></span></span><span class="cause-count"></span>';
    bar.querySelector('.cause-name').textContent = cause;
    bar.querySelector('.cause-bar span').style.width = `${(100 * count) / total}%`;
    bar.querySelector('.cause-count').textContent = number.format(count);
    chart.append(bar);
  }
  select.value = chosen in byCause ? chosen : '';
  $('failure-summary').textContent = total ? `${number.format(total)} documents` : 'none';
  $('failure-summary').dataset.count = total;
}

/** The failures of the chosen cause, at most as many as the figures shown count, so that the two agree. */
async function loadFailures(append) {
  const counted = failuresCounted($('cause').value);
  const params = new URLSearchParams({ limit: String(Math.max(1, Math.min(FAILURES_SHOWN, counted))) });
  if ($('cause').value) params.set('cause', $('cause').value);
  if (append && failureCursor) params.set('after', failureCursor);
  const page = await getJson(`/api/failures?${params}`);
  const body = $('failures');
  if (!append) body.innerHTML = '';
  for (const f of page.items) {
    const row = body.insertRow();
    row.dataset.docId = f.docId;
    for (const value of [f.docId, f.cause, f.message, f.attempts, utc(f.lastFailedAt)]) {
      row.insertCell().textContent = value;
    }
    row.cells[2].className = 'message-cell';
    const retry = document.createElement('button');
    retry.textContent = 'Retry';
    retry.setAttribute('aria-label', `Retry ${f.docId}`);
    retry.dataset.testid = 'retry-row';
    retry.onclick = () => retryFailures({ docIds: [f.docId] });
    row.insertCell().append(retry);
  }
  if (!body.rows.length) body.innerHTML = '<tr><td colspan="6" class="empty">No failures</td></tr>';
  failureCursor = page.next;
  $('more').hidden = !page.next || counted <= FAILURES_SHOWN;
}

/** The failures the figures shown count, of one cause or (with '') of all. */
function failuresCounted(cause) {
  const causes = JSON.parse(failuresShownFor || '{}');
  return cause ? causes[cause] || 0 : Object.values(causes).reduce((a, b) => a + b, 0);
}

/** Retries the chosen cause's failures, or all of them: it asks first when that is more than the rows shown. */
async function retryChosen() {
  const cause = $('cause').value;
  const counted = failuresCounted(cause);
  const shown = $('failures').querySelectorAll('[data-testid=retry-row]').length;
  const what = `${number.format(counted)} failures${cause ? ` of cause ${cause}` : ''}`;
  if (counted > shown && !confirm(`Retry all ${what}, not only the ${number.format(shown)} shown?`)) return;
  await retryFailures(cause ? { cause } : { all: true });
}

async function retryFailures(selection) {
  const answer = await control('/api/failures/retry', selection);
  if (answer) {
    say(`${number.format(answer.retried)} documents sent again`);
    await poll();
  }
}

async function poll() {
  let p;
  try {
    p = await getJson('/api/progress');
  } catch (e) {
    // An outage shows here, plainly, with the figures last read left in place.
    $('state').textContent = 'Outage';
    $('state').className = 'chip error';
    say(e.message, true);
    inOutage = true;
    return;
  }
  if (inOutage) {
    inOutage = false;
    say('The figures are current again');
  }
  await showProgress(p);
}

/** The workers panel: the group's members, the pages each holds, its rate and lag, and each partition's lag. */
async function showWorkers() {
  const w = await getJson('/api/workers');
  $('workers-error').hidden = !w.error;
  $('workers-error').textContent = w.error ? `The broker could not be read: ${w.error}` : '';
  $('workers-summary').textContent = `${w.groupSize} in group ${w.group} (${w.state}), ${number.format(w.lag)} pages of lag`;
  $('workers-summary').dataset.groupSize = w.groupSize;
  const body = $('workers');
  body.innerHTML = '';
  for (const m of w.members) {
    const row = body.insertRow();
    const values = [`${m.clientId} @ ${m.host}`, m.partitions.join(', '), m.pagesInFlight,
      m.pagesPerSecond.toFixed(1), number.format(m.lag)];
    for (const value of values) row.insertCell().textContent = value;
  }
  if (!w.members.length) body.innerHTML = '<tr><td colspan="5" class="empty">No worker in the group</td></tr>';
  const most = Math.max(1, ...w.partitions.map((p) => p.lag));
  const partitions = $('partitions');
  partitions.innerHTML = '';
  for (const p of w.partitions) {
    const cell = document.createElement('div');
    cell.className = 'partition';
    cell.title = `partition ${p.partition}: ${p.end} sent, ${p.committed} acknowledged`;
    cell.innerHTML = '<span class="partition-bar"><span></span></span><span class="partition-label"></span>';
    cell.querySelector('.partition-bar span').style.height = `${(100 * p.lag) / most}%`;
    cell.querySelector('.partition-label').textContent = `${p.partition}: ${number.format(p.lag)}`;
    partitions.append(cell);
  }
}

/** The workers panel is read every few seconds: each read asks the broker. */
async function showWorkersForever() {
  await showWorkers().catch((e) => {
    $('workers-error').hidden = false;
    $('workers-error').textContent = `Workers could not be read: ${e.message}`;
  });
  setTimeout(showWorkersForever, 5 * POLL_MS);
}

const REMAP_CHIPS = { RUNNING: 'running', PAUSED: 'paused', DONE: 'drained', CANCELLED: 'error' };

/** The newest re-map, apart from the run's figures; the card stays hidden until one was asked for. */
async function showRemap() {
  let r;
  try {
    r = await getJson('/api/remap');
  } catch (e) {
    $('remap-card').hidden = true;
    return;
  }
  $('remap-card').hidden = false;
  $('remap-state').textContent = r.state.toLowerCase();
  $('remap-state').className = `chip ${REMAP_CHIPS[r.state]}`;
  const s = r.selection;
  const criteria = [
    s.mapperVersion && `mapper version ${s.mapperVersion} or older`,
    s.fromId != null && `from id ${s.fromId}`,
    s.toId != null && `to id ${s.toId}`,
    s.docIds && `${s.docIds.length} doc_ids`,
    s.entity && `naming ${s.entity}`,
  ].filter(Boolean);
  $('remap-selection').textContent = `#${r.remapId}: ${criteria.join(', ')}, asked by ${r.requestedBy} at ${utc(r.requestedAt)}`;
  const percent = r.selected ? Math.floor((100 * r.done) / r.selected) : 100;
  $('remap-bar-done').style.width = `${percent}%`;
  $('remap-bar').setAttribute('aria-valuenow', percent);
  for (const name of ['selected', 'sent', 'done', 'pending']) $(`remap-${name}`).textContent = number.format(r[name]);
  $('remap-rate').textContent = `${r.docsPerSecond.toFixed(1)}/s`;
  $('remap-pause').hidden = r.state !== 'RUNNING';
  $('remap-resume').hidden = r.state !== 'PAUSED';
  $('remap-cancel').hidden = r.state !== 'RUNNING' && r.state !== 'PAUSED';
}

async function showRemapForever() {
  await showRemap();
  setTimeout(showRemapForever, 5 * POLL_MS);
}

const ENTITIES_SHOWN = 15;

/** What the results name, from the counts the dispatcher keeps, and what each re-map changed. */
async function showEntities() {
  const e = await getJson(`/api/entities?limit=${ENTITIES_SHOWN}`);
  $('entities-summary').textContent = `${number.format(e.withoutEntity)} documents name none`;
  const top = $('entities-top');
  top.innerHTML = '';
  for (const n of e.top) {
    const row = top.insertRow();
    row.insertCell().textContent = n.name;
    row.insertCell().textContent = number.format(n.documents);
  }
  if (!e.top.length) top.innerHTML = '<tr><td colspan="2" class="empty">No result names an entity yet</td></tr>';
  const changes = $('entities-changes');
  changes.innerHTML = '';
  const named = (list) => list.map((n) => `${n.name || '(none)'} ${number.format(n.documents)}`).join(', ') || 'none';
  for (const c of e.changes) {
    const item = document.createElement('p');
    item.className = 'small';
    item.textContent = `Re-mapped from ${c.fromVersion || 'unknown'} to ${c.toVersion || 'unknown'}: gained `
      + `${named(c.gained)}; lost ${named(c.lost)} (documents)`;
    changes.append(item);
  }
}

async function showEntitiesForever() {
  await showEntities().catch((e) => { $('entities-summary').textContent = `Entities could not be read: ${e.message}`; });
  setTimeout(showEntitiesForever, 10 * POLL_MS);
}

async function remapControl(action, done) {
  if (await control(`/api/remap/${action}`)) {
    await showRemap();
    say(done);
  }
}

/**
 * The last 24 hours, a bar a minute, from the outcomes the dispatcher kept: a page opened after a run, or reloaded in
 * one, shows it. The summary under it says the same in words.
 */
async function showHistory() {
  const minutes = await getJson('/api/history?hours=24');
  const total = minutes.reduce((sum, m) => sum + m.outcomes, 0);
  const busiest = minutes.reduce((best, m) => (best && best.outcomes >= m.outcomes ? best : m), null);
  $('history-summary').textContent = total === 0
    ? 'No outcomes in the last 24 hours.'
    : `${number.format(total)} outcomes in the last 24 hours; the busiest minute, ${new Date(`${busiest.at}Z`).toLocaleString()}, `
      + `had ${number.format(busiest.outcomes)}.`;
  const height = 120;
  const { g, width } = blankCanvas('history-chart', height);
  const left = 48;
  const start = Date.now() - 24 * 3600 * 1000;
  const max = Math.max(10, ...minutes.map((m) => m.outcomes)) * 1.1;
  const x = (t) => left + ((t - start) / (24 * 3600 * 1000)) * (width - left - 8);
  const y = (n) => height - 20 - (n / max) * (height - 30);
  g.fillStyle = '#6b7385';
  g.font = '11px system-ui, sans-serif';
  g.fillText(number.format(Math.round(max)), 4, y(max) + 4);
  g.fillText('-24 h', left, height - 4);
  g.fillText('now', width - 30, height - 4);
  g.fillStyle = '#3563e9';
  const bar = Math.max(1, (width - left - 8) / (24 * 60));
  for (const m of minutes) {
    const t = new Date(`${m.at}Z`).getTime();
    g.fillRect(x(t) - bar, y(m.outcomes), bar, height - 20 - y(m.outcomes));
  }
}

async function showHistoryForever() {
  await showHistory().catch((e) => {
    $('history-summary').textContent = `The history could not be read: ${e.message}`;
  });
  setTimeout(showHistoryForever, 60 * POLL_MS);
}

/** A document by its doc_id: its outcome, its rows and the pages that carried it, as a list of terms. */
async function findDocument(event) {
  event.preventDefault();
  const docId = $('find-id').value.trim();
  const found = $('found');
  found.textContent = '';
  let d;
  try {
    d = await getJson(`/api/documents/${encodeURIComponent(docId)}`);
  } catch (e) {
    found.textContent = e.message;
    return;
  }
  const terms = [
    ['outcome', d.outcome],
    ['source rows', d.rows.map((r) => `${r.sourceId} (${number.format(r.contentLength ?? 0)} characters)`).join(', ') || 'none'],
  ];
  if (d.result) {
    terms.push(['entities', d.result.entities], ['canonical names', d.result.canonicalNames],
      ['stored (UTC)', utc(d.result.storedAt)], ['mapper version', d.result.mapperVersion ?? 'unknown']);
  }
  if (d.failure) {
    terms.push(['cause', d.failure.cause], ['message', d.failure.message], ['attempts', d.failure.attempts],
      ['last failed (UTC)', utc(d.failure.lastFailedAt)]);
  }
  terms.push(['pages', d.pages.map((p) => `${p.pageId} (${p.origin}, ${p.state}, ${p.sends} send${p.sends === 1 ? '' : 's'}${
    p.worker ? `, ${p.worker}` : ''})`).join('; ') || 'none']);
  const traced = d.pages.filter((p) => p.traceId);
  if (traced.length) {
    terms.push(['traces', traceLinks(traced)]);
  }
  const list = document.createElement('dl');
  list.dataset.testid = 'found-document';
  for (const [term, value] of terms) {
    list.append(Object.assign(document.createElement('dt'), { textContent: term }));
    const dd = document.createElement('dd');
    dd.append(value instanceof Node ? value : String(value));
    list.append(dd);
  }
  found.append(list);
}

/** Each page's trace: a link where the dispatcher knows a trace viewer (docmap.tracing.trace-url), else its id. */
function traceLinks(pages) {
  const links = document.createDocumentFragment();
  pages.forEach((p, i) => {
    if (i > 0) links.append(', ');
    const label = `page ${p.pageId}: ${p.traceId}`;
    if (p.traceUrl && /^https?:\/\//.test(p.traceUrl)) {
      links.append(Object.assign(document.createElement('a'), { href: p.traceUrl, textContent: label, rel: 'noopener' }));
    } else {
      links.append(label);
    }
  });
  return links;
}

/** One poll at a time: the next starts a second after the last has drawn everything. */
async function pollForever() {
  await poll();
  setTimeout(pollForever, POLL_MS);
}

$('pause').onclick = async () => {
  const p = await control('/api/dispatch/pause');
  if (p) { await showProgress(p); say('Dispatch paused'); }
};
$('resume').onclick = async () => {
  const p = await control('/api/dispatch/resume');
  if (p) { await showProgress(p); say('Dispatch resumed'); }
};
$('remap-pause').onclick = () => remapControl('pause', 'Re-map paused');
$('remap-resume').onclick = () => remapControl('resume', 'Re-map resumed');
$('remap-cancel').onclick = () => remapControl('cancel', 'Re-map cancelled');
$('retry-shown').onclick = retryChosen;
$('find-form').onsubmit = findDocument;
$('cause').onchange = () => loadFailures(false);
$('more').onclick = () => loadFailures(true);
window.addEventListener('resize', drawChart);

pollForever().then(showWorkersForever).then(showHistoryForever).then(showRemapForever).then(showEntitiesForever);
