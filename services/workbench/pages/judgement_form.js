// The judgement form of one sampled case, built from the inspection's
// pinned framework: each section's criteria with their wording, the
// criterion's allowed answers, when not-applicable applies, and an evidence
// note per answer. Saving sends the etag last read; when another inspector
// saved first, the form keeps this inspector's answers, shows both
// versions and lets them apply theirs again. Unsaved answers are never
// dropped silently: leaving the page or the case asks first.
//
// The same form serves the second marker of a double-marked record: it
// reads and writes the second marking (never the first marker's answers,
// which the service keeps from the second marker until they submit), and
// submitting ends the marking.
import { ApiError, currentSession, findingsNameOf, get, send, v1 } from './api.js';
import { announce, breadcrumbs, dateText, enumWords, h, idOf, showView } from './dom.js';

let dirty = false;
// Edits since the page was built: a save that was in flight clears `dirty`
// only if no edit came in meanwhile.
let edits = 0;
let state = null;

export function leaveAllowed() {
  if (!dirty) return true;
  // eslint-disable-next-line no-alert
  const leave = window.confirm('This case has answers you have not saved. Leave without saving them?');
  if (leave) dirty = false;
  return leave;
}

window.addEventListener('beforeunload', (event) => {
  if (!dirty) return;
  event.preventDefault();
  event.returnValue = '';
});

// What the form reads and writes: the first marker's findings, or the
// second marking of the record.
function savedName() {
  return state.second ? `${state.findingsName}/secondMarking` : state.findingsName;
}

function saverOf(findings) {
  return findings.inspectorReference || findings.secondMarkerReference || 'someone';
}

async function findingsOrNull(name) {
  try {
    return await get(v1(name));
  } catch (error) {
    if (error instanceof ApiError && error.httpStatus === 404) return null;
    throw error;
  }
}

// The sections a case of this kind is judged on: case evidence, and for a
// victim's case only sections naming a victims' pool (children's cases:
// sections naming no pool or a children's pool).
function sectionsFor(framework, caseName) {
  const victim = caseName.includes('/victimCases/');
  const poolKind = new Map((framework.pools || []).map((p) => [p.id, p.records]));
  return (framework.sections || []).filter((section) => {
    if ((section.evidence || 'EVIDENCE_SOURCE_CASES') !== 'EVIDENCE_SOURCE_CASES') return false;
    const pools = section.pools || [];
    if (!pools.length) return !victim;
    return pools.some((p) => (poolKind.get(p) === 'POOL_RECORDS_VICTIM_CASES') === victim);
  });
}

