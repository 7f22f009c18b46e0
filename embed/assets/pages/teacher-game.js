// /teacher/games/:id: the host's screen, made for the projector. Lobby with
// the PIN, join link and QR code; then each question, the reveal, and the
// podium. Controls: start, skip the timer, next, end, kick, lock joining.
// A game that has ended shows its results, the CSV export, coin awards and
// the deletion of its results.

import { html, useEffect, useRef, useState } from '../preact.js';
import { api } from '../api.js';
import { Button, countOf, ErrorBox, Field, Modal, Notice, PageLoading, Progress, Spinner, useAction, useAsync, TableWrap } from '../ui.js';
import { navigate } from '../router.js';
import { ReachNotice, TeacherPage } from '../auth.js';
import { ANIMAL_NAMES, CLOSE, GameSocket, OPTION_LOOKS, secondsLeft, useGameStyles } from '../game-socket.js';
import { Podium } from './play.js';
import { assetURL } from '../asset-url.js';

export default function TeacherGamePage({ params }) {
  return html`<${TeacherPage} title="Live game">${() => html`<${GameScreen} id=${params.id} />`}<//>`;
}

function GameScreen({ id }) {
  useGameStyles();
  const info = useAsync((signal) => api.get(`/games/${id}`, { signal }), [id]);
  const [over, setOver] = useState(false);
  if (info.loading && !info.data) return html`<${PageLoading} />`;
  if (info.error) return html`<${ErrorBox} error=${info.error} />`;
  return info.data.live && !over
    ? html`<${HostLive} game=${info.data} onOver=${() => setOver(true)} />`
    : html`<${Results} id=${id} />`;
}

