// /teacher/lessons/:lid/activities/:n/present: one activity in big type
// for the projector, with the next and previous activities a click away
// and, when a class is chosen, the class page the activity uses (the live
// board, the pairings, the group maker, the report, the values vote).

import { html, useEffect } from '../preact.js';
import { api } from '../api.js';
import { navigate } from '../router.js';
import { Button, ErrorBox, Layout, PageLoading, setTitle, useAsync } from '../ui.js';
import { useBodyClass } from '../insight.js';
import { LINKS, useLoungeStyles } from '../lounge.js';

export default function LessonPresentPage({ params, query }) {
  useLoungeStyles();
  useBodyClass('present-body');
  const lesson = useAsync((signal) => api.get(`/lessons/${encodeURIComponent(params.lid)}`, { signal }), [params.lid]);
  const n = Number(params.n);
  const cls = query.get('class');
  const suffix = cls ? `?class=${encodeURIComponent(cls)}` : '';
  const a = lesson.data && lesson.data.activities[n - 1];
  useEffect(() => { if (a) setTitle(a.title); }, [a]);
  // A presenter's clicker or the keyboard: arrows and Page Up/Down move
  // between the activities.
  const lid = lesson.data && lesson.data.id;
  useEffect(() => {
    if (!lid) return undefined;
    const onKey = (e) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || (e.target && e.target.closest && e.target.closest('input, textarea, select'))) return;
      const step = { ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1 }[e.key];
      if (!step || n + step < 1 || n + step > 4) return;
      e.preventDefault();
      navigate(`/teacher/lessons/${lid}/activities/${n + step}/present${suffix}`);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [lid, n, suffix]);
  if (lesson.error) return html`<${Layout}><${ErrorBox} error=${lesson.error} /><//>`;
  if (!lesson.data) return html`<${Layout}><${PageLoading} /><//>`;
  if (!a) return html`<${Layout}><${ErrorBox} error="Each lesson has activities 1 to 4." /><//>`;
  const l = lesson.data;
  const back = cls ? `/teacher/classes/${encodeURIComponent(cls)}/lessons/${l.id}` : `/teacher/lessons/${l.id}`;
  const link = cls && a.link && LINKS[a.link];
  return html`<${Layout}>
    <article class="present" data-present>
      <p class="muted mb-0">${l.title} · activity ${n} of 4 · ${a.minutes} minutes</p>
      <h1>${a.title}</h1>
      <p>${a.summary}</p>
      <div class="present-cols">
        <section aria-labelledby="present-do">
          <h2 id="present-do">What we do</h2>
          <ol>${a.steps.map((s) => html`<li key=${s}>${s}</li>`)}</ol>
        </section>
        <section aria-labelledby="present-talk">
          <h2 id="present-talk">Let's talk</h2>
          <ul>${a.questions.map((s) => html`<li key=${s}>${s}</li>`)}</ul>
        </section>
      </div>
      <nav class="cluster no-print" aria-label="Activities">
        ${n > 1 && html`<${Button} variant="secondary" href=${`/teacher/lessons/${l.id}/activities/${n - 1}/present${suffix}`}>Previous activity<//>`}
        ${n < 4 && html`<${Button} href=${`/teacher/lessons/${l.id}/activities/${n + 1}/present${suffix}`}>Next activity<//>`}
        ${link && html`<${Button} variant="secondary" href=${`/teacher/classes/${encodeURIComponent(cls)}${link[0]}`}>${link[1]}<//>`}
        <${Button} variant="ghost" href=${back}>Back to the lesson<//>
      </nav>
    </article>
  <//>`;
}
