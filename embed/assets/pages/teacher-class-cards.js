// /teacher/classes/:id/cards: passport cards for the whole class on one
// printed page (three columns, dashed cut lines), to hand out so students
// can log in again.

import { html, useEffect } from '../preact.js';
import { api } from '../api.js';
import { ReachNotice, TeacherPage } from '../auth.js';
import { Button, ErrorBox, PageLoading, setTitle, useAsync } from '../ui.js';
import { AnimalArt, useClassesStyles } from '../classes.js';

export default function TeacherClassCardsPage({ params }) {
  useClassesStyles();
  return html`<${TeacherPage} title="Passport cards">${() => html`<${Cards} id=${params.id} />`}<//>`;
}

function Cards({ id }) {
  // The class (its code and join link) and its roster (names, animals,
  // passport codes), read side by side.
  const data = useAsync(async (signal) => {
    const path = `/classes/${encodeURIComponent(id)}`;
    const [{ class: cls }, roster] = await Promise.all([api.get(path, { signal }), api.get(`${path}/roster`, { signal })]);
    return { class: cls, students: cardOrder([...roster.finished, ...roster.notYet]) };
  }, [id]);
  useEffect(() => {
    if (data.data) setTitle(`Passport cards · ${data.data.class.name}`);
  }, [data.data]);
  if (data.loading) return html`<${PageLoading} />`;
  if (data.error) return html`<${ErrorBox} error=${data.error} />`;
  const { class: cls, students } = data.data;
  const where = cls.joinUrl.replace(/\/join\/.*$/, '/student');
  return html`<div class="stack">
    <div class="no-print stack">
      <h1>Passport cards for ${cls.name}</h1>
      <${ReachNotice} />
      <p class="muted">Print this page and cut along the dashed lines. Each student keeps their own card, like a password.</p>
      <div class="cluster">
        <${Button} onClick=${() => window.print()} disabled=${students.length === 0}>Print the cards<//>
        <${Button} variant="ghost" href=${`/teacher/classes/${cls.id}`}>Back to the class<//>
      </div>
      ${students.length === 0 && html`<p>No students yet: cards appear here once students finish the quiz.</p>`}
    </div>
    <div class="passport-sheet" data-cards>
      ${students.map((s) => html`<div class="passport-card" key=${s.id}>
        <${AnimalArt} code=${s.animal || cls.icon} size="44" />
        <span class="pc-name">${s.name} · ${cls.name}</span>
        <span class="pc-code">${s.passportCode}</span>
        <span class="pc-where">Log in at ${where}</span>
        <span class="pc-class">Class code: ${cls.code}</span>
      </div>`)}
    </div>
  </div>`;
}

// cardOrder sorts the students by name, as a class list is read.
function cardOrder(students) {
  return students.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.id - b.id);
}
