// Admin > Audit log: who did what to which account or student's data,
// when, from where; filtered by class or student (?class=, ?student=).

import { html, useState } from '../preact.js';
import { api } from '../api.js';
import { Button, ErrorBox, Field, Spinner, useAsync, TableWrap } from '../ui.js';
import { formatWhen } from '../auth.js';

const ACTIONS = {
  setup: 'Created the first admin',
  'setup.link': 'First-run link made',
  signup: 'Signed up',
  login: 'Logged in',
  'login.failed': 'Failed login',
  'login.refused': 'Login to a switched-off account',
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
  'student.remove': 'Student removed',
  'student.rename': 'Student name corrected',
  'student.export': 'Student data exported',
  'student.passport_reissue': 'New passport code',
  'coins.give': 'Coins given',
  'coins.take': 'Coins taken',
  'class.delete': 'Class deleted',
  'class.game_results_delete': "Class's game results deleted",
  'game.results_delete': 'Game results deleted',
  'school.export': 'Whole school exported',
  'class.export': 'Class data exported',
  'retention.students': 'Retention: students deleted',
  'retention.games': 'Retention: game results deleted',
};

// A positive whole number from a filter box, or '' (no filter).
const idOf = (v) => (/^[1-9][0-9]{0,17}$/.test(v.trim()) ? v.trim() : '');

export function AuditTab() {
  // cursors[i] is the "before" of page i; page 0 starts at the newest.
  const [cursors, setCursors] = useState([0]);
  const [filter, setFilter] = useState({ class: '', student: '' });
  const [typed, setTyped] = useState({ class: '', student: '' });
  const before = cursors[cursors.length - 1];
  const qs = `limit=50${before ? `&before=${before}` : ''}${filter.class ? `&class=${filter.class}` : ''}${filter.student ? `&student=${filter.student}` : ''}`;
  const page = useAsync((signal) => api.get(`/admin/audit?${qs}`, { signal }), [qs]);
  const apply = (e) => {
    e.preventDefault();
    setFilter({ class: idOf(typed.class), student: idOf(typed.student) });
    setCursors([0]);
  };
  const show = (f) => {
    setTyped({ class: f.class || '', student: f.student || '' });
    setFilter({ class: f.class || '', student: f.student || '' });
    setCursors([0]);
  };
  return html`<section class="stack" aria-labelledby="audit-title">
    <h2 id="audit-title">Audit log</h2>
    <p class="muted">Every sign-in, every change to an account and every action on students' data, newest first.
      Lines about a student keep its number, never its name: the name shown is the one it has now, and none once it is removed.</p>
    <form class="cluster" onSubmit=${apply} data-audit-filter>
      <${Field} label="Class number" name="class" inputmode="numeric" value=${typed.class} onInput=${(e) => setTyped({ ...typed, class: e.target.value })} />
      <${Field} label="Student number" name="student" inputmode="numeric" value=${typed.student} onInput=${(e) => setTyped({ ...typed, student: e.target.value })} />
      <${Button} type="submit" variant="secondary">Show<//>
      ${(filter.class || filter.student) && html`<${Button} variant="ghost" onClick=${() => show({})}>Show everything<//>`}
    </form>
    ${page.loading && html`<${Spinner} />`}
    <${ErrorBox} error=${page.error} />
    ${page.data && html`<${TableWrap} label="Audit log"><table class="table">
      <thead><tr><th>When</th><th>Who</th><th>What</th><th>Account</th><th>Class</th><th>Student</th><th>Details</th><th>From</th></tr></thead>
      <tbody>${page.data.entries.map((e) => html`<tr key=${e.id} data-audit-line=${e.action}>
        <td>${formatWhen(e.at)}</td><td>${e.actor}</td><td>${ACTIONS[e.action] || e.action}</td>
        <td>${e.target}</td>
        <td>${e.classId ? html`<button type="button" class="btn btn-ghost btn-small" onClick=${() => show({ class: String(e.classId) })}>${e.classId}</button>` : ''}</td>
        <td>${e.studentId ? html`<button type="button" class="btn btn-ghost btn-small" onClick=${() => show({ student: String(e.studentId) })}>
          ${e.studentId}${e.studentName ? ` · ${e.studentName}` : ' · removed'}</button>` : ''}</td>
        <td>${e.detail}</td><td>${e.ip}</td>
      </tr>`)}</tbody>
    </table></${TableWrap}>`}
    <div class="cluster">
      ${cursors.length > 1 && html`<${Button} variant="secondary" onClick=${() => setCursors([0])}>Newest<//>
        <${Button} variant="secondary" onClick=${() => setCursors(cursors.slice(0, -1))}>Newer<//>`}
      ${page.data && page.data.nextBefore > 0
        && html`<${Button} variant="secondary" onClick=${() => setCursors([...cursors, page.data.nextBefore])}>Older<//>`}
    </div>
  </section>`;
}
