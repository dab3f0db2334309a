// The workbench's pages: a small router over the location's fragment (the
// fragment never reaches a server or its logs), the inspector's
// inspections, and one inspection's sample and progress. The judgement
// form and the lead inspector's verdicts are modules of their own.
import { ApiError, currentSession, findingsNameOf, get, getAll, loadSession, v1 } from './api.js';
import { breadcrumbs, dateText, enumWords, h, idOf, showView } from './dom.js';
import { leaveAllowed, showJudgementForm } from './judgement_form.js';
import { showRecommendations } from './recommendations_view.js';
import { showVerdicts } from './verdicts_view.js';

export function errorView(title, error) {
  breadcrumbs({ text: 'Your inspections', href: '#/' }, { text: title });
  const what = error instanceof ApiError
    ? `${error.message} (${error.status || `HTTP ${error.httpStatus}`})`
    : String(error);
  showView(title, h('h1', {}, title),
    h('div', { class: 'error-summary', role: 'alert' },
      h('h2', {}, 'There is a problem'), h('p', {}, what)),
    h('p', {}, h('a', { href: '#/' }, 'Back to your inspections')));
}

async function progressOf(inspection) {
  try {
    return await get(v1(inspection, '/progress'));
  } catch (error) {
    if (error instanceof ApiError && error.httpStatus === 404) return null;
    throw error;
  }
}

async function showHome() {
  const session = currentSession();
  breadcrumbs({ text: 'Your inspections' });
  const rows = [];
  for (const assignment of session.assignments) {
    const [inspection, progress] = await Promise.all([
      get(v1(assignment.inspection)).catch((e) => ({ error: e })),
      progressOf(assignment.inspection).catch(() => null),
    ]);
    const id = idOf(assignment.inspection);
    if (inspection.error) {
      rows.push(h('tr', {}, h('th', { scope: 'row' }, id),
        h('td', { colspan: 4 }, `Not available: ${inspection.error.message}`)));
      continue;
    }
    const judged = progress ? `${progress.casesJudged || 0} of ${progress.sampleSize || 0}` : 'not in findings yet';
    rows.push(h('tr', {},
      h('th', { scope: 'row' }, h('a', { href: `#/inspections/${id}` }, id)),
      h('td', {}, inspection.yotDisplayName || idOf(inspection.yot)),
      h('td', {}, enumWords(inspection.state, 'INSPECTION_STATE_')),
      h('td', {}, `${inspection.frameworkId} version ${inspection.frameworkVersion}`),
      h('td', {}, judged)));
  }
  const body = rows.length
    ? h('table', {},
      h('caption', {}, 'The inspections you are assigned to'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Inspection'), h('th', { scope: 'col' }, 'Service'),
        h('th', { scope: 'col' }, 'State'), h('th', { scope: 'col' }, 'Framework'),
        h('th', { scope: 'col' }, 'Cases with judgements'))),
      h('tbody', {}, rows))
    : h('p', {}, 'You are not assigned to any inspection.');
  showView('Your inspections', h('h1', {}, 'Your inspections'), body);
}

// `secondMarker`: the record's assigned second marker, if any; `own`: the
// signed-in user is that marker (their link to the second marking).
function caseStatus(findings, secondMarker, secondMarkingHref, ownSubmitted) {
  const tags = [];
  if (secondMarkingHref) {
    // The service leaves the first marking out for its second marker.
    tags.push(h('span', { class: 'tag tag-todo' }, 'First marking hidden'), ' until you submit yours');
  } else if (findings) {
    tags.push(h('span', { class: 'tag tag-done' }, 'Judgements recorded'), ` revision ${findings.revision}, by ${findings.inspectorReference}`);
  } else {
    tags.push(h('span', { class: 'tag tag-todo' }, 'No judgements yet'));
  }
  if (secondMarker) {
    tags.push(' ', h('span', { class: 'tag tag-warn' }, 'Double-marked'), ` second marker ${secondMarker}`);
    if (secondMarkingHref) tags.push(' ', h('a', { href: secondMarkingHref }, 'Second-mark this case'));
    if (ownSubmitted) tags.push(': your second marking is submitted');
  }
  return tags;
}

function timeText(timestamp) {
  return timestamp ? new Date(timestamp).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' }) : 'unknown';
}

