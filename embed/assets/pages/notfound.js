// Shown for any path no route matches (the server sends index.html for
// every non-API path, so typos in links end up here rather than at a bare 404).

import { html, useEffect } from '../preact.js';
import { Button, Layout, setTitle } from '../ui.js';

export function NotFoundPage({ path }) {
  useEffect(() => setTitle('Page not found'), []);

  return html`<${Layout}>
    <section class="empty-state card">
      <p class="big-number" aria-hidden="true">404</p>
      <h1>We can't find that page</h1>
      <p class="muted">
        We looked everywhere for <span class="code">${path}</span>, but it isn't here.
        The link may be old or mistyped.
      </p>
      <div class="cluster genius-strip">
        <${Button} href="/" size="big">Go to the start<//>
        ${history.length > 1
          && html`<${Button} variant="secondary" size="big" onClick=${() => history.back()}>Go back<//>`}
      </div>
    </section>
  <//>`;
}
