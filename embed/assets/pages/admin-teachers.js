// Admin > Teachers: every account, with switch off/on, role, password
// link and delete; and a form to add an account.

import { html, useState } from '../preact.js';
import { api } from '../api.js';
import { Button, countOf, ErrorBox, Field, Modal, Notice, Spinner, useAction, useAsync, TableWrap } from '../ui.js';
import { fieldErrors, formError, formatWhen } from '../auth.js';
import { OneTimeLink } from './admin-invites.js';

function status(a) {
  if (a.disabled) return html`<span class="badge accent-doer">Switched off</span>`;
  if (!a.hasPassword) return html`<span class="badge">Waiting for a password</span>`;
  return html`<span class="badge accent-feeler">Active</span>`;
}

function AddAccount({ onAdded }) {
  const empty = { email: '', displayName: '', school: '', role: 'teacher' };
  const [v, setV] = useState(empty);
  const [made, setMade] = useState(null);
  const add = useAction(async () => {
    const res = await api.post('/admin/accounts', v);
    setMade(res);
    setV(empty);
    onAdded();
  });
  const fields = fieldErrors(add.error);
  const set = (key) => (e) => setV({ ...v, [key]: e.target.value });
  return html`<details class="card">
    <summary><strong>Add an account yourself</strong></summary>
    <form class="form" onSubmit=${(e) => { e.preventDefault(); setMade(null); add.run(); }} noValidate>
      <p class="muted">You get a one-time link (valid 7 days) for the new person to choose their password.</p>
      <${ErrorBox} error=${formError(add.error)} />
      <${Field} label="Name" name="displayName" maxLength="80" value=${v.displayName} onInput=${set('displayName')} error=${fields.displayName} />
      <${Field} label="Email" type="email" name="email" maxLength="254" value=${v.email} onInput=${set('email')} error=${fields.email} />
      <${Field} label="School" name="school" maxLength="120" value=${v.school} onInput=${set('school')} error=${fields.school} />
      <${Field} as="select" label="Role" name="role" value=${v.role} onChange=${set('role')} error=${fields.role}>
        <option value="teacher">Teacher</option><option value="admin">Admin</option>
      <//>
      <${Button} type="submit" busy=${add.busy}>Add account<//>
    </form>
    ${made && html`<${OneTimeLink} link=${made.link} label=${`Account made for ${made.account.email}. Send them this link to choose a password.`} />`}
  </details>`;
}

function DeleteDialog({ target, accounts, onClose, onDeleted }) {
  const holdings = useAsync((signal) => api.get(`/admin/accounts/${target.id}/holdings`, { signal }), [target.id]);
  const heirs = accounts.filter((a) => a.id !== target.id && !a.disabled);
  const [heir, setHeir] = useState('');
  const [confirm, setConfirm] = useState('');
  const del = useAction(async () => {
    await api.del(`/admin/accounts/${target.id}`, { confirm, heirId: Number(heir) || 0 });
    onDeleted();
  });
  const fields = fieldErrors(del.error);
  const h = holdings.data;
  const owns = h && h.classes > 0;
  let consequence = '';
  if (h && !owns) consequence = 'They own no classes, so no student data is affected.';
  if (owns && heir) {
    const to = heirs.find((a) => String(a.id) === heir);
    consequence = `Their ${countOf(h.classes, 'class', 'classes')} with ${countOf(h.students, 'student', 'students')}, results and coins move to ${to.displayName}.`;
  }
  if (owns && !heir) consequence = `Their ${countOf(h.classes, 'class', 'classes')} and all data of ${countOf(h.students, 'student', 'students')} will be deleted for good.`;
  return html`<${Modal} open title=${`Delete ${target.displayName}?`} onClose=${onClose}
    actions=${html`<${Button} variant="secondary" onClick=${onClose}>Cancel<//>
      <${Button} variant="danger" busy=${del.busy} disabled=${!h || confirm !== target.email}
        onClick=${() => del.run()}>Delete account<//>`}>
    <div class="stack">
      <p>The account <strong>${target.email}</strong> is deleted and logged out everywhere at once.
        The audit log keeps its lines.</p>
      ${holdings.loading && html`<${Spinner} />`}
      <${ErrorBox} error=${holdings.error || formError(del.error)} />
      ${owns && html`<${Field} as="select" label="What happens to their classes?" value=${heir}
          onChange=${(e) => setHeir(e.target.value)} error=${fields.heirId}>
        <option value="">Delete them with all their students' data</option>
        ${heirs.map((a) => html`<option value=${String(a.id)}>Move them to ${a.displayName} (${a.email})</option>`)}
      <//>`}
      ${consequence && html`<${Notice} kind="warning">${consequence}<//>`}
      <${Field} label=${`Type ${target.email} to confirm`} value=${confirm} autocomplete="off"
        onInput=${(e) => setConfirm(e.target.value)} error=${fields.confirm} />
    </div>
  <//>`;
}

