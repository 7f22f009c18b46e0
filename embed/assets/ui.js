// Small shared components and helpers. Pages build from these so the whole
// UI looks and behaves the same (focus, errors, busy states).

import { html, useCallback, useEffect, useRef, useState } from './preact.js';
import { friendlyError, parseTime } from './api.js';
import { useLocation } from './router.js';

const APP_NAME = 'Animal Genius';

/** Set the tab title: "Roster · Animal Genius" (or just the app name). */
export function setTitle(title) {
  document.title = title ? `${title} · ${APP_NAME}` : APP_NAME;
}

// "an Owl", "a Beaver": the article a name takes (by its first sound; the
// few English words whose written vowel sounds like a consonant, or the
// reverse, are listed).
const AN_EXCEPTIONS = /^(hour|honest|honou?r|heir)/i;
const A_EXCEPTIONS = /^(uni|use|usu|euro|one|once|ewe)/i;
export function article(name) {
  const word = String(name || '').trim();
  return AN_EXCEPTIONS.test(word) || (/^[aeiou]/i.test(word) && !A_EXCEPTIONS.test(word)) ? 'an' : 'a';
}
export function withArticle(name) {
  const word = String(name || '').trim();
  return word ? `${article(word)} ${word}` : '';
}

// "1 group", "3 groups": counts in words by the language's plural rules
// (Intl.PluralRules), so no page ever says "1 groups".
const pluralRules = new Intl.PluralRules('en');
export function plural(n, one, other) {
  const count = Number(n) || 0;
  return pluralRules.select(count) === 'one' ? one : other;
}
// "5 minutes ago", "just now": how long ago an API time was.
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
export function ago(time, now = Date.now()) {
  const at = parseTime(time);
  if (!at) return '';
  const minutes = Math.round((now - at.getTime()) / 60000);
  if (minutes < 1) return 'just now';
  if (minutes < 90) return relative.format(-minutes, 'minute');
  return relative.format(-Math.round(minutes / 60), 'hour');
}

// The pending joins ("working on the quiz") that have not expired yet.
export function stillWorking(rows, now = Date.now()) {
  return (rows || []).filter((w) => (parseTime(w.expiresAt)?.getTime() ?? 0) > now);
}

export function countOf(n, one, other) {
  const count = Number(n) || 0;
  return `${count.toLocaleString('en')} ${plural(count, one, other)}`;
}

// Ids for label/aria wiring. preact in the vendored build has no useId.
let idCounter = 0;
export function useStableId(prefix = 'id') {
  const ref = useRef(null);
  if (ref.current === null) ref.current = `${prefix}-${++idCounter}`;
  return ref.current;
}

// Join class names, skipping empty ones.
export function cx(...names) {
  return names.filter(Boolean).join(' ');
}

/**
 * Page frame: header with logo and an optional nav, main, footer.
 * `nav` is any markup, usually a few <NavLink>s. `narrow` limits the
 * width for forms. The <main> has id="main" so the router can move focus
 * there after each navigation (screen readers then hear the new page).
 */
export function Layout({ nav, narrow, children }) {
  // On a phone the navigation folds behind a Menu button (one header row
  // instead of three), and folds again after each navigation.
  const [open, setOpen] = useState(false);
  const { path } = useLocation();
  useEffect(() => setOpen(false), [path]);
  return html`<div class="app">
    <a class="skip-link" href="#main">Skip to content</a>
    <header class="app-header">
      <div class="container">
        <a class="app-brand" href="/">
          <img src="/assets/favicon.svg" alt="" width="36" height="36" />
          <span>${APP_NAME}</span>
        </a>
        ${nav && html`<button type="button" class="nav-toggle" aria-expanded=${String(open)} aria-controls="app-nav"
            onClick=${() => setOpen(!open)}>
          <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true"><path d="M3 6h18M3 12h18M3 18h18"
            stroke="currentColor" stroke-width="2.5" stroke-linecap="round" /></svg>
          <span>${open ? 'Close' : 'Menu'}</span></button>
        <nav id="app-nav" class=${cx('app-nav', open && 'app-nav-open')} aria-label="Main">${nav}</nav>`}
      </div>
    </header>
    <main id="main" class="app-main" tabindex="-1">
      <div class=${cx('container', narrow && 'container-narrow')}>${children}</div>
    </main>
    <footer class="app-footer">
      <div class="container">
        ${APP_NAME} runs on your school's own server. Nothing you type here leaves the building. <a href="/privacy" data-footer-privacy>Privacy</a>
      </div>
    </footer>
  </div>`;
}

