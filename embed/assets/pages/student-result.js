// /me/result: the big moment after the quiz. The student's animal, genius
// and learning style, and the passport code in large print to write down.

import { html, useEffect } from '../preact.js';
import { api, ApiError } from '../api.js';
import { navigate } from '../router.js';
import { article, Button, ErrorBox, PageLoading, setTitle, useAsync, withArticle } from '../ui.js';
import { AnimalArt, GENIUSES, StudentLayout, styleWords, useClassesStyles } from '../classes.js';

/** Loads /student/me; without a student session it goes to /student. */
export function useStudentHome() {
  const me = useAsync((signal) => api.get('/student/me', { signal }), []);
  const out = me.error instanceof ApiError && me.error.status === 401;
  useEffect(() => {
    if (out) navigate('/student', { replace: true });
  }, [out]);
  return { ...me, loading: me.loading || out, error: out ? null : me.error };
}

export default function StudentResultPage() {
  useClassesStyles();
  const me = useStudentHome();
  useEffect(() => setTitle(me.data && me.data.animal ? `You are ${withArticle(me.data.animal.name)}!` : 'Your result'), [me.data]);
  if (me.loading) return html`<${StudentLayout}><${PageLoading} /><//>`;
  if (me.error) return html`<${StudentLayout}><${ErrorBox} error=${me.error} /><//>`;
  const { student, animal, genius } = me.data;
  const r = student.result;
  if (!r || !animal) {
    return html`<${StudentLayout} narrow>
      <h1>No result yet</h1>
      <p>You haven't finished the quiz yet.</p>
      <${Button} href="/me">Go to my page<//>
    <//>`;
  }
  return html`<${StudentLayout}>
    <div class="stack-lg">
      <section class="result-hero">
        <${AnimalArt} code=${animal.code} alt=${animal.name} size="224" />
        <h1>You are ${article(animal.name)} <span class="animal-name">${animal.name}</span>!</h1>
        <p class="lead">${animal.tagline}</p>
        <ul class="cluster genius-strip">
          <li class=${`badge accent-${r.genius}`}><span class="dot" aria-hidden="true"></span>${GENIUSES[r.genius]} genius</li>
          <li class="badge">${r.type}</li>
          <li class="badge">Learns best: ${styleWords(r)}</li>
        </ul>
      </section>
      <section class="card passport-box" aria-labelledby="passport-title">
        <h2 id="passport-title">Your passport code</h2>
        <p class="big-code big-code-xl" data-passport>${student.passportCode}</p>
        <p class="lead"><strong>Write this down!</strong> You need it to come back to your animal, your coins and your things.</p>
        <p class="muted">Keep it secret, like a password. Your teacher can give you a new one if you lose it.</p>
      </section>
      <div class="grid grid-2">
        ${genius && html`<section class=${`card card-accent accent-${genius.code}`}>
          <h2>${genius.name}: ${genius.focus}</h2>
          <p>${genius.description}</p>
        </section>`}
        <section class="card card-accent">
          <h2>How you learn best</h2>
          ${r.multimodal && html`<p><strong>You are multimodal:</strong> you learn well in more than one way. That's normal and a real strength!</p>`}
          ${me.data.learningStyles.map((s) => html`<p key=${s.code}><strong>${s.name}.</strong> ${s.description} <em>${s.tip}</em></p>`)}
        </section>
      </div>
      <p class="text-center"><${Button} size="big" href="/me">I wrote it down. Go to my page →<//></p>
    </div>
  <//>`;
}
