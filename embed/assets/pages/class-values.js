// /teacher/classes/:id/values: the class values vote. The teacher opens a
// 15-minute vote, sees live (over the class socket) who has voted but
// never what, extends, closes, resets or finalizes it, and shows the
// class's values, with a printable poster.

import { html, useState } from '../preact.js';
import { api } from '../api.js';
import { TeacherPage } from '../auth.js';
import { Button, ErrorBox, Modal, Notice, PageLoading, countOf, plural, useAction, useAsync } from '../ui.js';
import { ClassTabs, useClass } from '../insight.js';
import { ClassValuesList, clock, useClassSocket, useLoungeStyles, useTimeLeft } from '../lounge.js';

const STATE_WORDS = { open: 'Voting is open', closed: 'Voting is closed', finalized: 'Results are in' };

export default function ClassValuesPage({ params }) {
  useLoungeStyles();
  const classId = params.id;
  const cls = useClass(classId);
  const name = cls.data ? cls.data.name : 'Class';
  return html`<${TeacherPage} title=${`${name}: values`}>${() => html`<div class="stack-lg">
    <div class="no-print">
      <h1 class="page-title mb-0">${name}: class values</h1>
      <${ClassTabs} classId=${classId} active="/values" />
    </div>
    <${Vote} classId=${classId} />
  </div>`}<//>`;
}

function Vote({ classId }) {
  const data = useAsync((signal) => api.get(`/classes/${classId}/values`, { signal }), [classId]);
  const [confirmReset, setConfirmReset] = useState(false);
  const socket = useClassSocket(classId, (msg) => {
    if (msg.type === 'values_voted' || msg.type === 'values_session') data.reload();
  }, () => data.reload());
  const act = useAction(async (op) => {
    await api.post(`/classes/${classId}/values/${op}`);
    data.reload();
  });
  const d = data.data;
  const sess = d && d.session;
  const left = useTimeLeft(sess && sess.state === 'open' ? sess.closesAt : null, d && d.now);
  if (data.error && !d) return html`<${ErrorBox} error=${data.error} />`;
  if (!d) return html`<${PageLoading} />`;
  const state = sess ? (sess.state === 'open' && left === 0 ? 'closed' : sess.state) : null;
  const voted = new Set(d.voters.map((v) => v.studentId));
  const waiting = d.students.filter((s) => !voted.has(s.studentId));
  const running = state === 'open' || state === 'closed';

  return html`
    <section class="card stack" aria-labelledby="vote-h" data-vote-state=${state || 'none'}>
      <div class="cluster">
        <h2 id="vote-h" class="mb-0">${state ? STATE_WORDS[state] : 'No vote yet'}</h2>
        <span class="muted small" data-socket=${socket}>${socket === 'live' ? 'Updates live' : socket === 'offline' ? 'Reconnecting…' : 'Connecting…'}</span>
      </div>
      ${!running && html`<p class="mb-0">Each student chooses 3 values in each of 4 areas and puts them in order. The top 2 of each area become the class's values. The vote is open for 15 minutes.</p>`}
      ${state === 'open' && html`<p class="mb-0">Time left <span class="big-timer" data-time-left>${clock(left)}</span></p>`}
      ${running && html`<p class="lead mb-0" data-voted-count><strong>${d.voters.length}</strong> of ${countOf(d.students.length, 'student', 'students')} ${plural(d.students.length, 'has', 'have')} voted.</p>`}
      <div class="cluster">
        ${!running && html`<${Button} busy=${act.busy} onClick=${() => act.run('open')} data-testid="values-open">${sess ? 'Open a new vote' : 'Open the vote'}<//>`}
        ${running && html`<${Button} variant="secondary" busy=${act.busy} onClick=${() => act.run('extend')} data-testid="values-extend">15 more minutes<//>`}
        ${state === 'open' && html`<${Button} variant="secondary" busy=${act.busy} onClick=${() => act.run('close')} data-testid="values-close">Close the vote now<//>`}
        ${running && html`<${Button} busy=${act.busy} disabled=${d.voters.length === 0} onClick=${() => act.run('finalize')} data-testid="values-finalize">Finalize and show the values<//>`}
        ${sess && html`<${Button} variant="ghost" busy=${act.busy} onClick=${() => setConfirmReset(true)}>Reset the vote<//>`}
      </div>
      <${ErrorBox} error=${act.error} />
      ${running && html`<div class="stack">
        <h3 class="mb-0">Who has voted</h3>
        <p class="muted small mb-0">You see who has voted, never what they chose.</p>
        <ul class="voters" data-voters>
          ${d.voters.map((v) => html`<li key=${v.studentId} data-voter=${v.studentId}>✓ ${v.name}</li>`)}
          ${waiting.map((s) => html`<li key=${s.studentId} class="waiting">${s.name}</li>`)}
        </ul>
      </div>`}
    </section>
    ${d.results.winners.length > 0 && html`<section class="card stack" aria-labelledby="res-h">
      <div class="cluster">
        <h2 id="res-h" class="mb-0">Our class values</h2>
        <${Button} size="small" variant="secondary" href=${`/teacher/classes/${classId}/values/poster`}>Poster to print<//>
      </div>
      <${ClassValuesList} results=${d.results} />
    </section>`}
    <${Modal} open=${confirmReset} title="Reset the vote?" onClose=${() => setConfirmReset(false)}
      actions=${html`<${Button} variant="secondary" onClick=${() => setConfirmReset(false)}>Cancel<//>
        <${Button} variant="danger" onClick=${() => { setConfirmReset(false); act.run('reset'); }}>Reset<//>`}>
      <p>The current vote and all its ballots are deleted${sess && sess.state === 'finalized' ? ', with its results' : ''}. You can open a new vote afterwards.</p>
    <//>
    ${socket === 'offline' && html`<${Notice} kind="warning">The live list is reconnecting. It catches up by itself.<//>`}`;
}
