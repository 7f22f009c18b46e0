// /account: the signed-in teacher's profile, password and sessions.

import { html, useState } from '../preact.js';
import { api } from '../api.js';
import { navigate } from '../router.js';
import { Button, ErrorBox, Field, Modal, Notice, Spinner, useAction, useAsync, TableWrap } from '../ui.js';
import { TeacherPage, fieldErrors, formError, formatWhen } from '../auth.js';

function ProfileForm({ account, onSaved }) {
  const [name, setName] = useState(account.displayName);
  const [school, setSchool] = useState(account.school);
  const [saved, setSaved] = useState(false);
  const save = useAction(async () => {
    const res = await api.patch('/account', { displayName: name, school });
    onSaved(res.account);
    setSaved(true);
  });
  const fields = fieldErrors(save.error);
  const onSubmit = (e) => {
    e.preventDefault();
    setSaved(false);
    save.run();
  };
  return html`<form class="form card" onSubmit=${onSubmit} noValidate aria-labelledby="profile-title">
    <h2 id="profile-title">Profile</h2>
    ${saved && html`<${Notice} kind="success">Saved.<//>`}
    <${ErrorBox} error=${formError(save.error)} />
    <${Field} label="Email" value=${account.email} readOnly hint="Your email is your login. An admin can help if it has changed." />
    <${Field} label="Your name" name="displayName" autocomplete="name" maxLength="80" required
      value=${name} onInput=${(e) => setName(e.target.value)} error=${fields.displayName} />
    <${Field} label="School" name="school" autocomplete="organization" maxLength="120"
      value=${school} onInput=${(e) => setSchool(e.target.value)} error=${fields.school} />
    <${Button} type="submit" busy=${save.busy}>Save profile<//>
  </form>`;
}

function PasswordForm({ account }) {
  const empty = { currentPassword: '', newPassword: '', again: '' };
  const [v, setV] = useState(empty);
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState('');
  const change = useAction(async () => {
    const res = await api.post('/account/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
    setV(empty);
    setDone(res.message);
  });
  const fields = fieldErrors(change.error);
  const set = (key) => (e) => setV({ ...v, [key]: e.target.value });
  const onSubmit = (e) => {
    e.preventDefault();
    setDone('');
    setMismatch(v.newPassword !== v.again);
    if (v.newPassword === v.again) change.run();
  };
  return html`<form class="form card" onSubmit=${onSubmit} noValidate aria-labelledby="password-title">
    <h2 id="password-title">Change password</h2>
    <p class="muted">Changing it logs out every other browser where you are signed in.</p>
    ${done && html`<${Notice} kind="success">${done}<//>`}
    <${ErrorBox} error=${formError(change.error)} />
    <input type="hidden" name="username" autocomplete="username" value=${account.email} />
    <${Field} label="Current password" type="password" name="currentPassword" autocomplete="current-password" required
      value=${v.currentPassword} onInput=${set('currentPassword')} error=${fields.currentPassword} />
    <${Field} label="New password" type="password" name="newPassword" autocomplete="new-password" required
      hint="At least 10 characters. A short sentence you can remember works well."
      value=${v.newPassword} onInput=${set('newPassword')} error=${fields.newPassword} />
    <${Field} label="Type the new password again" type="password" name="again" autocomplete="new-password" required
      value=${v.again} onInput=${set('again')}
      error=${mismatch ? 'The two passwords are different. Type them again.' : null} />
    <${Button} type="submit" busy=${change.busy}>Change password<//>
  </form>`;
}

// "Chrome on Windows" style label from a User-Agent, or the raw start of it.
function browserName(ua) {
  if (!ua) return 'Unknown browser';
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrom(e|ium)\//.test(ua) ? 'Chrome'
    : /Safari\//.test(ua) ? 'Safari' : null;
  const os = /CrOS/.test(ua) ? 'Chromebook' : /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iPhone or iPad'
    : /Windows/.test(ua) ? 'Windows' : /Mac OS X/.test(ua) ? 'Mac' : /Linux/.test(ua) ? 'Linux' : null;
  if (browser && os) return `${browser} on ${os}`;
  return browser || os || ua.slice(0, 40);
}

function Sessions() {
  const list = useAsync((signal) => api.get('/account/sessions', { signal }), []);
  const [confirming, setConfirming] = useState(false);
  const everywhere = useAction(async () => {
    await api.post('/account/logout-everywhere');
    navigate('/teacher/login', { replace: true });
  });
  return html`<section class="card stack" aria-labelledby="sessions-title">
    <h2 id="sessions-title">Where you are logged in</h2>
    ${list.loading && html`<${Spinner} />`}
    <${ErrorBox} error=${list.error} />
    ${list.data && html`<${TableWrap} label="Where you are logged in"><table class="table">
      <thead><tr><th>Browser</th><th>Address</th><th>Logged in</th><th>Last used</th></tr></thead>
      <tbody>${list.data.sessions.map((s) => html`<tr key=${s.key}>
        <td>${browserName(s.userAgent)} ${s.current && html`<span class="badge">This browser</span>`}</td>
        <td>${s.ip || '-'}</td><td>${formatWhen(s.createdAt)}</td><td>${formatWhen(s.lastSeenAt)}</td>
      </tr>`)}</tbody>
    </table></${TableWrap}>`}
    <p class="muted">Left yourself logged in on a shared computer? Log out everywhere, this browser too.</p>
    <${Button} variant="danger" onClick=${() => setConfirming(true)}>Log out everywhere<//>
    <${Modal} open=${confirming} title="Log out everywhere?" onClose=${() => setConfirming(false)}
      actions=${html`<${Button} variant="secondary" onClick=${() => setConfirming(false)}>Cancel<//>
        <${Button} variant="danger" busy=${everywhere.busy} onClick=${() => everywhere.run()}>Log out everywhere<//>`}>
      <p>Every browser signed in to your account, this one too, will be logged out at once.</p>
      <${ErrorBox} error=${everywhere.error} />
    <//>
  </section>`;
}

export default function AccountPage() {
  return html`<${TeacherPage} title="My account">${(account, setAccount) => html`<div class="stack-lg">
    <h1 class="page-title">My account</h1>
    <div class="grid grid-2">
      <${ProfileForm} account=${account} onSaved=${setAccount} />
      <${PasswordForm} account=${account} />
    </div>
    <${Sessions} />
  </div>`}<//>`;
}