// What findings last knew of intake (the feed is the whole service's, not
// this inspection's): as of when, never more.
function feedText(feed) {
  if (!feed) return 'unknown: the feed status could not be read';
  if (feed.connected && !feed.degraded && Number(feed.lag || 0) === 0) {
    return `Up to date as of ${timeText(feed.caughtUpTime)}: findings had applied every change intake had reported.`;
  }
  const parts = [];
  if (!feed.connected) parts.push('not connected to intake');
  if (Number(feed.lag || 0) > 0) parts.push(`${feed.lag} changes behind intake`);
  if (feed.degraded) parts.push('degraded: verdicts may miss recent changes');
  return `Not up to date: ${parts.join('; ')}.`;
}

async function showInspection(id) {
  const name = `inspections/${id}`;
  const [inspection, progress, feed, findings] = await Promise.all([
    get(v1(name)), progressOf(name), get('/v1/feedStatus').catch(() => null),
    getAll(v1(name, '/caseFindings'), 'caseFindings').then((all) => new Map(all.map((f) => [f.case, f]))).catch(() => new Map()),
  ]);
  breadcrumbs({ text: 'Your inspections', href: '#/' }, { text: id });
  const sample = inspection.sample || {};
  const secondMarkers = new Map((inspection.secondMarkers || []).map((s) => [s.case, s.secondMarkerReference]));
  const user = currentSession().user;
  // The user's own second markings: once one is submitted, the first
  // marking is no longer hidden from them.
  const submitted = new Set();
  await Promise.all([...secondMarkers].filter(([, marker]) => marker === user).map(async ([c]) => {
    const marking = await get(v1(`${findingsNameOf(id, c)}/secondMarking`)).catch(() => null);
    if (marking && marking.submitted) submitted.add(c);
  }));
  const groups = [];
  const pools = sample.pools || [];
  if (pools.length > 1) {
    // The framework's titles of its pools ("Children's cases", "Victims'
    // cases"); the pool's id where the framework cannot be read.
    const version = await get(v1(`frameworks/${inspection.frameworkId}/versions/${inspection.frameworkVersion}`))
      .catch(() => ({ framework: {} }));
    const titles = new Map((version.framework.pools || []).map((p) => [p.id, p.title]));
    for (const pool of pools) {
      groups.push({ title: titles.get(pool.poolId) || `Pool ${pool.poolId}`, cases: pool.cases || [], strata: pool.strata || [] });
    }
  } else if (pools.length === 1) {
    groups.push({ title: 'Sampled cases', cases: pools[0].cases || [], strata: pools[0].strata || [] });
  } else {
    groups.push({ title: 'Sampled cases', cases: sample.cases || [], strata: sample.strata || [] });
  }
  const allCases = groups.flatMap((g) => g.cases);
  // The findings service's own figures, of the sample as findings last
  // received it: a second marker's list leaves out the records they
  // second-mark, so counting the list could say less.
  const sampleRevision = Number(sample.revision || 0);
  const progressLine = progress
    ? `${progress.casesJudged || 0} of ${progress.sampleSize || 0} sampled cases have judgements recorded, `
      + `${(progress.sampleSize || 0) - (progress.casesJudged || 0)} have none yet`
      + (Number(progress.sampleRevision || 0) !== sampleRevision
        ? ` (findings holds sample revision ${progress.sampleRevision || 0}; intake's is ${sampleRevision})` : '')
    : 'the inspection has not reached findings yet';
  const lead = currentSession().role === 'lead-inspector';
  const content = [
    h('h1', {}, `${inspection.yotDisplayName || idOf(inspection.yot)}: ${id}`),
    h('dl', { class: 'facts' },
      h('dt', {}, 'State'), h('dd', {}, enumWords(inspection.state, 'INSPECTION_STATE_')),
      h('dt', {}, 'Framework'), h('dd', {}, `${inspection.frameworkId} version ${inspection.frameworkVersion}`),
      h('dt', {}, 'Fieldwork'), h('dd', {}, `${dateText(inspection.fieldworkStartDate)} to ${dateText(inspection.fieldworkEndDate)}`),
      h('dt', {}, 'Progress'), h('dd', { id: 'progress' },
        progressLine),
      h('dt', {}, 'Double marking'), h('dd', {}, `${secondMarkers.size} ${secondMarkers.size === 1 ? 'record has' : 'records have'} a second marker assigned`),
      h('dt', {}, 'Cases in findings'), h('dd', {}, progress ? `${progress.casesReceived || 0} of ${progress.sampleSize || 0} received` : 'the inspection has not reached findings yet'),
      h('dt', {}, 'Findings and intake'), h('dd', { id: 'feed' }, feedText(feed))),
  ];
  content.push(h('ul', {},
    lead ? h('li', {}, h('a', { href: `#/inspections/${id}/verdicts` }, 'Verdicts, decisions and the report')) : null,
    h('li', {}, h('a', { href: `#/inspections/${id}/recommendations` }, "The report's recommendations"))));
  if (!allCases.length) content.push(h('p', {}, 'No sample has been drawn yet.'));
  for (const group of groups) {
    if (!group.cases.length) continue;
    if (group.strata.length) {
      content.push(h('table', {},
        h('caption', {}, `${group.title}: strata`),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Disposal'), h('th', { scope: 'col' }, 'Setting'),
          h('th', { scope: 'col', class: 'number' }, 'Eligible'), h('th', { scope: 'col', class: 'number' }, 'Sampled'))),
        h('tbody', {}, group.strata.map((s) => h('tr', {},
          h('td', {}, enumWords(s.disposalType, 'DISPOSAL_TYPE_')),
          h('td', {}, enumWords(s.setting, 'SUPERVISION_SETTING_')),
          h('td', { class: 'number' }, s.eligible || 0), h('td', { class: 'number' }, s.sampled || 0))))));
    }
    content.push(h('table', {},
      h('caption', {}, group.title),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Case'), h('th', { scope: 'col' }, 'Status'))),
      h('tbody', {}, group.cases.map((c) => h('tr', {},
        h('th', { scope: 'row' }, h('a', { href: `#/inspections/${id}/${c}` }, idOf(c))),
        h('td', {}, caseStatus(findings.get(c), secondMarkers.get(c),
          secondMarkers.get(c) === user && !submitted.has(c) ? `#/inspections/${id}/secondMarking/${c}` : null,
          submitted.has(c))))))));
  }
  showView(`Inspection ${id}`, ...content);
}

