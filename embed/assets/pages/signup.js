// /signup/:token (an admin's invitation) and /signup (school code or open
// sign-up, as the box allows). Also exports the account form that the
// first-run setup page uses.

import { html, useEffect, useState } from '../preact.js';
import { api } from '../api.js';
import { navigate } from '../router.js';
import { Button, ErrorBox, Field, Layout, Notice, PageLoading, setTitle, useAction, useAsync } from '../ui.js';
import { fieldErrors, formError } from '../auth.js';

const PASSWORD_HINT = 'At least 10 characters. A short sentence you can remember works well, like "our owl reads at noon".';

/**
 * Name, email, school, password (twice), and the school code when asked.
 * `submit(values)` sends it; its error shows beside the fields.
 */
export function AccountForm({ fixedEmail = '', askSchoolCode = false, submitLabel, submit }) {
  const [v, setV] = useState({ displayName: '', email: fixedEmail, school: '', password: '', again: '', schoolCode: '' });
  const [mismatch, setMismatch] = useState(false);
  const action = useAction(submit);
  const set = (key) => (e) => setV({ ...v, [key]: e.target.value });
  const fields = fieldErrors(action.error);

  const onSubmit = (e) => {
    e.preventDefault();
    if (v.password !== v.again) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    const body = { displayName: v.displayName, email: v.email, school: v.school, password: v.password };
    if (askSchoolCode) body.schoolCode = v.schoolCode;
    action.run(body);
  };

  return html`<form class="form card" onSubmit=${onSubmit} noValidate>
    <${ErrorBox} error=${formError(action.error)} />
    ${askSchoolCode && html`<${Field} label="School code" name="schoolCode" autocomplete="off" required
      hint="Your admin gives this code to the teachers of your school."
      value=${v.schoolCode} onInput=${set('schoolCode')} error=${fields.schoolCode} />`}
    <${Field} label="Your name" name="displayName" autocomplete="name" required maxLength="80"
      hint="Students and other teachers see this, e.g. Ms Rivera."
      value=${v.displayName} onInput=${set('displayName')} error=${fields.displayName} />
    <${Field} label="Email" type="email" name="email" autocomplete="username" required maxLength="254"
      readOnly=${Boolean(fixedEmail)} hint=${fixedEmail ? 'This invitation is for this address.' : null}
      value=${v.email} onInput=${set('email')} error=${fields.email} />
    <${Field} label="School" name="school" autocomplete="organization" maxLength="120"
      value=${v.school} onInput=${set('school')} error=${fields.school} />
    <${Field} label="Password" type="password" name="password" autocomplete="new-password" required
      hint=${PASSWORD_HINT} value=${v.password} onInput=${set('password')} error=${fields.password} />
    <${Field} label="Type the password again" type="password" name="again" autocomplete="new-password" required
      value=${v.again} onInput=${set('again')}
      error=${mismatch ? 'The two passwords are different. Type them again.' : null} />
    <${Button} type="submit" block size="big" busy=${action.busy}>${submitLabel}<//>
  </form>`;
}

function LinkProblem({ error }) {
  return html`<div class="stack">
    <h1>This link doesn't work</h1>
    <${ErrorBox} error=${error} />
    <p><a href="/teacher/login">Go to the teacher login</a></p>
  </div>`;
}

function InviteSignup({ token }) {
  const link = useAsync((signal) => api.post('/auth/link', { token }, { signal }), [token]);
  if (link.loading) return html`<${PageLoading} />`;
  if (link.error) return html`<${LinkProblem} error=${link.error} />`;
  if (link.data.purpose !== 'invite') {
    return html`<${LinkProblem} error="This is not an invitation link. Ask your admin for a new one." />`;
  }
  const submit = async (body) => {
    await api.post('/auth/signup', { ...body, token });
    navigate('/teacher', { replace: true });
  };
  return html`<div class="stack">
    <h1 class="page-title">Join Animal Genius</h1>
    <p class="lead">You've been invited to make a teacher account on your school's Animal Genius box.</p>
    <${AccountForm} fixedEmail=${link.data.email} submitLabel="Make my account" submit=${submit} />
  </div>`;
}

function OpenSignup() {
  const state = useAsync((signal) => api.get('/auth/state', { signal }), []);
  if (state.loading) return html`<${PageLoading} />`;
  if (state.error) return html`<${ErrorBox} error=${state.error} />`;
  const s = state.data;
  if (s.signupMode !== 'open' && !s.schoolCode) {
    return html`<div class="stack">
      <h1>Ask for an invitation</h1>
      <${Notice}>On this box, new teachers join with an invitation link from an admin.
        Ask your school's Animal Genius admin to send you one.<//>
      <p><a href="/teacher/login">I already have an account</a></p>
    </div>`;
  }
  const submit = async (body) => {
    await api.post('/auth/signup', body);
    navigate('/teacher', { replace: true });
  };
  return html`<div class="stack">
    <h1 class="page-title">Make a teacher account</h1>
    <${AccountForm} askSchoolCode=${s.signupMode !== 'open'} submitLabel="Make my account" submit=${submit} />
    <p><a href="/teacher/login">I already have an account</a></p>
  </div>`;
}

export default function SignupPage({ params }) {
  useEffect(() => setTitle('Sign up'), []);
  return html`<${Layout} narrow>
    ${params.token ? html`<${InviteSignup} token=${params.token} />` : html`<${OpenSignup} />`}
  <//>`;
}
