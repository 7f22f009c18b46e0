// /teacher/classes/:id/board: the live board for the projector. Eight
// animal columns fill up as students finish the quiz. Updates come over
// the WebSocket /ws (topic "class:<id>"); after every (re)connect the page
// fetches the whole board, so nothing is missed while the socket was down.
// The class values, once a vote is finalized, show above the columns; the
// same socket says when the teacher finalizes or resets the vote.

import { html, useEffect, useRef, useState } from '../preact.js';
import { api } from '../api.js';
import { Button, ErrorBox, plural, setTitle, stillWorking, useAction, useAsync } from '../ui.js';
import { ClassValuesList, useClassSocket } from '../lounge.js';
import { ANIMALS, animalArt, classHome, useBodyClass } from '../insight.js';

// Board states carry a version; an older one (a slow HTTP answer that
// crossed a newer push) never replaces a newer one.
function useLiveBoard(classId) {
  const [board, setBoard] = useState(null);
  const [error, setError] = useState(null);
  // Bumped when the class values may have changed (a vote was finalized or
  // reset, or the socket reconnected): the page loads them again.
  const [valuesTick, setValuesTick] = useState(0);
  const version = useRef(0);

  const apply = (msg) => {
    if (!msg || !msg.board || msg.version < version.current) return;
    version.current = msg.version;
    setBoard(msg.board);
  };
  const fetchBoard = () => api.get(`/classes/${classId}/board`).then(apply, (err) => setError(err));
  useEffect(() => { fetchBoard(); }, [classId]);

  const status = useClassSocket(classId, (msg) => {
    if (msg.type === 'board') apply(msg);
    else if (msg.type === 'values_session') setValuesTick((n) => n + 1);
    else if (msg.type === 'error') setError(msg.message);
  }, () => {
    // Catch up on whatever happened while the socket was down.
    setError(null);
    fetchBoard();
    setValuesTick((n) => n + 1);
  });
  return { board, status, error, apply, valuesTick };
}

// The class's values (the latest finalized vote), big enough for the back
// row; nothing while the class has none. A failed load keeps what shows.
// data-vote-state is the state of the class's current vote as last loaded
// (none, open, closed, finalized).
function BoardValues({ classId, tick }) {
  const values = useAsync((signal) => api.get(`/classes/${encodeURIComponent(classId)}/values`, { signal }), [classId, tick]);
  if (!values.data) return null;
  const { session, results } = values.data;
  return html`<div data-vote-state=${session ? session.state : 'none'}>
    ${results.winners.length > 0 && html`<section class="board-values" aria-labelledby="board-values-title" data-board-values>
      <h2 id="board-values-title" class="board-values-title">Our class values</h2>
      <${ClassValuesList} results=${results} board />
    </section>`}
  </div>`;
}

function Column({ animal, arrivals, names, seen }) {
  return html`<section class="board-col" data-animal=${animal.code} aria-label=${`${animal.name}: ${arrivals.length}`}>
    <header class="board-col-head" style=${{ '--col': animal.color }}>
      <img src=${animalArt(animal.code)} alt="" width="64" height="64" />
      <div class="board-count" data-count=${arrivals.length}>${arrivals.length}</div>
      <div class="board-col-name">${animal.name}</div>
    </header>
    <ul class=${`board-list${names ? '' : ' board-list-dots'}`}>
      ${arrivals.map((a) => html`<li key=${a.id} class=${`board-chip${seen.has(a.id) ? '' : ' arrive'}`}
          style=${{ '--col': animal.color }}>
        ${names ? a.name : html`<span class="visually-hidden">${a.name}</span>`}
      </li>`)}
    </ul>
  </section>`;
}

// Who is working on the quiz right now (passed the name check, not
// finished); each name leaves when it finishes or its pending join expires.
function Working({ rows, names }) {
  const [, tick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => tick((n) => n + 1), 30000);
    return () => clearInterval(t);
  }, []);
  const working = stillWorking(rows);
  return html`<section class="board-working" aria-labelledby="board-working-title" data-working-count=${working.length}>
    <h2 id="board-working-title" class="board-working-title">Working on the quiz: ${working.length}</h2>
    ${working.length > 0 && html`<ul class=${`board-working-list${names ? '' : ' board-list-dots'}`}>
      ${working.map((w) => html`<li key=${w.name} class="board-chip board-chip-working" data-working=${w.name}>
        ${names ? w.name : html`<span class="visually-hidden">${w.name}</span>`}</li>`)}
    </ul>`}
  </section>`;
}

