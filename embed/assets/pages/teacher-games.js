// /teacher/games: pick a question set and a mode to start a live game;
// manage your own sets; see past games.

import { html, useState } from '../preact.js';
import { api, formatTime } from '../api.js';
import { navigate } from '../router.js';
import { Button, countOf, ErrorBox, Modal, PageLoading, useAction, useAsync, TableWrap } from '../ui.js';
import { TeacherPage } from '../auth.js';

const when = (iso) => formatTime(iso);

export default function TeacherGamesPage() {
  return html`<${TeacherPage} title="Live games">${() => html`<${GamesHome} />`}<//>`;
}

function GamesHome() {
  const sets = useAsync((signal) => api.get('/question-sets', { signal }), []);
  const games = useAsync((signal) => api.get('/games', { signal }), []);
  const [mode, setMode] = useState('individual');
  const [toDelete, setToDelete] = useState(null);
  const startGame = useAction(async (setId) => {
    const g = await api.post('/games', { setId, mode });
    navigate(`/teacher/games/${g.id}`);
  });
  const copy = useAction(async (id) => {
    const s = await api.post(`/question-sets/${id}/duplicate`);
    navigate(`/teacher/games/sets/${s.id}`);
  });
  const remove = useAction(async () => {
    await api.del(`/question-sets/${toDelete.id}`);
    setToDelete(null);
    sets.reload();
  });

  if (sets.loading && !sets.data) return html`<${PageLoading} />`;
  const live = (games.data?.games || []).filter((g) => g.live);
  const past = (games.data?.games || []).filter((g) => !g.live);
  return html`<div class="stack-lg">
    <h1 class="page-title">Live games</h1>
    <${ErrorBox} error=${sets.error || games.error || startGame.error || copy.error} />
    ${live.length > 0 && html`<section class="card stack">
      <h2 class="mt-0">Running now</h2>
      ${live.map((g) => html`<p key=${g.id}><a href=${`/teacher/games/${g.id}`}>${g.title}</a> · PIN ${g.pin} · ${countOf(g.players, 'player', 'players')}</p>`)}
    </section>`}
    <section class="stack">
      <div class="cluster">
        <h2 class="mb-0">Start a game</h2>
        <fieldset class="cluster" aria-label="Mode">
          <label class="check"><input type="radio" name="mode" value="individual" checked=${mode === 'individual'}
            onChange=${() => setMode('individual')} /> Everyone for themselves</label>
          <label class="check"><input type="radio" name="mode" value="teams" checked=${mode === 'teams'}
            onChange=${() => setMode('teams')} /> Teams by quiz animal</label>
        </fieldset>
        <${Button} variant="secondary" href="/teacher/games/sets/new">New question set</${Button}>
      </div>
      <div class="grid grid-3">
        ${(sets.data?.sets || []).map((s) => html`<article class="card card-accent stack" key=${s.id}>
          <h3 class="mt-0">${s.title}</h3>
          <p class="muted small">${countOf(s.questions, 'question', 'questions')}${s.bundled ? ' · comes with Animal Genius' : ''}</p>
          ${s.description && html`<p class="small">${s.description}</p>`}
          <div class="cluster">
            <${Button} busy=${startGame.busy} onClick=${() => startGame.run(s.id)}>Play</${Button}>
            <${Button} variant="secondary" size="small" href=${`/teacher/games/sets/${s.id}`}>${s.bundled ? 'View' : 'Edit'}</${Button}>
            <${Button} variant="ghost" size="small" onClick=${() => copy.run(s.id)}>Copy</${Button}>
            ${!s.bundled && html`<${Button} variant="ghost" size="small" onClick=${() => setToDelete(s)}>Delete</${Button}>`}
          </div>
        </article>`)}
      </div>
    </section>
    <section class="stack">
      <h2>Past games</h2>
      ${past.length === 0 ? html`<p class="muted">No games played yet.</p>` : html`<${TableWrap} label="Past games"><table class="table">
        <thead><tr><th>Game</th><th>When</th><th class="num">Players</th><th>Status</th></tr></thead>
        <tbody>${past.map((g) => html`<tr key=${g.id}>
          <td><a href=${`/teacher/games/${g.id}`}>${g.title}</a></td><td>${when(g.createdAt)}</td>
          <td class="num">${g.players}</td><td>${g.status === 'stopped' ? 'stopped by the server' : g.status}</td>
        </tr>`)}</tbody>
      </table></${TableWrap}>`}
    </section>
    <${Modal} open=${Boolean(toDelete)} title="Delete this set?" onClose=${() => setToDelete(null)}
      actions=${html`<${Button} variant="danger" busy=${remove.busy} onClick=${() => remove.run()}>Delete</${Button}>
        <${Button} variant="secondary" onClick=${() => setToDelete(null)}>Keep it</${Button}>`}>
      <p>“${toDelete?.title}” will be gone. Games already played keep their questions and results.</p>
      <${ErrorBox} error=${remove.error} />
    <//>
  </div>`;
}
