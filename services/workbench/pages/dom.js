// Building the page: elements from data with textContent only (never
// innerHTML, so nothing a service returns can become markup), the one
// heading each view focuses, and the live region that announces changes.

// h('p', {class: 'hint'}, 'text', child...) -> element. Attributes named
// on* are refused: no inline handlers (the content security policy would
// block them anyway).
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) throw new Error(`no inline handler ${name}`);
    if (name === 'class') element.className = value;
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

// Replaces the main region with `nodes`, sets the document title, focuses
// the view's h1 (so a screen reader starts at the new content) and
// announces the title.
export function showView(title, ...nodes) {
  const main = document.getElementById('main');
  main.replaceChildren(...nodes.flat().filter((n) => n !== null && n !== undefined && n !== false));
  document.title = `${title} – yjinspect workbench`;
  const heading = main.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  } else {
    main.focus();
  }
  announce(title);
}

export function announce(text) {
  const region = document.getElementById('announcer');
  region.textContent = '';
  // A new text node after a tick: screen readers announce a change.
  setTimeout(() => { region.textContent = text; }, 50);
}

export function breadcrumbs(...items) {
  const nav = document.getElementById('breadcrumbs');
  const list = h('ol', {});
  items.forEach((item, i) => {
    const last = i === items.length - 1;
    list.append(h('li', {}, last
      ? h('span', { 'aria-current': 'page' }, item.text)
      : h('a', { href: item.href }, item.text)));
  });
  nav.replaceChildren(list);
}

// "INSPECTION_STATE_SAMPLE_DRAWN" -> "sample drawn".
export function enumWords(value, prefix) {
  if (!value) return 'not set';
  return value.replace(prefix, '').toLowerCase().replaceAll('_', ' ');
}

// The last segment of a resource name.
export function idOf(name) {
  return (name || '').split('/').pop();
}

export function dateText(date) {
  if (!date || !date.year) return '—';
  const d = new Date(Date.UTC(date.year, (date.month || 1) - 1, date.day || 1));
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
