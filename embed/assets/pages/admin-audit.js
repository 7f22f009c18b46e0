// Admin > Audit log: who did what to which account, when, from where.

import { html, useState } from '../preact.js';
import { api } from '../api.js';
import { Button, ErrorBox, Spinner, useAsync } from '../ui.js';
import { formatWhen } from '../auth.js';

const ACTIONS = {
  setup: 'Created the first admin',
  'setup.link': 'First-run link made',
  signup: 'Signed up',
  login: 'Logged in',
  'login.failed': 'Failed login',
  logout: 'Logged out',
  'logout.everywhere': 'Logged out everywhere',
  'password.change': 'Changed password',
  'password.reset': 'Reset password with a link',
  'password.set': 'Password set from the command line',
  'password.link': 'Password link made',
  'profile.update': 'Changed profile',
  'account.create': 'Account created',
  'account.disable': 'Account switched off',
  'account.enable': 'Account switched on',
  'account.role': 'Role changed',
  'account.delete': 'Account deleted',
  'invite.create': 'Invitation made',
  'invite.revoke': 'Invitation withdrawn',
};

export function AuditTab() {
  // cursors[i] is the "before" of page i; page 0 starts at the newest.
  const [cursors, setCursors] = useState([0]);
  const before = cursors[cursors.length - 1];
  const page = useAsync((signal) => api.get(`/admin/audit?limit=50${before ? `&before=${before}` : ''}`, { signal }), [before]);
  return html`<section class="stack" aria-labelledby="audit-title">
    <h2 id="audit-title">Audit log</h2>
    <p class="muted">Every sign-in and every change to an account, newest first.</p>
    ${page.loading && html`<${Spinner} />`}
    <${ErrorBox} error=${page.error} />
    ${page.data && html`<div class="table-wrap"><table class="table">
      <thead><tr><th>When</th><th>Who</th><th>What</th><th>Account</th><th>Details</th><th>From</th></tr></thead>
      <tbody>${page.data.entries.map((e) => html`<tr key=${e.id}>
        <td>${formatWhen(e.at)}</td><td>${e.actor}</td><td>${ACTIONS[e.action] || e.action}</td>
        <td>${e.target}</td><td>${e.detail}</td><td>${e.ip}</td>
      </tr>`)}</tbody>
    </table></div>`}
    <div class="cluster">
      ${cursors.length > 1 && html`<${Button} variant="secondary" onClick=${() => setCursors([0])}>Newest<//>
        <${Button} variant="secondary" onClick=${() => setCursors(cursors.slice(0, -1))}>Newer<//>`}
      ${page.data && page.data.nextBefore > 0
        && html`<${Button} variant="secondary" onClick=${() => setCursors([...cursors, page.data.nextBefore])}>Older<//>`}
    </div>
  </section>`;
}
