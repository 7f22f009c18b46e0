// /setup/:token: the first-run page that creates the first admin, opened
// from the link the server prints in its log while no admin exists.

import { html, useEffect } from '../preact.js';
import { api } from '../api.js';
import { navigate } from '../router.js';
import { ErrorBox, Layout, PageLoading, setTitle, useAsync } from '../ui.js';
import { AccountForm } from './signup.js';

export default function SetupPage({ params }) {
  useEffect(() => setTitle('Set up Animal Genius'), []);
  const link = useAsync((signal) => api.post('/auth/link', { token: params.token }, { signal }), [params.token]);
  let body;
  if (link.loading) {
    body = html`<${PageLoading} />`;
  } else if (link.error || link.data.purpose !== 'setup') {
    body = html`<div class="stack">
      <h1>This setup link doesn't work</h1>
      <${ErrorBox} error="It has expired (it works for 30 minutes), was already used, or this box already has an admin." />
      <p>Restart the server to get a new link,
        or run <span class="code">animalgenius admin create --email you@school.org</span> on the box.</p>
      <p><a href="/teacher/login">Go to the teacher login</a></p>
    </div>`;
  } else {
    const submit = async (body) => {
      await api.post('/auth/setup', { ...body, token: params.token });
      navigate('/admin', { replace: true });
    };
    body = html`<div class="stack">
      <h1 class="page-title">Welcome! Let's make the first admin</h1>
      <p class="lead">The admin looks after teacher accounts and the class store. You can make more admins later.</p>
      <${AccountForm} submitLabel="Create the admin account" submit=${submit} />
    </div>`;
  }
  return html`<${Layout} narrow>${body}<//>`;
}
