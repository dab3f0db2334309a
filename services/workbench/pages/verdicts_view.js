// The lead inspector's view of an inspection's verdicts: counts per
// criterion, section results, the proposed strengths and areas for
// improvement; the double-marked records' disagreements, each resolved
// with an agreed answer and a reason; an override or decision with its
// reason; agreeing the verdicts; and the report as it renders now.
import { ApiError, currentSession, get, getAll, send, v1 } from './api.js';
import { announce, breadcrumbs, enumWords, h, idOf, showView } from './dom.js';

function findingRows(findings, kind) {
  return findings.map((f) => h('tr', {},
    h('th', { scope: 'row' }, f.criterionId),
    h('td', {}, f.wording || ''),
    h('td', { class: 'number' }, `${f.positive || 0} of ${f.applicable || 0}`),
    h('td', {}, enumWords(f.decision, 'FINDING_DECISION_'),
      f.reason ? h('div', { class: 'hint' }, `${f.decidedBy || ''}: ${f.reason}`) : null),
    h('td', {}, `${kind}:${f.criterionId}`)));
}

function findingTable(title, findings, kind) {
  if (!findings.length) return h('p', {}, `No ${title.toLowerCase()} proposed.`);
  return h('table', {}, h('caption', {}, title),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Criterion'), h('th', { scope: 'col' }, 'Finding'),
      h('th', { scope: 'col', class: 'number' }, 'Cases'), h('th', { scope: 'col' }, 'Decision'),
      h('th', { scope: 'col' }, 'Override target'))),
    h('tbody', {}, findingRows(findings, kind)));
}

function overrideForm(inspectionName, verdicts, onSaved) {
  const targets = [];
  for (const s of verdicts.sections || []) targets.push([s.sectionId, `Section ${s.sectionId}: rating`]);
  if (verdicts.overall && verdicts.overall.status) targets.push(['overall', 'Overall rating']);
  for (const f of verdicts.strengths || []) targets.push([`strength:${f.criterionId}`, `Strength ${f.criterionId}`]);
  for (const f of verdicts.improvements || []) targets.push([`improvement:${f.criterionId}`, `Area for improvement ${f.criterionId}`]);
  const select = h('select', { id: 'override-target', name: 'target' },
    targets.map(([value, text]) => h('option', { value }, text)));
  const value = h('input', { type: 'text', id: 'override-value', name: 'value', 'aria-describedby': 'override-value-hint' });
  const reason = h('textarea', { id: 'override-reason', name: 'reason', rows: 3, required: true });
  const message = h('div', { id: 'override-message' });
  const form = h('form', { id: 'override-form', novalidate: true },
    h('h2', {}, 'Record an override or decision'),
    h('label', { class: 'block', for: 'override-target' }, 'What to override'), select,
    h('label', { class: 'block', for: 'override-value' }, 'New value'),
    h('p', { class: 'hint', id: 'override-value-hint' },
      'A rating for a section or the overall rating; "confirm" or "reject" for a strength or area for improvement.'),
    value,
    h('label', { class: 'block', for: 'override-reason' }, 'Reason (required)'), reason,
    message,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Record the decision')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.replaceChildren();
    if (!reason.value.trim() || !value.value.trim()) {
      message.replaceChildren(h('div', { class: 'error-summary', role: 'alert' },
        h('p', {}, 'Give both the new value and the reason.')));
      (value.value.trim() ? reason : value).focus();
      return;
    }
    try {
      await send('POST', v1(inspectionName, ':recordVerdictDecision'), {
        inspection: inspectionName,
        verdictOverride: { target: select.value, value: value.value.trim(), reason: reason.value.trim(), by: currentSession().user },
      });
      announce('Decision recorded.');
      onSaved();
    } catch (error) {
      const violations = error instanceof ApiError ? error.fieldViolations : [];
      message.replaceChildren(h('div', { class: 'error-summary', role: 'alert', tabindex: '-1' },
        h('h2', {}, 'The decision was not recorded'),
        h('ul', {}, (violations.length ? violations.map((v) => `${v.field}: ${v.description}`) : [error.message])
          .map((t) => h('li', {}, t)))));
      message.firstChild.focus();
    }
  });
  return form;
}

function markerAnswer(answer, note, by, label) {
  return [label(answer), ` (${by})`, note ? h('div', { class: 'hint' }, note) : null];
}

