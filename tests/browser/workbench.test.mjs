// The inspectors' workbench in a real browser: Debian's chromium, headless,
// driven by puppeteer-core, against the real binaries (intake_server,
// findings_server, workbench_server) over mutual TLS with throwaway
// certificates. The browser stands where the authenticating proxy would
// deliver requests: it sends X-Forwarded-User from 127.0.0.1, the one proxy
// address the workbench trusts.
//
// The story: an inspector judges two cases; a second inspector saves a case
// the first has open, and the first sees the conflict and applies their
// answers again; the second inspector judges a case with the keyboard
// alone; the lead inspector reads the verdicts, agrees them and sees the
// report. axe-core finds no serious or critical violation on any page, and
// each main page is saved as a screenshot (WORKBENCH_SCREENSHOTS).
//
// Environment: INTAKE_SERVER, FINDINGS_SERVER, WORKBENCH_SERVER, YJINSPECT
// (the binaries), MAKE_CERTS (scripts/lib/make_certs.sh), CHROMIUM,
// WORKBENCH_SCREENSHOTS (a folder). Run by ctest (tests/browser.cmake).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium, seriousViolations } from './browser_checks.mjs';

const env = (name) => {
  const value = process.env[name];
  assert.ok(value, `${name} must be set (tests/browser.cmake sets it)`);
  return value;
};
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
const screenshots = process.env.WORKBENCH_SCREENSHOTS || '';
const kInspection = 'northmoor-2014-12';
// A second inspection, under a ratings framework, for its recommendations.
const kRated = 'southmoor-2021-10';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'yj-workbench-browser-'));
const certs = path.join(scratch, 'certs');
const processes = [];
let browser;
let workbench;  // http://127.0.0.1:PORT
const intakeLogs = {};

// Starts a binary; resolves with the HOST:PORT its log says it serves on.
function start(name, binary, args) {
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  processes.push(child);
  let log = '';
  intakeLogs[name] = () => log;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${log}`)), 60_000);
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const m = log.match(/serving on ([0-9.]+:[0-9]+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}:\n${log}`));
    });
  });
}

function tls(name) {
  return [`--tls_cert=${certs}/${name}.pem`, `--tls_key=${certs}/${name}.key`,
    `--tls_ca=${certs}/ca.pem`, `--policy_file=${scratch}/policy.textproto`];
}

function cli(as, addresses, ...args) {
  return execFileSync(env('YJINSPECT'), [`--intake=${addresses.intake}`, `--findings=${addresses.findings}`,
    `--cert=${certs}/${as}.pem`, `--key=${certs}/${as}.key`, `--ca=${certs}/ca.pem`, ...args],
  { encoding: 'utf8' });
}

