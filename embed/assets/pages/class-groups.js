// /teacher/classes/:id/groups: the group maker. Make balanced groups with
// a seed, move students between groups by dragging or with the arrow keys,
// save named groupings, load or delete them, and print.

import { html, useEffect, useRef, useState } from '../preact.js';
import { api } from '../api.js';
import { TeacherPage } from '../auth.js';
import { Button, countOf, ErrorBox, Field, Modal, Notice, useAction, useAsync } from '../ui.js';
import { BALANCE, ClassTabs, GENIUS, STYLES, animalArt, printPage, useClass } from '../insight.js';

const UNASSIGNED = -1;

function tagFor(mode, s) {
  if (!s.done) return 'not yet';
  if (mode === 'genius') return GENIUS[s.genius];
  if (mode === 'energy') return s.type ? (s.type[0] === 'E' ? 'Outgoing' : 'Quiet') : '';
  if (mode === 'style') return STYLES[s.style];
  return '';
}

// Moves student `id` to group `to` (UNASSIGNED for the "no group" list).
function moveStudent(state, id, to) {
  let moved = null;
  const take = (list) => list.filter((s) => (s.id === id ? ((moved = s), false) : true));
  const groups = state.groups.map((g) => ({ ...g, members: take(g.members) }));
  const unassigned = take(state.unassigned);
  if (!moved) return state;
  if (to === UNASSIGNED) unassigned.push(moved);
  else groups[to].members.push(moved);
  return { ...state, groups, unassigned };
}

function Chip({ s, mode, groupIndex, groupCount, onMove }) {
  const onKeyDown = (e) => {
    const next = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
    if (!next) return;
    e.preventDefault();
    // Walk through the groups, with "no group" after the last one.
    const slots = groupCount + 1;
    const here = groupIndex === UNASSIGNED ? groupCount : groupIndex;
    const there = (here + next + slots) % slots;
    onMove(s.id, there === groupCount ? UNASSIGNED : there);
  };
  const tag = tagFor(mode, s);
  return html`<li class="group-chip" draggable="true" tabindex="0" data-chip=${s.id}
      aria-label=${`${s.name}. Press the left or right arrow to move to another group.`}
      onDragStart=${(e) => { e.dataTransfer.setData('text/plain', String(s.id)); e.dataTransfer.effectAllowed = 'move'; }}
      onKeyDown=${onKeyDown}>
    ${s.animal && html`<img src=${animalArt(s.animal)} alt="" width="24" height="24" />`}
    <span class="group-chip-name">${s.name}</span>
    ${tag && html`<span class="group-chip-tag">${tag}</span>`}
  </li>`;
}

function DropZone({ index, title, members, mode, groupCount, onMove, extraClass = '' }) {
  const [over, setOver] = useState(false);
  return html`<section class=${`group-card card ${extraClass}${over ? ' drop-over' : ''}`} data-group=${index}
      onDragOver=${(e) => { e.preventDefault(); e.dataTransfer.dropEffect = 'move'; }}
      onDragEnter=${() => setOver(true)} onDragLeave=${(e) => { if (!e.currentTarget.contains(e.relatedTarget)) setOver(false); }}
      onDrop=${(e) => { e.preventDefault(); setOver(false); const id = Number(e.dataTransfer.getData('text/plain')); if (id) onMove(id, index); }}>
    <h3>${title} <span class="muted small">(${members.length})</span></h3>
    <ul class="group-members">
      ${members.map((s) => html`<${Chip} key=${s.id} s=${s} mode=${mode} groupIndex=${index} groupCount=${groupCount} onMove=${onMove} />`)}
    </ul>
  </section>`;
}