// The join strip: the class code, the link and the QR code, big enough to
// read and scan from the back of the room, so latecomers join from the
// board. It can be hidden (remembered per browser).
function JoinStrip({ classId, onHide }) {
  const cls = useAsync((signal) => api.get(`/classes/${encodeURIComponent(classId)}`, { signal }), [classId]);
  if (!cls.data) return null;
  const c = cls.data.class;
  if (c.archived) return null;
  return html`<section class="board-join" aria-labelledby="board-join-title" data-join-strip>
    <img class="board-join-qr" src=${`/api/v1/classes/${c.id}/qr.svg?c=${c.code}`} alt=${`QR code of ${c.joinUrl}`} width="160" height="160" />
    <div class="board-join-text">
      <h2 id="board-join-title" class="board-join-title">Join this class</h2>
      <p class="board-join-code mb-0" data-class-code>${c.code}</p>
      <p class="board-join-link mb-0">${c.joinUrl}</p>
    </div>
    <${Button} variant="ghost" size="small" class="board-join-hide" onClick=${onHide}>Hide the join strip<//>
  </section>`;
}

export default function ClassBoardPage({ params }) {
  const classId = params.id;
  useBodyClass('board-body');
  const { board, status, error, apply, valuesTick } = useLiveBoard(classId);
  const [names, setNames] = useState(() => localStorage.getItem('ag.board.names') !== 'off');
  const [full, setFull] = useState(Boolean(document.fullscreenElement));
  const [showJoin, setShowJoin] = useState(() => localStorage.getItem('ag.board.join') !== 'off');
  const toggleJoin = () => {
    localStorage.setItem('ag.board.join', showJoin ? 'off' : 'on');
    setShowJoin(!showJoin);
  };
  // Students already on screen: only newcomers get the arrival animation.
  const seen = useRef(new Set());
  const [seenNow, setSeenNow] = useState(new Set());

  const className = board ? board.className : '';
  useEffect(() => setTitle(className ? `${className}: live board` : 'Live board'), [className]);
  useEffect(() => {
    const onFs = () => setFull(Boolean(document.fullscreenElement));
    document.addEventListener('fullscreenchange', onFs);
    return () => document.removeEventListener('fullscreenchange', onFs);
  }, []);
  useEffect(() => {
    if (!board) return undefined;
    setSeenNow(new Set(seen.current));
    const t = setTimeout(() => { for (const a of board.arrivals) seen.current.add(a.id); }, 50);
    return () => clearTimeout(t);
  }, [board]);

  const fresh = useAction(async (clear) => {
    const msg = clear ? await api.del(`/classes/${classId}/board/fresh`) : await api.post(`/classes/${classId}/board/fresh`);
    apply(msg);
  });
  const toggleNames = () => {
    localStorage.setItem('ag.board.names', names ? 'off' : 'on');
    setNames(!names);
  };
  const toggleFull = () => (document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen()).catch(() => {});

  const byAnimal = Object.fromEntries(ANIMALS.map((a) => [a.code, []]));
  for (const a of board ? board.arrivals : []) byAnimal[a.animal]?.push(a);
  const total = board ? board.arrivals.length : 0;

  return html`<main id="main" class="board" tabindex="-1">
    <div class="board-top">
      <div>
        <h1 class="board-title">${className || 'Live board'}</h1>
        <p class="board-sub" aria-live="polite">
          <span class=${`board-status board-status-${status}`}>${status === 'live' ? 'Live' : status === 'offline' ? 'Reconnecting…' : 'Connecting…'}</span>
          <span data-total=${total}>${total} finished${board && board.freshSince ? ' since the fresh start' : ''}</span>
          ${board && html`<span> of ${board.total} ${plural(board.total, 'student', 'students')}</span>`}
        </p>
      </div>
      <div class="cluster board-controls">
        <${Button} variant="secondary" size="small" onClick=${toggleNames} aria-pressed=${String(names)}>${names ? 'Hide names' : 'Show names'}<//>
        ${!showJoin && html`<${Button} variant="secondary" size="small" onClick=${toggleJoin}>Show the join strip<//>`}
        <${Button} variant="secondary" size="small" onClick=${toggleFull}>${full ? 'Leave full screen' : 'Full screen'}<//>
        <${Button} variant="secondary" size="small" busy=${fresh.busy} onClick=${() => fresh.run(false)}
          title="Show only students who finish from now on. Nothing is deleted.">Start fresh<//>
        ${board && board.freshSince ? html`<${Button} variant="ghost" size="small" onClick=${() => fresh.run(true)}>Show everyone<//>` : null}
        <${Button} variant="ghost" size="small" href=${classHome(classId)}>Back to the class<//>
      </div>
    </div>
    <${ErrorBox} error=${error || fresh.error} />
    ${showJoin && html`<${JoinStrip} classId=${classId} onHide=${toggleJoin} />`}
    ${board && html`<${Working} rows=${board.working} names=${names} />`}
    <${BoardValues} classId=${classId} tick=${valuesTick} />
    <div class="board-cols">
      ${ANIMALS.map((a) => html`<${Column} key=${a.code} animal=${a} arrivals=${byAnimal[a.code]} names=${names} seen=${seenNow} />`)}
    </div>
  </main>`;
}