before(async () => {
  assert.ok(existsSync(chromium), `${chromium} is missing: install Debian's chromium (scripts/packages.txt)`);
  execFileSync(env('MAKE_CERTS'), [certs, 'workbench', 'lead-1', 'insp-1', 'insp-2', 'northmoor-yot', 'southmoor-yot']);
  const assignment = `assignment { inspection: "${kInspection}" yot: "northmoor" } `
    + `assignment { inspection: "${kRated}" yot: "southmoor" }`;
  writeFileSync(path.join(scratch, 'policy.textproto'), [
    'caller { identity: "northmoor-yot" role: "yot-submitter" yot: "northmoor" }',
    'caller { identity: "southmoor-yot" role: "yot-submitter" yot: "southmoor" }',
    `caller { identity: "lead-1" role: "lead-inspector" ${assignment} }`,
    `caller { identity: "insp-1" role: "inspector" ${assignment} }`,
    `caller { identity: "insp-2" role: "inspector" ${assignment} }`,
    'caller { identity: "findings-service" role: "findings-service" }',
    'caller { identity: "workbench" role: "gateway" }',
  ].join('\n'));
  const addresses = {};
  addresses.intake = await start('intake', env('INTAKE_SERVER'), ['--listen=127.0.0.1:0',
    `--data_dir=${scratch}/intake`, '--insecure_development_pseudonyms', ...tls('intake')]);
  addresses.findings = await start('findings', env('FINDINGS_SERVER'), ['--listen=127.0.0.1:0',
    `--data_dir=${scratch}/findings`, `--intake=${addresses.intake}`, ...tls('findings')]);
  cli('northmoor-yot', addresses, 'load-synthetic', '--yot=northmoor', '--yot-name=Northmoor Youth Justice Service',
    '--prefix=NM', '--cases=120', '--seed=2014', '--as-of=2014-12-01');
  cli('lead-1', addresses, 'create-inspection', `--id=${kInspection}`, '--yot=northmoor',
    '--yot-name=Northmoor Youth Justice Service', '--framework=sqs-2014', '--framework-version=1',
    '--announced=2014-12-01', '--fieldwork-start=2014-12-15', '--fieldwork-end=2014-12-17');
  cli('lead-1', addresses, 'draw-sample', kInspection, '--seed=20141215');
  cli('southmoor-yot', addresses, 'load-synthetic', '--yot=southmoor', '--yot-name=Southmoor Youth Justice Service',
    '--prefix=SM', '--cases=120', '--seed=2021', '--as-of=2021-10-01');
  cli('lead-1', addresses, 'create-inspection', `--id=${kRated}`, '--yot=southmoor',
    '--yot-name=Southmoor Youth Justice Service', '--framework=hmip-youth-2021', '--framework-version=1',
    '--announced=2021-10-01', '--fieldwork-start=2021-10-18', '--fieldwork-end=2021-10-22');
  cli('lead-1', addresses, 'draw-sample', kRated, '--seed=7');
  // Until findings holds the sample (as scripts/demo waits).
  for (let i = 0; i < 300 && !/lag 0/.test(cli('lead-1', addresses, 'stream-status')); ++i) {
    await new Promise((resolve) => { setTimeout(resolve, 100); });
  }
  const served = await start('workbench', env('WORKBENCH_SERVER'), ['--listen=127.0.0.1:0',
    `--intake=${addresses.intake}`, `--findings=${addresses.findings}`, ...tls('workbench'),
    '--trusted_proxies=127.0.0.1']);
  workbench = `http://${served}`;
  if (screenshots) mkdirSync(screenshots, { recursive: true });
  browser = await launchChromium(chromium);
});

after(async () => {
  if (browser) await browser.close();
  await Promise.all(processes.map((child) => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.on('exit', resolve);
    child.kill('SIGTERM');
  })));
  rmSync(scratch, { recursive: true, force: true });
});

// A tab signed in as `user` through the "proxy", failing the test on any
// script error or refused content (CSP violations are console errors).
async function signedIn(user) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1100, height: 900 });
  await page.setExtraHTTPHeaders({ 'X-Forwarded-User': user });
  page.problems = [];
  page.on('pageerror', (error) => page.problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) {
      page.problems.push(`console: ${message.text()}`);
    }
  });
  page.on('dialog', (dialog) => dialog.dismiss());
  return page;
}

// Loads the page afresh at `fragment` (a new document each time: a change
// of fragment alone would keep the old view on screen until it re-renders).
async function open(page, fragment) {
  // A background tab may not run its scripts: this one is in front.
  await page.bringToFront();
  await page.goto('about:blank');
  await page.goto(`${workbench}/${fragment}`, { waitUntil: 'networkidle0' });
  await page.waitForFunction(() => !document.querySelector('main h1')?.textContent.startsWith('Loading'));
}

async function checked(page, screenshot) {
  const text = await page.$eval('main', (m) => m.innerText);
  assert.doesNotMatch(text, /(^|[^a-z])(null|undefined|NaN)|\[object Object\]/, 'no placeholder leaks into the page');
  assert.deepEqual(await seriousViolations(page), [], `axe on ${await page.title()}`);
  assert.deepEqual(page.problems, [], 'no script errors or refused content');
  if (screenshots && screenshot) {
    // The window as a person sees it on a laptop, not the whole page.
    await page.screenshot({ path: path.join(screenshots, `${screenshot}.png`) });
  }
}

async function heading(page) {
  return page.$eval('main h1', (h) => h.textContent);
}

// The sampled case references, in the inspection page's order.
async function sampledCases(page) {
  await open(page, `#/inspections/${kInspection}`);
  return page.$$eval('main tbody th a[href*="/cases/"]', (links) => links.map((a) => a.textContent));
}

// Answers the first `count` criteria with their first answer by mouse.
async function answerFirst(page, count, note) {
  const fieldsets = await page.$$('fieldset[data-criterion]');
  for (const fieldset of fieldsets.slice(0, count)) {
    await (await fieldset.$('input[type=radio]')).click();
    if (note) await (await fieldset.$('textarea')).type(note);
  }
}

