// The JSON API client. Every call goes to /api/v1 on the same origin.
//
//   const cls = await api.get('/classes/12');
//   await api.post('/classes', { name: 'Room 7' });
//
// Errors are thrown as ApiError; show them with friendlyError(err).

const BASE = '/api/v1';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** An error from the API (status > 0) or from the network (status 0). */
export class ApiError extends Error {
  constructor(status, code, message, { retryAfter = null, details = null } = {}) {
    super(message || code);
    this.name = 'ApiError';
    this.status = status;          // HTTP status; 0 when the server was not reached
    this.code = code;              // machine code from the server, e.g. "name_taken"
    this.serverMessage = message;  // the server's sentence, may be ""
    this.retryAfter = retryAfter;  // seconds, from Retry-After (429/503), or null
    this.details = details;        // any extra fields in the error object
  }
}

/** The CSRF token the server set in the ag_csrf cookie, or "". */
export function csrfToken() {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq > -1 && part.slice(0, eq).trim() === 'ag_csrf') {
      return decodeURIComponent(part.slice(eq + 1).trim());
    }
  }
  return '';
}

/**
 * Every time the API sends (answers, socket frames, exports) is one shape:
 * RFC 3339 in UTC with milliseconds, "2026-12-02T08:15:30.123Z". parseTime
 * reads one into a Date (null for none or anything else); every page
 * reads times through it.
 */
export function parseTime(s) {
  if (typeof s !== 'string' || !s) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** An API time in the reader's words and time zone ('' for none). */
export function formatTime(s, opts = { dateStyle: 'medium', timeStyle: 'short' }) {
  const d = parseTime(s);
  return d ? d.toLocaleString(undefined, opts) : '';
}

// Retry-After is either seconds or an HTTP date.
function parseRetryAfter(value) {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value);
  const when = Date.parse(value);
  return Number.isNaN(when) ? null : Math.max(0, Math.ceil((when - Date.now()) / 1000));
}

/**
 * Low-level request. `body` may be a plain value (sent as JSON), FormData
 * (sent as multipart, for uploads) or undefined. `opts.signal` aborts;
 * `opts.headers` adds headers (e.g. an Idempotency-Key).
 * Resolves to the parsed JSON body, or null for an empty reply (204).
 */
export async function request(method, path, body, opts = {}) {
  const headers = { Accept: 'application/json', ...opts.headers };
  let payload;
  if (body instanceof FormData) {
    payload = body; // the browser sets the multipart boundary
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (UNSAFE_METHODS.has(method)) {
    const token = csrfToken();
    if (token) headers['X-CSRF-Token'] = token;
  }

  let res;
  try {
    res = await fetch(BASE + path, {
      method,
      headers,
      body: payload,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if (err.name === 'AbortError') throw err; // the caller cancelled; not a failure
    throw new ApiError(0, 'network', '');
  }

  const isJSON = (res.headers.get('Content-Type') || '').includes('application/json');
  let data = null;
  if (res.status !== 204 && isJSON) {
    try {
      data = await res.json();
    } catch {
      data = null; // a cut-off body: handled as "no details" below
    }
  }
  if (res.ok) return data;

  const e = (data && data.error) || {};
  const { code, message, ...details } = e;
  throw new ApiError(res.status, code || `http_${res.status}`, message || '', {
    retryAfter: parseRetryAfter(res.headers.get('Retry-After')),
    details: Object.keys(details).length ? details : null,
  });
}

/**
 * POST a FormData like request(), telling onProgress(0..1) how much of the
 * file has gone out (fetch cannot report upload progress; XHR can).
 */
export function uploadForm(path, form, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', BASE + path);
    xhr.setRequestHeader('Accept', 'application/json');
    const token = csrfToken();
    if (token) xhr.setRequestHeader('X-CSRF-Token', token);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total); };
    xhr.onerror = () => reject(new ApiError(0, 'network', ''));
    xhr.onload = () => {
      let data = null;
      try { data = JSON.parse(xhr.responseText); } catch { data = null; }
      if (xhr.status >= 200 && xhr.status < 300) { resolve(data); return; }
      const { code, message, ...details } = (data && data.error) || {};
      reject(new ApiError(xhr.status, code || `http_${xhr.status}`, message || '', {
        retryAfter: parseRetryAfter(xhr.getResponseHeader('Retry-After')),
        details: Object.keys(details).length ? details : null,
      }));
    };
    xhr.send(form);
  });
}