// The case record's facts, as a definition list: every scalar, date and
// list of scalars, labelled from the field's name.
function recordFacts(record) {
  const facts = [];
  const skip = new Set(['name', 'etag', 'createTime', 'updateTime']);
  const label = (path) => path.replace(/([A-Z])/g, ' $1').replace(/\./g, ': ').toLowerCase();
  const walk = (value, path) => {
    if (value === null || value === undefined) return;
    if (typeof value === 'object' && 'year' in value && 'month' in value) {
      facts.push([label(path), dateText(value)]);
    } else if (Array.isArray(value)) {
      if (value.every((v) => typeof v !== 'object')) facts.push([label(path), value.join(', ')]);
      else value.forEach((v, i) => walk(v, `${path} ${i + 1}`));
    } else if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) if (!skip.has(k)) walk(v, path ? `${path}.${k}` : k);
    } else {
      const text = typeof value === 'string' && /^[A-Z][A-Z0-9_]+$/.test(value)
        ? value.toLowerCase().replaceAll('_', ' ') : String(value);
      facts.push([label(path), text]);
    }
  };
  walk(record, '');
  return h('dl', { class: 'facts' }, facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

function criterionFieldset(criterion, scale, saved) {
  const cid = criterion.id;
  const hintId = `hint-${cid}`;
  const errorId = `error-${cid}`;
  const choices = (scale ? scale.values : []).map((value) => {
    const inputId = `answer-${cid}-${value.id}`;
    return h('label', { for: inputId },
      h('input', {
        type: 'radio', id: inputId, name: `answer-${cid}`, value: value.id,
        checked: saved && saved.answer === value.id,
      }),
      value.label || value.id);
  });
  const noteId = `note-${cid}`;
  const note = h('textarea', { id: noteId, name: noteId, maxlength: 2000, rows: 3 });
  note.value = saved ? saved.evidenceNote || '' : '';
  return h('fieldset', { id: `criterion-${cid}`, 'data-criterion': cid, 'aria-describedby': criterion.notApplicableWhen ? hintId : undefined },
    h('legend', {}, h('span', { class: 'criterion-id' }, cid), ' ', criterion.wording),
    criterion.notApplicableWhen ? h('p', { class: 'hint', id: hintId }, `Not applicable when: ${criterion.notApplicableWhen}`) : null,
    h('p', { class: 'error-message', id: errorId, hidden: true }),
    h('div', { class: 'choices' }, choices),
    h('label', { class: 'block', for: noteId }, `Evidence for ${cid} (optional)`),
    note);
}

// The answers in the form the inspector changed since the revision the form
// was built from (all of them with `all`): [{criterionId, answer,
// evidenceNote}], and the criteria with a note but no answer. Only changes
// are sent: the service keeps the answers a recording does not name, so a
// save over someone else's revision changes only what this inspector
// changed.
function answersInForm(form, all = false) {
  const judgements = [];
  const unanswered = [];
  for (const fieldset of form.querySelectorAll('fieldset[data-criterion]')) {
    const cid = fieldset.dataset.criterion;
    const checked = fieldset.querySelector('input[type=radio]:checked');
    const note = fieldset.querySelector('textarea').value.trim();
    if (!checked) {
      if (note) unanswered.push(cid);
      continue;
    }
    const before = state.saved.get(cid);
    const changed = !before || before.answer !== checked.value || (before.evidenceNote || '') !== note;
    if (all || changed) judgements.push({ criterionId: cid, answer: checked.value, evidenceNote: note });
  }
  return { judgements, unanswered };
}

function clearErrors(form) {
  document.getElementById('error-summary').replaceChildren();
  for (const fieldset of form.querySelectorAll('fieldset.field-error')) {
    fieldset.classList.remove('field-error');
    const message = fieldset.querySelector('.error-message');
    message.hidden = true;
    message.textContent = '';
  }
}

// Shows problems at the top (each linking to its criterion) and beside
// each criterion, and moves focus to the summary.
function showErrors(problems) {
  const summary = document.getElementById('error-summary');
  const items = problems.map((p) => {
    if (p.cid) {
      const fieldset = document.getElementById(`criterion-${p.cid}`);
      if (fieldset) {
        fieldset.classList.add('field-error');
        const message = fieldset.querySelector('.error-message');
        message.textContent = p.text;
        message.hidden = false;
      }
      return h('li', {}, h('a', { href: `#criterion-${p.cid}`, 'data-focus': `criterion-${p.cid}` }, p.text));
    }
    return h('li', {}, p.text);
  });
  const box = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1' },
    h('h2', {}, 'There is a problem'), h('ul', {}, items));
  summary.replaceChildren(box);
  box.addEventListener('click', (event) => {
    const target = event.target.closest('a[data-focus]');
    if (!target) return;
    event.preventDefault();
    const fieldset = document.getElementById(target.dataset.focus);
    const first = fieldset && fieldset.querySelector('input, textarea');
    if (first) first.focus();
  });
  box.focus();
}

function setStatus(text, kind) {
  const status = document.getElementById('save-status');
  status.className = kind;
  status.textContent = text;
}

function markDirty() {
  edits += 1;
  if (!dirty) {
    dirty = true;
    setStatus('You have unsaved changes.', 'unsaved');
  }
}

function answerLabel(scales, criterionScale, answer) {
  const scale = scales.get(criterionScale);
  const value = scale && scale.values.find((v) => v.id === answer);
  return value ? value.label || value.id : answer || 'no answer';
}

