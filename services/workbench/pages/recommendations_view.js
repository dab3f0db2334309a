// The report's recommendations (ratings frameworks): each in report order,
// and a form to record a new one or change one. A change sends the etag
// last read; when someone else changed the recommendation first, the page
// keeps this inspector's text, shows theirs, and lets them save theirs
// over it, as the judgement form does.
import { ApiError, currentSession, get, getAll, send, v1 } from './api.js';
import { announce, breadcrumbs, enumWords, h, idOf, showView } from './dom.js';

const kAddressees = [
  ['RECOMMENDATION_ADDRESSEE_SERVICE', 'The youth justice service'],
  ['RECOMMENDATION_ADDRESSEE_MANAGEMENT_BOARD', 'The management board'],
  ['RECOMMENDATION_ADDRESSEE_POLICE', 'The police'],
  ['RECOMMENDATION_ADDRESSEE_CHILDRENS_SERVICES', "Children's services"],
  ['RECOMMENDATION_ADDRESSEE_HEALTH', 'Health services'],
  ['RECOMMENDATION_ADDRESSEE_OTHER_PARTNER', 'Another partner (name it below)'],
];

function addresseeText(r) {
  if (r.addressee === 'RECOMMENDATION_ADDRESSEE_OTHER_PARTNER') return r.partnerName || 'another partner';
  const known = kAddressees.find(([value]) => value === r.addressee);
  return known ? known[1] : enumWords(r.addressee, 'RECOMMENDATION_ADDRESSEE_');
}

function showProblems(area, problems) {
  const box = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1' },
    h('h2', {}, 'There is a problem'), h('ul', {}, problems.map((p) => h('li', {}, p))));
  area.replaceChildren(box);
  box.focus();
}

// The form: empty for a new recommendation, or filled from `current` to
// change it (its etag is what the change is made against).
function recommendationForm(name, sections, current, onSaved) {
  const state = { etag: current ? current.etag : '' };
  const id = h('input', { type: 'text', id: 'rec-id', name: 'id', value: current ? idOf(current.name) : '',
    readonly: !!current, 'aria-describedby': 'rec-id-hint' });
  const addressee = h('select', { id: 'rec-addressee', name: 'addressee' },
    kAddressees.map(([value, text]) => h('option', { value, selected: current && current.addressee === value }, text)));
  const partner = h('input', { type: 'text', id: 'rec-partner', name: 'partner', value: current ? current.partnerName || '' : '',
    'aria-describedby': 'rec-partner-hint' });
  const chosen = new Set(current ? current.sectionIds || [] : []);
  const standards = h('fieldset', {}, h('legend', {}, 'The standards it rests on'),
    h('div', { class: 'choices' }, sections.map((s) => {
      const boxId = `rec-standard-${s.id}`;
      return h('label', { for: boxId }, h('input', { type: 'checkbox', id: boxId, value: s.id, checked: chosen.has(s.id) }),
        `${s.id} ${s.title}`);
    })));
  const text = h('textarea', { id: 'rec-text', name: 'text', rows: 3, maxlength: 1000 });
  text.value = current ? current.text : '';
  const problems = h('div', { id: 'rec-problems' });
  const conflict = h('div', { id: 'rec-conflict' });
  const title = current ? `Change recommendation ${current.number} (${idOf(current.name)})` : 'Record a recommendation';
  const form = h('form', { id: 'recommendation-form', novalidate: true },
    h('h2', { id: 'rec-form-title', tabindex: '-1' }, title),
    problems, conflict,
    h('label', { class: 'block', for: 'rec-id' }, 'Its id'),
    h('p', { class: 'hint', id: 'rec-id-hint' }, 'Letters, digits and "-", as board-1; it names the recommendation for good.'),
    id,
    h('label', { class: 'block', for: 'rec-addressee' }, 'Addressed to'), addressee,
    h('label', { class: 'block', for: 'rec-partner' }, 'The partner (only for another partner)'),
    h('p', { class: 'hint', id: 'rec-partner-hint' }, 'Its short name, as "the youth court".'),
    partner, standards,
    h('label', { class: 'block', for: 'rec-text' }, 'What they should do (one paragraph, about the service, never a child or a victim)'),
    text,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'rec-save' }, 'Save the recommendation'),
      current ? h('a', { href: `#/inspections/${idOf(name)}/recommendations`, id: 'rec-cancel' }, 'Cancel') : null));
  const save = async () => {
    problems.replaceChildren();
    const recommendation = {
      addressee: addressee.value,
      sectionIds: [...standards.querySelectorAll('input:checked')].map((b) => b.value),
      text: text.value.trim(),
    };
    if (addressee.value === 'RECOMMENDATION_ADDRESSEE_OTHER_PARTNER') recommendation.partnerName = partner.value.trim();
    const missing = [];
    if (!id.value.trim()) missing.push('Give the recommendation an id.');
    if (!recommendation.sectionIds.length) missing.push('Choose at least one standard it rests on.');
    if (!recommendation.text) missing.push('Write what the addressee should do.');
    if (missing.length) return showProblems(problems, missing);
    try {
      await send('POST', v1(name, ':recordRecommendation'), {
        inspection: name,
        recommendationId: id.value.trim(),
        recommendation,
        inspectorReference: currentSession().user,
        etag: state.etag,
      });
      announce('Recommendation saved.');
      return onSaved();
    } catch (error) {
      if (error instanceof ApiError && error.reason === 'ETAG_MISMATCH') {
        const theirs = await get(v1(`${name}/recommendations/${id.value.trim()}`)).catch(() => null);
        if (theirs) {
          state.etag = theirs.etag;
          const heading = h('h3', { tabindex: '-1' }, 'Someone else changed this recommendation while you were editing');
          conflict.replaceChildren(h('div', { class: 'conflict', role: 'region', 'aria-label': 'Conflict' }, heading,
            h('p', {}, `${theirs.inspectorReference} saved revision ${theirs.revision}: "${theirs.text}"`),
            h('p', {}, 'Your text is still in the form and has not been saved. Save again to put yours in place of theirs, or cancel to keep theirs.')));
          heading.focus();
          return undefined;
        }
      }
      const violations = error instanceof ApiError ? error.fieldViolations : [];
      return showProblems(problems, violations.length
        ? violations.map((v) => `${v.field}: ${v.description}`) : [error.message]);
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    save();
  });
  return form;
}