async function saveAndWait(page) {
  await page.click('#save');
  await page.waitForFunction(() => /^(Saved|Not saved)/.test(document.getElementById('save-status')?.textContent || ''));
  return page.$eval('#save-status', (s) => s.textContent);
}

let cases = [];

test('the inspector sees their inspections, the sample and its progress', async () => {
  const page = await signedIn('insp-1');
  await open(page, '');
  assert.equal(await heading(page), 'Your inspections');
  assert.match(await page.$eval('#signed-in', (e) => e.textContent), /insp-1 \(inspector\)/);
  assert.equal(await page.$eval('#dev-warning', (e) => e.hidden), true, 'no development warning behind a proxy');
  const row = await page.$eval('main tbody tr', (r) => r.textContent);
  assert.match(row, /northmoor-2014-12.*Northmoor Youth Justice Service.*sample drawn.*sqs-2014/);
  await checked(page, 'workbench-inspections');
  await page.click(`main a[href="#/inspections/${kInspection}"]`);
  await page.waitForFunction(() => document.querySelector('main h1')?.textContent.includes('northmoor-2014-12'));
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1', 'focus moves to the new heading');
  cases = await page.$$eval('main tbody th a[href*="/cases/"]', (links) => links.map((a) => a.textContent));
  assert.ok(cases.length >= 4, `a sample of at least four cases (${cases.length})`);
  assert.match(await page.$eval('#progress', (e) => e.textContent), new RegExp(`^0 of ${cases.length} sampled cases have judgements recorded`));
  assert.match(await page.$eval('#feed', (e) => e.textContent), /^Up to date/);
  await checked(page, 'workbench-inspection');
  await page.close();
});

test('an inspector judges two cases', async () => {
  const page = await signedIn('insp-1');
  for (const ref of cases.slice(0, 2)) {
    await open(page, `#/inspections/${kInspection}/yots/northmoor/cases/${ref}`);
    assert.equal(await heading(page), `Case ${ref}`);
    assert.ok((await page.$$('fieldset[data-criterion]')).length > 5, 'the framework\'s criteria are on the form');
    // The record as findings holds it, behind its summary.
    await page.click('details summary');
    assert.match(await page.$eval('details', (d) => d.textContent), /disposal/);
    const legend = await page.$eval('fieldset[data-criterion] legend', (l) => l.textContent);
    assert.match(legend, /^\S+ .{10,}/, 'each criterion shows its id and wording');
    await answerFirst(page, 3, 'Seen in the case record.');
    assert.match(await page.$eval('#save-status', (s) => s.textContent), /unsaved changes/);
    if (ref === cases[0]) await checked(page, 'workbench-judgement-form');
    assert.match(await saveAndWait(page), /^Saved: revision 1, by insp-1/);
  }
  const progress = await (async () => {
    await open(page, `#/inspections/${kInspection}`);
    return page.$eval('#progress', (e) => e.textContent);
  })();
  assert.match(progress, new RegExp(`^2 of ${cases.length} sampled cases have judgements recorded`));
  await page.close();
});

test('a concurrent save is shown as a conflict and resolved', async () => {
  const ref = cases[2];
  const fragment = `#/inspections/${kInspection}/yots/northmoor/cases/${ref}`;
  const first = await signedIn('insp-1');
  await open(first, fragment);
  const second = await signedIn('insp-2');
  await open(second, fragment);
  // The second inspector answers the first criterion with its last answer.
  await second.evaluate(() => {
    const radios = document.querySelectorAll('fieldset[data-criterion]')[0].querySelectorAll('input[type=radio]');
    radios[radios.length - 1].click();
  });
  assert.match(await saveAndWait(second), /^Saved: revision 1, by insp-2/);
  // The first, who opened the case before, saves the first answer.
  await first.bringToFront();
  await answerFirst(first, 1, 'Risk plan reviewed on time.');
  assert.match(await saveAndWait(first), /^Not saved/);
  await first.waitForSelector('#conflict-title');
  assert.equal(await first.evaluate(() => document.activeElement.id), 'conflict-title', 'focus moves to the conflict');
  const conflict = await first.$eval('#conflict', (c) => c.textContent);
  assert.match(conflict, /insp-2 saved revision 1/);
  assert.match(conflict, /Where your answers and theirs differ/);
  await checked(first, 'workbench-conflict');
  await first.click('#apply-mine');
  await first.waitForFunction(() => /^Saved/.test(document.getElementById('save-status').textContent));
  assert.match(await first.$eval('#save-status', (s) => s.textContent), /^Saved: revision 2, by insp-1/);
  // What is stored now is the first inspector's answer, over the API.
  const stored = await first.evaluate(async (name) => (await fetch(name)).json(),
    `/v1/inspections/${kInspection}/caseFindings/${ref}`);
  assert.equal(stored.inspectorReference, 'insp-1');
  assert.equal(stored.judgements.find((j) => j.evidenceNote === 'Risk plan reviewed on time.')?.evidenceNote,
    'Risk plan reviewed on time.');
  await first.close();
  await second.close();
});