// Each disagreement of the submitted second markings, and for each open one
// a form: the agreed answer (any answer of the criterion's scale) and why.
function moderationSection(name, disagreements, holds, framework, onResolved) {
  const scales = new Map((framework.scales || []).map((s) => [s.id, s]));
  const scaleOf = new Map((framework.sections || []).flatMap((s) => (s.criteria || []).map((c) => [c.id, scales.get(c.scale)])));
  const labelFor = (cid) => (answer) => {
    const value = scaleOf.get(cid) && scaleOf.get(cid).values.find((v) => v.id === answer);
    return value ? value.label || value.id : answer || 'no answer';
  };
  const parts = [h('h2', {}, 'Double marking')];
  if (!disagreements.length && !holds.length) {
    parts.push(h('p', {}, 'No second marking is pending and no disagreement is open.'));
    return parts;
  }
  for (const hold of holds) {
    const what = [];
    if (hold.secondMarkingPending) what.push('its second marking is not submitted');
    if ((hold.openCriterionIds || []).length) what.push(`open disagreements on ${hold.openCriterionIds.join(', ')}`);
    parts.push(h('p', { class: 'notice' }, `Record ${idOf(hold.caseFindings)}: ${what.join('; ')}.`));
  }
  if (!disagreements.length) return parts;
  parts.push(h('table', {}, h('caption', {}, 'Disagreements between first and second markers'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Record'), h('th', { scope: 'col' }, 'Criterion'),
      h('th', { scope: 'col' }, 'First marker'), h('th', { scope: 'col' }, 'Second marker'), h('th', { scope: 'col' }, 'Resolution'))),
    h('tbody', {}, disagreements.map((d) => {
      const label = labelFor(d.criterionId);
      return h('tr', {},
        h('th', { scope: 'row' }, idOf(d.caseFindings)),
        h('td', {}, d.criterionId),
        h('td', {}, markerAnswer(d.firstAnswer, d.firstEvidenceNote, d.firstMarkerReference, label)),
        h('td', {}, markerAnswer(d.secondAnswer, d.secondEvidenceNote, d.secondMarkerReference, label)),
        h('td', {}, d.resolution
          ? [h('span', { class: 'tag tag-done' }, 'Resolved'), ` ${label(d.resolution.agreedAnswer)}, by ${d.resolution.moderatorReference}: ${d.resolution.reason}`]
          : h('span', { class: 'tag tag-warn' }, 'Open')));
    }))));
  disagreements.filter((d) => !d.resolution).forEach((d, i) => {
    const scale = scaleOf.get(d.criterionId);
    const selectId = `agreed-${i}`;
    const reasonId = `agreed-reason-${i}`;
    const select = h('select', { id: selectId },
      (scale ? scale.values : [{ id: d.firstAnswer }, { id: d.secondAnswer }]).map((v) => h('option', { value: v.id }, v.label || v.id)));
    const reason = h('textarea', { id: reasonId, rows: 2 });
    const message = h('div', {});
    const form = h('form', { class: 'resolve', novalidate: true },
      h('fieldset', {},
        h('legend', {}, `Resolve record ${idOf(d.caseFindings)}, criterion ${d.criterionId}`),
        h('label', { class: 'block', for: selectId }, 'Agreed answer'), select,
        h('label', { class: 'block', for: reasonId }, 'Reason (required)'), reason,
        message,
        h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Resolve'))));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      message.replaceChildren();
      if (!reason.value.trim()) {
        message.replaceChildren(h('p', { class: 'error-message', role: 'alert' }, 'Give the reason for the agreed answer.'));
        reason.focus();
        return;
      }
      try {
        await send('POST', v1(d.caseFindings, ':resolveDisagreement'), {
          caseFindings: d.caseFindings,
          criterionId: d.criterionId,
          agreedAnswer: select.value,
          reason: reason.value.trim(),
          moderatorReference: currentSession().user,
        });
        announce(`Disagreement on ${d.criterionId} resolved.`);
        onResolved();
      } catch (error) {
        message.replaceChildren(h('p', { class: 'error-message', role: 'alert', tabindex: '-1' }, error.message));
        message.firstChild.focus();
      }
    });
    parts.push(form);
  });
  return parts;
}

