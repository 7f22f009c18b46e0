// /teacher/login: email and password. After signing in the teacher goes
// to ?next= (a path on this site) or /teacher.

import { html, useEffect, useState } from '../preact.js';
import { api } from '../api.js';
import { navigate } from '../router.js';
import { Button, ErrorBox, Field, Layout, Notice, PageLoading, setTitle, useAction, useAsync } from '../ui.js';
import { fieldErrors, formError, safeNext } from '../auth.js';

export default function TeacherLoginPage({ query }) {
  useEffect(() => setTitle('Teacher login'), []);
  const next = safeNext(query.get('next'));
  const state = useAsync((signal) => api.get('/auth/state', { signal }), []);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useAction(async () => {
    await api.post('/auth/login', { email, password });
    navigate(next, { replace: true });
  });

  useEffect(() => {
    if (state.data && state.data.signedIn) navigate(next, { replace: true });
  }, [state.data]);

  if (state.loading) return html`<${Layout} narrow><${PageLoading} /><//>`;
  const s = state.data || {};
  const fields = fieldErrors(login.error);
  const canSignUp = s.signupMode === 'open' || s.schoolCode;

  const onSubmit = (e) => {
    e.preventDefault();
    login.run();
  };

  return html`<${Layout} narrow>
    <div class="stack">
      <h1 class="page-title">Teacher login</h1>
      ${s.needsSetup && html`<${Notice} kind="warning">
        <p><strong>This box has no admin yet.</strong> Whoever started it can open the setup link
        printed in the server's log, or run <span class="code">animalgenius admin create --email you@school.org</span> on
        the box.</p>
      <//>`}
      <form class="form card" onSubmit=${onSubmit} noValidate>
        <${ErrorBox} error=${formError(login.error)} />
        <${Field} label="Email" type="email" name="email" autocomplete="username" required
          value=${email} onInput=${(e) => setEmail(e.target.value)} error=${fields.email} />
        <${Field} label="Password" type="password" name="password" autocomplete="current-password" required
          value=${password} onInput=${(e) => setPassword(e.target.value)} error=${fields.password} />
        <${Button} type="submit" block size="big" busy=${login.busy}>Log in<//>
      </form>
      <p class="muted">Forgot your password? Ask your school's Animal Genius admin for a reset link.</p>
      ${canSignUp && html`<p>New here? <a href="/signup">Make a teacher account</a>.</p>`}
      ${!canSignUp && !s.needsSetup && html`<p class="muted">New teachers join with an invitation link from an admin.</p>`}
    </div>
  <//>`;
}
