// The player's screen at /play and /play/:pin: join with the PIN and a
// nickname (or as the signed-in student), then answer on big coloured
// buttons. The rejoin token is kept in localStorage, so a refresh or a
// Wi-Fi drop brings the player back with the same score.

import { html, useEffect, useRef, useState } from '../preact.js';
import { Button, countOf, ErrorBox, Field, Layout, Notice, Spinner, setTitle } from '../ui.js';
import {
  ANIMAL_NAMES, CLOSE, GameSocket, OPTION_LOOKS, secondsLeft, useGameStyles,
} from '../game-socket.js';
import { assetURL } from '../asset-url.js';

const SAVED = 'ag_game';

function loadSaved() {
  try {
    const v = JSON.parse(window.localStorage.getItem(SAVED) || 'null');
    return v && typeof v.pin === 'string' && typeof v.token === 'string' ? { ...v, asStudent: v.asStudent === true } : null;
  } catch {
    return null;
  }
}
// asStudent: the seat is the signed-in pupil's; its rejoin needs the
// pupil's session (the socket opens with ?as=student).
const save = (pin, token, asStudent) => window.localStorage.setItem(SAVED, JSON.stringify({ pin, token, asStudent }));
const forget = () => window.localStorage.removeItem(SAVED);

// Errors after which the saved place is no use.
const GONE = new Set(['bad_token', 'kicked', 'game_over', 'no_game']);

