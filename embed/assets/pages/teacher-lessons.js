// /teacher/lessons: the Learning Lounge library, five lessons for a "Week
// of Connection", and each class's progress through them.

import { html } from '../preact.js';
import { api } from '../api.js';
import { TeacherPage } from '../auth.js';
import { Button, countOf, ErrorBox, PageLoading, useAsync } from '../ui.js';
import { useLoungeStyles } from '../lounge.js';

export default function TeacherLessonsPage() {
  useLoungeStyles();
  return html`<${TeacherPage} title="Learning Lounge">${() => html`<${Library} />`}<//>`;
}

function Library() {
  const data = useAsync(async (signal) => {
    const [lib, classes, progress] = await Promise.all([
      api.get('/lessons', { signal }),
      api.get('/classes', { signal }),
      api.get('/lessons/progress', { signal }),
    ]);
    return { lib, classes: classes.classes.filter((c) => !c.archived), progress: progress.classes };
  }, []);
  if (data.error && !data.data) return html`<${ErrorBox} error=${data.error} />`;
  if (!data.data) return html`<${PageLoading} />`;
  const { lib, classes, progress } = data.data;
  return html`<div class="stack-lg">
    <div>
      <h1 class="page-title mb-0">Learning Lounge</h1>
      <p class="lead">Five lessons that turn the quiz results into a week of classroom practice. Completing a lesson with a class gives every student ${countOf(lib.coinsPerCompletion, 'coin', 'coins')}, once.</p>
    </div>
    ${classes.length > 0 && html`<section class="card stack" aria-labelledby="classes-h">
      <h2 id="classes-h">Teach with a class</h2>
      <ul class="lesson-list">${classes.map((c) => {
        const p = progress[c.id] || { completed: 0, total: lib.lessons.length };
        return html`<li key=${c.id} class="cluster" data-class-id=${c.id}>
          <strong>${c.name}</strong>
          <span class="muted">${p.completed} of ${p.total} lessons completed${p.current ? ` · now: ${p.current.title}, activity ${p.current.currentActivity}` : ''}</span>
          <${Button} size="small" variant="secondary" href=${`/teacher/classes/${c.id}/lessons`}>Open ${c.name}'s lessons<//>
        </li>`;
      })}</ul>
    </section>`}
    <ol class="lesson-list" aria-label="Lessons">
      ${lib.lessons.map((l) => html`<li key=${l.id} class="card lesson-card stack" data-lesson=${l.id}>
        <h2><a href=${`/teacher/lessons/${l.id}`}>Lesson ${l.id}: ${l.title}</a></h2>
        <p class="mb-0">${l.summary}</p>
        <p class="lesson-meta mb-0"><span>${l.minutes} minutes</span><span>Activities: ${l.activities.join(' · ')}</span></p>
      </li>`)}
    </ol>
  </div>`;
}
