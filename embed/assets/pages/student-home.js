// /me: the signed-in student's home. Its coins and passport code first
// (pupils need the code to log in elsewhere, also on a phone), then its
// animal and profile, genius, learning style, earlier results, and a
// retake when the teacher allows it.

import { html, useEffect } from '../preact.js';
import { Button, ErrorBox, PageLoading, plural, setTitle, withArticle } from '../ui.js';
import { ANIMALS, GENIUSES, StudentLayout, styleWords, useClassesStyles, when } from '../classes.js';
import { useStudentHome } from './student-result.js';
import { StudentLoungeClass, StudentLoungeNews, useLounge } from '../lounge-student.js';

// A gold coin (drawn, so it shows on machines without an emoji font).
const Coin = () => html`<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true">
  <circle cx="12" cy="12" r="10" fill="#F5B82E" stroke="#B7791F" stroke-width="2" />
  <circle cx="12" cy="12" r="6" fill="none" stroke="#B7791F" stroke-width="1.5" />
</svg>`;

export default function StudentHomePage() {
  useClassesStyles();
  const me = useStudentHome();
  const lounge = useLounge();
  useEffect(() => setTitle('My page'), []);
  if (me.loading) return html`<${StudentLayout}><${PageLoading} /><//>`;
  if (me.error) return html`<${StudentLayout}><${ErrorBox} error=${me.error} /><//>`;
  const { student, class: cls, animal, genius, history, canRetake } = me.data;
  const r = student.result;
  return html`<${StudentLayout}>
    <div class="stack-lg">
      <div class="me-head">
        <img class="me-avatar" src="/api/v1/student/avatar.svg" alt="My avatar" width="96" height="96" data-my-avatar />
        <div>
          <h1>Hi, ${student.name}</h1>
          <p class="muted mb-0">${cls.name}${cls.archived ? ' (archived)' : ''}</p>
        </div>
        <p class="coins mb-0"><${Coin} /><span data-coins>${student.coins}</span> ${plural(student.coins, 'coin', 'coins')}</p>
      </div>
      <section class="card" aria-labelledby="passport-title">
        <h2 id="passport-title">Your passport code</h2>
        <p><span class="big-code" data-passport>${student.passportCode}</span></p>
        <p class="muted mb-0">Use it to log in on any device. Keep it secret, like a password.</p>
        <p class="small mb-0"><a href="/privacy" data-home-privacy>What we keep about you, and your rights</a></p>
      </section>
      <${StudentLoungeNews} lounge=${lounge} />
      <section class="card stack" aria-labelledby="spend-title">
        <h2 id="spend-title" class="mb-0">Your coins</h2>
        <p class="mb-0">Dress up your avatar, adopt a pet and see where your coins came from.</p>
        <div class="cluster">
          <${Button} href="/student/store">Class store<//>
          <${Button} variant="secondary" href="/student/avatar">My avatar<//>
          <${Button} variant="secondary" href="/student/pet">My pet<//>
          <${Button} variant="secondary" href="/student/coins">My coins<//>
        </div>
      </section>
      ${!r && html`<section class="card stack">
        <h2>You haven't taken the quiz yet</h2>
        ${canRetake && html`<${Button} href="/me/retake">Take the quiz<//>`}
      </section>`}
      ${r && animal && html`<section class="card card-accent stack" aria-labelledby="animal-title">
        <h2 id="animal-title">You are ${withArticle(animal.name)}</h2>
        <p class="lead">${animal.tagline}</p>
        <ul class="cluster">
          <li class=${`badge accent-${r.genius}`}><span class="dot" aria-hidden="true"></span>${GENIUSES[r.genius]} genius</li>
          <li class="badge">${r.type}</li>
          <li class="badge">Learns best: ${styleWords(r)}</li>
        </ul>
        <div class="grid grid-2">
          <div><h3>Your strengths</h3><ul class="profile-list">${animal.strengths.map((s) => html`<li key=${s}>${s}</li>`)}</ul></div>
          <div><h3>Things to grow</h3><ul class="profile-list">${animal.growthAreas.map((s) => html`<li key=${s}>${s}</li>`)}</ul></div>
        </div>
        <div><h3>With others</h3><p>${animal.withOthers}</p></div>
      </section>`}
      ${genius && html`<section class=${`card card-accent accent-${genius.code}`}>
        <h2>${genius.name}: ${genius.focus}</h2>
        <p>${genius.description}</p>
      </section>`}
      ${me.data.learningStyles.length > 0 && html`<section class="card">
        <h2>How you learn best</h2>
        ${r.multimodal && html`<p><strong>You are multimodal:</strong> you learn well in more than one way.</p>`}
        ${me.data.learningStyles.map((s) => html`<p key=${s.code}><strong>${s.name}.</strong> ${s.description} <em>${s.tip}</em></p>`)}
      </section>`}
      <${StudentLoungeClass} lounge=${lounge} />
      ${history.length > 1 && html`<section class="card">
        <h2>Your quiz results</h2>
        <ul class="profile-list">${history.map((h, i) => html`<li key=${i}>
          ${when(h.completedAt)}: ${ANIMALS[h.animal]} (${h.type})${i === 0 ? ' · current' : ''}
        </li>`)}</ul>
      </section>`}
      ${r && canRetake && html`<p><${Button} variant="secondary" href="/me/retake">Take the quiz again<//></p>`}
    </div>
  <//>`;
}
