// /teacher/classes/:id/students/:sid/data: everything the box holds about
// one student, table by table, to print for the family or to download as
// JSON (each opening is written in the audit log).

import { html, useEffect } from '../preact.js';
import { api, parseTime } from '../api.js';
import { TeacherPage } from '../auth.js';
import { Button, ErrorBox, PageLoading, setTitle, useAsync, TableWrap } from '../ui.js';
import { printPage } from '../insight.js';

// Times are the API's time strings in these columns.
const TIME_COLUMNS = /_at$/;

function cell(col, v) {
  if (v === null || v === undefined) return '';
  if (TIME_COLUMNS.test(col) && parseTime(v)) return parseTime(v).toLocaleString();
  return String(v);
}

const label = (col) => col.replace(/_/g, ' ');
// Printed, a table of more columns than this is a list of label and value
// lines (a row of 26 columns cannot fit the width of a page).
const WIDE = 5;

function SectionTable({ section }) {
  const cols = section.rows.length ? Object.keys(section.rows[0]) : [];
  return html`<section class="stack student-data-section" data-section=${section.table}>
    <h2 class="mb-0">${section.title} <span class="muted small">(${section.rows.length})</span></h2>
    <p class="muted small mb-0">${section.about} <span class="code">${section.table}</span></p>
    ${section.rows.length === 0 ? html`<p class="mb-0">Nothing kept.</p>` : html`<${TableWrap} label=${`${section.title}: the rows`}>
      <table class=${`table student-data-table${cols.length > WIDE ? ' student-data-wide' : ''}`}>
        <thead><tr>${cols.map((c) => html`<th scope="col" key=${c}>${label(c)}</th>`)}</tr></thead>
        <tbody>${section.rows.map((r, i) => html`<tr key=${i}>${cols.map((c) => html`<td key=${c} data-label=${label(c)}>${cell(c, r[c])}</td>`)}</tr>`)}</tbody>
      </table></${TableWrap}>`}
  </section>`;
}

export default function StudentDataPage({ params }) {
  const path = `/classes/${encodeURIComponent(params.id)}/students/${encodeURIComponent(params.sid)}/export`;
  const data = useAsync((signal) => api.get(path, { signal }), [path]);
  const d = data.data;
  useEffect(() => {
    if (d) setTitle(`${d.name}: data`);
  }, [d]);
  return html`<${TeacherPage} title="Student data">${() => html`<div class="stack-lg student-data">
    <${ErrorBox} error=${data.error} title="We couldn't load the student's data" />
    ${data.loading && !d && html`<${PageLoading} />`}
    ${d && html`
      <header class="stack">
        <h1 class="page-title mb-0">Everything kept about ${d.name}</h1>
        <p class="muted mb-0">Made ${parseTime(d.exportedAt)?.toLocaleString()} on this school's Animal Genius server, for the student and their family.
          Nothing here is sent anywhere else. To correct the name, use "Fix name" on the class page; to delete all of it, remove the student.</p>
      </header>
      <div class="cluster no-print">
        <${Button} onClick=${printPage}>Print<//>
        <${Button} variant="secondary" href=${`/api/v1${path}?download=1`} data-native download>Download as JSON<//>
        <${Button} variant="ghost" href=${`/teacher/classes/${d.classId}`}>Back to the class<//>
      </div>
      ${d.sections.map((s) => html`<${SectionTable} key=${s.table} section=${s} />`)}
      <section class="stack">
        <h2 class="mb-0">Kept but not shown</h2>
        <ul>${d.leftOut.map((l) => html`<li key=${l}>${l}</li>`)}</ul>
      </section>`}
  </div>`}<//>`;
}
