// /join/:code: joining a class. First the student's first name and last
// initial (checked before the quiz: the class exists, is open and not
// full, the name is free), then the quiz one question at a time, then the
// answers go to the server, which scores them and makes the passport.
// Everything typed is kept in localStorage, so a reload resumes.

import { html, useEffect, useState } from '../preact.js';
import { api, ApiError, newIdempotencyKey } from '../api.js';
import { navigate } from '../router.js';
import { Button, ErrorBox, Field, Layout, Notice, PageLoading, setTitle, useAction, useAsync } from '../ui.js';
import { AnimalArt, store, useClassesStyles } from '../classes.js';
import { QuizRunner } from '../quiz.js';

const fieldsOf = (err) => (err instanceof ApiError && err.details && err.details.fields) || {};

export default function StudentJoinPage({ params }) {
  useClassesStyles();
  const code = (params.code || '').replace(/[\s-]/g, '').toUpperCase();
  const key = `ag.join.${code}`;
  const cls = useAsync((signal) => api.get(`/join/${encodeURIComponent(code)}`, { signal }), [code]);
  const [saved, setSavedState] = useState(() => store.get(key));
  // Coming back to a quiz half done (a reload, a closed tab): say so once.
  const [resumed] = useState(() => Boolean(saved && saved.display && saved.index > 0));
  const save = (next) => {
    setSavedState(next);
    if (next) store.set(key, next);
    else store.remove(key);
  };
  useEffect(() => setTitle(cls.data ? `Join ${cls.data.class.name}` : 'Join a class'), [cls.data]);

  let body;
  if (cls.loading) {
    body = html`<${PageLoading} />`;
  } else if (cls.error) {
    body = html`<div class="stack">
      <h1>We can't open this class</h1>
      <${ErrorBox} error=${cls.error} />
      <${Button} href="/student">Type another code<//>
    </div>`;
  } else if (!saved || !saved.display) {
    body = html`<${NameStep} code=${code} info=${cls.data.class} onDone=${save} note=${saved && saved.note} />`;
  } else {
    body = html`<${QuizStep} code=${code} saved=${saved} save=${save} resumed=${resumed} />`;
  }
  return html`<${Layout} narrow=${!saved || !saved.display}>${body}<//>`;
}

function ClassBanner({ info }) {
  return html`<div class="join-class">
    <${AnimalArt} code=${info.icon} size="64" />
    <div><p class="muted mb-0">You are joining</p><h1 class="mb-0">${info.name}</h1></div>
  </div>`;
}

function NameStep({ code, info, onDone, note }) {
  const [first, setFirst] = useState('');
  const [initial, setInitial] = useState('');
  // More than one word in the first-name box: the server asks for the
  // first name only; a real two-word first name goes on with a second yes.
  const [twoWords, setTwoWords] = useState(false);
  const check = useAction(async (confirmed = false) => {
    try {
      const res = await api.post(`/join/${encodeURIComponent(code)}/check`, { firstName: first, lastInitial: initial, firstNameConfirmed: confirmed });
      onDone({ first: res.name.firstName, initial: res.name.lastInitial, display: res.display, confirmed,
        subKey: newIdempotencyKey(), answers: {}, index: 0, bankVersion: '' });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'just_first_name') {
        setTwoWords(true);
        return;
      }
      throw err;
    }
  });
  const fields = fieldsOf(check.error);
  return html`<div class="stack-lg">
    <${ClassBanner} info=${info} />
    ${note && html`<${ErrorBox} error=${note} />`}
    <form class="card form" onSubmit=${(e) => { e.preventDefault(); check.run(); }} novalidate>
      <h2 class="mt-0">What's your name?</h2>
      <p class="muted">Only your first name and the first letter of your last name, like Maya R.</p>
      <${Field} label="First name" name="firstName" autocomplete="given-name" maxlength="40" value=${first}
        error=${fields.firstName} onInput=${(e) => { setFirst(e.target.value); setTwoWords(false); check.clearError(); }} />
      ${twoWords && html`<div class="notice notice-warning stack" role="alert" data-just-first-name>
        <p class="mb-0"><strong>Just your first name, please.</strong> We don't keep last names here.</p>
        <p class="mb-0">Is <strong>${first.trim()}</strong> all your first name (like Ana Sofia)?</p>
        <div class="cluster">
          <${Button} variant="secondary" onClick=${() => { setTwoWords(false); document.querySelector('input[name=firstName]')?.focus(); }}>No, let me fix it<//>
          <${Button} data-confirm-first-name busy=${check.busy} onClick=${() => check.run(true)}>Yes, that's my first name<//>
        </div>
      </div>`}
      <${Field} label="First letter of your last name" name="lastInitial" autocomplete="off" maxlength="3"
        value=${initial} error=${fields.lastInitial}
        hint=${check.error && check.error.code === 'name_taken' ? check.error.serverMessage : ''}
        onInput=${(e) => { setInitial(e.target.value); check.clearError(); }} />
      ${!fields.firstName && !fields.lastInitial && html`<${ErrorBox} error=${check.error} />`}
      <${Button} type="submit" size="big" block busy=${check.busy}>Start the quiz<//>
    </form>
    <p class="text-center"><a href="/student">Already took the quiz? Log in with your passport code.</a></p>
    <p class="text-center small"><a href="/privacy" data-join-privacy>What do we keep about you?</a></p>
  </div>`;
}

function QuizStep({ code, saved, save, resumed }) {
  const quiz = useAsync((signal) => api.get('/quiz', { signal }), []);
  // Answers kept for another version of the quiz no longer fit: start them over.
  useEffect(() => {
    if (quiz.data && saved.bankVersion !== quiz.data.bankVersion) {
      save({ ...saved, bankVersion: quiz.data.bankVersion, answers: {}, index: 0 });
    }
  }, [quiz.data]);
  const submit = useAction(async () => {
    const answers = quiz.data.questions.map((q) => ({ q: q.id, a: saved.answers[q.id] }));
    try {
      await api.post(`/join/${encodeURIComponent(code)}/submit`,
        { firstName: saved.first, lastInitial: saved.initial, firstNameConfirmed: Boolean(saved.confirmed), quiz: { bankVersion: quiz.data.bankVersion, answers } },
        { headers: { 'Idempotency-Key': saved.subKey } });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'name_taken') {
        // Someone else took the name meanwhile: choose another, keep the answers.
        save({ ...saved, display: '', note: err });
      }
      if (err instanceof ApiError && err.code === 'quiz_changed') quiz.reload();
      throw err;
    }
    store.remove(`ag.join.${code}`);
    navigate('/me/result', { replace: true });
  });
  if (quiz.loading && !quiz.data) return html`<${PageLoading} label="Getting the quiz ready…" />`;
  if (quiz.error) return html`<${ErrorBox} error=${quiz.error} />`;
  const restart = () => save(null);
  return html`<div class="stack">
    <div class="cluster">
      <p class="mb-0">Taking the quiz as <strong>${saved.display}</strong></p>
      <${Button} variant="ghost" size="small" onClick=${restart}>Not you? Start over<//>
    </div>
    ${resumed && html`<${Notice}>Welcome back! We kept your answers.<//>`}
    <${QuizRunner} quiz=${quiz.data} answers=${saved.answers} index=${saved.index}
      busy=${submit.busy} error=${submit.error}
      onChange=${(answers, index) => save({ ...saved, answers, index })}
      onSubmit=${() => submit.run()} />
  </div>`;
}