function Row({ a, me, busy, act, onReset, onDelete }) {
  const self = a.id === me.id;
  return html`<tr>
    <td><strong>${a.displayName}</strong>${self && html` <span class="badge">You</span>`}<br />
      <span class="muted small">${a.email}</span>${a.school && html`<br /><span class="muted small">${a.school}</span>`}</td>
    <td>${a.role === 'admin' ? 'Admin' : 'Teacher'}</td>
    <td>${status(a)}</td>
    <td>${formatWhen(a.lastLoginAt)}</td>
    <td><div class="cluster">
      ${a.role === 'teacher'
        ? html`<${Button} size="small" variant="secondary" disabled=${busy} onClick=${() => act(a, 'role', { role: 'admin' })}>Make admin<//>`
        : html`<${Button} size="small" variant="secondary" disabled=${busy} onClick=${() => act(a, 'role', { role: 'teacher' })}>Make teacher<//>`}
      ${!self && (a.disabled
        ? html`<${Button} size="small" variant="secondary" disabled=${busy} onClick=${() => act(a, 'enable')}>Switch on<//>`
        : html`<${Button} size="small" variant="secondary" disabled=${busy} onClick=${() => act(a, 'disable')}>Switch off<//>`)}
      <${Button} size="small" variant="secondary" disabled=${busy} onClick=${() => onReset(a)}>Password link<//>
      ${!self && html`<${Button} size="small" variant="danger" disabled=${busy} onClick=${() => onDelete(a)}>Delete<//>`}
    </div></td>
  </tr>`;
}

export function TeachersTab({ me }) {
  const list = useAsync((signal) => api.get('/admin/accounts', { signal }), []);
  const [link, setLink] = useState(null);
  const [deleting, setDeleting] = useState(null);
  const [done, setDone] = useState('');
  const action = useAction(async (a, what, body) => {
    setDone('');
    await api.post(`/admin/accounts/${a.id}/${what}`, body);
    const words = { role: body && body.role === 'admin' ? 'is now an admin' : 'is now a teacher', enable: 'is switched on',
      disable: 'is switched off and logged out everywhere' };
    setDone(`${a.displayName} ${words[what]}.`);
    list.reload();
  });
  const reset = useAction(async (a) => {
    const res = await api.post(`/admin/accounts/${a.id}/reset-link`);
    setLink({ link: res.link, who: a });
  });

  return html`<div class="stack">
    <${AddAccount} onAdded=${list.reload} />
    ${done && html`<${Notice} kind="success">${done}<//>`}
    <${ErrorBox} error=${list.error || action.error || reset.error} />
    ${link && html`<${OneTimeLink} link=${link.link}
      label=${`Password link for ${link.who.email}. Their current password keeps working until they use it.`} />`}
    ${list.loading && !list.data && html`<${Spinner} />`}
    ${list.data && html`<${TableWrap} label="Teachers"><table class="table">
      <thead><tr><th>Teacher</th><th>Role</th><th>Status</th><th>Last login</th><th>Actions</th></tr></thead>
      <tbody>${list.data.accounts.map((a) => html`<${Row} key=${a.id} a=${a} me=${me} busy=${action.busy || reset.busy}
        act=${action.run} onReset=${(x) => { setLink(null); reset.run(x); }} onDelete=${setDeleting} />`)}</tbody>
    </table></${TableWrap}>`}
    ${deleting && html`<${DeleteDialog} target=${deleting} accounts=${list.data.accounts}
      onClose=${() => setDeleting(null)}
      onDeleted=${() => { setDone(`${deleting.displayName}'s account was deleted.`); setDeleting(null); list.reload(); }} />`}
  </div>`;
}
