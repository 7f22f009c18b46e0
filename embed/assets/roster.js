// The class roster: sort, filter and search, with the students who have
// not finished the quiz listed apart. Used by the class page and the
// analytics page (where the charts set the filter).

import { html, useEffect, useState } from './preact.js';
import { api, formatTime } from './api.js';
import { ago, countOf, ErrorBox, Spinner, stillWorking, useAsync, TableWrap } from './ui.js';
import { GENIUS, GeniusBadge, STYLES, animalName, formatShort } from './insight.js';

const FILTER_KEYS = ['animal', 'genius', 'style', 'type', 'energy'];

/** Words for an active filter: {animal: 'owl'} -> "Owl". */
export function filterLabel(key, value) {
  switch (key) {
    case 'animal': return animalName(value);
    case 'genius': return GENIUS[value] || value;
    case 'style': return STYLES[value] || value;
    case 'energy': return value === 'E' ? 'Outgoing (E)' : 'Quiet (I)';
    default: return value;
  }
}

const COLUMNS = [
  ['name', 'Name'],
  ['animal', 'Animal'],
  ['genius', 'Genius'],
  ['style', 'Learning style'],
  ['type', 'Type'],
  ['completed', 'Finished'],
  [null, 'Passport code'],
  ['coins', 'Coins'],
  [null, 'Achievements'],
];

/**
 * The roster of a class. `filter` is {animal|genius|style|type|energy:
 * value} (one key at a time from the charts); `onClearFilter` removes it.
 * `reloadKey` changes when the data should be fetched again; `actions(row)`
 * adds buttons to each student's row; `title` heads the section.
 */
export function RosterTable({ classId, filter = {}, onClearFilter, reloadKey = 0, actions, title = 'Roster' }) {
  const [sort, setSort] = useState({ by: 'name', desc: false });
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  // Wait for a pause in typing before asking the server.
  useEffect(() => {
    const t = setTimeout(() => setQuery(search.trim()), 200);
    return () => clearTimeout(t);
  }, [search]);

  const params = new URLSearchParams({ sort: sort.by, dir: sort.desc ? 'desc' : 'asc' });
  for (const k of FILTER_KEYS) if (filter[k]) params.set(k, filter[k]);
  if (query) params.set('q', query);
  const qs = params.toString();
  const roster = useAsync((signal) => api.get(`/classes/${classId}/roster?${qs}`, { signal }), [classId, qs, reloadKey]);
  // How many achievements each student holds (a failure leaves the column empty).
  const earned = useAsync((signal) => api.get(`/classes/${classId}/achievements`, { signal }).catch(() => null), [classId, reloadKey]);
  const counts = (earned.data && earned.data.counts) || {};

  const sortBy = (key) => setSort((s) => ({ by: key, desc: s.by === key ? !s.desc : key === 'completed' || key === 'coins' }));
  const active = FILTER_KEYS.filter((k) => filter[k]);
  const data = roster.data;

  return html`<section class="roster stack" aria-labelledby="roster-title">
    <div class="roster-bar cluster">
      <h2 id="roster-title" class="mb-0">${title}</h2>
      <label class="roster-search">
        <span class="visually-hidden">Search names</span>
        <input class="input" type="search" placeholder="Search names" value=${search} maxlength="40"
          onInput=${(e) => setSearch(e.currentTarget.value)} />
      </label>
      ${active.map((k) => html`<span class="filter-chip" key=${k}>
        Showing: <strong>${filterLabel(k, filter[k])}</strong>
        ${onClearFilter && html`<button type="button" class="btn btn-ghost btn-small" onClick=${() => onClearFilter(k)}>
          Show everyone</button>`}
      </span>`)}
      ${roster.loading && html`<${Spinner} label="Updating…" />`}
    </div>
    <${ErrorBox} error=${roster.error} title="We couldn't load the roster" />
    ${data && html`<${TableWrap} label="Roster table">
      <table class="table roster-table" aria-describedby="roster-count" data-roster>
        <caption id="roster-count" class="visually-hidden">${countOf(data.finished.length, 'finished student', 'finished students')}</caption>
        <thead><tr>
          ${COLUMNS.map(([key, label]) => html`<th key=${label} scope="col"
              aria-sort=${key && sort.by === key ? (sort.desc ? 'descending' : 'ascending') : undefined}>
            ${key ? html`<button onClick=${() => sortBy(key)}>${label}${sort.by === key ? (sort.desc ? ' ▼' : ' ▲') : ''}</button>` : label}
          </th>`)}
          ${actions && html`<th scope="col"><span class="visually-hidden">Actions</span></th>`}
        </tr></thead>
        <tbody>
          ${data.finished.length === 0 && html`<tr><td colspan=${actions ? 10 : 9} class="muted">
            ${active.length || query ? 'No finished student matches.' : 'Nobody has finished the quiz yet.'}</td></tr>`}
          ${data.finished.map((r) => html`<tr key=${r.id} data-student=${r.id}>
            <td class="roster-cell-name"><a href=${`/teacher/classes/${classId}/students/${r.id}`}>${r.name}</a></td>
            <td data-label="Animal"><span class="animal-tag"><img class="roster-avatar" src=${`/api/v1/classes/${classId}/students/${r.id}/avatar.svg`}
              alt="" width="28" height="28" loading="lazy" /><span>${animalName(r.animal)}</span></span></td>
            <td data-label="Genius"><${GeniusBadge} code=${r.genius} /></td>
            <td data-label="Learning style">${STYLES[r.style] || ''}${r.styles && r.styles.length > 1 ? html` <span class="muted small">(multimodal)</span>` : ''}</td>
            <td data-label="Type" class="code">${r.type}</td>
            <td data-label="Finished">${formatShort(r.completedAt)}</td>
            <td data-label="Passport code"><span class="code" data-passport>${r.passportCode}</span></td>
            <td data-label="Coins" class="num">${r.coins}</td>
            <td data-label="Achievements" class="num" data-achievements>${counts[r.id] ?? ''}</td>
            ${actions && html`<td class="roster-cell-actions">${actions(r)}</td>`}
          </tr>`)}
        </tbody>
      </table>
    </${TableWrap}>
    <${NotYet} classId=${classId} data=${data} filtered=${active.length > 0} actions=${actions} />`}
  </section>`;
}

// Not yet finished: pupils working on the quiz right now (they passed the
// name check; not students until they submit, so no link and no code) and
// students without a current result.
function NotYet({ classId, data, filtered, actions }) {
  const working = stillWorking(data.working);
  const n = working.length + data.notYet.length;
  return html`<div class="not-yet card" data-not-yet>
    <h3>Not yet finished (${n})</h3>
    ${n === 0 && html`<p class="muted mb-0">${filtered ? 'Students who have not finished are not counted in this filter.'
      : data.total === 0 ? 'Nobody has joined yet.' : 'Everyone has finished the quiz.'}</p>`}
    ${n > 0 && html`<ul class="not-yet-list">
      ${working.map((w) => html`<li key=${`w-${w.name}`} data-working=${w.name}>
        <span>${w.name}</span>
        <span class="badge badge-working">working on the quiz</span>
        <span class="muted small" title=${formatTime(w.since)}>since ${ago(w.since)}</span></li>`)}
      ${data.notYet.map((r) => html`<li key=${r.id} data-student=${r.id}>
        <a href=${`/teacher/classes/${classId}/students/${r.id}`}>${r.name}</a>
        <span class="code small" data-passport>${r.passportCode}</span>
        ${actions && actions(r)}</li>`)}
    </ul>`}
  </div>`;
}
