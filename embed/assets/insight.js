// Shared pieces of the teacher insight pages: the animal, genius and style
// tables, the class sub-navigation, SVG bar charts and small formatters.

import { html, useEffect, useRef } from './preact.js';
import { api, formatTime } from './api.js';
import { useAsync } from './ui.js';
import { assetURL } from './asset-url.js';

/** The eight animals in the quiz's order (codes, names, colours, genius). */
export const ANIMALS = [
  { code: 'meerkat', name: 'Meerkat', color: '#4B4959', genius: 'feeler' },
  { code: 'panda', name: 'Panda', color: '#82BCC8', genius: 'feeler' },
  { code: 'owl', name: 'Owl', color: '#BAC97D', genius: 'thinker' },
  { code: 'beaver', name: 'Beaver', color: '#829B79', genius: 'doer' },
  { code: 'elephant', name: 'Elephant', color: '#BD85C8', genius: 'feeler' },
  { code: 'otter', name: 'Otter', color: '#FACC7D', genius: 'doer' },
  { code: 'parrot', name: 'Parrot', color: '#FF8070', genius: 'thinker' },
  { code: 'border_collie', name: 'Border Collie', color: '#DEA77E', genius: 'doer' },
];
const animalByCode = Object.fromEntries(ANIMALS.map((a) => [a.code, a]));
export const animalName = (code) => animalByCode[code]?.name || '';
export const animalArt = (code) => assetURL(`/art/animals/${code}.svg`);

export const GENIUS = { thinker: 'Thinker', feeler: 'Feeler', doer: 'Doer' };
export const STYLES = {
  visual: 'Visual', auditory: 'Auditory', readingWriting: 'Reading & Writing', kinesthetic: 'Hands-On',
};
export const BALANCE = {
  genius: 'Mix genius types', energy: 'Mix quiet and outgoing (E/I)', style: 'Mix learning styles', random: 'Random',
};

/** The class's own page (settings, code, passports), where "Back" goes. */
export const classHome = (classId) => `/teacher/classes/${classId}`;

/** An API time (or a Date) as "3 Mar, 09:15" in the browser's language ("" for none). */
export function formatShort(t, withYear = false) {
  const opts = { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' };
  if (withYear) opts.year = 'numeric';
  return t instanceof Date ? t.toLocaleString(undefined, opts) : formatTime(t, opts);
}

/** Share 0..1 as "25%". */
export const percent = (share) => `${Math.round(share * 100)}%`;

/** An animal's picture and name. */
export function AnimalTag({ code, size = 28, showName = true }) {
  if (!code) return html`<span class="muted">not yet</span>`;
  return html`<span class="animal-tag">
    <img src=${animalArt(code)} alt="" width=${size} height=${size} />${showName && html`<span>${animalName(code)}</span>`}
  </span>`;
}

export function GeniusBadge({ code }) {
  if (!code) return null;
  return html`<span class=${`badge accent-${code}`}>${GENIUS[code]}</span>`;
}

/**
 * Loads the class (name, code...) for page headings: GET /classes/:id.
 * Returns the useAsync state with data = the class object.
 */
export function useClass(classId) {
  return useAsync(async (signal) => {
    const data = await api.get(`/classes/${classId}`, { signal });
    return (data && data.class) || data;
  }, [classId]);
}

const TABS = [
  ['', 'Class'],
  ['/analytics', 'Analytics'],
  ['/pairings', 'Pairings'],
  ['/groups', 'Groups'],
  ['/board', 'Live board'],
  ['/report', 'Class report'],
  ['/economy', 'Coins and store'],
  ['/lessons', 'Lessons'],
  ['/values', 'Values'],
];

/** The links between a class's pages. */
export function ClassTabs({ classId, active }) {
  // On a phone the row scrolls: bring the current tab into view.
  const nav = useRef(null);
  useEffect(() => {
    const cur = nav.current && nav.current.querySelector('[aria-current="page"]');
    if (cur && nav.current.scrollWidth > nav.current.clientWidth) {
      nav.current.scrollLeft += cur.getBoundingClientRect().left - nav.current.getBoundingClientRect().left - 16;
    }
  }, [active]);
  return html`<nav class="class-tabs no-print" aria-label="Class pages" ref=${nav}>
    ${TABS.map(([suffix, label]) => html`<a href=${`${classHome(classId)}${suffix}`}
        aria-current=${active === suffix ? 'page' : undefined}>${label}</a>`)}
  </nav>`;
}

/**
 * A horizontal bar chart as inline SVG. `counts` are {key, label, color,
 * count, share}. With `onSelect`, each bar is a button (click, Enter or
 * Space) that calls onSelect(key), and `selected` marks the chosen bar.
 */
export function BarChart({ title, counts, selected, onSelect, labelWidth = 130 }) {
  const max = Math.max(1, ...counts.map((c) => c.count));
  const rowH = 30;
  const width = 460;
  const barMax = width - labelWidth - 70;
  const height = counts.length * rowH + 4;
  const pick = (key) => onSelect && onSelect(key === selected ? '' : key);
  const onKey = (e, key) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      pick(key);
    }
  };
  return html`<figure class="chart">
    <figcaption>${title}</figcaption>
    <svg viewBox=${`0 0 ${width} ${height}`} width="100%" role="group" aria-label=${title}>
      ${counts.map((c, i) => {
        const y = i * rowH + 2;
        const w = c.count ? Math.max(4, (c.count / max) * barMax) : 0;
        const isSel = selected === c.key;
        // A bar that filters is a button named by the words on screen (what
        // a voice-control user says to press it), described by what it
        // does; a bar that does not is an image with those words as its name.
        const shown = `${c.label} ${c.count} · ${percent(c.share)}`;
        return html`<g key=${c.key} class=${`chart-row${isSel ? ' selected' : ''}${onSelect ? ' clickable' : ''}`}
            data-key=${c.key}
            role=${onSelect ? 'button' : 'img'} tabindex=${onSelect ? '0' : undefined}
            aria-pressed=${onSelect ? String(isSel) : undefined} aria-label=${onSelect ? undefined : shown}
            onClick=${() => pick(c.key)} onKeyDown=${(e) => onKey(e, c.key)}>
          ${onSelect && html`<desc>Show these students in the roster</desc>`}
          <rect class="chart-hit" x="0" y=${y} width=${width} height=${rowH - 2} rx="6" />
          <text x=${labelWidth - 8} y=${y + rowH / 2 + 4} text-anchor="end" class="chart-label">${c.label}</text>
          <rect x=${labelWidth} y=${y + 5} width=${barMax} height=${rowH - 12} rx="5" class="chart-track" />
          <rect x=${labelWidth} y=${y + 5} width=${w} height=${rowH - 12} rx="5" fill=${c.color || '#6D28D9'} class="chart-bar" />
          <text x=${labelWidth + barMax + 8} y=${y + rowH / 2 + 4} class="chart-value">${c.count} · ${percent(c.share)}</text>
        </g>`;
      })}
    </svg>
  </figure>`;
}