/** A nav link that marks itself aria-current="page" on its page (or below it, unless exact). */
export function NavLink({ href, exact, children }) {
  const { path } = useLocation();
  const here = exact ? path === href : path === href || path.startsWith(`${href}/`);
  return html`<a href=${href} aria-current=${here ? 'page' : undefined}>${children}</a>`;
}

/**
 * Button or button-looking link (when `href` is given).
 * variant: primary | secondary | danger | ghost; size: big | small.
 * `busy` disables it and shows a spinner, for actions in flight.
 */
export function Button({ variant = 'primary', size, block, busy, disabled, href, type = 'button', class: extra, children, ...rest }) {
  const cls = cx('btn', `btn-${variant}`, size && `btn-${size}`, block && 'btn-block', extra);
  if (href) return html`<a class=${cls} href=${href} ...${rest}>${children}</a>`;
  return html`<button class=${cls} type=${type} disabled=${Boolean(busy || disabled)}
      aria-busy=${busy ? 'true' : undefined} ...${rest}>
    ${busy && html`<span class="spinner" aria-hidden="true"></span>`}${children}
  </button>`;
}

/**
 * Label + control + hint + error, wired for screen readers.
 * as: "input" (default) | "select" | "textarea"; other props go to the control
 * (value, onInput, type, required, autocomplete, ...). Options of a select
 * are its children.
 */
export function Field({ label, hint, error, as = 'input', id, class: extra, children, ...control }) {
  const autoId = useStableId('field');
  const fieldId = id || autoId;
  const hintId = hint ? `${fieldId}-hint` : null;
  const errorId = error ? `${fieldId}-error` : null;
  const props = {
    id: fieldId,
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
    ...control,
  };
  const Tag = as;
  return html`<div class=${cx('field', extra)}>
    <label class="field-label" for=${fieldId}>${label}</label>
    ${hint && html`<div class="field-hint" id=${hintId}>${hint}</div>`}
    <${Tag} ...${props}>${as === 'input' ? null : children}</${Tag}>
    ${error && html`<div class="field-error" id=${errorId}>${error}</div>`}
  </div>`;
}

/** Shows an error (ApiError, Error or a string) in friendly words; nothing when empty. */
/** A table that may scroll sideways on a small screen: a labelled region
 * the keyboard can reach (tab to it, then scroll it with the arrow keys). */
