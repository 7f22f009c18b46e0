// Entry point: mounts the app into #app and shows the page for the current
// path. The route table is in routes.js; navigation helpers in router.js.

import { html, render, useEffect, useErrorBoundary, useRef, useState } from './preact.js';
import { routes, NotFound } from './routes.js';
import { matchRoute, startRouter, useLocation } from './router.js';
import { Button, ErrorBox, Layout, PageLoading, setTitle } from './ui.js';

// Pages fetched with `load` are kept here after their first visit.
const loaded = new Map();

// After an in-app navigation, start at the top and put keyboard and screen
// reader focus on the new page's <main>, as a full page load would.
function focusNewPage() {
  window.scrollTo(0, 0);
  document.getElementById('main')?.focus({ preventScroll: true });
}

// Renders a `load` route: a spinner until its module arrives.
function LazyPage({ route, pageProps, onShown }) {
  const [state, setState] = useState(() => ({ Page: loaded.get(route), failed: false }));
  useEffect(() => {
    if (state.Page) return undefined;
    let live = true;
    route.load().then(
      (mod) => {
        loaded.set(route, mod.default);
        if (live) setState({ Page: mod.default, failed: false });
      },
      (err) => {
        console.error('page module failed to load', err);
        if (live) setState({ Page: null, failed: true });
      },
    );
    return () => {
      live = false;
    };
  }, [route]);
  useEffect(() => {
    if (state.Page) onShown();
  }, [state.Page]);

  if (state.failed) {
    return html`<${Layout}>
      <${ErrorBox} title="This page didn't load"
        error="We can't reach the server. Check the Wi-Fi and try again." />
      <p><${Button} onClick=${() => location.reload()}>Try again<//></p>
    <//>`;
  }
  if (!state.Page) return html`<${Layout}><${PageLoading} /><//>`;
  return html`<${state.Page} ...${pageProps} />`;
}

// Catches a page that throws while rendering, so one bug does not blank the
// whole screen. Keyed by path in App, so moving to another page resets it.
function PageBoundary({ children }) {
  const [error, reset] = useErrorBoundary((err) => console.error('page crashed', err));
  if (error) {
    setTitle('Something went wrong');
    return html`<${Layout}>
      <div class="stack">
        <${ErrorBox} title="Oops, this page hit a problem"
          error="Something went wrong on this page. Please try again." />
        <div class="cluster">
          <${Button} onClick=${() => { reset(); location.reload(); }}>Reload the page<//>
          <${Button} variant="secondary" href="/">Go to the start<//>
        </div>
      </div>
    <//>`;
  }
  return children;
}

function App() {
  const loc = useLocation();
  const firstRender = useRef(true);
  const found = matchRoute(routes, loc.path);

  // Focus moves only on navigation, not on the first load (the browser
  // already starts at the top and a fresh page should not grab focus).
  const onShown = () => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    focusNewPage();
  };

  let body;
  if (!found) {
    body = html`<${NotFound} path=${loc.path} query=${loc.query} params=${{}} />`;
  } else {
    const pageProps = { params: found.params, query: loc.query, path: loc.path };
    body = found.route.load
      ? html`<${LazyPage} route=${found.route} pageProps=${pageProps} onShown=${onShown} />`
      : html`<${found.route.page} ...${pageProps} />`;
  }
  return html`<${PageBoundary} key=${loc.path}>
    ${body}
    ${!found?.route.load && html`<${AfterRender} path=${loc.path} onShown=${onShown} />`}
  <//>`;
}

// Runs onShown once the eagerly imported page for `path` is in the DOM.
function AfterRender({ path, onShown }) {
  useEffect(onShown, [path]);
  return null;
}

startRouter();
render(html`<${App} />`, document.getElementById('app'));