/**
 * The four axes of a student's pole counts as diverging bars: each axis
 * shows both poles, the stronger one filled in.
 */
export function PoleChart({ poles }) {
  const axes = [['E', 'I', 'Outgoing', 'Quiet'], ['S', 'N', 'Facts', 'Ideas'], ['T', 'F', 'Logic', 'Feelings'], ['J', 'P', 'Plans', 'Go with the flow']];
  const width = 520;
  const label = 150; // room for the words on each side
  const mid = width / 2;
  const half = mid - label - 6;
  const rowH = 40;
  const max = Math.max(1, ...axes.map(([a, b]) => Math.max(poles[a] || 0, poles[b] || 0)));
  return html`<figure class="chart pole-chart">
    <figcaption>How the answers leaned</figcaption>
    <svg viewBox=${`0 0 ${width} ${axes.length * rowH + 6}`} width="100%" role="img"
        aria-label=${axes.map(([a, b]) => `${a} ${poles[a] || 0}, ${b} ${poles[b] || 0}`).join('; ')}>
      <line x1=${mid} y1="0" x2=${mid} y2=${axes.length * rowH} class="pole-mid" />
      ${axes.map(([a, b, la, lb], i) => {
        const y = i * rowH + 8;
        const va = poles[a] || 0;
        const vb = poles[b] || 0;
        const wa = (va / max) * half;
        const wb = (vb / max) * half;
        const strongA = va >= vb;
        return html`<g key=${a}>
          <rect x=${mid - wa} y=${y} width=${wa} height="20" rx="4" class=${strongA ? 'pole-strong' : 'pole-weak'} />
          <rect x=${mid} y=${y} width=${wb} height="20" rx="4" class=${strongA ? 'pole-weak' : 'pole-strong'} />
          <text x=${label} y=${y + 15} text-anchor="end" class=${`chart-label${strongA ? ' pole-win' : ''}`}>${la} (${a}) ${va}</text>
          <text x=${width - label} y=${y + 15} class=${`chart-label${strongA ? '' : ' pole-win'}`}>${vb} ${lb} (${b})</text>
        </g>`;
      })}
    </svg>
  </figure>`;
}

/** Calls window.print() after the page has rendered (for a "Print" button). */
export function printPage() {
  window.print();
}

/** Sets a class on <body> while mounted (e.g. full-screen board styles). */
export function useBodyClass(name) {
  useEffect(() => {
    document.body.classList.add(name);
    return () => document.body.classList.remove(name);
  }, [name]);
}

/** The students of one "keep an eye on" list: the finished ones of a
 * roster answer (sorted by name) whose animal is one of the list's. The
 * analytics answer only counts them; the roster names them. */
export function listStudents(list, students) {
  return students.filter((s) => list.animals.includes(s.animal));
}
