// /admin: teacher accounts, invitations, the audit log, the school's data
// export and the box's health (?tab=).

import { html } from '../preact.js';
import { api } from '../api.js';
import { useAsync } from '../ui.js';
import { navigate } from '../router.js';
import { TeacherPage } from '../auth.js';
import { TeachersTab } from './admin-teachers.js';
import { InvitesTab } from './admin-invites.js';
import { AuditTab } from './admin-audit.js';
import { DataTab } from './admin-data.js';
import { BoxTab } from './admin-box.js';

const TABS = [
  { key: 'teachers', label: 'Teachers', Tab: TeachersTab },
  { key: 'invites', label: 'Invitations', Tab: InvitesTab },
  { key: 'audit', label: 'Audit log', Tab: AuditTab },
  { key: 'data', label: 'School data', Tab: DataTab },
  { key: 'box', label: 'Box', Tab: BoxTab },
];

function TabList({ current }) {
  // Arrow keys move between tabs, as screen reader users expect.
  const onKeyDown = (e) => {
    const i = TABS.findIndex((t) => t.key === current);
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = TABS[(i + step + TABS.length) % TABS.length].key;
    navigate(`/admin?tab=${next}`, { replace: true });
    requestAnimationFrame(() => document.getElementById(`tab-${next}`)?.focus());
  };
  return html`<div class="cluster admin-tabs" role="tablist" aria-label="Admin sections" onKeyDown=${onKeyDown}>
    ${TABS.map((t) => html`<button type="button" role="tab" key=${t.key} id=${`tab-${t.key}`}
        class=${`btn btn-small ${t.key === current ? 'btn-primary' : 'btn-secondary'}`}
        aria-selected=${t.key === current ? 'true' : 'false'} aria-controls="admin-panel"
        tabindex=${t.key === current ? '0' : '-1'}
        onClick=${() => navigate(`/admin?tab=${t.key}`, { replace: true })}>${t.label}</button>`)}
  </div>`;
}

// The first hour of a new box: five things to do, each ticked from what
// the box knows (GET /admin/first-hour). One line once all are done.
function FirstHour() {
  const list = useAsync((signal) => api.get('/admin/first-hour', { signal }), []);
  const c = list.data;
  if (!c) return null;
  const all = c.done === c.total;
  if (all) {
    return html`<p class="notice notice-success first-hour" data-first-hour=${`${c.done}/${c.total}`}>
      Your first hour is done: pupils can reach the box, backups run, teachers and classes are in. All set!</p>`;
  }
  return html`<section class="card first-hour" aria-labelledby="first-hour-title" data-first-hour=${`${c.done}/${c.total}`}>
    <h2 id="first-hour-title" class="first-hour-title">Your first hour: ${c.done} of ${c.total} done</h2>
    <ol class="first-hour-list">
      ${c.items.map((it) => html`<li key=${it.key} class=${it.done ? 'done' : ''} data-item=${it.key} data-done=${String(it.done)}>
        <span class="first-hour-mark" aria-hidden="true">${it.done ? '✓' : ''}</span>
        <div>
          <strong>${it.title}</strong><span class="visually-hidden">${it.done ? ' (done)' : ' (to do)'}</span>
          <p class="mb-0 muted">${it.detail}</p>
          ${it.href && !it.done && html`<a href=${it.href}>${it.action}</a>`}
        </div>
      </li>`)}
    </ol>
  </section>`;
}

export default function AdminPage({ query }) {
  const current = TABS.some((t) => t.key === query.get('tab')) ? query.get('tab') : 'teachers';
  const { Tab } = TABS.find((t) => t.key === current);
  return html`<${TeacherPage} title="Admin" admin>${(account) => html`<div class="stack">
    <h1 class="page-title">Admin</h1>
    <${FirstHour} />
    <${TabList} current=${current} />
    <div id="admin-panel" role="tabpanel" aria-labelledby=${`tab-${current}`}>
      <${Tab} me=${account} />
    </div>
  </div>`}<//>`;
}