export function TableWrap({ label, children }) {
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label=${label}>${children}</div>`;
}

export function ErrorBox({ error, title }) {
  if (!error) return null;
  const text = typeof error === 'string' ? error : friendlyError(error);
  return html`<div class="error-box" role="alert">
    ${title && html`<strong>${title}</strong>`}
    <p>${text}</p>
  </div>`;
}

/** A calm message box. kind: info | success | warning. */
export function Notice({ kind = 'info', children }) {
  return html`<div class=${cx('notice', kind !== 'info' && `notice-${kind}`)} role="status">${children}</div>`;
}

/** Inline "working" indicator with words (never a bare spinner). */
export function Spinner({ label = 'Loading…' }) {
  return html`<span class="spinner" role="status"><span>${label}</span></span>`;
}

/** A centred spinner filling the page area while a page loads. */
export function PageLoading({ label }) {
  return html`<div class="page-loading"><${Spinner} label=${label} /></div>`;
}

/**
 * Progress bar for long actions. `value` of `max`; `label` is shown above
 * and read out. `accent` (thinker|feeler|doer) colours the bar.
 */
export function Progress({ value, max = 100, label, accent }) {
  const pct = max > 0 ? Math.min(100, Math.max(0, (value / max) * 100)) : 0;
  // Style objects are set through the CSSOM, which the page's CSP allows
  // (style attribute strings would be blocked).
  return html`<div class=${cx('progress-block', accent && `accent-${accent}`)}>
    ${label && html`<div class="progress-label"><span>${label}</span><span>${Math.round(pct)}%</span></div>`}
    <div class="progress" role="progressbar" aria-label=${label || 'Progress'}
        aria-valuemin="0" aria-valuemax=${max} aria-valuenow=${value}>
      <div class="progress-bar" style=${{ width: `${pct}%` }}></div>
    </div>
  </div>`;
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), '
  + 'textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Modal dialog on the native <dialog>: the page behind is inert, Esc closes
 * (through onClose, so the parent owns the open state), Tab stays inside,
 * and focus returns to what had it before.
 */
export function Modal({ open, title, onClose, actions, children }) {
  const ref = useRef(null);
  const titleId = useStableId('modal');
  const openRef = useRef(open);
  openRef.current = open;

  useEffect(() => {
    const dialog = ref.current;
    if (!open || !dialog) return undefined;
    const opener = document.activeElement;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      if (opener && opener.isConnected) opener.focus();
    };
  }, [open]);

  const onCancel = (e) => {
    e.preventDefault(); // keep it open until the parent says so
    onClose?.();
  };
  // The browser may still close it itself (e.g. Esc pressed twice quickly).
  const onDialogClose = () => {
    if (openRef.current) onClose?.();
  };
  const onKeyDown = (e) => {
    if (e.key !== 'Tab') return;
    const items = [...ref.current.querySelectorAll(FOCUSABLE)].filter((el) => el.offsetParent !== null);
    if (!items.length) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return html`<dialog ref=${ref} class="modal" aria-labelledby=${titleId}
      onCancel=${onCancel} onClose=${onDialogClose} onKeyDown=${onKeyDown}>
    ${open && html`
      <div class="modal-header">
        <h2 id=${titleId}>${title}</h2>
        <button type="button" class="btn btn-ghost btn-small" onClick=${() => onClose?.()}>
          Close<span class="visually-hidden"> ${title}</span>
        </button>
      </div>
      <div class="modal-body">${children}</div>
      ${actions && html`<div class="modal-actions">${actions}</div>`}`}
  </dialog>`;
}

/**
 * Load data for a component: `fn(signal)` returns a promise. Re-runs when
 * `deps` change; a stale or unmounted load is aborted and its result
 * ignored. Returns {data, error, loading, reload, setData}.
 */
export function useAsync(fn, deps = []) {
  const [state, setState] = useState({ data: undefined, error: null, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const ctrl = new AbortController();
    setState((s) => ({ ...s, error: null, loading: true }));
    Promise.resolve()
      .then(() => fn(ctrl.signal))
      .then(
        (data) => !ctrl.signal.aborted && setState({ data, error: null, loading: false }),
        (error) => !ctrl.signal.aborted && setState((s) => ({ ...s, error, loading: false })),
      );
    return () => ctrl.abort();
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const setData = useCallback((data) => setState((s) => ({ ...s, data })), []);
  return { ...state, reload, setData };
}

/**
 * Run a user action (a form submit, a button) with a busy flag and an
 * error, ignoring double clicks while it runs. `run(...args)` resolves to
 * the action's result, or undefined when it failed (the error is in `error`).
 */
export function useAction(fn) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const running = useRef(false);
  const run = async (...args) => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      return await fn(...args);
    } catch (err) {
      setError(err);
      return undefined;
    } finally {
      running.current = false;
      setBusy(false);
    }
  };
  return { run, busy, error, clearError: () => setError(null) };
}

/**
 * Copy text; resolves true on success. navigator.clipboard only exists on
 * HTTPS pages, and school boxes often serve plain HTTP, so fall back to a
 * hidden textarea and execCommand.
 */
export async function copyToClipboard(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // permission refused: try the old way below
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'visually-hidden';
  const previous = document.activeElement;
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  previous?.focus?.();
  return ok;
}