function showConflict(theirs, mine) {
  const panel = document.getElementById('conflict');
  const theirAnswers = new Map((theirs.judgements || []).map((j) => [j.criterionId, j]));
  const rows = [];
  for (const j of mine) {
    const their = theirAnswers.get(j.criterionId);
    const same = their && their.answer === j.answer && (their.evidenceNote || '') === j.evidenceNote;
    if (same) continue;
    const scale = state.criterionScale.get(j.criterionId);
    rows.push(h('tr', {},
      h('th', { scope: 'row' }, j.criterionId),
      h('td', {}, their ? answerLabel(state.scales, scale, their.answer) : 'no answer',
        their && their.evidenceNote ? h('div', { class: 'hint' }, their.evidenceNote) : null),
      h('td', {}, answerLabel(state.scales, scale, j.answer),
        j.evidenceNote ? h('div', { class: 'hint' }, j.evidenceNote) : null)));
  }
  const applyMine = h('button', { type: 'button', class: 'primary', id: 'apply-mine' }, 'Save my answers over theirs');
  const takeTheirs = h('button', { type: 'button', id: 'take-theirs' }, 'Discard my answers and show theirs');
  const heading = h('h2', { id: 'conflict-title', tabindex: '-1' }, 'Someone else saved this case while you were editing');
  panel.replaceChildren(h('div', { class: 'conflict', role: 'region', 'aria-labelledby': 'conflict-title' },
    heading,
    h('p', {}, `${saverOf(theirs)} saved revision ${theirs.revision} after you opened this case. `,
      'Your answers are still in the form and have not been saved.'),
    rows.length
      ? h('table', {}, h('caption', {}, 'Where your answers and theirs differ'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Criterion'),
          h('th', { scope: 'col' }, `Saved by ${saverOf(theirs)}`), h('th', { scope: 'col' }, 'Yours (not saved)'))),
        h('tbody', {}, rows))
      : h('p', {}, 'Your answers are the same as theirs.'),
    h('div', { class: 'actions' }, applyMine, takeTheirs)));
  applyMine.addEventListener('click', () => {
    // The changes stay measured from the revision the form was built from;
    // sent on top of theirs, they replace only what this inspector changed.
    state.etag = theirs.etag;
    panel.replaceChildren();
    save(false, true);
  });
  takeTheirs.addEventListener('click', () => {
    dirty = false;
    panel.replaceChildren();
    render(theirs);
    announce(`Showing revision ${theirs.revision}, saved by ${saverOf(theirs)}.`);
  });
  heading.focus();
  announce('Someone else saved this case first. Your answers are not saved yet.');
}

// `submit`: end the second marking (every answer is sent). `reshow`: show
// the saved revision afterwards (after a conflict, so the form shows the
// other inspector's answers where this one changed nothing).
async function save(submit = false, reshow = false) {
  const form = document.getElementById('judgement-form');
  clearErrors(form);
  const { judgements, unanswered } = answersInForm(form, submit);
  const problems = unanswered.map((cid) => ({ cid, text: `${cid}: choose an answer for the evidence you wrote, or clear it` }));
  if (!judgements.length && !problems.length) {
    problems.push({ text: state.saved.size ? 'Nothing to save: no answer has changed.' : 'Choose at least one answer before saving.' });
  }
  if (problems.length) {
    showErrors(problems);
    return;
  }
  const buttons = document.querySelectorAll('#judgement-form button');
  buttons.forEach((b) => { b.disabled = true; });
  setStatus('Saving…', '');
  try {
    const request = {
      inspection: `inspections/${state.inspectionId}`,
      case: state.caseName,
      judgements,
      inspectorReference: currentSession().user,
      etag: state.etag || '',
    };
    if (state.second) request.submit = submit;
    const verb = state.second ? ':recordSecondMarking' : ':recordJudgements';
    const editsAtSend = edits;
    const saved = await send('POST', v1(`inspections/${state.inspectionId}`, verb), request);
    state.etag = saved.etag;
    state.saved = new Map((saved.judgements || []).map((j) => [j.criterionId, j]));
    if (saved.submitted || reshow) {
      dirty = false;
      render(saved);
      if (saved.submitted) {
        announce('Second marking submitted.');
        return;
      }
    } else if (edits === editsAtSend) {
      dirty = false;
    }
    setStatus(dirty
      ? `Saved revision ${saved.revision}; you have changed answers since.`
      : `Saved: revision ${saved.revision}, by ${saverOf(saved)}.`, dirty ? 'unsaved' : 'success');
    announce(`Judgements saved, revision ${saved.revision}.`);
  } catch (error) {
    setStatus('Not saved.', 'unsaved');
    if (error instanceof ApiError && error.reason === 'ETAG_MISMATCH') {
      const theirs = await findingsOrNull(savedName()).catch(() => null);
      if (theirs) {
        showConflict(theirs, judgements);
        return;
      }
    }
    const violations = error instanceof ApiError ? error.fieldViolations : [];
    showErrors(violations.length
      ? violations.map((v) => ({ text: `${v.field}: ${v.description}` }))
      : [{ text: error.message }]);
  } finally {
    buttons.forEach((b) => { b.disabled = !!state.submitted; });
  }
}

