// /teacher/classes/:id/values/poster: the class's values as a poster for
// the wall (print it on one page).

import { html } from '../preact.js';
import { api } from '../api.js';
import { TeacherPage } from '../auth.js';
import { Button, ErrorBox, PageLoading, useAsync } from '../ui.js';
import { printPage, useClass } from '../insight.js';
import { ClassValuesList, useLoungeStyles } from '../lounge.js';

export default function ClassValuesPosterPage({ params }) {
  useLoungeStyles();
  const classId = params.id;
  const cls = useClass(classId);
  const data = useAsync((signal) => api.get(`/classes/${classId}/values`, { signal }), [classId]);
  const name = cls.data ? cls.data.name : '';
  return html`<${TeacherPage} title=${`${name || 'Class'}: values poster`}>${() => html`<div class="stack-lg poster">
    <div class="cluster no-print">
      <${Button} onClick=${printPage}>Print the poster<//>
      <${Button} variant="ghost" href=${`/teacher/classes/${classId}/values`}>Back to the vote<//>
    </div>
    <${ErrorBox} error=${data.error || cls.error} />
    ${!data.data && !data.error && html`<${PageLoading} />`}
    ${data.data && data.data.results.winners.length === 0 && html`<p class="empty-state">The class has no values yet. Finalize a vote first.</p>`}
    ${data.data && data.data.results.winners.length > 0 && html`
      <h1>${name}: our class values</h1>
      <${ClassValuesList} results=${data.data.results} big />`}
  </div>`}<//>`;
}