async function route() {
  try {
    const path = (location.hash || '#/').slice(1);
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    if (parts.length === 0) return await showHome();
    if (parts[0] !== 'inspections') return await showHome();
    const id = parts[1];
    if (parts.length === 2) return await showInspection(id);
    if (parts.length === 3 && parts[2] === 'verdicts') return await showVerdicts(id);
    if (parts.length === 3 && parts[2] === 'recommendations') return await showRecommendations(id);
    if (parts.length === 4 && parts[2] === 'recommendations') return await showRecommendations(id, parts[3]);
    if (parts.length === 6 && parts[2] === 'yots') {
      return await showJudgementForm(id, `yots/${parts[3]}/${parts[4]}/${parts[5]}`);
    }
    if (parts.length === 7 && parts[2] === 'secondMarking' && parts[3] === 'yots') {
      return await showJudgementForm(id, `yots/${parts[4]}/${parts[5]}/${parts[6]}`, true);
    }
    return errorView('Page not found', new Error('There is no such page in the workbench.'));
  } catch (error) {
    return errorView('Something went wrong', error);
  }
}

// Only fragments of the form "#/..." are the router's; "#main" (the skip
// link) and "#criterion-1.1" (an error's link) are places on the page.
const isRoute = (hash) => hash === '' || hash.startsWith('#/');

let currentHash = location.hash;
window.addEventListener('hashchange', () => {
  if (!isRoute(location.hash)) {
    history.replaceState(null, '', currentHash || '#/');
    return;
  }
  if (!leaveAllowed()) {
    // Stay: put the address back without another hashchange round.
    history.replaceState(null, '', currentHash || '#/');
    return;
  }
  currentHash = location.hash;
  route();
});

document.querySelector('.skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  document.getElementById('main').focus();
});

async function start() {
  try {
    const session = await loadSession();
    document.getElementById('signed-in').textContent = `Signed in as ${session.user} (${session.role})`;
    if (session.development) {
      document.getElementById('dev-user').textContent = session.user;
      document.getElementById('dev-warning').hidden = false;
    }
  } catch (error) {
    return errorView('You are not signed in', error);
  }
  return route();
}

start();
