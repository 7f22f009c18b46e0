// Shared bits of the Learning Lounge, the class values vote and the
// achievements: the stylesheet, the class socket for the vote, time left,
// the achievement badges and the class values list.

import { html, useEffect, useRef, useState } from './preact.js';
import { api } from './api.js';
import { Button, countOf, plural, useAsync } from './ui.js';

// lounge.css is loaded only by the pages that use it.
export function useLoungeStyles() {
  useEffect(() => {
    if (document.querySelector('link[data-lounge-css]')) return;
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = '/assets/lounge.css';
    link.dataset.loungeCss = '';
    document.head.appendChild(link);
  }, []);
}

export const STATUS_WORDS = { not_started: 'Not started', in_progress: 'In progress', completed: 'Completed' };

// Where an activity's link goes, for a class.
export const LINKS = {
  board: ['/board', 'Open the live board'],
  pairings: ['/pairings', 'Open the pairings'],
  groups: ['/groups', 'Open the group maker'],
  report: ['/report', 'Open the class report'],
  values: ['/values', 'Open the values vote'],
  poster: ['/values/poster', 'Open the values poster'],
};

/** "12:05" left until closesAt, counting down every second (server time offset applied). */
export function useTimeLeft(closesAt, serverNow) {
  const offset = useRef(0);
  useEffect(() => {
    if (serverNow) offset.current = Date.parse(serverNow) - Date.now();
  }, [serverNow]);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  if (!closesAt) return null;
  return Math.max(0, Date.parse(closesAt) - (now + offset.current));
}

