// /teacher/games/sets/new and /teacher/games/sets/:id: write or change a
// question set (2 to 4 answers, one right, 5 to 120 seconds each). The
// bundled set (id 0) is shown read-only with a "make a copy" button. Each
// question may have a picture: it is uploaded, processed in the background
// (a bar shows both steps), and saved with the set by its id.

import { html, useEffect, useRef, useState } from '../preact.js';
import { api, uploadForm } from '../api.js';
import { navigate } from '../router.js';
import { Button, ErrorBox, Field, Notice, PageLoading, Progress, useAction, useAsync } from '../ui.js';
import { TeacherPage } from '../auth.js';
import { useGameStyles } from '../game-socket.js';

const blank = () => ({ text: '', options: ['', ''], correct: 0, seconds: 20 });

export default function TeacherSetPage({ params }) {
  return html`<${TeacherPage} title=${params.id ? 'Question set' : 'New question set'}>${() => html`<${SetEditor} params=${params} />`}<//>`;
}

function SetEditor({ params }) {
  useGameStyles();
  const isNew = !params.id;
  const loaded = useAsync((signal) => (isNew ? Promise.resolve(null) : api.get(`/question-sets/${params.id}`, { signal })), [params.id]);
  const [set, setSet] = useState(null);
  useEffect(() => {
    if (isNew) setSet({ title: '', description: '', questions: [blank()] });
    else if (loaded.data) setSet(loaded.data);
  }, [loaded.data]);
  const saveIt = useAction(async () => {
    const body = { title: set.title, description: set.description, questions: set.questions };
    const saved = isNew ? await api.post('/question-sets', body) : await api.put(`/question-sets/${params.id}`, body);
    navigate(`/teacher/games/sets/${saved.id}`, { replace: isNew });
    setSet(saved);
    return true;
  });
  const copy = useAction(async () => {
    const s = await api.post(`/question-sets/${params.id}/duplicate`);
    navigate(`/teacher/games/sets/${s.id}`);
  });

  if (loaded.error) return html`<${ErrorBox} error=${loaded.error} />`;
  if (!set) return html`<${PageLoading} />`;
  const readOnly = Boolean(set.bundled);
  const fieldErr = (name) => saveIt.error?.details?.fields?.[name];
  const editQ = (i, patch) => setSet({ ...set, questions: set.questions.map((q, j) => (j === i ? { ...q, ...patch } : q)) });
  // The picture arrives after an upload: update the latest set, not the one of this render.
  const setImage = (i, image) => setSet((cur) => ({ ...cur, questions: cur.questions.map((q, j) => (j === i ? { ...q, image } : q)) }));
  const move = (i, by) => {
    const qs = [...set.questions];
    [qs[i], qs[i + by]] = [qs[i + by], qs[i]];
    setSet({ ...set, questions: qs });
  };

  return html`<div class="stack-lg">
    <p><a href="/teacher/games">← Live games</a></p>
    <h1 class="page-title">${isNew ? 'New question set' : set.title}</h1>
    ${readOnly && html`<${Notice}>This set comes with Animal Genius and can't be changed.${' '}
      <${Button} size="small" busy=${copy.busy} onClick=${() => copy.run()}>Make my own copy</${Button}><//>`}
    <form class="stack-lg" onSubmit=${(e) => { e.preventDefault(); saveIt.run(); }}>
      <div class="card stack">
        <${Field} label="Title" maxlength="80" value=${set.title} disabled=${readOnly} error=${fieldErr('title')}
          onInput=${(e) => setSet({ ...set, title: e.currentTarget.value })} required />
        <${Field} as="textarea" label="Description (optional)" maxlength="500" value=${set.description} disabled=${readOnly}
          onInput=${(e) => setSet({ ...set, description: e.currentTarget.value })} />
      </div>
      ${set.questions.map((q, i) => html`<fieldset class="card game-editor-q stack" key=${i}>
        <legend class="field-label">Question ${i + 1}</legend>
        <${Field} as="textarea" label="Question" maxlength="300" value=${q.text} disabled=${readOnly}
          error=${fieldErr(`questions[${i}].text`)} onInput=${(e) => editQ(i, { text: e.currentTarget.value })} />
        ${q.options.map((o, j) => html`<div class="cluster" key=${j}>
          <label class="check"><input type="radio" name=${`correct-${i}`} checked=${q.correct === j} disabled=${readOnly}
            onChange=${() => editQ(i, { correct: j })} /> Right answer</label>
          <${Field} label=${`Answer ${j + 1}`} maxlength="80" value=${o} disabled=${readOnly}
            error=${fieldErr(`questions[${i}].options[${j}]`)}
            onInput=${(e) => editQ(i, { options: q.options.map((x, k) => (k === j ? e.currentTarget.value : x)) })} />
          ${!readOnly && q.options.length > 2 && html`<${Button} variant="ghost" size="small"
            onClick=${() => editQ(i, { options: q.options.filter((_, k) => k !== j), correct: q.correct === j ? 0 : q.correct > j ? q.correct - 1 : q.correct })}>
            Remove answer ${j + 1}</${Button}>`}
        </div>`)}
        ${fieldErr(`questions[${i}].options`) && html`<p class="field-error">${fieldErr(`questions[${i}].options`)}</p>`}
        <${QuestionPicture} index=${i} image=${q.image} readOnly=${readOnly} error=${fieldErr(`questions[${i}].image`)}
          onChange=${(image) => setImage(i, image)} />
        <${Field} label="Seconds to answer" type="number" min="5" max="120" value=${q.seconds} disabled=${readOnly}
          error=${fieldErr(`questions[${i}].seconds`)} onInput=${(e) => editQ(i, { seconds: Number(e.currentTarget.value) || 0 })} />
        ${!readOnly && html`<div class="cluster">
          ${q.options.length < 4 && html`<${Button} variant="secondary" size="small"
            onClick=${() => editQ(i, { options: [...q.options, ''] })}>Add an answer</${Button}>`}
          ${i > 0 && html`<${Button} variant="ghost" size="small" onClick=${() => move(i, -1)}>Move up</${Button}>`}
          ${i + 1 < set.questions.length && html`<${Button} variant="ghost" size="small" onClick=${() => move(i, 1)}>Move down</${Button}>`}
          ${set.questions.length > 1 && html`<${Button} variant="ghost" size="small"
            onClick=${() => setSet({ ...set, questions: set.questions.filter((_, k) => k !== i) })}>Delete question</${Button}>`}
        </div>`}
      </fieldset>`)}
      ${!readOnly && html`<div class="cluster">
        ${set.questions.length < 100 && html`<${Button} variant="secondary"
          onClick=${() => setSet({ ...set, questions: [...set.questions, blank()] })}>Add a question</${Button}>`}
        <${Button} type="submit" busy=${saveIt.busy}>Save</${Button}>
      </div>`}
      <${ErrorBox} error=${saveIt.error} />
    </form>
  </div>`;
}

// One question's picture: shown with a remove button, or a file input that
// uploads a new one and follows its processing.
function QuestionPicture({ index, image, readOnly, error, onChange }) {
  const [stage, setStage] = useState(null); // { label, progress }
  const [failed, setFailed] = useState(null);
  const timer = useRef(null);
  useEffect(() => () => clearTimeout(timer.current), []);
  const poll = async (id) => {
    try {
      const st = await api.get(`/question-images/${id}`);
      if (st.state === 'done') {
        setStage(null);
        onChange(id);
      } else if (st.state === 'failed') {
        setStage(null);
        setFailed(st.error ? st.error.message : 'We could not use that picture. Try another one.');
      } else {
        setStage({ label: 'Getting the picture ready', progress: 50 + st.progress / 2 });
        timer.current = setTimeout(() => poll(id), 300);
      }
    } catch (err) {
      setStage(null);
      setFailed(err);
    }
  };
  const upload = useAction(async (file) => {
    setFailed(null);
    setStage({ label: 'Sending the picture', progress: 0 });
    const form = new FormData();
    form.append('file', file);
    try {
      const res = await uploadForm('/question-images', form, (f) => setStage({ label: 'Sending the picture', progress: f * 50 }));
      setStage({ label: 'Getting the picture ready', progress: 50 });
      poll(res.id);
    } catch (err) {
      setStage(null);
      throw err;
    }
  });
  const id = `q-picture-${index}`;
  if (image) {
    return html`<div class="field stack" data-question-picture-field=${index}>
      <span class="field-label">Picture</span>
      <img class="game-q-thumb" src=${`/api/v1/question-images/${image}/thumb`} alt=${`Picture for question ${index + 1}`} />
      ${!readOnly && html`<div><${Button} variant="ghost" size="small" onClick=${() => onChange(0)}>Remove picture</${Button}></div>`}
      ${error && html`<p class="field-error">${error}</p>`}
    </div>`;
  }
  if (readOnly) return null;
  return html`<div class="field" data-question-picture-field=${index}>
    <label class="field-label" for=${id}>Picture (optional)</label>
    <div class="field-hint">PNG, JPEG, GIF or WebP, up to 10 MB. Everyone sees it with the question, never the answer.</div>
    <input id=${id} type="file" accept="image/png,image/jpeg,image/gif,image/webp" disabled=${Boolean(stage)}
      onChange=${(e) => { const f = e.currentTarget.files[0]; e.currentTarget.value = ''; if (f) upload.run(f); }} />
    ${stage && html`<${Progress} value=${stage.progress} label=${stage.label} />`}
    ${error && html`<p class="field-error">${error}</p>`}
    <${ErrorBox} error=${upload.error || failed} />
  </div>`;
}