function HostLive({ game, onOver }) {
  const [st, setSt] = useState(null); // the host_state, kept up to date
  const [ranking, setRanking] = useState(null);
  const [ended, setEnded] = useState(null);
  const [error, setError] = useState('');
  const [conn, setConn] = useState('connecting');
  const [, tick] = useState(0);
  const sock = useRef(null);

  useEffect(() => {
    const s = new GameSocket({
      onOpen: () => { setConn('open'); s.send({ type: 'host', game: game.id }); },
      onMessage: (m) => {
        switch (m.type) {
          case 'host_state':
            setSt({ ...m, deadline: m.question ? performance.now() + m.question.remainingMs : 0 });
            break;
          case 'players':
            setSt((o) => o && { ...o, players: m.players });
            break;
          case 'progress':
            setSt((o) => o && { ...o, answered: m.answered });
            break;
          case 'state':
            setSt((o) => o && { ...o, locked: m.locked });
            break;
          case 'question':
            setSt((o) => o && { ...o, phase: 'question', index: m.index, question: m, reveal: null, answered: 0,
              deadline: performance.now() + m.remainingMs });
            break;
          case 'reveal':
            setSt((o) => o && { ...o, phase: 'reveal', reveal: m });
            break;
          case 'ended':
            setEnded(m);
            setSt((o) => o && { ...o, phase: 'ended' });
            break;
          case 'ranking':
            setRanking(m.players);
            if (m.notSaved) setError(m.notSaved);
            break;
          case 'error':
            setError(m.message);
            break;
          default:
        }
      },
      onClose: (code, reason, retry) => {
        if (code === CLOSE.gameOver) return;
        setConn(retry ? 'retrying' : 'closed');
        if (!retry) setError(reason || 'The connection to the game closed.');
      },
    });
    sock.current = s;
    s.connect();
    const t = setInterval(() => tick((n) => n + 1), 250);
    return () => { clearInterval(t); s.stop(); };
  }, [game.id]);

  const send = (frame) => {
    setError('');
    if (!sock.current.send(frame)) setError('Not connected right now. Try again in a moment.');
  };
  const endGame = () => {
    if (window.confirm('End the game now for everyone?')) send({ type: 'end' });
  };

  if (!st) {
    return html`<div class="stack">
      ${conn === 'closed' ? html`<${ErrorBox} error=${error} />` : html`<${Spinner} label="Connecting to the game…" />`}
    </div>`;
  }
  const players = st.players || [];
  const status = conn === 'retrying' && html`<${Notice} kind="warning">Connection lost. Reconnecting…<//>`;
  const errorBox = html`<${ErrorBox} error=${error} />`;

  if (st.phase === 'lobby') {
    // Which address pupils open matters while they join; once the game
    // runs, the projector's screen is the question's alone.
    return html`<div class="stack-lg game-screen">
      <${ReachNotice} />
      ${status}${errorBox}
      <h1 class="page-title mb-0">${st.title}: waiting for players</h1>
      <div class="game-lobby">
        <div class="stack">
          <p class="lead mb-0">Go to <strong>${game.joinUrl.replace(/\/play\/\d+$/, '/play')}</strong> and type the PIN:</p>
          <p class="game-pin" aria-label=${`PIN ${st.pin.split('').join(' ')}`}>${st.pin}</p>
          <p class="muted">${st.title} · ${st.mode === 'teams' ? 'teams by quiz animal' : 'everyone for themselves'}</p>
        </div>
        <img class="game-qr" src=${`/api/v1/games/${game.id}/qr.svg`} alt=${`QR code for ${game.joinUrl}`} />
      </div>
      <div class="cluster">
        <${Button} size="big" disabled=${players.length === 0} onClick=${() => send({ type: 'start' })}>Start the game</${Button}>
        <${Button} variant="secondary" onClick=${() => send({ type: 'lock', locked: !st.locked })}>
          ${st.locked ? 'Let new players join' : 'Close to new players'}</${Button}>
        <${Button} variant="ghost" onClick=${endGame}>End game</${Button}>
      </div>
      <section class="stack">
        <h2>${players.length} ${players.length === 1 ? 'player' : 'players'}${st.locked ? ' · closed to new players' : ''}</h2>
        <${PlayerChips} players=${players} gameId=${game.id} onKick=${(p) => send({ type: 'kick', player: p.id })} />
      </section>
    </div>`;
  }
  if (st.phase === 'question' && st.question) {
    const q = st.question;
    const answered = st.answered || 0;
    return html`<div class="stack game-screen game-host-live game-host-question">
      ${status}${errorBox}
      <div class="game-host-top">
        <h1 class="game-host-count mb-0">Question ${q.index + 1} of ${q.count}</h1>
        <div class="game-host-progress" data-answered=${answered}>
          <${Progress} value=${answered} max=${Math.max(players.length, 1)} label=${`${answered} of ${countOf(players.length, 'player', 'players')} answered`} />
        </div>
        <${Countdown} deadline=${st.deadline} seconds=${q.seconds} />
      </div>
      <p class="game-question game-host-text">${q.text}</p>
      ${q.imageUrl && html`<img key="question-picture" class="game-picture game-host-picture" src=${q.imageUrl} alt="The picture for this question" data-question-picture />`}
      <div class="game-options game-host-options">
        ${q.options.map((o, i) => html`<div class=${`game-option ${OPTION_LOOKS[i].cls}`} key=${i}>
          <span class="shape" aria-hidden="true">${OPTION_LOOKS[i].shape}</span><span>${o}</span></div>`)}
      </div>
      <div class="game-controls">
        <${Button} onClick=${() => send({ type: 'skip' })}>Stop the timer</${Button}>
        <${Button} variant="secondary" onClick=${() => send({ type: 'lock', locked: !st.locked })}>
          ${st.locked ? 'Let new players join' : 'Close to new players'}</${Button}>
        <${Button} variant="ghost" onClick=${endGame}>End game</${Button}>
      </div>
    </div>`;
  }
  if (st.phase === 'reveal' && st.reveal) {
    const r = st.reveal;
    const q = st.question;
    const most = Math.max(1, ...r.counts);
    return html`<div class="stack game-screen game-host-live game-host-reveal">
      ${status}${errorBox}
      <h1 class="visually-hidden">The answer${q ? ` to question ${q.index + 1}` : ''}</h1>
      ${q && html`<p class="game-question">${q.text}</p>`}
      <div class="game-options">
        ${r.counts.map((n, i) => html`<div key=${i} class=${`game-option ${OPTION_LOOKS[i].cls} ${i === r.correct ? 'right' : 'dim'}`}>
          <span class="shape" aria-hidden="true">${OPTION_LOOKS[i].shape}</span>
          <span>${q ? q.options[i] : `Answer ${i + 1}`}${i === r.correct ? ' ✓' : ''}</span>
          <span class="game-count">${n}</span>
          <div class="game-bar" style=${{ width: `${(n / most) * 100}%` }}></div>
        </div>`)}
      </div>
      <div class="grid grid-2">
        <section class="card"><h2 class="mt-0">Top 5</h2><${TopList} rows=${r.top} /></section>
        ${r.teams && r.teams.length > 0 && html`<section class="card"><h2 class="mt-0">Teams</h2>
          <ol class="game-top game-top-teams">${r.teams.map((t) => html`<li key=${t.team}>
            <span>${t.rank}. ${ANIMAL_NAMES[t.team]} (${t.members})</span><strong>${t.score}</strong></li>`)}</ol></section>`}
      </div>
      <div class="game-controls">
        <${Button} size="big" onClick=${() => send({ type: 'next' })}>${r.last ? 'Show the podium' : 'Next question'}</${Button}>
        <${Button} variant="ghost" onClick=${endGame}>End game</${Button}>
      </div>
    </div>`;
  }
  if (st.phase === 'ended' && ended) {
    const nobody = ended.podium.length === 0;
    return html`<div class="stack-lg game-screen">
      <h1 class="text-center">${ended.stopped ? 'The server stopped the game' : nobody ? 'Nobody scored this time' : 'The winners'}</h1>
      ${errorBox}
      ${!nobody && html`<${Podium} podium=${ended.podium} gameId=${game.id} />`}
      ${ranking && html`<p class="muted text-center">${countOf(ranking.length, 'player', 'players')} took part.</p>`}
      <${Button} onClick=${onOver}>See all results</${Button}>
    </div>`;
  }
  return html`<${Spinner} label="Waiting for the game…" />`;
}

