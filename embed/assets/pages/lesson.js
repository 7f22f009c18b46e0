// /teacher/lessons/:lid and /teacher/classes/:id/lessons/:lid: one lesson,
// printable, with a projector view per activity. With a class, the
// teacher starts it, marks activities done, completes it (every current
// student gets its coins once) or resets it. The teacher's feedback
// (1-5 stars and a comment) is at the end.

import { html, useEffect, useState } from '../preact.js';
import { api } from '../api.js';
import { TeacherPage } from '../auth.js';
import { Button, countOf, ErrorBox, Field, Modal, Notice, PageLoading, Progress, useAction, useAsync } from '../ui.js';
import { ClassTabs, printPage } from '../insight.js';
import { LINKS, STATUS_WORDS, useLoungeStyles } from '../lounge.js';

// What a linked page is called where no class is chosen yet.
const LINK_WORDS = { board: 'live board', groups: 'group maker', report: 'class report', values: 'values vote', poster: 'values poster' };

export default function LessonPage({ params }) {
  useLoungeStyles();
  const lessonId = params.lid;
  const classId = params.id || null;
  return html`<${TeacherPage} title="Lesson">${() => html`<${Lesson} lessonId=${lessonId} classId=${classId} />`}<//>`;
}

function Lesson({ lessonId, classId }) {
  const lesson = useAsync((signal) => api.get(`/lessons/${encodeURIComponent(lessonId)}`, { signal }), [lessonId]);
  const cls = useAsync(async (signal) => {
    if (!classId) return null;
    const data = await api.get(`/classes/${classId}`, { signal });
    return (data && data.class) || data;
  }, [classId]);
  const progress = useAsync((signal) => (classId ? api.get(`/classes/${classId}/lessons`, { signal }) : null), [classId]);
  const [p, setP] = useState(null);
  const [paid, setPaid] = useState('');
  const [confirm, setConfirm] = useState(null);
  useEffect(() => {
    if (progress.data) setP(progress.data.lessons.find((x) => String(x.lessonId) === String(lessonId)) || null);
  }, [progress.data, lessonId]);
  useEffect(() => {
    if (lesson.data) document.title = `${lesson.data.title} · Animal Genius`;
  }, [lesson.data]);

  const change = useAction(async (path) => {
    setPaid('');
    const res = await api.post(`/classes/${classId}/lessons/${lessonId}/${path}`);
    setP(res.progress);
    if (res.progress.status === 'completed') {
      setPaid(res.studentsPaid > 0
        ? `Lesson complete! ${countOf(res.studentsPaid, 'student gets', 'students get')} ${countOf(res.coinsEach, 'coin', 'coins')}.`
        : 'Lesson complete! Every student was already paid for this lesson, so no coins moved.');
    }
  });

  if (lesson.error) return html`<${ErrorBox} error=${lesson.error} />`;
  if (!lesson.data || (classId && !p && !progress.error)) return html`<${PageLoading} />`;
  const l = lesson.data;
  const done = new Set(p ? p.activitiesDone : []);
  const status = p ? p.status : null;
  const base = classId ? `/teacher/classes/${classId}` : '';
  const presentHref = (n) => `/teacher/lessons/${l.id}/activities/${n}/present${classId ? `?class=${classId}` : ''}`;

  return html`<article class="stack-lg lesson">
    ${classId && html`<div class="no-print">
      <h1 class="page-title mb-0">${cls.data ? cls.data.name : 'Class'}: lessons</h1>
      <${ClassTabs} classId=${classId} active="/lessons" />
    </div>`}
    <header class="stack">
      <p class="muted mb-0">Learning Lounge · lesson ${l.id} of 5</p>
      <${classId ? 'h2' : 'h1'} class="mb-0" data-lesson-title>${l.title}<//>
      <p class="lead">${l.summary}</p>
      <div class="cluster no-print">
        <${Button} variant="secondary" onClick=${printPage}>Print the lesson<//>
        <${Button} variant="secondary" href=${presentHref(p ? p.currentActivity : 1)}>Projector view<//>
        ${!classId && html`<${Button} variant="ghost" href="/teacher/lessons">All lessons<//>`}
        ${classId && html`<${Button} variant="ghost" href=${`${base}/lessons`}>All lessons of the class<//>`}
      </div>
    </header>

    ${classId && p && html`<section class="card stack no-print" aria-labelledby="progress-h" data-progress=${status}>
      <h2 id="progress-h">Progress with this class</h2>
      <p class="mb-0"><span class=${`lesson-status ${status}`} data-status>${STATUS_WORDS[status]}</span>
        ${status === 'in_progress' ? ` · activity ${p.currentActivity} of 4` : ''}
        ${p.completions > 0 ? ` · completed ${p.completions} ${p.completions === 1 ? 'time' : 'times'}` : ''}</p>
      <${Progress} value=${done.size} max=${4} label=${`${done.size} of 4 activities done`} />
      <div class="cluster">
        ${status === 'not_started' && html`<${Button} busy=${change.busy} onClick=${() => change.run('start')} data-testid="lesson-start">Start the lesson<//>`}
        ${status !== 'completed' && html`<${Button} variant=${status === 'not_started' ? 'secondary' : 'primary'} busy=${change.busy}
            onClick=${() => setConfirm('complete')} data-testid="lesson-complete">Complete the lesson<//>`}
        ${status !== 'not_started' && html`<${Button} variant="ghost" busy=${change.busy} onClick=${() => setConfirm('reset')}>Reset<//>`}
      </div>
      ${paid && html`<${Notice} kind="success">${paid}<//>`}
      <${ErrorBox} error=${change.error} />
    </section>`}
    <${ErrorBox} error=${progress.error} />

    <div class="grid grid-2">
      <section class="card"><h2>Objectives</h2><ul>${l.objectives.map((o) => html`<li key=${o}>${o}</li>`)}</ul></section>
      <section class="card"><h2>Materials</h2><ul>${l.materials.map((o) => html`<li key=${o}>${o}</li>`)}</ul>
        <p class="muted mb-0">About ${l.minutes} minutes in all.</p></section>
    </div>

    <ol class="lesson-list" aria-label="Activities">
      ${l.activities.map((a, i) => {
        const n = i + 1;
        const isDone = done.has(n);
        const isCurrent = status === 'in_progress' && p.currentActivity === n && !isDone;
        const link = a.link && LINKS[a.link];
        return html`<li key=${n} class=${`card activity stack${isDone ? ' done' : ''}${isCurrent ? ' current' : ''}`} data-activity=${n}>
          <h3 class="mb-0">Activity ${n}: ${a.title}
            <span class="activity-tag">${isDone ? 'Done' : isCurrent ? 'Now' : `${a.minutes} min`}</span></h3>
          <p class="mb-0">${a.summary}</p>
          <div><h4>Steps</h4><ol>${a.steps.map((s) => html`<li key=${s}>${s}</li>`)}</ol></div>
          <div><h4>Tips</h4><ul>${a.tips.map((s) => html`<li key=${s}>${s}</li>`)}</ul></div>
          <div><h4>Talk about it</h4><ul>${a.questions.map((s) => html`<li key=${s}>${s}</li>`)}</ul></div>
          <div class="cluster no-print">
            <${Button} size="small" variant="secondary" href=${presentHref(n)}>Projector view<//>
            ${classId && link && html`<${Button} size="small" variant="secondary" href=${`${base}${link[0]}`}>${link[1]}<//>`}
            ${!classId && link && html`<span class="muted small">Uses the class's ${LINK_WORDS[a.link] || a.link} page.</span>`}
            ${classId && status !== 'completed' && !isDone && html`<${Button} size="small" busy=${change.busy}
                onClick=${() => change.run(`activities/${n}/done`)} data-testid=${`done-${n}`}>Mark activity ${n} done<//>`}
          </div>
        </li>`;
      })}
    </ol>
    <${Feedback} lessonId=${l.id} />
    <${Modal} open=${Boolean(confirm)} title=${confirm === 'reset' ? 'Reset this lesson?' : 'Complete this lesson?'} onClose=${() => setConfirm(null)}
      actions=${html`<${Button} variant="secondary" onClick=${() => setConfirm(null)}>Cancel<//>
        <${Button} data-testid="confirm-lesson" onClick=${() => { const c = confirm; setConfirm(null); change.run(c); }}>${confirm === 'reset' ? 'Reset' : 'Complete'}<//>`}>
      <p>${confirm === 'reset'
        ? 'The lesson starts again from activity 1. Coins already paid stay with the students, and completing it again pays only students who never got coins for it.'
        : 'Every student in the class gets 10 coins for this lesson, once. Students who already got them for this lesson get nothing more.'}</p>
    <//>
  </article>`;
}

function Feedback({ lessonId }) {
  const mine = useAsync((signal) => api.get('/lessons/feedback', { signal }), [lessonId]);
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    const f = mine.data && mine.data.feedback.find((x) => String(x.lessonId) === String(lessonId));
    if (f) { setStars(f.stars); setComment(f.comment); }
  }, [mine.data, lessonId]);
  const save = useAction(async () => {
    setSaved(false);
    await api.put(`/lessons/${lessonId}/feedback`, { stars, comment });
    setSaved(true);
  });
  return html`<section class="card stack no-print" aria-labelledby="fb-h">
    <h2 id="fb-h">How did this lesson go?</h2>
    <div class="stars" role="group" aria-label="Stars">
      ${[1, 2, 3, 4, 5].map((n) => html`<button key=${n} type="button" aria-pressed=${stars >= n ? 'true' : 'false'}
          aria-label=${`${n} ${n === 1 ? 'star' : 'stars'}`} onClick=${() => setStars(n)}>★</button>`)}
    </div>
    <${Field} as="textarea" label="Comment (optional)" rows="3" maxlength="1000" value=${comment}
      onInput=${(e) => setComment(e.currentTarget.value)} hint="Your school's admins read these to improve the lessons." />
    <div class="cluster">
      <${Button} disabled=${stars === 0} busy=${save.busy} onClick=${() => save.run()}>Send feedback<//>
      ${saved && html`<span role="status" class="muted">Thank you, your feedback is saved.</span>`}
    </div>
    <${ErrorBox} error=${save.error} />
  </section>`;
}
