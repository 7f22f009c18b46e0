// /teacher/classes/:id/students/:sid: a student's results as the teacher
// sees them, printable as a one-page report.

import { html } from '../preact.js';
import { api } from '../api.js';
import { TeacherPage } from '../auth.js';
import { Button, ErrorBox, PageLoading, useAsync } from '../ui.js';
import { AchievementBadge, useLoungeStyles } from '../lounge.js';
import { BarChart, ClassTabs, GeniusBadge, PoleChart, STYLES, animalArt, classHome, formatShort, printPage } from '../insight.js';

export default function ClassStudentPage({ params }) {
  const { id: classId, sid } = params;
  const p = useAsync((signal) => api.get(`/classes/${classId}/students/${sid}/profile`, { signal }), [classId, sid]);
  const d = p.data;
  const title = d ? d.student.name : 'Student';

  return html`<${TeacherPage} title=${title}>${() => html`<div class="stack-lg student-report">
    <div class="no-print">
      <${ClassTabs} classId=${classId} active="" />
    </div>
    <${ErrorBox} error=${p.error} title="We couldn't load this student" />
    ${p.loading && !d && html`<${PageLoading} />`}
    ${d && !d.student.done && html`<div class="card empty-state">
      <h1>${d.student.name}</h1>
      <p class="lead">${d.student.name} has not finished the quiz yet, so there is no result to show.</p>
      <${Button} href=${classHome(classId)}>Back to the class<//>
    </div>`}
    ${d && d.student.done && html`<${Report} d=${d} classId=${classId} />`}
    ${d && html`<${StudentAchievements} classId=${classId} sid=${sid} />`}
  </div>`}<//>`;
}

function Report({ d, classId }) {
  const { student: s, animal, genius, style } = d;
  const styleCounts = ['visual', 'auditory', 'readingWriting', 'kinesthetic'].map((k) => ({
    key: k, label: STYLES[k], count: d.styleCounts[k] || 0,
    share: d.styleTotal ? (d.styleCounts[k] || 0) / d.styleTotal : 0, color: k === s.style ? '#6D28D9' : '#A78BFA',
  }));
  return html`<article class="stack report-page" data-student=${s.id}>
    <header class="report-head card card-accent" style=${{ '--accent': animal.color }}>
      <img class="report-art" src=${animalArt(animal.code)} alt=${animal.name} width="120" height="120" />
      <div>
        <h1 class="mb-0">${s.name}</h1>
        <p class="lead mb-0">${animal.name} · <span class="code">${s.type}</span></p>
        <p class="mb-0">${animal.tagline}</p>
        <div class="cluster report-tags">
          <${GeniusBadge} code=${genius.code} />
          <span class="badge">${style.name} learner${d.multimodal ? ' (multimodal)' : ''}</span>
          <span class="muted small">Finished ${formatShort(s.completedAt, true)}</span>
        </div>
      </div>
      <div class="report-actions no-print">
        <${Button} onClick=${printPage}>Print report<//>
        <${Button} variant="ghost" href=${classHome(classId)}>Back<//>
      </div>
    </header>
    <div class="grid grid-2 report-charts">
      <div class="card"><${PoleChart} poles=${d.poles} /></div>
      <div class="card"><${BarChart} title="Learning style answers" counts=${styleCounts} labelWidth=${150} /></div>
    </div>
    <div class="grid grid-2">
      <section class="card"><h2>Strengths</h2><ul>${animal.strengths.map((t) => html`<li key=${t}>${t}</li>`)}</ul></section>
      <section class="card"><h2>Room to grow</h2><ul>${animal.growthAreas.map((t) => html`<li key=${t}>${t}</li>`)}</ul></section>
      <section class="card"><h2>Tips for the teacher</h2><ul>${animal.teacherTips.map((t) => html`<li key=${t}>${t}</li>`)}</ul></section>
      <section class="card"><h2>With others</h2><p>${animal.withOthers}</p>
        <h3>${genius.name} genius</h3><p class="mb-0">${genius.description}</p></section>
    </div>
    <section class="card">
      <h2>Learning style: ${style.name}</h2>
      <p>${style.description}</p>
      ${d.multimodal && html`<p>Also strong in: ${d.styles.filter((x) => x !== s.style).map((x) => STYLES[x]).join(', ')}.
        Many students learn in more than one way, and that is normal.</p>`}
      <p class="mb-0"><strong>Study tip:</strong> ${style.tip}</p>
    </section>
    ${s.passportCode && html`<p class="small muted">Passport code: <span class="code">${s.passportCode}</span></p>`}
  </article>`;
}

// On screen only: the printed report stays one page.
function StudentAchievements({ classId, sid }) {
  useLoungeStyles();
  const a = useAsync((signal) => api.get(`/classes/${classId}/students/${sid}/achievements`, { signal }), [classId, sid]);
  if (!a.data) return html`<${ErrorBox} error=${a.error} />`;
  const list = a.data.achievements;
  return html`<section class="card stack no-print" aria-labelledby="ach-h" data-student-achievements>
    <h2 id="ach-h" class="mb-0">Achievements (${list.filter((x) => x.earned).length} of ${list.length})</h2>
    <ul class="achievements">${list.map((x) => html`<${AchievementBadge} key=${x.code} a=${x} />`)}</ul>
  </section>`;
}
