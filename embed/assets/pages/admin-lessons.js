// /admin/lessons: what teachers think of the Learning Lounge lessons:
// per lesson the average, the stars and the comments, and a CSV download.

import { html } from '../preact.js';
import { api } from '../api.js';
import { TeacherPage, formatWhen } from '../auth.js';
import { Button, ErrorBox, PageLoading, useAsync } from '../ui.js';
import { useLoungeStyles } from '../lounge.js';

export default function AdminLessonsPage() {
  useLoungeStyles();
  return html`<${TeacherPage} title="Lesson feedback" admin>${() => html`<${Feedback} />`}<//>`;
}

function Feedback() {
  const data = useAsync((signal) => api.get('/admin/lessons/feedback', { signal }), []);
  if (data.error && !data.data) return html`<${ErrorBox} error=${data.error} />`;
  if (!data.data) return html`<${PageLoading} />`;
  return html`<div class="stack-lg">
    <div class="cluster">
      <h1 class="page-title mb-0">Lesson feedback</h1>
      <${Button} variant="secondary" href="/api/v1/admin/lessons/feedback.csv" download>Download CSV<//>
    </div>
    ${data.data.lessons.map((l) => html`<section key=${l.lessonId} class="card stack" data-lesson=${l.lessonId}>
      <h2 class="mb-0">Lesson ${l.lessonId}: ${l.title}</h2>
      ${l.count === 0 ? html`<p class="muted mb-0">No feedback yet.</p>` : html`
        <p class="mb-0"><strong data-average>${l.average.toFixed(2)}</strong> stars on average from ${l.count} ${l.count === 1 ? 'teacher' : 'teachers'}</p>
        <div class="dist" aria-label="Stars given">
          ${[5, 4, 3, 2, 1].map((n) => html`<span key=${`l${n}`}>${n} ${n === 1 ? 'star' : 'stars'}</span>
            <span><span class="dist-bar" style=${{ display: 'block', width: `${(l.distribution[n - 1] / l.count) * 100}%` }}></span></span>
            <span class="num">${l.distribution[n - 1]}</span>`)}
        </div>
        ${l.comments.length > 0 && html`<ul class="stack">${l.comments.map((c) => html`<li key=${`${c.teacher}${c.updatedAt}`}>
          <p class="mb-0 keep-lines">“${c.comment}”</p><p class="muted small mb-0">${c.teacher}, ${c.stars} ${c.stars === 1 ? 'star' : 'stars'}, ${formatWhen(c.updatedAt)}</p>
        </li>`)}</ul>`}`}
    </section>`)}
  </div>`;
}