// The countdown for the projector: the seconds left in big figures inside
// a ring that empties as time runs out.
function Countdown({ deadline, seconds }) {
  const left = secondsLeft(deadline);
  const share = seconds > 0 ? Math.min(1, left / seconds) : 0;
  const r = 44;
  const around = 2 * Math.PI * r;
  return html`<div class=${`game-countdown${left <= 5 ? ' game-countdown-low' : ''}${left > 99 ? ' game-countdown-long' : ''}`} role="timer"
      aria-label=${`${left} ${left === 1 ? 'second' : 'seconds'} left`} data-seconds-left=${left}>
    <svg viewBox="0 0 100 100" aria-hidden="true">
      <circle class="game-countdown-track" cx="50" cy="50" r=${r} />
      <circle class="game-countdown-ring" cx="50" cy="50" r=${r} stroke-dasharray=${around}
        stroke-dashoffset=${around * (1 - share)} transform="rotate(-90 50 50)" />
    </svg>
    <span class="game-countdown-number" aria-hidden="true">${left}</span>
  </div>`;
}

function PlayerChips({ players, gameId, onKick }) {
  return html`<ul class="game-players">
    ${players.map((p) => html`<li key=${p.id} class=${p.online ? '' : 'offline'}>
      ${p.hasAvatar && html`<img class="game-avatar-chip" src=${`/api/v1/games/${gameId}/players/${p.id}/avatar.svg`}
        alt=${`${p.nickname}'s avatar`} width="32" height="32" data-player-avatar=${p.id} />`}
      ${p.team && html`<img src=${assetURL(`/art/animals/${p.team}.svg`)} alt=${ANIMAL_NAMES[p.team]} width="24" height="24" />`}
      <span>${p.nickname}</span>
      <button type="button" class="btn btn-ghost btn-small" onClick=${() => {
        if (window.confirm(`Remove ${p.nickname} from the game? They cannot come back.`)) onKick(p);
      }}>Remove<span class="visually-hidden"> ${p.nickname}</span></button>
    </li>`)}
  </ul>`;
}

function TopList({ rows }) {
  return html`<ol class="game-top">${rows.map((p) => html`<li key=${p.id}>
    <span>${p.rank}. ${p.nickname}</span><strong>${p.score}</strong></li>`)}</ol>`;
}

// Results of a game that has ended: podium, full ranking, CSV, coins.
function Results({ id }) {
  const res = useAsync((signal) => api.get(`/games/${id}/results`, { signal }), [id]);
  const [coins, setCoins] = useState('30, 20, 10');
  const [awarded, setAwarded] = useState(null);
  const [deleting, setDeleting] = useState(false);
  const remove = useAction(async () => {
    await api.del(`/games/${id}`);
    navigate('/teacher/games', { replace: true });
  });
  const award = useAction(async () => {
    const list = coins.split(/[,\s]+/).filter(Boolean).map(Number);
    const out = await api.post(`/games/${id}/award`, { coins: list });
    setAwarded(out.awards);
    res.reload();
  });
  if (res.loading && !res.data) return html`<${PageLoading} />`;
  if (res.error) return html`<${ErrorBox} error=${res.error} />`;
  const { game, players, questions, canAward } = res.data;
  // Winners have points: a player with 0 is never on the podium.
  const ranked = players.filter((p) => !p.kicked && p.score > 0);
  // Removed players are not counted as players (the API's count leaves
  // them out too); they are named apart.
  const removed = players.filter((p) => p.kicked).length;
  const podium = ranked.slice(0, 3).map((p) => ({ id: p.player, rank: p.rank, nickname: p.nickname, score: p.score, student: !!p.studentId }));
  return html`<div class="stack-lg">
    <p><a href="/teacher/games">← Live games</a></p>
    <h1 class="page-title">${game.title}</h1>
    <p class="muted" data-game-summary>${countOf(players.length - removed, 'player', 'players')}${removed > 0 ? ` (${removed} removed)` : ''} · ${game.questionsClosed} of ${countOf(game.questionCount, 'question', 'questions')} played
      ${game.status === 'stopped' ? ' · the server stopped this game' : ''}</p>
    ${podium.length > 0 && html`<${Podium} podium=${podium} gameId=${game.id} />`}
    <div class="cluster no-print">
      <a class="btn btn-secondary" href=${`/api/v1/games/${id}/results.csv`} download>Download results (CSV)</a>
      <${Button} variant="ghost" onClick=${() => window.print()}>Print</${Button}>
      <${Button} variant="danger" data-delete-game onClick=${() => setDeleting(true)}>Delete these results…</${Button}>
    </div>
    <${Modal} open=${deleting} onClose=${() => setDeleting(false)} title="Delete this game's results?"
      actions=${html`<${Button} variant="secondary" onClick=${() => setDeleting(false)}>Cancel<//>
        <${Button} variant="danger" busy=${remove.busy} data-delete-game-confirm onClick=${() => remove.run()}>Delete for good<//>`}>
      <p>Every player's name, answers and score in ${game.title} are deleted. Coins already given stay with the students. This can't be undone.</p>
      <${ErrorBox} error=${remove.error} />
    <//>
    ${(canAward || game.awardedAt || awarded) && html`<section class="card stack no-print">
      <h2 class="mt-0">Give coins to the top players</h2>
      ${game.awardedAt || awarded
        ? html`<${Notice} kind="success">Coins were given for this game.</${Notice}>`
        : html`<form class="cluster" onSubmit=${(e) => { e.preventDefault(); award.run(); }}>
          <${Field} label="Coins for 1st, 2nd, 3rd… place" hint="Only players who joined with their passport login get coins."
            value=${coins} onInput=${(e) => setCoins(e.currentTarget.value)} />
          <${Button} type="submit" busy=${award.busy}>Give coins</${Button}>
        </form>`}
      <${ErrorBox} error=${award.error} />
    </section>`}
    <${TableWrap} label="Results"><table class="table">
      <thead><tr><th class="num">Place</th><th>Player</th><th>Team</th><th class="num">Score</th>
        <th class="num">Right</th><th class="num">Coins</th>${questions.map((q, i) => html`<th class="num" key=${i} scope="col" title=${q.text}>Q${i + 1}</th>`)}</tr></thead>
      <tbody>${players.map((p) => {
        const byQ = Object.fromEntries(p.answers.map((a) => [a.question, a]));
        return html`<tr key=${p.player}>
          <td class="num">${p.kicked ? 'removed' : p.rank}</td><td>${p.nickname}</td><td>${p.team ? ANIMAL_NAMES[p.team] : ''}</td>
          <td class="num">${p.score}</td><td class="num">${p.correct}</td><td class="num" data-coins>${p.coins || ''}</td>
          ${questions.map((_, i) => html`<td class="num" key=${i}>${byQ[i] ? (byQ[i].correct ? `✓ ${byQ[i].points}` : '✗') : '–'}</td>`)}
        </tr>`;
      })}</tbody>
    </table></${TableWrap}>
    ${questions.length > 0 && html`<section class="stack" aria-labelledby="played-title">
      <h2 id="played-title">The questions</h2>
      <ol class="game-played" data-played=${questions.length}>
        ${questions.map((q, i) => html`<li key=${i}>${q.text} <span class="muted">Right answer: ${q.options[q.correct]}</span></li>`)}
      </ol>
    </section>`}
  </div>`;
}