export function clock(ms) {
  const s = Math.ceil(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * Follows the class's socket topic (teacher only) and calls onMessage with
 * every message; calls onConnect after each (re)connect so the page can
 * catch up. Returns "connecting" | "live" | "offline".
 */
export function useClassSocket(classId, onMessage, onConnect) {
  const [status, setStatus] = useState('connecting');
  const handlers = useRef({ onMessage, onConnect });
  handlers.current = { onMessage, onConnect };
  useEffect(() => {
    let ws = null;
    let stopped = false;
    let retry = 0;
    let timer = null;
    const connect = () => {
      ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`);
      ws.onopen = () => ws.send(JSON.stringify({ type: 'subscribe', topic: `class:${classId}` }));
      ws.onmessage = (e) => {
        let msg;
        try { msg = JSON.parse(e.data); } catch { return; }
        if (msg.type === 'subscribed') {
          retry = 0;
          setStatus('live');
          handlers.current.onConnect && handlers.current.onConnect();
        } else {
          handlers.current.onMessage(msg);
        }
      };
      ws.onclose = () => {
        if (stopped) return;
        setStatus('offline');
        const wait = Math.min(15000, 1000 * 2 ** retry) * (0.8 + Math.random() * 0.4);
        retry = Math.min(retry + 1, 4);
        timer = setTimeout(connect, wait);
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      if (ws) ws.close();
    };
  }, [classId]);
  return status;
}

// Achievement pictures: simple shapes of our own, drawn inline.
const ICONS = {
  paw: html`<g fill="currentColor"><circle cx="12" cy="15" r="4.5"/><circle cx="6" cy="9" r="2.2"/><circle cx="10" cy="5.5" r="2.2"/><circle cx="14" cy="5.5" r="2.2"/><circle cx="18" cy="9" r="2.2"/></g>`,
  bag: html`<g fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"><path d="M5 8h14l-1 12H6z"/><path d="M9 8a3 3 0 0 1 6 0"/></g>`,
  heart: html`<path fill="currentColor" d="M12 20s-7-4.5-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.5-7 10-7 10z"/>`,
  controller: html`<g fill="none" stroke="currentColor" stroke-width="2"><rect x="3" y="8" width="18" height="9" rx="4.5"/><path d="M8 10.5v4M6 12.5h4"/><circle cx="16" cy="11.5" r=".8" fill="currentColor"/><circle cx="18" cy="13.5" r=".8" fill="currentColor"/></g>`,
  trophy: html`<g fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"><path d="M7 4h10v5a5 5 0 0 1-10 0z"/><path d="M7 6H4a3 3 0 0 0 3 4M17 6h3a3 3 0 0 1-3 4M12 14v3M8 20h8"/></g>`,
  ballot: html`<g fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"><rect x="4" y="10" width="16" height="10" rx="1"/><path d="M8 10V4h8v6M10 7l1.5 1.5L14 6"/></g>`,
  book: html`<g fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"><path d="M4 5c3-1 6-1 8 1 2-2 5-2 8-1v14c-3-1-6-1-8 1-2-2-5-2-8-1z"/><path d="M12 6v14"/></g>`,
  star: html`<path fill="currentColor" d="M12 3l2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1L3.2 9.5l6.1-.9z"/>`,
};

export function AchievementIcon({ icon, size = 40 }) {
  return html`<svg viewBox="0 0 24 24" width=${size} height=${size} aria-hidden="true">${ICONS[icon] || ICONS.star}</svg>`;
}

/** One achievement as a badge: earned, or greyed out with progress. */
export function AchievementBadge({ a }) {
  return html`<li class=${`achievement${a.earned ? ' earned' : ''}`} data-achievement=${a.code} data-earned=${a.earned ? 'yes' : 'no'}>
    <span class="achievement-icon"><${AchievementIcon} icon=${a.icon} /></span>
    <span>
      <strong>${a.title}</strong>
      <span class="muted small">${a.description}</span>
      ${!a.earned && a.goal ? html`<span class="small achievement-progress">${a.value || 0} of ${a.goal}</span>` : null}
      ${a.earned ? html`<span class="visually-hidden">Earned</span>` : html`<span class="visually-hidden">Not earned yet</span>`}
    </span>
  </li>`;
}

/**
 * The class values as a list per cluster (results.winners): big for the
 * poster, board for the live board (its own colours on the dark screen,
 * in insight.css).
 */
export function ClassValuesList({ results, big, board }) {
  if (!results || !results.winners || results.winners.length === 0) return null;
  const byCluster = [];
  for (const w of results.winners) {
    let group = byCluster.find((g) => g.cluster === w.cluster);
    if (!group) byCluster.push((group = { cluster: w.cluster, title: w.clusterTitle, values: [] }));
    group.values.push(w);
  }
  const layout = board ? 'board-values-grid' : `grid grid-2${big ? ' values-big' : ''}`;
  return html`<div class=${`values-result ${layout}`} data-class-values>
    ${byCluster.map((g) => html`<section key=${g.cluster} class="values-cluster">
      <h3>${g.title}</h3>
      <ul>${g.values.map((v) => html`<li key=${v.value} data-value=${v.value}><strong class="values-name">${v.name}</strong> <span class=${board ? 'values-desc' : 'values-desc muted'}>${v.description}</span></li>`)}</ul>
    </section>`)}
  </div>`;
}

/**
 * While `waiting`, calls reload every `every` ms when the page is shown: a
 * teacher opens the vote (or finalizes it) while pupils sit on their page.
 * One small read per pupil; nothing while the page is hidden.
 */
export function usePollWhile(waiting, reload, every = 10000) {
  useEffect(() => {
    if (!waiting) return undefined;
    const t = setInterval(() => { if (document.visibilityState === 'visible') reload(); }, every);
    return () => clearInterval(t);
  }, [waiting, reload, every]);
}

/** Loads /student/values (the student home's vote card and class values). */
export function loadStudentValues(signal) {
  return api.get('/student/values', { signal });
}

/** The class page's Learning Lounge card: lessons completed, the lesson under way, and the class values. */
export function ClassLoungeSummary({ classId }) {
  useLoungeStyles();
  const data = useAsync(async (signal) => {
    const [l, v] = await Promise.all([api.get(`/classes/${classId}/lessons`, { signal }), api.get(`/classes/${classId}/values`, { signal })]);
    return { lessons: l.lessons, values: v };
  }, [classId]);
  if (!data.data) return null;
  const { lessons, values } = data.data;
  const completed = lessons.filter((p) => p.completions > 0).length;
  const current = lessons.find((p) => p.status === 'in_progress');
  const open = values.session && values.session.state === 'open';
  return html`<section class="card stack" aria-labelledby="lounge-h" data-lounge-summary>
    <h2 id="lounge-h" class="mb-0">Learning Lounge</h2>
    <p class="mb-0" data-lessons-completed>${completed} of ${lessons.length} lessons completed${current ? html` · now: <a href=${`/teacher/classes/${classId}/lessons/${current.lessonId}`}>${current.title}</a>, activity ${current.currentActivity} of 4` : ''}</p>
    ${open && html`<p class="mb-0"><strong>A values vote is open:</strong> ${values.voters.length} of ${countOf(values.students.length, 'student', 'students')} ${plural(values.students.length, 'has', 'have')} voted.</p>`}
    ${values.results.winners.length > 0 && html`<div><h3>Our class values</h3><${ClassValuesList} results=${values.results} /></div>`}
    <div class="cluster">
      <${Button} size="small" variant="secondary" href=${`/teacher/classes/${classId}/lessons`}>Lessons<//>
      <${Button} size="small" variant="secondary" href=${`/teacher/classes/${classId}/values`}>Values vote<//>
    </div>
  </section>`;
}
