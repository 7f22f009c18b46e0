// /teacher: where a teacher lands after logging in. The classes as cards
// (code, copy link, students, quick links), then the other areas.

import { html, useState } from '../preact.js';
import { api } from '../api.js';
import { TeacherPage } from '../auth.js';
import { Button, ErrorBox, Notice, PageLoading, copyToClipboard, useAsync } from '../ui.js';
import { AnimalArt, useClassesStyles } from '../classes.js';

export default function TeacherHomePage() {
  useClassesStyles();
  return html`<${TeacherPage} title="Home">${(account) => html`<div class="stack-lg">
    <div>
      <h1 class="page-title mb-0">Hello, ${account.displayName}!</h1>
      ${account.school && html`<p class="lead">${account.school}</p>`}
    </div>
    <${ClassList} admin=${account.role === 'admin'} />
    <div class="grid grid-3">
      <a class="card card-link card-accent accent-thinker" href="/teacher/games">
        <h2>Live games</h2>
        <p class="muted">Run a quiz game on the projector; students play on their devices.</p>
      </a>
      <a class="card card-link card-accent accent-doer" href="/teacher/lessons">
        <h2>Learning Lounge</h2>
        <p class="muted">Five lessons for a week of connection, with a class values vote.</p>
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

function ClassList({ admin }) {
  const [all, setAll] = useState(false);
  const list = useAsync((signal) => api.get(`/classes${all ? '?all=1' : ''}`, { signal }), [all]);
  // Lesson progress of the classes shown (a failure only hides the line).
  const lessons = useAsync((signal) => api.get(`/lessons/progress${all ? '?all=1' : ''}`, { signal }).catch(() => null), [all]);
  const progress = (lessons.data && lessons.data.classes) || {};
  const classes = (list.data && list.data.classes) || [];
  return html`<section class="stack" aria-labelledby="classes-title">
    <div class="cluster">
      <h2 id="classes-title" class="mb-0">${all ? 'Every class in the school' : 'My classes'}</h2>
      <${Button} href="/teacher/classes/new">New class<//>
      ${admin && html`<label class="check"><input type="checkbox" checked=${all} onChange=${(e) => setAll(e.target.checked)} />
        Show every teacher's classes</label>`}
    </div>
    <${ErrorBox} error=${list.error} />
    <${DeletionWarnings} classes=${classes} />
    ${list.loading && !list.data && html`<${PageLoading} />`}
    ${list.data && classes.length === 0 && html`<div class="card empty-state">
      <p class="lead">No classes yet. Make one, then show its code or QR code to your students.</p>
      <${Button} size="big" href="/teacher/classes/new">Make my first class<//>
    </div>`}
    <div class="grid grid-3">
      ${classes.map((c) => html`<${ClassCard} key=${c.id} cls=${c} showTeacher=${all} lessons=${progress[c.id]} />`)}
    </div>
  </section>`;
}

// DeletionWarnings: archived classes whose students the retention rule
// deletes soon (the server says which, from retention.archived_class_*).
function DeletionWarnings({ classes }) {
  const soon = classes.filter((c) => c.deletionWarning);
  if (soon.length === 0) return null;
  return html`<${Notice} kind="warning"><div class="stack" data-deletion-warning>
    <p class="mb-0"><strong>Students will be deleted soon.</strong> These classes have been archived for a long time; the school's
      retention rule deletes their students with all their results, coins and things on the date shown.
      Export what you need from each student's "Data" page, or bring the class back from the archive to keep it.</p>
    <ul class="mb-0">${soon.map((c) => html`<li key=${c.id}><a href=${`/teacher/classes/${c.id}`}>${c.name}</a>:
      ${c.students} ${c.students === 1 ? 'student' : 'students'} on ${new Date(c.studentsDeletedAt).toLocaleDateString()}</li>`)}</ul>
  </div><//>`;
}

function ClassCard({ cls, showTeacher, lessons }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    setCopied(await copyToClipboard(cls.joinUrl));
    setTimeout(() => setCopied(false), 2500);
  };
  return html`<article class=${`card class-card${cls.archived ? ' class-archived' : ''}`}
      style=${{ '--class-colour': cls.colour }} data-class-id=${cls.id}>
    <div class="class-card-head">
      <${AnimalArt} code=${cls.icon} size="56" />
      <div>
        <h2><a href=${`/teacher/classes/${cls.id}`}>${cls.name}</a></h2>
        <p class="muted small mb-0">${cls.grade ? `Grade ${cls.grade} · ` : ''}${cls.students} ${cls.students === 1 ? 'student' : 'students'}${cls.archived ? ' · archived' : ''}${showTeacher ? ` · ${cls.teacherName}` : ''}</p>
      </div>
    </div>
    <p class="mb-0">Class code <span class="code" data-code>${cls.code}</span></p>
    ${lessons && html`<p class="mb-0 small" data-lesson-progress>
      <a href=${`/teacher/classes/${cls.id}/lessons`}>Lessons: ${lessons.completed} of ${lessons.total} completed</a>${lessons.current ? ` · now: ${lessons.current.title}, activity ${lessons.current.currentActivity} of 4` : ''}
    </p>`}
    <div class="cluster">
      <${Button} size="small" variant="secondary" onClick=${copy}>${copied ? 'Link copied!' : 'Copy join link'}<//>
      <${Button} size="small" variant="secondary" href=${`/teacher/classes/${cls.id}/qr`}>Show QR<//>
      <${Button} size="small" variant="ghost" href=${`/teacher/classes/${cls.id}/cards`}>Passport cards<//>
    </div>
    <nav class="class-card-links cluster" aria-label=${`${cls.name}: quick links`}>
      <a href=${`/teacher/classes/${cls.id}/board`}>Live board</a>
      <a href=${`/teacher/classes/${cls.id}/analytics`}>Analytics</a>
      <a href=${`/teacher/classes/${cls.id}/groups`}>Groups</a>
      <a href=${`/teacher/classes/${cls.id}/report`}>Report</a>
    </nav>
  </article>`;
}