export const api = {
  get: (path, opts) => request('GET', path, undefined, opts),
  post: (path, body, opts) => request('POST', path, body, opts),
  put: (path, body, opts) => request('PUT', path, body, opts),
  patch: (path, body, opts) => request('PATCH', path, body, opts),
  del: (path, body, opts) => request('DELETE', path, body, opts),
};

/**
 * A random key for requests that must not happen twice (coins, purchases).
 * Make one per user action and reuse it on retries (postOnce does both). crypto.randomUUID only
 * exists on HTTPS pages; many school boxes are plain HTTP, so build it from
 * getRandomValues, which works everywhere.
 */
export function newIdempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// The key of each path's last action that has not succeeded yet, with the
// data it was sent with.
const unsettledKeys = new Map();

/**
 * POST an action that must not happen twice (coins, purchases, pets) with
 * an Idempotency-Key. When an answer is lost (no network, a 5xx, a
 * timeout) the first try may still have happened, so clicking again with
 * the same data sends the same key and the server does it at most once; a
 * success, or other data, makes a new key.
 */
export async function postOnce(path, body, opts = {}) {
  const data = JSON.stringify(body);
  let action = unsettledKeys.get(path);
  if (!action || action.data !== data) {
    action = { data, key: newIdempotencyKey() };
    unsettledKeys.set(path, action);
  }
  const res = await request('POST', path, body, { ...opts, headers: { ...opts.headers, 'Idempotency-Key': action.key } });
  if (unsettledKeys.get(path) === action) unsettledKeys.delete(path);
  return res;
}

// "about 30 seconds", "about 2 minutes"
function waitWords(seconds) {
  if (seconds == null) return 'a little while';
  if (seconds <= 1) return 'a second';
  if (seconds < 90) return `about ${seconds} seconds`;
  const minutes = Math.round(seconds / 60);
  return minutes === 1 ? 'about a minute' : `about ${minutes} minutes`;
}

/**
 * One short sentence for people, for any error a call can throw. The
 * server's own message wins when it sent one (it knows best what went
 * wrong); otherwise the status decides.
 */
export function friendlyError(err) {
  if (!(err instanceof ApiError)) {
    return 'Something went wrong on this page. Please refresh and try again.';
  }
  if (err.status === 0) return "We can't reach the server. Check the Wi-Fi and try again.";
  // A used-up daily budget is no "wait a moment": the server says what to do.
  if (err.status === 429 && !(err.code === 'picture_budget' && err.serverMessage)) {
    return `Too many tries for now. Please wait ${waitWords(err.retryAfter)} and try again.`;
  }
  if (err.serverMessage) return err.serverMessage;
  switch (err.status) {
    case 400:
    case 422:
      return 'Something in the form is not quite right. Please check it and try again.';
    case 401:
      return 'Please log in first.';
    case 403:
      return "You aren't allowed to do that.";
    case 404:
      return "We couldn't find that. It may have been moved or deleted.";
    case 409:
      return 'Someone changed this at the same time. Please reload and try again.';
    case 413:
      return 'That is too big to send. Try a smaller file.';
    case 503:
      return `The server is busy. Please wait ${waitWords(err.retryAfter)} and try again.`;
    case 507:
      return "The school server's disk is full, so this was not saved. Please tell your IT team.";
    default:
      if (err.status >= 500) return 'Something went wrong on our side. Please try again in a minute.';
      return 'Something went wrong. Please try again.';
  }
}