test('a judgement is completed with the keyboard alone', async () => {
  const page = await signedIn('insp-2');
  await open(page, `#/inspections/${kInspection}/yots/northmoor/cases/${cases[3]}`);
  // The skip link moves focus to the content, and stays on this case.
  await page.focus('.skip-link');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  assert.equal(await heading(page), `Case ${cases[3]}`);
  // From there, Tab to the first answer; Space chooses it; Tab to its
  // evidence, type; Tab to the next criterion's answers; and so on.
  const focused = () => page.evaluate(() => {
    const e = document.activeElement;
    return { tag: e.tagName, type: e.type || '', id: e.id || '' };
  });
  let f = await focused();
  for (let i = 0; i < 40 && f.type !== 'radio'; ++i) {
    await page.keyboard.press('Tab');
    f = await focused();
  }
  assert.equal(f.type, 'radio', 'Tab reaches the first answer');
  for (let criterion = 0; criterion < 2; ++criterion) {
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    assert.equal((await focused()).tag, 'TEXTAREA', 'Tab goes on to the evidence');
    await page.keyboard.type('Checked with the case manager.');
    await page.keyboard.press('Tab');
  }
  for (let i = 0; i < 400 && (await focused()).id !== 'save'; ++i) await page.keyboard.press('Tab');
  assert.equal((await focused()).id, 'save', 'Tab reaches the save button');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /^(Saved|Not saved)/.test(document.getElementById('save-status').textContent));
  assert.match(await page.$eval('#save-status', (s) => s.textContent), /^Saved: revision 1, by insp-2/);
  const stored = await page.evaluate(async (name) => (await fetch(name)).json(),
    `/v1/inspections/${kInspection}/caseFindings/${cases[3]}`);
  assert.equal(stored.judgements.length, 2);
  await page.close();
});

// A change made through the JSON API from `page`, with its token, as the
// page's own scripts make them.
async function postAs(page, path, body) {
  return page.evaluate(async (target, payload) => {
    const session = await (await fetch('/workbench/session')).json();
    const response = await fetch(target, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken },
      body: JSON.stringify(payload),
    });
    return { status: response.status, body: await response.text() };
  }, path, body);
}

test('a second marker marks blind and submits', async () => {
  // The lead assigns insp-2 to second-mark the first case, which insp-1
  // marked first.
  const lead = await signedIn('lead-1');
  await open(lead, '');
  const assigned = await postAs(lead, `/v1/inspections/${kInspection}:assignSecondMarkers`, {
    secondMarkerReference: 'insp-2', cases: [`yots/northmoor/cases/${cases[0]}`],
  });
  assert.equal(assigned.status, 200, assigned.body);
  await lead.close();

  const marker = await signedIn('insp-2');
  await open(marker, `#/inspections/${kInspection}`);
  const link = `main a[href="#/inspections/${kInspection}/secondMarking/yots/northmoor/cases/${cases[0]}"]`;
  assert.match(await marker.$eval(link, (a) => a.closest('tr').textContent),
    /First marking hidden until you submit yours.*Double-marked second marker insp-2/);
  await marker.click(link);
  await marker.waitForFunction(() => document.querySelector('main h1')?.textContent.startsWith('Second marking'));
  // Blind: none of the first marker's answers or notes is on the form.
  assert.equal(await marker.$$eval('input[type=radio]:checked', (r) => r.length), 0);
  assert.equal(await marker.$$eval('textarea', (t) => t.filter((x) => x.value).length), 0);
  await checked(marker, 'workbench-second-marking');
  // The first criterion's last answer: not the first marker's.
  await marker.evaluate(() => {
    const radios = document.querySelectorAll('fieldset[data-criterion]')[0].querySelectorAll('input[type=radio]');
    radios[radios.length - 1].click();
  });
  assert.match(await saveAndWait(marker), /^Saved: revision 1, by insp-2/);
  await marker.click('#submit-marking');
  await marker.waitForFunction(() => /^Submitted/.test(document.getElementById('save-status')?.textContent || ''));
  assert.equal(await marker.$$eval('input[type=radio]', (r) => r.every((x) => x.disabled)), true,
    'a submitted marking no longer changes');
  await marker.close();
});

