// /teacher/classes/:id/pairings: suggested dynamic duos, puzzle pairings
// to watch and likely solo workers.

import { html } from '../preact.js';
import { api } from '../api.js';
import { TeacherPage } from '../auth.js';
import { Button, ErrorBox, PageLoading, useAsync } from '../ui.js';
import { AnimalTag, ClassTabs, animalName, printPage, useClass } from '../insight.js';

function Student({ s, classId }) {
  return html`<span class="duo-student">
    <${AnimalTag} code=${s.animal} size=${34} showName=${false} />
    <span><a href=${`/teacher/classes/${classId}/students/${s.id}`}>${s.name}</a>
      <span class="muted small"> ${animalName(s.animal)}</span></span>
  </span>`;
}

export default function ClassPairingsPage({ params }) {
  const classId = params.id;
  const cls = useClass(classId);
  const p = useAsync((signal) => api.get(`/classes/${classId}/pairings`, { signal }), [classId]);
  const name = cls.data ? cls.data.name : 'Class';

  return html`<${TeacherPage} title=${`${name}: pairings`}>${() => html`<div class="stack-lg">
    <div>
      <h1 class="page-title mb-0">${name}: pairings</h1>
      <${ClassTabs} classId=${classId} active="/pairings" />
    </div>
    <${ErrorBox} error=${cls.error || p.error} title="We couldn't load the pairings" />
    ${p.loading && !p.data && html`<${PageLoading} />`}
    ${p.data && html`
      <div class="cluster no-print">
        <p class="muted mb-0">Suggestions from the quiz results: you know your students best.</p>
        <${Button} variant="secondary" size="small" onClick=${printPage}>Print<//>
      </div>
      <section class="stack" aria-labelledby="duos-title">
        <h2 id="duos-title">Dynamic duos (${p.data.duos.length})</h2>
        ${p.data.duos.length === 0 && html`<p class="muted">No duos yet: they appear when students with animals that complement each other have finished the quiz.</p>`}
        <div class="grid grid-2">
          ${p.data.duos.map((d) => html`<div class="card duo" key=${`${d.a.id}-${d.b.id}`}>
            <div class="duo-pair"><${Student} s=${d.a} classId=${classId} /><span aria-hidden="true" class="duo-plus">+</span><${Student} s=${d.b} classId=${classId} /></div>
            <p class="muted small mb-0">${d.reason}</p>
          </div>`)}
        </div>
        ${p.data.unpaired.length > 0 && html`<div class="card">
          <h3>Not in a duo (${p.data.unpaired.length})</h3>
          <p class="muted small">No complementary partner is left for them; they work well in the groups of the group maker.</p>
          <ul class="cluster plain-list">${p.data.unpaired.map((s) => html`<li key=${s.id}><${Student} s=${s} classId=${classId} /></li>`)}</ul>
        </div>`}
      </section>
      <section class="stack" aria-labelledby="watch-title">
        <h2 id="watch-title">Puzzle pairings to watch</h2>
        ${p.data.watch.length === 0 && html`<p class="muted">None in this class right now.</p>`}
        <div class="grid grid-2">
          ${p.data.watch.map((w) => html`<div class="card watch" key=${`${w.animalA}-${w.animalB}`}>
            <h3>${animalName(w.animalA)} and ${animalName(w.animalB)}</h3>
            <p class="muted small">${w.reason}</p>
            <p class="small mb-0"><strong>${animalName(w.animalA)}:</strong> ${w.a.map((s) => s.name).join(', ')}</p>
            <p class="small mb-0"><strong>${animalName(w.animalB)}:</strong> ${w.b.map((s) => s.name).join(', ')}</p>
          </div>`)}
        </div>
      </section>
      <section class="stack" aria-labelledby="solo-title">
        <h2 id="solo-title">Likely solo workers</h2>
        ${p.data.solo.length === 0 && html`<p class="muted">None in this class right now.</p>`}
        <div class="grid grid-2">
          ${p.data.solo.map((g) => html`<div class="card" key=${g.animal}>
            <h3><${AnimalTag} code=${g.animal} /></h3>
            <p class="muted small">${g.reason}</p>
            <p class="mb-0">${g.students.map((s) => s.name).join(', ')}</p>
          </div>`)}
        </div>
      </section>`}
  </div>`}<//>`;
}