export async function showRecommendations(id, changing = '') {
  const name = `inspections/${id}`;
  const inspection = await get(v1(name));
  const { framework } = await get(v1(`frameworks/${inspection.frameworkId}/versions/${inspection.frameworkVersion}`));
  breadcrumbs({ text: 'Your inspections', href: '#/' },
    { text: id, href: `#/inspections/${id}` }, { text: 'Recommendations' });
  const title = `Recommendations: ${id}`;
  const rated = framework.rating && (framework.rating.standardBands || []).length > 0;
  if (!rated) {
    return showView(title, h('h1', {}, title),
      h('p', { class: 'notice' }, `${framework.title || inspection.frameworkId} reports carry no recommendations: `,
        'only inspections under a ratings framework have them.'));
  }
  const recommendations = await getAll(v1(name, '/recommendations'), 'recommendations');
  const current = recommendations.find((r) => idOf(r.name) === changing);
  const sections = (framework.sections || []).filter((s) => s.id);
  const list = recommendations.length
    ? h('table', {}, h('caption', {}, 'In report order'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'No.'), h('th', { scope: 'col' }, 'To'),
        h('th', { scope: 'col' }, 'Standards'), h('th', { scope: 'col' }, 'Recommendation'), h('th', { scope: 'col' }, 'Recorded'))),
      h('tbody', {}, recommendations.map((r) => h('tr', {},
        h('th', { scope: 'row' }, String(r.number)),
        h('td', {}, addresseeText(r)),
        h('td', {}, (r.sectionIds || []).join(', ')),
        h('td', {}, r.text),
        h('td', {}, `revision ${r.revision}, by ${r.inspectorReference} `,
          h('a', { href: `#/inspections/${id}/recommendations/${idOf(r.name)}`, 'aria-label': `Change recommendation ${r.number}` }, 'Change'))))))
    : h('p', {}, 'No recommendation is recorded yet.');
  const reload = () => {
    if (changing) {
      location.hash = `#/inspections/${id}/recommendations`;
      return undefined;
    }
    return showRecommendations(id);
  };
  showView(title, h('h1', {}, title),
    h('p', {}, 'Recorded until the verdicts are agreed; the report lists them first, by number.'),
    list, recommendationForm(name, sections, current, reload));
  if (changing && current) document.getElementById('rec-form-title').focus();
  return undefined;
}