// Every criterion of the case sections answered for the whole sample (its
// first answer where none is recorded), through the JSON API as an
// inspector's page would: the report speaks only of a sample judged whole.
async function judgeTheRest(user) {
  const page = await signedIn(user);
  await open(page, '');
  const outcome = await page.evaluate(async (inspection, refs) => {
    const session = await (await fetch('/workbench/session')).json();
    const get = async (path) => (await fetch(path)).json();
    const found = await get(`/v1/inspections/${inspection}`);
    const { framework } = await get(`/v1/frameworks/${found.frameworkId}/versions/${found.frameworkVersion}`);
    const scales = new Map(framework.scales.map((s) => [s.id, s]));
    const judgements = framework.sections
      .filter((s) => s.evidence === 'EVIDENCE_SOURCE_CASES')
      .flatMap((s) => s.criteria)
      .map((c) => ({ criterionId: c.id, answer: scales.get(c.scale).values[0].id }));
    const statuses = [];
    for (const ref of refs) {
      // A case judged in part keeps its answers; the rest are added.
      const current = await fetch(`/v1/inspections/${inspection}/caseFindings/${ref}`);
      const findings = current.status === 200 ? await current.json() : { judgements: [], etag: '' };
      const answered = new Set(findings.judgements.map((j) => j.criterionId));
      const response = await fetch(`/v1/inspections/${inspection}:recordJudgements`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken },
        body: JSON.stringify({
          case: `yots/northmoor/cases/${ref}`,
          judgements: judgements.filter((j) => !answered.has(j.criterionId)),
          inspectorReference: session.user,
          etag: findings.etag || '',
        }),
      });
      statuses.push(response.status === 200 ? 200 : `${response.status} ${await response.text()}`);
    }
    return statuses;
  }, kInspection, cases);
  assert.deepEqual(outcome, cases.map(() => 200));
  await page.close();
}

test('the lead inspector agrees the verdicts and sees the report', async () => {
  await judgeTheRest('insp-1');
  const page = await signedIn('lead-1');
  await open(page, `#/inspections/${kInspection}`);
  await page.click(`main a[href="#/inspections/${kInspection}/verdicts"]`);
  await page.waitForFunction(() => document.querySelector('main h1')?.textContent.startsWith('Verdicts'));
  const counts = await page.$$eval('main table:first-of-type tbody tr', (rows) => rows.length);
  assert.ok(counts > 0, 'counts per criterion');
  // The second marker disagreed with the first on one criterion: the lead
  // resolves it before agreeing.
  const openForms = await page.$$eval('form.resolve', (forms) => forms.length);
  assert.equal(openForms, 1, 'one open disagreement');
  assert.match(await page.$eval('form.resolve legend', (l) => l.textContent),
    new RegExp(`Resolve record ${cases[0]}, criterion`));
  await checked(page, 'workbench-verdicts');
  await page.type('form.resolve textarea', 'The plan was seen on the file; the first marker is right.');
  await page.click('form.resolve button[type=submit]');
  await page.waitForFunction(() => !document.querySelector('form.resolve')
    && /Resolved/.test(document.querySelector('main').textContent));
  // Before the report's inputs are set, the preview says why it is empty.
  let frame = await (await page.$('iframe.report')).contentFrame();
  await frame.waitForSelector('h1');
  assert.equal(await frame.$eval('h1', (h) => h.textContent), 'The report cannot be shown yet');
  assert.match(await frame.$eval('p', (p) => p.textContent), /report inputs/);
  // The lead sets them over the JSON API, as a script of the page would.
  const inputs = await postAs(page, `/v1/inspections/${kInspection}:setReportInputs`, {
    inputs: {
      area: 'Northmoor',
      addressee: 'Chair of the Northmoor Youth Justice Management Board (synthetic)',
      sender: 'HM Assistant Chief Inspector (synthetic)',
      publicationDate: { year: 2015, month: 1, day: 21 },
      leadInspector: 'lead-1',
      summary: 'A synthetic inspection for the workbench tests.',
    },
  });
  assert.equal(inputs.status, 200, inputs.body);
  // An override with its reason: the lead rejects one proposed strength.
  const target = await page.$eval('#override-target option[value^="strength:"]', (o) => o.value);
  await page.select('#override-target', target);
  await page.type('#override-value', 'reject');
  await page.type('#override-reason', 'Seen in too few of the cases it applies to, on reading them.');
  await page.click('#override-form button[type=submit]');
  const criterion = target.slice('strength:'.length);
  await page.waitForFunction((cid) => [...document.querySelectorAll('main tbody tr')]
    .some((row) => row.querySelector('th')?.textContent === cid && /rejected/.test(row.textContent)
      && /lead-1: Seen in too few/.test(row.textContent)), {}, criterion);
  await page.click('#agree');
  await page.waitForFunction(() => /agreed/.test(document.getElementById('verdicts-state')?.textContent || '')
    || document.querySelector('#agree-message .error-summary'));
  const agreeProblem = await page.$eval('#agree-message', (m) => m.textContent);
  assert.equal(agreeProblem, '', 'agreeing the verdicts succeeded');
  assert.match(await page.$eval('#verdicts-state', (s) => s.textContent), /The verdicts are agreed/);
  // The report preview, as rendered by findings, inside the page.
  frame = await (await page.waitForSelector('iframe.report')).contentFrame();
  await frame.waitForSelector('h1');
  assert.match(await frame.$eval('body', (b) => b.textContent), /Northmoor/);
  await page.$eval('iframe.report', (f) => f.scrollIntoView());
  await checked(page, 'workbench-report-preview');
  await page.close();
});

