// /teacher/classes/:id/lessons: the class's progress in each lesson of the
// Learning Lounge.

import { html } from '../preact.js';
import { api } from '../api.js';
import { TeacherPage } from '../auth.js';
import { Button, ErrorBox, PageLoading, Progress, useAsync } from '../ui.js';
import { ClassTabs, useClass } from '../insight.js';
import { STATUS_WORDS, useLoungeStyles } from '../lounge.js';

export default function ClassLessonsPage({ params }) {
  useLoungeStyles();
  const classId = params.id;
  const cls = useClass(classId);
  const data = useAsync(async (signal) => {
    const [lib, prog] = await Promise.all([api.get('/lessons', { signal }), api.get(`/classes/${classId}/lessons`, { signal })]);
    return { lib: lib.lessons, prog: prog.lessons };
  }, [classId]);
  const name = cls.data ? cls.data.name : 'Class';
  return html`<${TeacherPage} title=${`${name}: lessons`}>${() => html`<div class="stack-lg">
    <div>
      <h1 class="page-title mb-0">${name}: lessons</h1>
      <${ClassTabs} classId=${classId} active="/lessons" />
    </div>
    <${ErrorBox} error=${cls.error || data.error} />
    ${!data.data && !data.error && html`<${PageLoading} />`}
    ${data.data && html`<ol class="lesson-list" aria-label="Lessons">
      ${data.data.lib.map((l, i) => {
        const p = data.data.prog[i];
        return html`<li key=${l.id} class="card lesson-card stack" data-lesson=${l.id} data-status=${p.status}>
          <h2 class="mb-0">Lesson ${l.id}: ${l.title}</h2>
          <p class="mb-0"><span class=${`lesson-status ${p.status}`}>${STATUS_WORDS[p.status]}</span>
            ${p.status === 'in_progress' ? ` · activity ${p.currentActivity} of 4` : ''}
            ${p.completions > 0 && p.status !== 'completed' ? ` · completed before` : ''}</p>
          <${Progress} value=${p.activitiesDone.length} max=${4} label=${`${p.activitiesDone.length} of 4 activities done`} />
          <p class="muted mb-0">${l.summary}</p>
          <div class="cluster"><${Button} size="small" href=${`/teacher/classes/${classId}/lessons/${l.id}`}>
            ${p.status === 'not_started' ? 'Open the lesson' : p.status === 'in_progress' ? 'Continue' : 'Open'}<span class="visually-hidden"> lesson ${l.id}</span><//></div>
        </li>`;
      })}
    </ol>`}
  </div>`}<//>`;
}
