// The student home's part of the Lounge: new achievements celebrated once,
// the class's open values vote, and the class values.

import { html, useEffect, useRef } from './preact.js';
import { api } from './api.js';
import { Button, useAsync } from './ui.js';
import { AchievementIcon, ClassValuesList, loadStudentValues, useLoungeStyles, usePollWhile } from './lounge.js';

const CONFETTI = ['#8B5CF6', '#10B981', '#F59E0B', '#FF8070', '#82BCC8'];

/** Loads what both parts show: the achievements and the class vote. */
export function useLounge() {
  useLoungeStyles();
  const ach = useAsync((signal) => api.get('/student/achievements', { signal }).catch(() => null), []);
  const vals = useAsync((signal) => loadStudentValues(signal).catch(() => null), []);
  usePollWhile(true, vals.reload);
  const fresh = ach.data ? ach.data.achievements.filter((a) => a.new) : [];
  // Each new achievement is celebrated once: the server hears it was shown.
  const told = useRef(false);
  useEffect(() => {
    if (told.current || fresh.length === 0) return;
    told.current = true;
    api.post('/student/achievements/seen', { codes: fresh.map((a) => a.code) }).catch(() => {});
  }, [fresh.length]);
  const v = vals.data;
  const open = v && v.session && v.session.state === 'open' && !v.voted;
  const earned = ach.data ? ach.data.achievements.filter((a) => a.earned).length : 0;
  return { ach, v, fresh, open, earned };
}

/** The top of the student home: new achievements (celebrated once) and an open vote. */
export function StudentLoungeNews({ lounge }) {
  const { v, fresh, open } = lounge;
  return html`
    ${fresh.map((a, i) => html`<section key=${a.code} class="card celebrate cluster" role="status" data-new-achievement=${a.code}>
      <span class="confetti" aria-hidden="true">${CONFETTI.concat(CONFETTI).map((c, j) => html`<i key=${j}
        style=${{ left: `${(j * 37 + i * 11) % 100}%`, background: c, animationDelay: `${(j % 5) * 0.12}s` }}></i>`)}</span>
      <span class="achievement-icon"><${AchievementIcon} icon=${a.icon} size="44" /></span>
      <div><p class="mb-0"><strong>New achievement: ${a.title}!</strong></p><p class="muted mb-0">${a.description}</p></div>
    </section>`)}
    ${open && html`<section class="card card-accent stack" aria-labelledby="vote-title" data-open-vote>
      <h2 id="vote-title" class="mb-0">Vote for our class values</h2>
      <p class="mb-0">Your teacher has opened a vote. Choose the values that matter most to you.</p>
      <p class="mb-0"><${Button} href="/me/values" data-testid="go-vote">Vote now<//></p>
    </section>`}`;
}

/** Further down the student home: the class values and the achievements count. */
export function StudentLoungeClass({ lounge }) {
  const { ach, v, earned } = lounge;
  return html`
    ${v && v.results.winners.length > 0 && html`<section class="card stack" aria-labelledby="our-values">
      <h2 id="our-values" class="mb-0">Our class values</h2>
      <${ClassValuesList} results=${v.results} />
    </section>`}
    ${ach.data && html`<section class="card cluster" aria-labelledby="ach-title">
      <h2 id="ach-title" class="mb-0">Achievements</h2>
      <span class="muted" data-achievement-count>${earned} of ${ach.data.achievements.length} earned</span>
      <${Button} variant="secondary" size="small" href="/me/achievements">See all<//>
    </section>`}`;
}