test("the report's recommendations are recorded, and a concurrent change shown", async () => {
  const lead = await signedIn('lead-1');
  // An SQS letter has none: the page says so and offers no form.
  await open(lead, `#/inspections/${kInspection}/recommendations`);
  assert.match(await lead.$eval('main', (m) => m.textContent), /carry no recommendations/);
  assert.equal(await lead.$('#recommendation-form'), null);

  await open(lead, `#/inspections/${kRated}/recommendations`);
  assert.match(await lead.$eval('main', (m) => m.textContent), /No recommendation is recorded yet/);
  await lead.type('#rec-id', 'board-1');
  await lead.select('#rec-addressee', 'RECOMMENDATION_ADDRESSEE_MANAGEMENT_BOARD');
  await lead.click('#recommendation-form fieldset input[type=checkbox]');
  await lead.type('#rec-text', 'Make sure the board understands the work of the service.');
  await lead.click('#rec-save');
  await lead.waitForFunction(() => /revision 1, by lead-1/.test(document.querySelector('main table')?.textContent || ''));
  assert.match(await lead.$eval('main tbody tr', (r) => r.textContent),
    /^1The management board.*Make sure the board understands the work of the service\./);
  await checked(lead, 'workbench-recommendations');

  // insp-1 opens it to change it; the lead changes it first.
  const inspector = await signedIn('insp-1');
  await open(inspector, `#/inspections/${kRated}/recommendations/board-1`);
  assert.equal(await inspector.$eval('#rec-text', (t) => t.value), 'Make sure the board understands the work of the service.');
  await open(lead, `#/inspections/${kRated}/recommendations/board-1`);
  await lead.$eval('#rec-text', (t) => { t.value = ''; });
  await lead.type('#rec-text', "Make sure the board reviews the service's work each quarter.");
  await lead.click('#rec-save');
  await lead.waitForFunction(() => /revision 2, by lead-1/.test(document.querySelector('main table')?.textContent || ''));
  await inspector.bringToFront();
  await inspector.$eval('#rec-text', (t) => { t.value = ''; });
  await inspector.type('#rec-text', 'Make sure the board hears from children about the service.');
  await inspector.click('#rec-save');
  await inspector.waitForSelector('#rec-conflict .conflict');
  assert.match(await inspector.$eval('#rec-conflict', (c) => c.textContent), /lead-1 saved revision 2: "Make sure the board reviews/);
  await checked(inspector, null);
  // Saving again puts the inspector's text in place of the lead's.
  await inspector.click('#rec-save');
  await inspector.waitForFunction(() => /revision 3, by insp-1/.test(document.querySelector('main table')?.textContent || ''));
  assert.match(await inspector.$eval('main tbody tr', (r) => r.textContent), /hears from children/);
  await inspector.close();
  await lead.close();
});

test('requests not from the proxy get nothing', async () => {
  const page = await browser.newPage();
  const response = await page.goto(`${workbench}/`);
  // Signed in by no one: the browser sent no user header.
  assert.equal(response.status(), 401);
  await page.close();
});
