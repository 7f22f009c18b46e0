// /reset/:token: choose a new password through a one-time link from an
// admin (or from 'animalgenius admin reset-password').

import { html, useEffect, useState } from '../preact.js';
import { api } from '../api.js';
import { navigate } from '../router.js';
import { Button, ErrorBox, Field, Layout, PageLoading, setTitle, useAction, useAsync } from '../ui.js';
import { fieldErrors, formError } from '../auth.js';

export default function ResetPage({ params }) {
  useEffect(() => setTitle('Choose a new password'), []);
  const link = useAsync((signal) => api.post('/auth/link', { token: params.token }, { signal }), [params.token]);
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const reset = useAction(async () => {
    await api.post('/auth/reset', { token: params.token, password });
    navigate('/teacher', { replace: true });
  });
  const fields = fieldErrors(reset.error);

  let body;
  if (link.loading) {
    body = html`<${PageLoading} />`;
  } else if (link.error || link.data.purpose !== 'reset') {
    body = html`<div class="stack">
      <h1>This link doesn't work</h1>
      <${ErrorBox} error="It has expired or was already used. Ask your admin for a new one." />
      <p><a href="/teacher/login">Go to the teacher login</a></p>
    </div>`;
  } else {
    const onSubmit = (e) => {
      e.preventDefault();
      setMismatch(password !== again);
      if (password === again) reset.run();
    };
    body = html`<div class="stack">
      <h1 class="page-title">Choose a new password</h1>
      <p>For <strong>${link.data.email}</strong>. Every browser signed in to this account will be logged out.</p>
      <form class="form card" onSubmit=${onSubmit} noValidate>
        <${ErrorBox} error=${formError(reset.error)} />
        <input type="hidden" name="username" autocomplete="username" value=${link.data.email} />
        <${Field} label="New password" type="password" autocomplete="new-password" required
          hint="At least 10 characters. A short sentence you can remember works well."
          value=${password} onInput=${(e) => setPassword(e.target.value)} error=${fields.password} />
        <${Field} label="Type it again" type="password" autocomplete="new-password" required
          value=${again} onInput=${(e) => setAgain(e.target.value)}
          error=${mismatch ? 'The two passwords are different. Type them again.' : null} />
        <${Button} type="submit" block size="big" busy=${reset.busy}>Save and log in<//>
      </form>
    </div>`;
  }
  return html`<${Layout} narrow>${body}<//>`;
}
