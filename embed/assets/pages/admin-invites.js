// Admin > Invitations: one-time sign-up links for new teachers.

import { html, useState } from '../preact.js';
import { api } from '../api.js';
import { Button, ErrorBox, Field, Notice, Spinner, copyToClipboard, useAction, useAsync, TableWrap } from '../ui.js';
import { fieldErrors, formError, formatWhen, useReach } from '../auth.js';

/** A one-time link shown once, with a copy button. */
export function OneTimeLink({ link, label }) {
  // The address other people reach the box at (not localhost).
  const reach = useReach();
  const url = (reach.data ? reach.data.url : location.origin) + link.path;
  const [copied, setCopied] = useState(false);
  return html`<${Notice} kind="success">
    <p><strong>${label}</strong> It works once, until ${formatWhen(link.expiresAt)}.
      Copy it now: for safety we show it only this once.</p>
    <p><a class="code one-time-link" href=${link.path} data-native>${url}</a></p>
    <${Button} size="small" variant="secondary" onClick=${async () => setCopied(await copyToClipboard(url))}>
      ${copied ? 'Copied!' : 'Copy link'}<//>
  <//>`;
}

export function InvitesTab() {
  const list = useAsync((signal) => api.get('/admin/invites', { signal }), []);
  const [v, setV] = useState({ email: '', note: '', days: '7' });
  const [made, setMade] = useState(null);
  const create = useAction(async () => {
    const res = await api.post('/admin/invites', { email: v.email, note: v.note, days: Number(v.days) });
    setMade(res.link);
    setV({ email: '', note: '', days: v.days });
    list.reload();
  });
  const revoke = useAction(async (id) => {
    await api.del(`/admin/invites/${id}`);
    list.reload();
  });
  const fields = fieldErrors(create.error);
  const set = (key) => (e) => setV({ ...v, [key]: e.target.value });
  const onSubmit = (e) => {
    e.preventDefault();
    setMade(null);
    create.run();
  };

  return html`<div class="stack">
    <form class="form card" onSubmit=${onSubmit} noValidate aria-labelledby="invite-title">
      <h2 id="invite-title">Invite a teacher</h2>
      <p class="muted">Make a link, then send it to the teacher by email or chat. They choose their own password.</p>
      <${ErrorBox} error=${formError(create.error)} />
      <${Field} label="Teacher's email (optional)" type="email" name="email" maxLength="254"
        hint="Leave empty to let whoever has the link sign up." value=${v.email} onInput=${set('email')} error=${fields.email} />
      <${Field} label="Note for yourself (optional)" name="note" maxLength="120"
        hint="For example: new science teacher." value=${v.note} onInput=${set('note')} error=${fields.note} />
      <${Field} as="select" label="The link works for" name="days" value=${v.days} onChange=${set('days')} error=${fields.days}>
        ${[1, 3, 7, 14, 30].map((d) => html`<option value=${String(d)}>${d === 1 ? '1 day' : `${d} days`}</option>`)}
      <//>
      <${Button} type="submit" busy=${create.busy}>Make invitation link<//>
    </form>
    ${made && html`<${OneTimeLink} link=${made} label="Here is the invitation link." />`}
    <section class="stack" aria-labelledby="open-invites">
      <h2 id="open-invites">Invitations not used yet</h2>
      ${list.loading && html`<${Spinner} />`}
      <${ErrorBox} error=${list.error || revoke.error} />
      ${list.data && list.data.invites.length === 0 && html`<p class="muted">None right now.</p>`}
      ${list.data && list.data.invites.length > 0 && html`<${TableWrap} label="Invitations not used yet"><table class="table">
        <thead><tr><th>For</th><th>Note</th><th>Made</th><th>Works until</th><th><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>${list.data.invites.map((inv) => html`<tr key=${inv.id}>
          <td>${inv.email || 'anyone with the link'}</td><td>${inv.note}</td>
          <td>${formatWhen(inv.createdAt)}</td><td>${formatWhen(inv.expiresAt)}</td>
          <td><${Button} size="small" variant="secondary" busy=${revoke.busy} onClick=${() => revoke.run(inv.id)}>
            Withdraw<span class="visually-hidden"> invitation ${inv.email}</span><//></td>
        </tr>`)}</tbody>
      </table></${TableWrap}>`}
    </section>
  </div>`;
}