export default function ClassGroupsPage({ params }) {
  const classId = params.id;
  const cls = useClass(classId);
  const [form, setForm] = useState({ size: '4', balance: 'genius', seed: '', onlyFinished: false });
  const [state, setState] = useState(null); // {size, balance, seed, groups, unassigned, name?}
  const [saveName, setSaveName] = useState('');
  const [announce, setAnnounce] = useState('');
  const [focusId, setFocusId] = useState(null);
  const [confirmDelete, setConfirmDelete] = useState(null);
  const [saved, setSaved] = useState('');
  const list = useAsync((signal) => api.get(`/classes/${classId}/groupings`, { signal }), [classId]);
  const resultRef = useRef(null);

  useEffect(() => {
    if (focusId == null) return;
    document.querySelector(`[data-chip="${focusId}"]`)?.focus();
    setFocusId(null);
  }, [focusId]);

  const make = useAction(async () => {
    const body = { size: Number(form.size), balance: form.balance, onlyFinished: form.onlyFinished };
    if (form.seed.trim() !== '') body.seed = Number(form.seed);
    const g = await api.post(`/classes/${classId}/groups`, body);
    setState({ ...g, unassigned: [] });
    setForm((f) => ({ ...f, seed: String(g.seed) }));
    setSaved('');
    setTimeout(() => resultRef.current?.focus(), 0);
  });
  const save = useAction(async (e) => {
    e.preventDefault();
    const body = { name: saveName, size: state.size, balance: state.balance, seed: state.seed,
      groups: state.groups.map((g) => g.members.map((s) => s.id)) };
    const g = await api.post(`/classes/${classId}/groupings`, body);
    setState({ ...g });
    setSaved(`Saved as "${g.name}".`);
    list.reload();
  });
  const load = useAction(async (id) => {
    const g = await api.get(`/classes/${classId}/groupings/${id}`);
    setState(g);
    setSaveName(g.name);
    setSaved('');
    setTimeout(() => resultRef.current?.focus(), 0);
  });
  const remove = useAction(async (id) => {
    await api.del(`/classes/${classId}/groupings/${id}`);
    setConfirmDelete(null);
    list.reload();
  });

  const onMove = (id, to) => {
    setState((s) => moveStudent(s, id, to));
    const who = [...state.groups.flatMap((g) => g.members), ...state.unassigned].find((s) => s.id === id);
    setAnnounce(`${who ? who.name : 'Student'} moved to ${to === UNASSIGNED ? 'no group' : state.groups[to].name}.`);
    setFocusId(id);
    setSaved('');
  };
  const name = cls.data ? cls.data.name : 'Class';
  const set = (k) => (e) => setForm((f) => ({ ...f, [k]: e.currentTarget.type === 'checkbox' ? e.currentTarget.checked : e.currentTarget.value }));

  return html`<${TeacherPage} title=${`${name}: groups`}>${() => html`<div class="stack-lg groups-page">
    <div>
      <h1 class="page-title mb-0">${name}: group maker</h1>
      <${ClassTabs} classId=${classId} active="/groups" />
    </div>
    <${ErrorBox} error=${cls.error} />
    <form class="card group-form no-print" onSubmit=${(e) => { e.preventDefault(); make.run(); }}>
      <div class="group-form-fields">
        <${Field} label="Students per group" as="select" value=${form.size} onChange=${set('size')}>
          ${[2, 3, 4, 5, 6].map((n) => html`<option value=${n}>${n}</option>`)}
        <//>
        <${Field} label="Balance" as="select" value=${form.balance} onChange=${set('balance')}>
          ${Object.entries(BALANCE).map(([k, v]) => html`<option value=${k}>${v}</option>`)}
        <//>
        <${Field} label="Seed (optional)" hint="The same seed makes the same groups again." type="number" min="0"
          inputmode="numeric" value=${form.seed} onInput=${set('seed')} />
      </div>
      <label class="check"><input type="checkbox" checked=${form.onlyFinished} onChange=${set('onlyFinished')} />
        Only students who finished the quiz</label>
      <${ErrorBox} error=${make.error} />
      <div class="cluster">
        <${Button} type="submit" busy=${make.busy}>Make groups<//>
        ${state && html`<${Button} variant="secondary" onClick=${() => { setForm((f) => ({ ...f, seed: '' })); make.run(); }}
          disabled=${make.busy}>Shuffle again<//>`}
      </div>
    </form>
    ${state && state.groups.length === 0 && state.unassigned.length === 0 && html`<${Notice}>
      There is nobody to put in groups yet. Students appear here once they have joined the class${form.onlyFinished ? ' and finished the quiz' : ''}.<//>`}
    ${state && (state.groups.length > 0 || state.unassigned.length > 0) && html`<section class="stack group-result" aria-labelledby="groups-title">
      <div class="print-only"><h1>${name}${state.name ? `: ${state.name}` : ''}</h1></div>
      <div class="cluster no-print">
        <h2 id="groups-title" tabindex="-1" ref=${resultRef} class="mb-0">${countOf(state.groups.length, 'group', 'groups')}</h2>
        <span class="muted small">${BALANCE[state.balance]} · seed ${state.seed}</span>
        <${Button} variant="secondary" size="small" onClick=${printPage}>Print groups<//>
      </div>
      ${state.left > 0 && html`<${Notice} kind="warning">${countOf(state.left, 'student', 'students')} in this saved grouping ${state.left === 1 ? 'has' : 'have'} left the class.<//>`}
      <p class="muted small no-print">Drag a name to another group, or focus a name and press the left or right arrow key to move it.</p>
      <div class="visually-hidden" aria-live="polite">${announce}</div>
      <div class="groups-grid">
        ${state.groups.map((g, i) => html`<${DropZone} key=${i} index=${i} title=${g.name} members=${g.members}
          mode=${state.balance} groupCount=${state.groups.length} onMove=${onMove} />`)}
        ${(state.unassigned.length > 0 || state.groups.length > 0) && html`<${DropZone} index=${UNASSIGNED} title="No group"
          members=${state.unassigned} mode=${state.balance} groupCount=${state.groups.length} onMove=${onMove} extraClass="group-none no-print" />`}
      </div>
      <form class="card cluster no-print save-form" onSubmit=${(e) => save.run(e)}>
        <${Field} label="Save these groups as" value=${saveName} maxlength="60" placeholder="Science teams"
          onInput=${(e) => setSaveName(e.currentTarget.value)} />
        <${Button} type="submit" busy=${save.busy}>Save<//>
        ${saved && html`<span class="notice notice-success" role="status">${saved}</span>`}
        <${ErrorBox} error=${save.error} />
      </form>
    </section>`}
    <section class="stack no-print" aria-labelledby="saved-title">
      <h2 id="saved-title">Saved groups</h2>
      <${ErrorBox} error=${list.error || load.error || remove.error} />
      ${list.data && list.data.groupings.length === 0 && html`<p class="muted">Nothing saved yet.</p>`}
      ${list.data && list.data.groupings.length > 0 && html`<ul class="plain-list saved-list">
        ${list.data.groupings.map((g) => html`<li key=${g.id} class="cluster">
          <strong>${g.name}</strong>
          <span class="muted small">${countOf(g.groups, 'group', 'groups')}, ${countOf(g.students, 'student', 'students')}</span>
          <${Button} size="small" variant="secondary" onClick=${() => load.run(g.id)}>Open<//>
          <${Button} size="small" variant="ghost" onClick=${() => setConfirmDelete(g)}>Delete<//>
        </li>`)}
      </ul>`}
    </section>
    <${Modal} open=${Boolean(confirmDelete)} title="Delete these groups?" onClose=${() => setConfirmDelete(null)}
      actions=${html`<${Button} variant="secondary" onClick=${() => setConfirmDelete(null)}>Keep them<//>
        <${Button} variant="danger" busy=${remove.busy} onClick=${() => remove.run(confirmDelete.id)}>Delete<//>`}>
      <p>"${confirmDelete?.name}" will be deleted. The students stay in the class.</p>
    <//>
  </div>`}<//>`;
}
