// The workbench's JSON API (docs/workbench.md): Google's HTTP mapping of the
// gRPC API under /v1/, plus /workbench/session. Every change carries the
// page's token against cross-site request forgery.

let session = null;

export class ApiError extends Error {
  constructor(httpStatus, error) {
    super(error.message || `HTTP ${httpStatus}`);
    this.httpStatus = httpStatus;
    this.status = error.status || '';
    this.details = error.details || [];
  }

  // google.rpc.ErrorInfo's reason, if the refusal carries one.
  get reason() {
    const info = this.details.find((d) => (d['@type'] || '').endsWith('google.rpc.ErrorInfo'));
    return info ? info.reason : '';
  }

  // google.rpc.BadRequest's field violations: [{field, description}].
  get fieldViolations() {
    const bad = this.details.find((d) => (d['@type'] || '').endsWith('google.rpc.BadRequest'));
    return bad ? bad.fieldViolations || [] : [];
  }
}

async function parse(response) {
  const text = await response.text();
  let body = {};
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    body = { error: { message: `the workbench answered HTTP ${response.status} without JSON` } };
  }
  if (!response.ok) throw new ApiError(response.status, body.error || {});
  return body;
}

export async function loadSession() {
  const response = await fetch('/workbench/session', { credentials: 'same-origin', cache: 'no-store' });
  session = await parse(response);
  return session;
}

export function currentSession() {
  return session;
}

export async function get(path, query = {}) {
  const search = new URLSearchParams(query).toString();
  const response = await fetch(search ? `${path}?${search}` : path, {
    credentials: 'same-origin',
    cache: 'no-store',
  });
  return parse(response);
}

async function sendOnce(method, path, body) {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    cache: 'no-store',
    headers: {
      'Content-Type': 'application/json',
      'X-CSRF-Token': session ? session.csrfToken : '',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return parse(response);
}

// A change, with the page's token. A token the workbench no longer takes
// (it restarted with a new key) is fetched again and the change sent once
// more, so the inspector's answers are not lost to it.
export async function send(method, path, body) {
  try {
    return await sendOnce(method, path, body);
  } catch (error) {
    if (!(error instanceof ApiError) || error.reason !== 'CROSS_SITE_REQUEST') throw error;
    await loadSession();
    return sendOnce(method, path, body);
  }
}

// "/v1/" + a resource name, each segment encoded.
export function v1(name, suffix = '') {
  return `/v1/${name.split('/').map(encodeURIComponent).join('/')}${suffix}`;
}

// Every item of a List method, page after page: `field` is the response's
// repeated field ("caseFindings").
export async function getAll(path, field) {
  const all = [];
  let pageToken = '';
  do {
    const query = { pageSize: 1000 };
    if (pageToken) query.pageToken = pageToken;
    const page = await get(path, query);
    all.push(...(page[field] || []));
    pageToken = page.nextPageToken || '';
  } while (pageToken);
  return all;
}

// The findings name of a sampled record (`yots/Y/cases/C` or
// `yots/Y/victimCases/V`) in inspection `inspectionId`.
export function findingsNameOf(inspectionId, recordName) {
  const [, , kind, ref] = recordName.split('/');
  const collection = kind === 'victimCases' ? 'victimCaseFindings' : 'caseFindings';
  return `inspections/${inspectionId}/${collection}/${ref}`;
}
