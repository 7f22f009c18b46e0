// /me/retake: take the quiz again when the teacher allows it. Answers are
// kept in localStorage like the first time; the new result becomes the
// current one and the old one stays in the history.

import { html, useEffect, useState } from '../preact.js';
import { api, newIdempotencyKey } from '../api.js';
import { navigate } from '../router.js';
import { Button, ErrorBox, PageLoading, setTitle, useAction, useAsync } from '../ui.js';
import { StudentLayout, store, useClassesStyles } from '../classes.js';
import { QuizRunner } from '../quiz.js';
import { useStudentHome } from './student-result.js';

export default function StudentRetakePage() {
  useClassesStyles();
  useEffect(() => setTitle('Take the quiz'), []);
  const me = useStudentHome();
  const quiz = useAsync((signal) => api.get('/quiz', { signal }), []);
  const key = me.data ? `ag.retake.${me.data.student.id}` : '';
  const [saved, setSaved] = useState(null);
  useEffect(() => {
    if (!key || !quiz.data) return;
    const s = store.get(key);
    setSaved(s && s.bankVersion === quiz.data.bankVersion ? s
      : { bankVersion: quiz.data.bankVersion, answers: {}, index: 0, subKey: newIdempotencyKey() });
  }, [key, quiz.data]);
  const save = (next) => {
    setSaved(next);
    store.set(key, next);
  };
  const submit = useAction(async () => {
    const answers = quiz.data.questions.map((q) => ({ q: q.id, a: saved.answers[q.id] }));
    await api.post('/student/quiz', { bankVersion: quiz.data.bankVersion, answers },
      { headers: { 'Idempotency-Key': saved.subKey } });
    store.remove(key);
    navigate('/me/result', { replace: true });
  });

  let body;
  if (me.loading || quiz.loading || (!saved && !me.error && !quiz.error)) {
    body = html`<${PageLoading} label="Getting the quiz ready…" />`;
  } else if (me.error || quiz.error) {
    body = html`<${ErrorBox} error=${me.error || quiz.error} />`;
  } else if (!me.data.canRetake) {
    body = html`<div class="stack">
      <h1>Retakes are off</h1>
      <p>Your teacher hasn't turned on retakes for your class. Ask your teacher if you want to take the quiz again.</p>
      <${Button} href="/me">Back to my page<//>
    </div>`;
  } else {
    body = html`<div class="stack">
      <h1>Take the quiz again</h1>
      <p class="muted">Your new result will be your current one. Your coins stay the same.</p>
      <${QuizRunner} quiz=${quiz.data} answers=${saved.answers} index=${saved.index}
        busy=${submit.busy} error=${submit.error}
        onChange=${(answers, index) => save({ ...saved, answers, index })} onSubmit=${() => submit.run()} />
    </div>`;
  }
  return html`<${StudentLayout}>${body}<//>`;
}
