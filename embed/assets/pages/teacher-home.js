// /teacher: where a teacher lands after logging in. The classes area adds
// the class list here.

import { html } from '../preact.js';
import { TeacherPage } from '../auth.js';

export default function TeacherHomePage() {
  return html`<${TeacherPage} title="Home">${(account) => html`<div class="stack-lg">
    <div>
      <h1 class="page-title mb-0">Hello, ${account.displayName}!</h1>
      ${account.school && html`<p class="lead">${account.school}</p>`}
    </div>
    <div class="grid grid-3">
      <a class="card card-link card-accent accent-thinker" href="/teacher/games">
        <h2>Live games</h2>
        <p class="muted">Run a quiz game on the projector; students play on their devices.</p>
      </a>
      <a class="card card-link card-accent accent-feeler" href="/account">
        <h2>My account</h2>
        <p class="muted">Your name, school and password, and where you are logged in.</p>
      </a>
      ${account.role === 'admin' && html`<a class="card card-link card-accent accent-doer" href="/admin">
        <h2>Admin</h2>
        <p class="muted">Teacher accounts, invitations and the audit log.</p>
      </a>`}
    </div>
  </div>`}<//>`;
}
