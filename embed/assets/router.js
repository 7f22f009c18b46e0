// A tiny client-side router: location.pathname + history.pushState.
//
// The server answers every non-API, non-asset path with index.html, so any
// URL can be loaded directly; this module then decides which page to show.
// It lives apart from app.js so pages can import navigate() without an
// import cycle through the entry module.

import { useEffect, useState } from './preact.js';

// Paths the browser must load for real (files, downloads, API calls), never
// through the router, even when linked with a plain <a href>.
const SERVER_PREFIXES = ['/api/', '/assets/', '/vendor/', '/art/', '/healthz', '/readyz', '/metrics'];

const listeners = new Set();

function notify() {
  for (const fn of listeners) fn(currentLocation());
}

/** The parts of the current URL a page may care about. */
export function currentLocation() {
  return {
    path: normalizePath(location.pathname),
    query: new URLSearchParams(location.search),
    hash: location.hash,
  };
}

// "/join/abc/" and "/join/abc" are the same page.
function normalizePath(path) {
  return path.length > 1 ? path.replace(/\/+$/, '') || '/' : path;
}

/**
 * Go to another page without reloading. `to` is a same-origin path such as
 * "/teacher/classes/12?tab=roster". With {replace: true} the current history
 * entry is replaced (use it for redirects, so Back does not bounce).
 */
export function navigate(to, { replace = false } = {}) {
  const url = new URL(to, location.href);
  if (url.origin !== location.origin) {
    location.assign(url.href);
    return;
  }
  const target = url.pathname + url.search + url.hash;
  if (target === location.pathname + location.search + location.hash) return;
  history[replace ? 'replaceState' : 'pushState'](null, '', target);
  notify();
}

/** Hook: the current location; the component re-renders on every navigation. */
export function useLocation() {
  const [loc, setLoc] = useState(currentLocation);
  useEffect(() => {
    listeners.add(setLoc);
    return () => listeners.delete(setLoc);
  }, []);
  return loc;
}

/**
 * Turn a route pattern into a matcher. Patterns are literal segments and
 * ":name" parameters, e.g. "/join/:code". Parameters match one segment.
 */
export function compilePattern(pattern) {
  const names = [];
  const source = normalizePath(pattern)
    .split('/')
    .map((seg) => {
      if (seg.startsWith(':')) {
        names.push(seg.slice(1));
        return '([^/]+)';
      }
      return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  const re = new RegExp(`^${source}$`);
  return (path) => {
    const m = re.exec(path);
    if (!m) return null;
    const params = {};
    names.forEach((name, i) => {
      try {
        params[name] = decodeURIComponent(m[i + 1]);
      } catch {
        params[name] = m[i + 1]; // a broken %-escape: keep the raw text
      }
    });
    return params;
  };
}

/** Find the first route whose pattern matches `path`: {route, params} or null. */
export function matchRoute(routes, path) {
  for (const route of routes) {
    route.match ||= compilePattern(route.path);
    const params = route.match(path);
    if (params) return { route, params };
  }
  return null;
}

// Decide whether a click on a link should be handled by the router.
function routableAnchor(event) {
  if (event.defaultPrevented || event.button !== 0) return null;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null; // new tab/window
  const a = event.target.closest?.('a[href]');
  if (!a) return null;
  if (a.hasAttribute('download') || a.dataset.native !== undefined) return null;
  if (a.target && a.target !== '_self') return null;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin) return null;
  if (SERVER_PREFIXES.some((p) => url.pathname.startsWith(p))) return null;
  // "#main" style links on the same page: let the browser scroll.
  if (url.pathname === location.pathname && url.search === location.search && url.hash) return null;
  return url;
}

/**
 * Start listening for link clicks and Back/Forward. Called once by app.js.
 * Add data-native to an <a> to force a full page load.
 */
export function startRouter() {
  document.addEventListener('click', (event) => {
    const url = routableAnchor(event);
    if (!url) return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
  window.addEventListener('popstate', notify);
}