function render(findings) {
  state.etag = findings ? findings.etag : '';
  state.submitted = !!(findings && findings.submitted);
  const saved = new Map(((findings && findings.judgements) || []).map((j) => [j.criterionId, j]));
  state.saved = saved;
  const form = h('form', { id: 'judgement-form', novalidate: true });
  for (const section of state.sections) {
    form.append(h('h2', {}, `${section.id} ${section.title}`));
    for (const criterion of section.criteria || []) {
      form.append(criterionFieldset(criterion, state.scales.get(criterion.scale), saved.get(criterion.id)));
    }
  }
  const lastSaved = findings
    ? `Last saved: revision ${findings.revision}, by ${saverOf(findings)}.` : 'Not judged yet.';
  const actions = h('div', { class: 'actions' },
    h('button', { type: 'submit', class: 'primary', id: 'save' }, state.second ? 'Save the draft' : 'Save judgements'));
  if (state.second) {
    const submit = h('button', { type: 'button', id: 'submit-marking' }, 'Submit the second marking');
    submit.addEventListener('click', () => save(true));
    actions.append(submit);
  }
  actions.append(h('p', { id: 'save-status', role: 'status' }, state.submitted
    ? `Submitted (revision ${findings.revision}): this second marking no longer changes.` : lastSaved));
  form.append(actions);
  if (state.submitted) {
    for (const control of form.querySelectorAll('input, textarea, button')) control.disabled = true;
  }
  form.addEventListener('input', markDirty);
  form.addEventListener('change', markDirty);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    save();
  });
  document.getElementById('form-area').replaceChildren(form);
}

// `second`: the second marking of a double-marked record, by its assigned
// second marker.
export async function showJudgementForm(inspectionId, caseName, second = false) {
  const inspectionName = `inspections/${inspectionId}`;
  const inspection = await get(v1(inspectionName));
  const frameworkVersion = await get(v1(`frameworks/${inspection.frameworkId}/versions/${inspection.frameworkVersion}`));
  const framework = frameworkVersion.framework;
  const findingsName = findingsNameOf(inspectionId, caseName);
  // The record as the findings service holds it: the copy being judged.
  const [record, findings] = await Promise.all([
    get(v1(`${findingsName}/record`))
      .then((held) => held.case || held.victimCase)
      .catch((error) => ({ unreadable: error })),
    findingsOrNull(second ? `${findingsName}/secondMarking` : findingsName),
  ]);
  const sections = sectionsFor(framework, caseName);
  state = {
    inspectionId, caseName, findingsName, sections, second, etag: '', submitted: false,
    scales: new Map((framework.scales || []).map((s) => [s.id, s])),
    criterionScale: new Map(sections.flatMap((s) => (s.criteria || []).map((c) => [c.id, c.scale]))),
  };
  dirty = false;
  const ref = idOf(caseName);
  const title = second ? `Second marking: case ${ref}` : `Case ${ref}`;
  breadcrumbs({ text: 'Your inspections', href: '#/' },
    { text: inspectionId, href: `#/inspections/${inspectionId}` }, { text: title });
  const recordView = record.unreadable
    ? h('p', {}, `The case record could not be read: ${record.unreadable.message}`)
    : recordFacts(record);
  showView(title,
    h('h1', {}, title),
    second ? h('p', { class: 'notice' }, 'You are this record\'s second marker. The first marker\'s answers stay hidden ',
      'until you submit, so that the two markings are independent; once submitted, yours no longer changes.') : null,
    h('p', {}, `${inspection.yotDisplayName || idOf(inspection.yot)}, inspection ${inspectionId}, `,
      `framework ${framework.title || inspection.frameworkId} (version ${inspection.frameworkVersion}). `,
      `Inspection state: ${enumWords(inspection.state, 'INSPECTION_STATE_')}.`),
    h('div', { id: 'conflict' }),
    h('div', { id: 'error-summary' }),
    h('details', {}, h('summary', {}, 'The case record'), recordView),
    h('div', { id: 'form-area' }));
  render(findings);
}
