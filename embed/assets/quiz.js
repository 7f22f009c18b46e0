// The quiz screen shared by the join flow and retakes: one question per
// screen with a progress bar, Back and Next, and keyboard answers (1-4 or
// A-D pick an option, the arrow keys go back and forward). The parent owns
// the answers and the position, so it can keep them in localStorage and a
// reload resumes where the student was.

import { html, useEffect, useRef } from './preact.js';
import { Button, countOf, ErrorBox, Progress } from './ui.js';

const LETTERS = ['A', 'B', 'C', 'D'];

/**
 * quiz: {bankVersion, questions:[{id, text, options:[{id, text}]}]}
 * answers: {questionId: optionId}; index: 0..n (n is the "send" screen)
 * onChange(answers, index) after every answer or move; onSubmit()
 */
export function QuizRunner({ quiz, answers, index, onChange, onSubmit, busy, error }) {
  const n = quiz.questions.length;
  const at = Math.min(Math.max(index, 0), n);
  const q = at < n ? quiz.questions[at] : null;
  const heading = useRef(null);
  const answered = quiz.questions.filter((x) => answers[x.id]).length;

  const pick = (optionId) => onChange({ ...answers, [q.id]: optionId }, at + 1);
  const onIndex = (i) => onChange(answers, i);

  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, [at]);

  // The listener is added once and reads the newest render through a ref:
  // an effect re-added per question would leave a gap after each render in
  // which a quick key press still reached the previous question.
  const live = useRef(null);
  live.current = { at, q, answers, busy, pick, onIndex };
  useEffect(() => {
    const onKey = (e) => {
      const { at: i0, q: cur, answers: given, busy: sending, pick: choose, onIndex: go } = live.current;
      if (e.ctrlKey || e.metaKey || e.altKey || sending) return;
      const tag = (e.target && e.target.tagName) || '';
      if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return;
      if (e.key === 'ArrowLeft' && i0 > 0) {
        e.preventDefault();
        go(i0 - 1);
        return;
      }
      if (e.key === 'ArrowRight' && cur && given[cur.id]) {
        e.preventDefault();
        go(i0 + 1);
        return;
      }
      if (!cur) return;
      let i = -1;
      if (/^[1-4]$/.test(e.key)) i = Number(e.key) - 1;
      else if (/^[a-dA-D]$/.test(e.key)) i = e.key.toUpperCase().charCodeAt(0) - 65;
      if (i >= 0 && i < cur.options.length) {
        e.preventDefault();
        choose(cur.options[i].id);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const firstMissing = quiz.questions.findIndex((x) => !answers[x.id]);

  return html`<section class="card quiz-card" aria-labelledby="quiz-q">
    <div class="quiz-count"><span>${q ? `Question ${at + 1} of ${n}` : 'All done!'}</span><span>${answered} answered</span></div>
    <${Progress} value=${answered} max=${n} label="Your progress" />
    ${q ? html`
      <h2 id="quiz-q" class="quiz-question" tabindex="-1" ref=${heading}>${q.text}</h2>
      <ul class="quiz-options">
        ${q.options.map((o, i) => html`<li key=${o.id}>
          <button type="button" class="quiz-option" aria-pressed=${answers[q.id] === o.id ? 'true' : 'false'}
              data-option=${o.id} onClick=${() => pick(o.id)}>
            <span class="quiz-key" aria-hidden="true">${LETTERS[i]}</span>
            <span>${o.text}</span>
          </button>
        </li>`)}
      </ul>
      <div class="quiz-nav">
        <${Button} variant="secondary" disabled=${at === 0} onClick=${() => onIndex(at - 1)}>← Back<//>
        <${Button} variant="secondary" disabled=${!answers[q.id]} onClick=${() => onIndex(at + 1)}>Next →<//>
      </div>
      <p class="quiz-help muted small">Tip: press 1, 2, 3, 4 (or A, B, C, D) to answer, and ← to go back.</p>`
    : html`
      <h2 id="quiz-q" class="quiz-question" tabindex="-1" ref=${heading}>
        ${firstMissing < 0 ? `You answered all ${n} questions!` : `${countOf(n - answered, 'question still needs', 'questions still need')} an answer.`}
      </h2>
      <${ErrorBox} error=${error} />
      ${firstMissing < 0
        ? html`<p>Ready to meet your animal? You can still go back and change an answer.</p>
          <div class="quiz-nav">
            <${Button} variant="secondary" disabled=${busy} onClick=${() => onIndex(n - 1)}>← Back<//>
            <${Button} size="big" busy=${busy} onClick=${onSubmit} data-submit="1">Show my animal!<//>
          </div>`
        : html`<div class="quiz-nav">
            <${Button} onClick=${() => onIndex(firstMissing)}>Go to question ${firstMissing + 1}<//>
          </div>`}`}
  </section>`;
}
