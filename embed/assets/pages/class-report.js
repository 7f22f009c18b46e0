// /teacher/classes/:id/report: a printable class report (overview charts,
// insight lists, pairings and the roster), plus the CSV and JSON exports.

import { html } from '../preact.js';
import { api } from '../api.js';
import { TeacherPage } from '../auth.js';
import { Button, ErrorBox, PageLoading, plural, useAsync, TableWrap } from '../ui.js';
import { BarChart, ClassTabs, GENIUS, STYLES, animalName, formatShort, listStudents, printPage, useClass } from '../insight.js';

export default function ClassReportPage({ params }) {
  const classId = params.id;
  const cls = useClass(classId);
  const data = useAsync(async (signal) => {
    const [a, r, p] = await Promise.all([
      api.get(`/classes/${classId}/analytics`, { signal }),
      api.get(`/classes/${classId}/roster`, { signal }),
      api.get(`/classes/${classId}/pairings`, { signal }),
    ]);
    return { a, r, p };
  }, [classId]);
  const name = cls.data ? cls.data.name : 'Class';
  const d = data.data;

  return html`<${TeacherPage} title=${`${name}: report`}>${() => html`<div class="stack-lg class-report">
    <div class="no-print">
      <h1 class="page-title mb-0">${name}: class report</h1>
      <${ClassTabs} classId=${classId} active="/report" />
    </div>
    <${ErrorBox} error=${cls.error || data.error} title="We couldn't load the report" />
    ${data.loading && !d && html`<${PageLoading} />`}
    ${d && html`
      <div class="cluster no-print">
        <${Button} onClick=${printPage}>Print the report<//>
        <${Button} variant="secondary" href=${`/api/v1/classes/${classId}/export.csv`} download>Download CSV (spreadsheet)<//>
        <${Button} variant="secondary" href=${`/api/v1/classes/${classId}/export.json`} download>Download all data (JSON)<//>
      </div>
      <header class="report-title">
        <h1 class="mb-0 print-only">${name}</h1>
        <p class="muted">Class report, ${formatShort(new Date(), true)} · ${d.a.finished} of ${d.a.total} ${plural(d.a.total, 'student', 'students')} finished the quiz</p>
      </header>
      <div class="chart-grid report-charts">
        <div class="card"><${BarChart} title="Animals" counts=${d.a.animals} labelWidth=${150} /></div>
        <div class="card"><${BarChart} title="Genius types" counts=${d.a.geniuses} labelWidth=${150} /></div>
        <div class="card"><${BarChart} title="Energy" counts=${d.a.energy} labelWidth=${150} /></div>
        <div class="card"><${BarChart} title="Learning styles" counts=${d.a.styles} labelWidth=${150} /></div>
      </div>
      <section class="report-section">
        <h2>Keep an eye on</h2>
        <div class="grid grid-2">${d.a.insights.map((l) => [l, listStudents(l, d.r.finished)]).map(([l, names]) => html`<div class="card" key=${l.code}>
          <h3>${l.title}</h3>
          <p class="mb-0">${names.length ? names.map((s) => s.name).join(', ') : 'Nobody right now.'}</p>
        </div>`)}</div>
      </section>
      <section class="report-section">
        <h2>Dynamic duos</h2>
        ${d.p.duos.length === 0 ? html`<p class="muted">No duos yet.</p>` : html`<ul>${d.p.duos.map((x) => html`<li key=${`${x.a.id}-${x.b.id}`}>
          <strong>${x.a.name}</strong> (${animalName(x.a.animal)}) and <strong>${x.b.name}</strong> (${animalName(x.b.animal)})</li>`)}</ul>`}
      </section>
      <section class="report-section page-break-before">
        <h2>Students</h2>
        <${TableWrap} label="Students"><table class="table">
          <thead><tr><th scope="col">Name</th><th scope="col">Animal</th><th scope="col">Genius</th><th scope="col">Type</th><th scope="col">Learning style</th></tr></thead>
          <tbody>
            ${d.r.finished.map((s) => html`<tr key=${s.id}><td>${s.name}</td><td>${animalName(s.animal)}</td>
              <td>${GENIUS[s.genius]}</td><td class="code">${s.type}</td><td>${STYLES[s.style] || ''}</td></tr>`)}
            ${d.r.notYet.map((s) => html`<tr key=${s.id}><td>${s.name}</td><td colspan="4" class="muted">not yet finished</td></tr>`)}
          </tbody>
        </table></${TableWrap}>
      </section>`}
  </div>`}<//>`;
}
