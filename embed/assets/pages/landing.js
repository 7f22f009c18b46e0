// The landing page at "/": what Animal Genius is, and a door for teachers
// and one for students.

import { html, useEffect } from '../preact.js';
import { Layout, setTitle } from '../ui.js';
import { assetURL } from '../asset-url.js';

// A chalkboard showing three bars in the genius colours (a class's results).
const TeacherIcon = () => html`<svg viewBox="0 0 48 48" width="44" height="44" aria-hidden="true">
  <rect x="5" y="7" width="38" height="27" rx="3" fill="#FFFFFF" stroke="currentColor" stroke-width="3" />
  <rect x="13" y="20" width="5" height="9" rx="1" fill="#8B5CF6" />
  <rect x="21.5" y="14" width="5" height="15" rx="1" fill="#10B981" />
  <rect x="30" y="17" width="5" height="12" rx="1" fill="#F59E0B" />
  <path d="M16 34l-4 9M32 34l4 9" stroke="currentColor" stroke-width="3" stroke-linecap="round" />
</svg>`;

// A backpack.
const StudentIcon = () => html`<svg viewBox="0 0 48 48" width="44" height="44" aria-hidden="true">
  <path d="M18 11V8a6 6 0 0 1 12 0v3" fill="none" stroke="currentColor" stroke-width="3" />
  <rect x="9" y="11" width="30" height="32" rx="9" fill="#FFFFFF" stroke="currentColor" stroke-width="3" />
  <rect x="15" y="27" width="18" height="11" rx="3" fill="#F59E0B" stroke="currentColor" stroke-width="2.5" />
  <path d="M15 31h18" stroke="currentColor" stroke-width="2.5" />
</svg>`;

// The eight quiz animals, in the art folder under their spec codes.
const ANIMALS = [
  ['meerkat', 'Meerkat'], ['panda', 'Panda'], ['owl', 'Owl'], ['beaver', 'Beaver'],
  ['elephant', 'Elephant'], ['otter', 'Otter'], ['parrot', 'Parrot'], ['border_collie', 'Border Collie'],
];

const GENIUSES = [
  { key: 'thinker', name: 'Thinker' },
  { key: 'feeler', name: 'Feeler' },
  { key: 'doer', name: 'Doer' },
];

export function LandingPage() {
  useEffect(() => setTitle(''), []);

  return html`<${Layout}>
    <section class="hero" aria-labelledby="landing-title">
      <ul class="animal-parade" aria-label="The eight animals">
        ${ANIMALS.map(([code, name]) => html`<li key=${code}>
          <img src=${assetURL(`/art/animals/${code}.svg`)} alt=${name} title=${name} width="72" height="72" />
        </li>`)}
      </ul>
      <h1 id="landing-title">Which animal thinks like you?</h1>
      <p class="lead">
        Animal Genius is a short quiz about how you think, work and learn. At the end you meet
        your animal, your kind of genius and the way you learn best.
      </p>
      <p class="lead">Teachers see the whole class at a glance and use it to build teams where everyone shines.</p>
      <ul class="cluster genius-strip" aria-label="The three kinds of genius">
        ${GENIUSES.map((g) => html`<li class=${`badge accent-${g.key}`} key=${g.key}>
          <span class="dot" aria-hidden="true"></span>${g.name}
        </li>`)}
      </ul>
    </section>

    <div class="role-cards">
      <a class="card card-link card-accent accent-thinker role-card" href="/teacher/login">
        <span class="role-icon"><${TeacherIcon} /></span>
        <h2>I'm a teacher</h2>
        <p>Make a class, share its code, and watch the animals arrive on your screen.</p>
        <span class="role-go" aria-hidden="true">Sign in →</span>
      </a>
      <a class="card card-link card-accent accent-feeler role-card" href="/student"
          aria-describedby="student-hint">
        <span class="role-icon"><${StudentIcon} /></span>
        <h2>I'm a student</h2>
        <p>Take the quiz, or come back with your passport code to see your animal and coins.</p>
        <span class="role-go" aria-hidden="true">Let's go →</span>
      </a>
      <p class="role-hint" id="student-hint">Got a class code? Type it on the next screen.</p>
    </div>
  <//>`;
}
