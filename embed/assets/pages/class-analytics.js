// /teacher/classes/:id/analytics: charts of the class's results (every bar
// filters the roster below), the four insight lists and the roster.

import { html, useState } from '../preact.js';
import { api } from '../api.js';
import { TeacherPage } from '../auth.js';
import { ErrorBox, PageLoading, stillWorking, useAsync } from '../ui.js';
import { AnimalTag, BarChart, ClassTabs, listStudents, useClass } from '../insight.js';
import { RosterTable } from '../roster.js';

const CHARTS = [
  ['animals', 'animal', 'Animals'],
  ['geniuses', 'genius', 'Genius types'],
  ['energy', 'energy', 'Energy: outgoing or quiet'],
  ['styles', 'style', 'Learning styles'],
  ['types', 'type', 'The 16 types'],
];

export default function ClassAnalyticsPage({ params }) {
  const classId = params.id;
  const cls = useClass(classId);
  const stats = useAsync((signal) => api.get(`/classes/${classId}/analytics`, { signal }), [classId]);
  // The insight lists name students from the roster (the analytics answer
  // only counts them); this is the roster's default answer, cached.
  const roster = useAsync((signal) => api.get(`/classes/${classId}/roster`, { signal }), [classId]);
  const [filter, setFilter] = useState({});
  const select = (key) => (value) => setFilter(value ? { [key]: value } : {});
  const title = cls.data ? `${cls.data.name}: analytics` : 'Analytics';

  return html`<${TeacherPage} title=${title}>${() => html`<div class="stack-lg">
    <div>
      <h1 class="page-title mb-0">${cls.data ? cls.data.name : 'Class'}</h1>
      <${ClassTabs} classId=${classId} active="/analytics" />
    </div>
    <${ErrorBox} error=${cls.error || stats.error || roster.error} title="We couldn't load this class" />
    ${stats.loading && !stats.data && html`<${PageLoading} />`}
    ${stats.data && html`<${Overview} a=${stats.data} working=${roster.data ? stillWorking(roster.data.working).length : 0} />
      <p class="muted no-print">Click a bar to see those students in the roster below. Click it again to see everyone.</p>
      <div class="chart-grid">
        ${CHARTS.map(([field, key, label]) => html`<div class="card" key=${field}>
          <${BarChart} title=${label} counts=${stats.data[field]} selected=${filter[key] || ''}
            onSelect=${select(key)} labelWidth=${field === 'types' ? 70 : 150} />
        </div>`)}
      </div>
      ${roster.data && html`<${InsightLists} lists=${stats.data.insights} students=${roster.data.finished} classId=${classId} />`}`}
    <${RosterTable} classId=${classId} filter=${filter} onClearFilter=${() => setFilter({})} />
  </div>`}<//>`;
}

// Overview counts the class's students, and apart the pupils working on
// the quiz right now (not students until they submit; the roster lists
// them under "Not yet finished").
function Overview({ a, working }) {
  return html`<div class="cluster overview">
    <div class="stat card"><span class="stat-number">${a.total}</span> ${a.total === 1 ? 'student' : 'students'}</div>
    <div class="stat card"><span class="stat-number">${a.finished}</span> finished the quiz</div>
    <div class="stat card"><span class="stat-number">${a.notYet}</span> not yet</div>
    ${working > 0 && html`<div class="stat card" data-working-count><span class="stat-number">${working}</span> working on the quiz now</div>`}
  </div>`;
}

/** The four "keep an eye on" lists. */
export function InsightLists({ lists, students, classId }) {
  return html`<section class="stack" aria-labelledby="insight-title">
    <h2 id="insight-title">Keep an eye on</h2>
    <div class="grid grid-2">
      ${lists.map((l) => [l, listStudents(l, students)]).map(([l, names]) => html`<div class="card insight-list" key=${l.code} data-list=${l.code}>
        <h3>${l.title}</h3>
        <p class="muted small">${l.why}</p>
        ${names.length === 0
          ? html`<p class="muted mb-0">Nobody in this class right now.</p>`
          : html`<ul class="plain-list">${names.map((s) => html`<li key=${s.id}>
              <${AnimalTag} code=${s.animal} size=${22} showName=${false} />
              <a href=${`/teacher/classes/${classId}/students/${s.id}`}>${s.name}</a></li>`)}</ul>`}
      </div>`)}
    </div>
  </section>`;
}
