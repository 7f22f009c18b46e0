// /me/values: the student's class values vote. In each of the four areas
// the student taps three values in order (1 = most important); the vote
// is sent once, when every area has three.

import { html, useEffect, useState } from '../preact.js';
import { api } from '../api.js';
import { Button, ErrorBox, Notice, PageLoading, setTitle, useAction, useAsync } from '../ui.js';
import { StudentLayout, useClassesStyles } from '../classes.js';
import { useStudentOut } from '../economy.js';
import { ClassValuesList, clock, loadStudentValues, useLoungeStyles, usePollWhile, useTimeLeft } from '../lounge.js';

export default function StudentValuesPage() {
  useClassesStyles();
  useLoungeStyles();
  useEffect(() => setTitle('Class values vote'), []);
  const data = useAsync((signal) => loadStudentValues(signal), []);
  useStudentOut(data.error);
  const [picks, setPicks] = useState({}); // cluster -> [value codes in rank order]
  const [sent, setSent] = useState(false);
  const d = data.data;
  const sess = d && d.session;
  const left = useTimeLeft(sess && sess.state === 'open' ? sess.closesAt : null, d && d.now);
  // The teacher may open, extend, close or reset the vote, or show its
  // results, at any time: the page looks again every 10 s (the picks made
  // so far stay).
  usePollWhile(!!d && !sent, data.reload);
  const send = useAction(async () => {
    const ballot = {};
    for (const c of d.clusters) ballot[c.code] = (picks[c.code] || []).map((value, i) => ({ value, rank: i + 1 }));
    await api.post('/student/values/vote', { sessionId: sess.id, ballot });
    setSent(true);
    data.reload();
  });
  if (data.error && !d) return html`<${StudentLayout}><${ErrorBox} error=${data.error} /><//>`;
  if (!d) return html`<${StudentLayout}><${PageLoading} /><//>`;
  const open = sess && sess.state === 'open' && left !== 0;

  // From the latest state, so quick taps before a re-render all count.
  const toggle = (cluster, code) => setPicks((prev) => {
    const list = prev[cluster] || [];
    const next = list.includes(code) ? list.filter((c) => c !== code) : list.length < 3 ? [...list, code] : list;
    return { ...prev, [cluster]: next };
  });
  const complete = d.clusters.every((c) => (picks[c.code] || []).length === 3);
  const missing = d.clusters.filter((c) => (picks[c.code] || []).length !== 3).length;

  return html`<${StudentLayout}>
    <div class="stack-lg">
      <h1 class="mb-0">Our class values</h1>
      ${(sent || d.voted) && html`<${Notice} kind="success"><span data-voted>Thank you! Your vote is in. Your teacher will show the results.</span><//>`}
      ${!open && !d.voted && html`<p class="lead">${sess ? 'The vote is closed right now.' : 'There is no vote right now.'} Ask your teacher.</p>`}
      ${open && !d.voted && !sent && html`
        <p class="lead mb-0">In each area, tap the 3 values that matter most to you, in order: your first tap is number 1. Tap again to take one back.</p>
        <p class="muted">Time left: <strong data-time-left>${clock(left)}</strong>. Nobody sees what you choose, not even your teacher.</p>
        ${d.clusters.map((c) => {
          const list = picks[c.code] || [];
          return html`<section key=${c.code} class="card stack vote-cluster" data-cluster=${c.code} aria-labelledby=${`cl-${c.code}`}>
            <h2 id=${`cl-${c.code}`} class="mb-0">${c.title}</h2>
            <p class="muted mb-0">${c.prompt} <strong>${list.length} of 3 chosen</strong></p>
            <ul class="value-options">${c.values.map((v) => {
              const rank = list.indexOf(v.code) + 1;
              return html`<li key=${v.code}><button type="button" class="value-option" data-value=${v.code}
                  aria-pressed=${rank > 0 ? 'true' : 'false'} disabled=${rank === 0 && list.length >= 3}
                  onClick=${() => toggle(c.code, v.code)}>
                <span class="rank-badge" aria-hidden="true">${rank || ''}</span>
                <span><strong>${v.name}</strong><br /><span class="small muted">${v.description}</span>
                ${rank > 0 && html`<span class="visually-hidden"> (number ${rank})</span>`}</span>
              </button></li>`;
            })}</ul>
          </section>`;
        })}
        <div class="vote-bar cluster">
          <${Button} size="big" disabled=${!complete} busy=${send.busy} onClick=${() => send.run()} data-testid="send-vote">Send my vote<//>
          ${!complete && html`<span class="muted">${missing} ${missing === 1 ? 'area needs' : 'areas need'} 3 values.</span>`}
        </div>
        <${ErrorBox} error=${send.error} />`}
      ${d.results.winners.length > 0 && html`<section class="card stack">
        <h2>The values our class chose</h2>
        <${ClassValuesList} results=${d.results} />
      </section>`}
      <p><${Button} variant="secondary" href="/me">Back to my page<//></p>
    </div>
  <//>`;
}