export default function PlayPage({ params }) {
  useGameStyles();
  useEffect(() => setTitle('Play'), []);
  const [pin, setPin] = useState(params.pin || '');
  const [nickname, setNickname] = useState('');
  const [asMe, setAsMe] = useState(false); // joined from the student session: show the student's avatar
  const [team, setTeam] = useState('');
  const [needTeam, setNeedTeam] = useState(false);
  const [view, setView] = useState('join'); // join | connecting | lobby | question | locked | result | ended | gone
  const [me, setMe] = useState(null);
  const [question, setQuestion] = useState(null);
  const [reveal, setReveal] = useState(null);
  const [result, setResult] = useState(null);
  const [final, setFinal] = useState(null);
  const [podium, setPodium] = useState(null);
  const [error, setError] = useState('');
  const [goneWhy, setGoneWhy] = useState('');
  const [, tick] = useState(0);
  const sock = useRef(null);
  const pending = useRef(null); // the frame to send on (re)connection
  const viewRef = useRef(view);
  viewRef.current = view;

  const onMessage = (m) => {
    switch (m.type) {
      case 'joined':
        save(m.pin, m.token, m.asStudent === true);
        setAsMe(m.asStudent === true);
        pending.current = { type: 'rejoin', pin: m.pin, token: m.token };
        setMe(m);
        setError('');
        if (m.question) {
          setQuestion({ ...m.question, deadline: performance.now() + m.question.remainingMs });
          setView(m.answered ? 'locked' : 'question');
        } else {
          setView(m.phase === 'lobby' ? 'lobby' : 'result');
        }
        break;
      case 'question':
        setQuestion({ ...m, deadline: performance.now() + m.remainingMs });
        setResult(null);
        setView('question');
        break;
      case 'answer_locked':
        setView('locked');
        break;
      case 'reveal':
        // A player's reveal carries the player's own outcome as "you".
        setReveal(m);
        if (m.you) {
          setResult(m.you);
          setMe((old) => old && { ...old, score: m.you.score, rank: m.you.rank });
          setView('result');
        }
        break;
      case 'ended':
        setPodium(m);
        break;
      case 'final':
        setFinal(m);
        forget();
        setView('ended');
        break;
      case 'error':
        if (m.code === 'pick_team') {
          setNeedTeam(true);
          setView('join');
        } else if (GONE.has(m.code) && m.request === 'rejoin') {
          forget();
          pending.current = null;
          setView('join');
        } else if (m.code === 'kicked') {
          forget();
          setGoneWhy(m.message);
          setView('gone');
          return;
        } else if (viewRef.current === 'connecting') {
          setView('join');
        }
        setError(m.message);
        break;
      default:
    }
  };

  const onClose = (code, reason, retry) => {
    if (code === CLOSE.kicked) {
      forget();
      setGoneWhy(reason || 'The teacher removed you from this game.');
      setView('gone');
    } else if (code === CLOSE.replaced) {
      setGoneWhy('You opened this game on another screen. Carry on there.');
      setView('gone');
    } else if (code === CLOSE.gameOver) {
      if (viewRef.current !== 'ended') {
        forget();
        setGoneWhy(reason || 'The game is over.');
        setView('gone');
      }
    } else if (!retry && viewRef.current !== 'ended' && viewRef.current !== 'join') {
      setGoneWhy(reason || 'We lost the connection. Reload the page to join again.');
      setView('gone');
    } else if (retry && viewRef.current !== 'join' && viewRef.current !== 'ended') {
      setError('Connection lost. Reconnecting…');
    }
  };

  const start = (frame, asStudent = frame.asStudent) => {
    pending.current = frame;
    if (sock.current && sock.current.open) {
      sock.current.send(frame);
      return;
    }
    if (sock.current) sock.current.stop();
    const s = new GameSocket({
      query: asStudent ? 'as=student' : '',
      onOpen: () => pending.current && s.send(pending.current),
      onMessage,
      onClose,
    });
    sock.current = s;
    s.connect();
  };

  useEffect(() => {
    const saved = loadSaved();
    if (saved && (!params.pin || params.pin === saved.pin)) {
      setView('connecting');
      start({ type: 'rejoin', pin: saved.pin, token: saved.token }, saved.asStudent);
    }
    const t = setInterval(() => tick((n) => n + 1), 250);
    return () => {
      clearInterval(t);
      if (sock.current) sock.current.stop();
    };
  }, []);

  const join = (e, asStudent) => {
    e?.preventDefault();
    setError('');
    const clean = pin.replace(/\D/g, '');
    if (clean.length !== 6) {
      setError('The PIN has 6 digits. Check the number on the screen.');
      return;
    }
    const frame = { type: 'join', pin: clean };
    setAsMe(Boolean(asStudent));
    if (asStudent) frame.asStudent = true;
    else frame.nickname = nickname;
    if (team) frame.team = team;
    setView('connecting');
    start(frame);
  };

  const answer = (i) => {
    if (!question || viewRef.current !== 'question') return;
    if (!sock.current.send({ type: 'answer', question: question.index, option: i })) {
      setError('Not connected right now. Try again in a moment.');
    }
  };

  let body;
  if (view === 'join' || view === 'connecting') {
    body = html`<form class="card stack" onSubmit=${(e) => join(e, false)}>
      <h1 class="mt-0">Join a game</h1>
      <${Field} label="Game PIN" inputmode="numeric" autocomplete="off" maxlength="7" class="input-code"
        value=${pin} onInput=${(e) => setPin(e.currentTarget.value)} required />
      <${Field} label="Your nickname" hint="1 to 20 letters or numbers. Be kind: the whole class sees it."
        maxlength="20" autocomplete="nickname" value=${nickname} onInput=${(e) => setNickname(e.currentTarget.value)} />
      ${needTeam && html`<fieldset class="stack">
        <legend class="field-label">This is a team game. Pick your animal team:</legend>
        <div class="game-team-picker">
          ${Object.entries(ANIMAL_NAMES).map(([code, name]) => html`<button type="button" key=${code}
              aria-pressed=${team === code ? 'true' : 'false'} onClick=${() => setTeam(code)}>
            <img src=${assetURL(`/art/animals/${code}.svg`)} alt="" width="48" height="48" />${name}
          </button>`)}
        </div>
      </fieldset>`}
      <${ErrorBox} error=${error} />
      <div class="cluster">
        <${Button} type="submit" size="big" busy=${view === 'connecting'}>Join</${Button}>
        <${Button} variant="secondary" onClick=${(e) => join(e, true)} disabled=${view === 'connecting'}>
          Join as me (passport login)
        </${Button}>
      </div>
    </form>`;
  } else if (view === 'lobby') {
    body = html`<div class="card text-center stack">
      <h1 class="game-big">You're in!</h1>
      ${asMe && html`<img class="game-avatar" src="/api/v1/student/avatar.svg" alt="My avatar" width="120" height="120" data-my-avatar />`}
      <p class="lead">${me.nickname}${me.team ? ` · team ${ANIMAL_NAMES[me.team]}` : ''}</p>
      <p>Look at the big screen. The game starts soon.</p>
      <${Spinner} label="Waiting for the teacher…" />
    </div>`;
  } else if (view === 'question' || view === 'locked') {
    const left = secondsLeft(question.deadline);
    body = html`<div class="stack game-play-question">
      <div class="cluster">
        <h1 class="muted game-count-title">Question ${question.index + 1} of ${question.count}</h1>
        <span class="game-timer" role="timer" aria-live="off">${left}</span>
      </div>
      <p class="game-question">${question.text}</p>
      ${question.imageUrl && html`<img key="question-picture" class="game-picture" src=${question.imageUrl} alt="The picture for this question" data-question-picture />`}
      ${view === 'locked'
        ? html`<div class="card text-center"><p class="game-big">Answer locked</p><p>Wait for the others…</p></div>`
        : html`<div class="game-options">
          ${question.options.map((text, i) => html`<button type="button" key=${i}
              class=${`game-option ${OPTION_LOOKS[i].cls}`} disabled=${left <= 0} onClick=${() => answer(i)}>
            <span class="shape" aria-hidden="true">${OPTION_LOOKS[i].shape}</span><span>${text}</span>
          </button>`)}
        </div>`}
      <${ErrorBox} error=${error} />
    </div>`;
  } else if (view === 'result') {
    const right = result && result.correct;
    const correctText = reveal && question && reveal.index === question.index ? question.options[reveal.correct] : null;
    body = html`<div class="card text-center stack">
      ${result
        ? html`<h1 class=${`game-big ${right ? 'game-result-right' : 'game-result-wrong'}`}>
            ${!result.answered ? 'Time is up' : right ? `Right! +${result.points}` : 'Not this time'}</h1>`
        : html`<h1 class="game-big">Get ready…</h1>`}
      ${correctText && !right && html`<p>The answer was <strong>${correctText}</strong>.</p>`}
      <p class="lead">Score ${me.score}${me.rank ? ` · place ${me.rank}` : ''}</p>
      <${Spinner} label="Waiting for the next question…" />
    </div>`;
  } else if (view === 'ended') {
    body = html`<div class="stack-lg">
      <div class="card text-center">
        <h1 class="game-big">Place ${final.rank} of ${final.players}</h1>
        <p class="lead">${countOf(final.score, 'point', 'points')} · ${final.correct} right</p>
      </div>
      ${podium && html`<${Podium} podium=${podium.podium} />`}
      <a class="btn btn-secondary" href="/play" data-native>Play another game</a>
    </div>`;
  } else {
    body = html`<div class="card stack">
      <h1 class="mt-0">The game</h1>
      <${Notice} kind="warning">${goneWhy}</${Notice}>
      <a class="btn btn-primary" href="/play" data-native>Join a game</a>
    </div>`;
  }
  return html`<${Layout} narrow=${view === 'join' || view === 'connecting'}>
    <div class="game-screen">${body}</div>
  <//>`;
}

// gameId (the host's screen only): show the avatars of student players.
export function Podium({ podium, gameId }) {
  return html`<ol class="game-podium" aria-label="Podium">
    ${podium.map((p, i) => html`<li key=${p.id} class=${`step place-${i + 1}`}>
      ${gameId && p.student && html`<img class="game-avatar-small" src=${`/api/v1/games/${gameId}/players/${p.id}/avatar.svg`}
        alt=${`${p.nickname}'s avatar`} width="64" height="64" />`}
      <div class="big-number">${p.rank}</div>
      <div class="name">${p.nickname}</div>
      <div>${countOf(p.score, 'point', 'points')}</div>
    </li>`)}
  </ol>`;
}