export async function showVerdicts(id) {
  const name = `inspections/${id}`;
  const [inspection, verdicts, disagreements] = await Promise.all([
    get(v1(name)), get(v1(name, '/verdicts')), getAll(v1(name, '/disagreements'), 'disagreements')]);
  const { framework } = await get(v1(`frameworks/${inspection.frameworkId}/versions/${inspection.frameworkVersion}`));
  breadcrumbs({ text: 'Your inspections', href: '#/' },
    { text: id, href: `#/inspections/${id}` }, { text: 'Verdicts' });
  const agreed = ['INSPECTION_STATE_VERDICTS_AGREED', 'INSPECTION_STATE_REPORT_PUBLISHED'].includes(inspection.state);
  const counts = h('table', {}, h('caption', {}, agreed ? 'Counts per criterion' : 'Counts per criterion (cases judged so far)'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Criterion'),
      h('th', { scope: 'col', class: 'number' }, 'Positive'), h('th', { scope: 'col', class: 'number' }, 'Negative'),
      h('th', { scope: 'col', class: 'number' }, 'Not applicable'), h('th', { scope: 'col', class: 'number' }, 'Unanswered'))),
    h('tbody', {}, (verdicts.criteria || []).map((c) => h('tr', {},
      h('th', { scope: 'row' }, c.criterionId),
      h('td', { class: 'number' }, c.positive || 0), h('td', { class: 'number' }, c.negative || 0),
      h('td', { class: 'number' }, c.notApplicable || 0), h('td', { class: 'number' }, c.unanswered || 0)))));
  const sections = (verdicts.sections || []).length
    ? h('table', {}, h('caption', {}, 'Sections'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Section'), h('th', { scope: 'col', class: 'number' }, 'Cases'),
        h('th', { scope: 'col', class: 'number' }, 'Share'), h('th', { scope: 'col' }, 'Result'))),
      h('tbody', {}, verdicts.sections.map((s) => h('tr', {},
        h('th', { scope: 'row' }, `${s.sectionId} ${s.title || ''}`),
        h('td', { class: 'number' }, s.casesInScope || 0),
        h('td', { class: 'number' }, s.share ? `${s.percent || 0}%` : '—'),
        h('td', {}, s.finalRating || enumWords(s.status, 'RATING_STATUS_'),
          s.overridden ? h('div', { class: 'hint' }, `Overridden by ${s.overrideBy}: ${s.overrideReason}`) : null)))))
    : null;
  const overall = verdicts.overall && verdicts.overall.status
    ? h('p', {}, 'Overall: ', verdicts.overall.finalRating || enumWords(verdicts.overall.status, 'RATING_STATUS_'))
    : null;
  const agree = h('button', { type: 'button', class: 'primary', id: 'agree' }, 'Agree the verdicts');
  const agreeMessage = h('div', { id: 'agree-message' });
  agree.addEventListener('click', async () => {
    agreeMessage.replaceChildren();
    try {
      await send('POST', v1(name, ':agreeVerdicts'), { inspection: name });
      announce('The verdicts are agreed.');
      await showVerdicts(id);
    } catch (error) {
      agreeMessage.replaceChildren(h('div', { class: 'error-summary', role: 'alert', tabindex: '-1' },
        h('h2', {}, 'The verdicts were not agreed'), h('p', {}, error.message)));
      agreeMessage.firstChild.focus();
    }
  });
  const preview = `/workbench/report-preview?${new URLSearchParams({ inspection: name })}`;
  showView(`Verdicts of ${id}`,
    h('h1', {}, `Verdicts: ${id}`),
    h('p', { class: agreed ? 'success' : 'notice', id: 'verdicts-state' }, agreed
      ? 'The verdicts are agreed. They no longer change.'
      : `Inspection state: ${enumWords(inspection.state, 'INSPECTION_STATE_')}. The verdicts follow the judgements until you agree them.`),
    counts, sections, overall,
    findingTable('Strengths', verdicts.strengths || [], 'strength'),
    findingTable('Areas for improvement', verdicts.improvements || [], 'improvement'),
    moderationSection(name, disagreements, verdicts.moderationHolds || [], framework, () => showVerdicts(id)),
    agreed ? null : overrideForm(name, verdicts, () => showVerdicts(id)),
    agreed ? null : h('div', { class: 'actions' }, agree),
    agreeMessage,
    h('h2', {}, 'The report as it renders now'),
    h('p', {}, h('a', { href: preview, target: '_blank', rel: 'noopener' }, 'Open the report preview on its own')),
    h('iframe', { class: 'report', src: preview, title: 'Report preview' }));
}
