// Signed-in pages for teachers and admins: load the account, send people
// who are not signed in to the login page, and the shared teacher frame.
//
//   export default function ClassesPage() {
//     return html`<${TeacherPage} title="Classes">${(account) => html`...`}<//>`;
//   }

import { html, useEffect } from './preact.js';
import { api, ApiError, parseTime } from './api.js';
import { navigate, currentLocation } from './router.js';
import { Button, ErrorBox, Layout, NavLink, PageLoading, setTitle, useAction, useAsync } from './ui.js';

/** The login page's address, coming back to the current page afterwards. */
export function loginPath(next = currentLocation().path) {
  return next && next !== '/teacher' ? `/teacher/login?next=${encodeURIComponent(next)}` : '/teacher/login';
}

/**
 * A `next` parameter is only followed to a path on this site ("/x", never
 * "//other.site" or "https://..."), so a link cannot send people elsewhere.
 */
export function safeNext(next, fallback = '/teacher', base = location.origin) {
  if (typeof next !== 'string' || !next.startsWith('/')) return fallback;
  // Judge the URL the browser would go to, after its own clean-up: it
  // drops tabs and line breaks and reads "\" as "/", so "/\t/evil.example"
  // is "//evil.example", another site. Only a path of this origin passes.
  let url;
  try {
    url = new URL(next, base);
  } catch {
    return fallback;
  }
  if (url.origin !== new URL(base).origin) return fallback;
  // Dot segments fold away: "/.//evil.example" is the path "//evil.example",
  // which navigating to would read as another site. A path of this site
  // never starts with two slashes.
  if (/^\/[\/\\]/.test(url.pathname)) return fallback;
  return url.pathname + url.search + url.hash;
}

/** Field messages from a form's ApiError ({email: "..."}), or {}. */
export function fieldErrors(err) {
  return (err instanceof ApiError && err.details && err.details.fields) || {};
}

/** The error to show above a form: none when every problem is beside its field. */
export function formError(err) {
  if (!err) return null;
  return Object.keys(fieldErrors(err)).length ? null : err;
}

/** Log out this browser and go to the login page. */
export async function logout() {
  try {
    await api.post('/auth/logout');
  } finally {
    navigate('/teacher/login', { replace: true });
  }
}

function LogoutButton() {
  const action = useAction(logout);
  return html`<${Button} variant="ghost" size="small" busy=${action.busy} onClick=${() => action.run()}>Log out<//>`;
}

/** The teacher navigation: home, account, admin (for admins), log out. */
export function TeacherNav({ account }) {
  return html`
    <${NavLink} href="/teacher" exact>Home<//>
    <${NavLink} href="/teacher/games">Live games<//>
    <${NavLink} href="/teacher/lessons">Learning Lounge<//>
    <${NavLink} href="/account">My account<//>
    ${account && account.role === 'admin' && html`<${NavLink} href="/admin" exact>Admin<//>`}
    ${account && account.role === 'admin' && html`<${NavLink} href="/admin/store">Store catalog<//>`}
    ${account && account.role === 'admin' && html`<${NavLink} href="/admin/lessons">Lesson feedback<//>`}
    <${LogoutButton} />`;
}

/**
 * Loads the signed-in account (GET /auth/me). Without a session it goes
 * to the login page; with `admin`, a teacher sees a clear refusal.
 * Returns {account, loading, error, setAccount}.
 */
export function useAccount() {
  const me = useAsync((signal) => api.get('/auth/me', { signal }), []);
  const unauthorized = me.error instanceof ApiError && me.error.status === 401;
  useEffect(() => {
    if (unauthorized) navigate(loginPath(), { replace: true });
  }, [unauthorized]);
  return {
    account: me.data && me.data.account,
    loading: me.loading || unauthorized,
    error: unauthorized ? null : me.error,
    setAccount: (account) => me.setData({ account }),
  };
}

/**
 * The frame of every teacher page. `children` is a function of the
 * account; `admin` refuses teachers; `narrow` suits forms.
 */
export function TeacherPage({ title, admin = false, narrow = false, children }) {
  useEffect(() => setTitle(title), [title]);
  const { account, loading, error, setAccount } = useAccount();
  let body;
  if (loading) {
    body = html`<${PageLoading} />`;
  } else if (error) {
    body = html`<${ErrorBox} title="We couldn't load your account" error=${error} />
      <p><${Button} onClick=${() => location.reload()}>Try again<//></p>`;
  } else if (admin && account.role !== 'admin') {
    body = html`<section class="empty-state card">
      <h1>Only admins can open this page</h1>
      <p class="muted">Ask your school's Animal Genius admin if you need something changed.</p>
      <${Button} href="/teacher">Back to my home page<//>
    </section>`;
  } else {
    body = children(account, setAccount);
  }
  return html`<${Layout} narrow=${narrow} nav=${account && html`<${TeacherNav} account=${account} />`}>${body}<//>`;
}

/** "3 March 2030, 09:15" in the browser's language, or "never". */
export function formatWhen(iso) {
  const d = parseTime(iso);
  if (!d || d.getFullYear() < 2000) return 'never';
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Whether this browser reached the box at a loopback address (localhost). */
export function onLoopback(hostname = location.hostname) {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\./.test(h) || h === '0.0.0.0';
}

/** How pupils reach the box (GET /reach), for the pages that show links. */
export function useReach() {
  return useAsync((signal) => api.get('/reach', { signal }), []);
}

/**
 * On the pages whose links and QR codes pupils open: when this browser is
 * on a loopback address (localhost), say which address pupils use, or
 * warn that there is none: the box listens on loopback only
 * (server.addr), or it has no network address. Nothing otherwise.
 */
export function ReachNotice() {
  const reach = useReach();
  const r = reach.data;
  if (!r || !(onLoopback() || r.loopback)) return null;
  if (r.loopback && r.listensOnLoopback) {
    return html`<div class="notice notice-warning" role="status" data-reach="loopback-only">
      <strong>Pupils can't open these links yet.</strong> This box listens only on this computer's own address
      (<code>server.addr</code> is a loopback address), so other devices cannot reach it, and the links and QR codes
      point at <code>${r.url}</code>. Set <code>server.addr</code> to listen on the school network (for example <code>:8080</code>), or,
      with a web server in front of the box, set <code>server.public_url</code> to the address pupils open.
    </div>`;
  }
  if (r.loopback) {
    return html`<div class="notice notice-warning" role="status" data-reach="none">
      <strong>Pupils can't open these links yet.</strong> This box has no network address that other devices can reach,
      so the links and QR codes point at <code>${r.url}</code>, which works only on this computer. Connect the box to
      the school network, or set <code>server.public_url</code> in its configuration.
    </div>`;
  }
  return html`<div class="notice" role="status" data-reach=${r.url}>
    You opened Animal Genius at <code>${location.host}</code>, which works only on this computer.
    Pupils use <strong data-reach-url>${r.url}</strong>${r.announced ? html` (or <strong>${r.announced}</strong> on devices that know .local names)` : ''};
    the links and QR codes here already point there.
  </div>`;
}
