// /teacher/classes/:id: one class. Its code, join link and QR code, the
// roster with passport codes (a new code, a name correction, the
// student's data, removal), and the settings: edit, retakes, a new class
// code, archive, the class's game results, delete.

import { html, useEffect, useState } from '../preact.js';
import { api } from '../api.js';
import { navigate } from '../router.js';
import { ReachNotice, TeacherPage } from '../auth.js';
import { Button, ErrorBox, Field, Modal, Notice, PageLoading, copyToClipboard, countOf, setTitle, useAction, useAsync } from '../ui.js';
import { ANIMALS, AnimalArt, GENIUSES, styleWords, useClassesStyles, when } from '../classes.js';
import { ClassForm } from '../class-form.js';
import { ClassTabs } from '../insight.js';
import { RosterTable } from '../roster.js';
import { ClassLoungeSummary } from '../lounge.js';

export default function TeacherClassPage({ params }) {
  useClassesStyles();
  return html`<${TeacherPage} title="Class">${() => html`<${ClassPage} id=${params.id} />`}<//>`;
}

function ClassPage({ id }) {
  const data = useAsync((signal) => api.get(`/classes/${encodeURIComponent(id)}`, { signal }), [id]);
  useEffect(() => {
    if (data.data) setTitle(data.data.class.name);
  }, [data.data]);
  if (data.loading && !data.data) return html`<${PageLoading} />`;
  if (data.error && !data.data) {
    return html`<div class="stack"><${ErrorBox} error=${data.error} /><${Button} href="/teacher">Back to my classes<//></div>`;
  }
  const cls = data.data.class;
  const setClass = (c) => data.setData({ ...data.data, class: c });
  return html`<div class="stack-lg">
    <header class="class-head">
      <${AnimalArt} code=${cls.icon} size="72" />
      <div>
        <h1>${cls.name}</h1>
        <p class="muted mb-0">${cls.grade ? `Grade ${cls.grade} · ` : ''}${countOf(cls.students, 'student', 'students')}${cls.seatLimit ? ` of ${countOf(cls.seatLimit, 'seat', 'seats')}` : ''}</p>
      </div>
      ${cls.archived && html`<span class="badge">Archived</span>`}
    </header>
    <${ClassTabs} classId=${cls.id} active="" />
    ${cls.archived && html`<${Notice} kind="warning">This class is archived: nobody can join or retake the quiz, but students can still log in with their passport codes.<//>`}
    ${!cls.archived && html`<${ReachNotice} />`}
    <${JoinBox} cls=${cls} />
    <${ClassLoungeSummary} classId=${cls.id} />
    <${Roster} cls=${cls} reload=${data.reload} />
    <${Settings} cls=${cls} setClass=${setClass} />
  </div>`;
}

function JoinBox({ cls }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    setCopied(await copyToClipboard(cls.joinUrl));
    setTimeout(() => setCopied(false), 2500);
  };
  return html`<section class="card class-join" aria-labelledby="join-title">
    <div class="stack">
      <h2 id="join-title" class="mb-0">How students join</h2>
      <p class="mb-0">Class code</p>
      <p class="mb-0"><span class="big-code" data-class-code>${cls.code}</span></p>
      <p class="join-link mb-0">or the link <a href=${cls.joinUrl} data-native>${cls.joinUrl}</a></p>
      <div class="cluster">
        <${Button} variant="secondary" onClick=${copy}>${copied ? 'Link copied!' : 'Copy join link'}<//>
        <${Button} href=${`/teacher/classes/${cls.id}/qr`} data-qr-link>Show QR for the projector<//>
        <${Button} variant="secondary" href=${`/teacher/classes/${cls.id}/cards`}>Print passport cards<//>
      </div>
    </div>
    <img src=${`/api/v1/classes/${cls.id}/qr.svg?c=${cls.code}`} alt=${`QR code of ${cls.joinUrl}`} width="144" height="144" />
  </section>`;
}

function Roster({ cls, reload }) {
  const [confirm, setConfirm] = useState(null); // {kind: 'rotate'|'remove', student}
  const [renaming, setRenaming] = useState(null); // the student whose name is corrected
  const [changes, setChanges] = useState(0);
  const act = useAction(async () => {
    const { kind, student } = confirm;
    if (kind === 'rotate') await api.post(`/classes/${cls.id}/students/${student.id}/passport`);
    else await api.del(`/classes/${cls.id}/students/${student.id}`);
    setConfirm(null);
    setChanges((n) => n + 1);
    reload();
  });
  // The sortable, searchable roster of the insight area, with this page's
  // actions on each student.
  const actions = (s) => html`<div class="roster-actions">
    <${Button} size="small" variant="ghost" onClick=${() => setConfirm({ kind: 'rotate', student: s })}>New code<//>
    <${Button} size="small" variant="ghost" data-rename=${s.id} onClick=${() => setRenaming(s)}>Fix name<//>
    <${Button} size="small" variant="ghost" href=${`/teacher/classes/${cls.id}/students/${s.id}/data`}>Data<//>
    <${Button} size="small" variant="ghost" onClick=${() => setConfirm({ kind: 'remove', student: s })}>Remove<//>
  </div>`;
  // The roster is its own region ("Students"); this frame adds none, so
  // no two landmarks share a name.
  return html`<div class="stack">
    ${cls.students === 0
      ? html`<h2 class="mb-0">Students</h2>
        <p class="muted">No students yet. Show the class code or QR code; students appear here as they finish the quiz.</p>`
      : html`<${RosterTable} classId=${cls.id} reloadKey=${changes} actions=${actions} title="Students" />`}
    <${Modal} open=${Boolean(confirm)} onClose=${() => { setConfirm(null); act.clearError(); }}
      title=${confirm && (confirm.kind === 'rotate' ? `New passport code for ${confirm.student.name}?` : `Remove ${confirm.student.name}?`)}
      actions=${html`<${Button} variant="secondary" onClick=${() => setConfirm(null)}>Cancel<//>
        <${Button} variant=${confirm && confirm.kind === 'remove' ? 'danger' : 'primary'} busy=${act.busy} onClick=${() => act.run()}>
          ${confirm && confirm.kind === 'rotate' ? 'Make a new code' : 'Remove the student'}<//>`}>
      ${confirm && (confirm.kind === 'rotate'
        ? html`<p>The old code stops working at once and ${confirm.student.name} is logged out everywhere. Give the student the new code.</p>`
        : html`<p>This deletes ${confirm.student.name}'s results, coins, things, pet and game plays for good. Their games keep an anonymous score.</p>`)}
      <${ErrorBox} error=${act.error} />
    <//>
    ${renaming && html`<${RenameStudent} cls=${cls} student=${renaming} onClose=${() => setRenaming(null)}
      onDone=${() => { setRenaming(null); setChanges((n) => n + 1); reload(); }} />`}
  </div>`;
}

// RenameStudent corrects a name with the rules of joining: a first name
// and one or two letters of the last name; a first name of two words
// needs a second "yes, that is the first name".
function RenameStudent({ cls, student, onClose, onDone }) {
  const parts = student.name.replace(/\.$/, '').split(' ');
  const [first, setFirst] = useState(parts.slice(0, -1).join(' '));
  const [initial, setInitial] = useState(parts[parts.length - 1]);
  const [twoWords, setTwoWords] = useState(false); // the server asked: first name only?
  const [confirmed, setConfirmed] = useState(false);
  const save = useAction(async () => {
    try {
      await api.patch(`/classes/${cls.id}/students/${student.id}`, { firstName: first, lastInitial: initial, firstNameConfirmed: confirmed });
      onDone();
    } catch (err) {
      if (err.code === 'just_first_name') setTwoWords(true);
      throw err;
    }
  });
  const fields = (save.error && save.error.details && save.error.details.fields) || {};
  return html`<${Modal} open=${true} onClose=${onClose} title=${`Correct ${student.name}'s name`}
    actions=${html`<${Button} variant="secondary" onClick=${onClose}>Cancel<//>
      <${Button} busy=${save.busy} data-rename-save onClick=${() => save.run()}>Save the name<//>`}>
    <p class="muted">The student keeps everything else: results, coins, things and passport code. The change is written in the audit log (without the names).</p>
    <${Field} label="First name" name="firstName" autocomplete="off" maxlength="40" value=${first} error=${twoWords ? null : fields.firstName}
      onInput=${(e) => { setFirst(e.target.value); setTwoWords(false); setConfirmed(false); save.clearError(); }} />
    <${Field} label="First letter of the last name" name="lastInitial" autocomplete="off" maxlength="3" value=${initial} error=${fields.lastInitial}
      onInput=${(e) => { setInitial(e.target.value); save.clearError(); }} />
    ${twoWords && html`<${Notice} kind="warning"><p>Just the first name, please: a last name is not kept here.</p>
      <label class="check"><input type="checkbox" name="firstNameConfirmed" checked=${confirmed}
        onChange=${(e) => { setConfirmed(e.target.checked); save.clearError(); }} /> All of it really is the first name (like Ana Sofia)</label><//>`}
    ${!twoWords && html`<${ErrorBox} error=${save.error} />`}
  <//>`;
}

function Settings({ cls, setClass }) {
  const edit = useAction(async (values) => setClass((await api.patch(`/classes/${cls.id}`, values)).class));
  const retakes = useAction(async (on) => setClass((await api.patch(`/classes/${cls.id}`, { allowRetakes: on })).class));
  const archive = useAction(async () => setClass((await api.post(`/classes/${cls.id}/${cls.archived ? 'unarchive' : 'archive'}`)).class));
  const [rotating, setRotating] = useState(false);
  const rotate = useAction(async () => {
    setClass((await api.post(`/classes/${cls.id}/code`)).class);
    setRotating(false);
  });
  const [deleting, setDeleting] = useState(false);
  const [typed, setTyped] = useState('');
  const remove = useAction(async () => {
    await api.del(`/classes/${cls.id}`, { confirm: typed });
    navigate('/teacher', { replace: true });
  });
  return html`<section class="stack" aria-labelledby="settings-title">
    <h2 id="settings-title" class="mb-0">Settings</h2>
    <div class="grid grid-2">
      <div class="card">
        <h3>Name, grade, icon and colour</h3>
        ${cls.archived ? html`<p class="muted">Bring the class back from the archive to change these.</p>`
          : html`<${ClassForm} key=${cls.updatedAt} initial=${cls} onSave=${edit.run} busy=${edit.busy} error=${edit.error} />`}
      </div>
      <div class="stack">
        <div class="card stack">
          <h3 class="mb-0">Retakes</h3>
          <label class="check"><input type="checkbox" name="allowRetakes" checked=${cls.allowRetakes} disabled=${cls.archived || retakes.busy}
            onChange=${(e) => retakes.run(e.target.checked)} /> Students may take the quiz again</label>
          <p class="muted small mb-0">Their newest result becomes the current one; earlier ones stay in their history. The welcome bonus is paid only once.</p>
          <${ErrorBox} error=${retakes.error} />
        </div>
        <div class="card stack">
          <h3 class="mb-0">Class code</h3>
          <p class="muted small mb-0">A new code stops the old code, link and QR code from working. Students already in the class are not affected.</p>
          <${Button} variant="secondary" disabled=${cls.archived} onClick=${() => setRotating(true)}>Make a new class code<//>
        </div>
        <div class="card stack">
          <h3 class="mb-0">${cls.archived ? 'Archived' : 'Archive'}</h3>
          <p class="muted small mb-0">${cls.archived ? 'Bring the class back to let students join and retake again.'
            : 'An archived class is read-only: nobody can join, but students can still log in.'}</p>
          <${Button} variant="secondary" busy=${archive.busy} onClick=${() => archive.run()}>${cls.archived ? 'Bring back from the archive' : 'Archive the class'}<//>
          <${ErrorBox} error=${archive.error} />
        </div>
        <${GamePlays} cls=${cls} />
        <div class="card stack danger-zone">
          <h3 class="mb-0">Delete the class</h3>
          <p class="muted small mb-0">Deletes the class and every student's results, coins and things in it. This can't be undone.</p>
          <${Button} variant="danger" onClick=${() => { setTyped(''); setDeleting(true); }}>Delete the class…<//>
        </div>
      </div>
    </div>
    <${Modal} open=${rotating} onClose=${() => setRotating(false)} title="Make a new class code?"
      actions=${html`<${Button} variant="secondary" onClick=${() => setRotating(false)}>Cancel<//>
        <${Button} busy=${rotate.busy} onClick=${() => rotate.run()}>Make a new code<//>`}>
      <p>The code <strong class="code">${cls.code}</strong>, its link and its QR code stop working.</p>
      <${ErrorBox} error=${rotate.error} />
    <//>
    <${Modal} open=${deleting} onClose=${() => setDeleting(false)} title=${`Delete ${cls.name}?`}
      actions=${html`<${Button} variant="secondary" onClick=${() => setDeleting(false)}>Cancel<//>
        <${Button} variant="danger" busy=${remove.busy} disabled=${typed.trim().toLowerCase() !== cls.name.trim().toLowerCase()}
          onClick=${() => remove.run()}>Delete for good<//>`}>
      <p>This deletes ${cls.students} ${cls.students === 1 ? 'student' : 'students'} with all their results, coins and things.</p>
      <${Field} label=${`Type the class name (${cls.name}) to confirm`} name="confirm" autocomplete="off" value=${typed}
        onInput=${(e) => { setTyped(e.target.value); remove.clearError(); }} />
      <${ErrorBox} error=${remove.error} />
    <//>
  </section>`;
}

// GamePlays deletes what this class's students did in every finished
// live game; the games stay for their other players.
function GamePlays({ cls }) {
  const [asking, setAsking] = useState(false);
  const [done, setDone] = useState(null);
  const remove = useAction(async () => {
    const res = await api.del(`/classes/${cls.id}/game-plays`);
    setDone(res);
    setAsking(false);
  });
  return html`<div class="card stack">
    <h3 class="mb-0">Game results</h3>
    <p class="muted small mb-0">Deletes this class's students' scores and answers from every finished live game. Other players keep theirs.</p>
    <${Button} variant="secondary" data-delete-plays onClick=${() => { setDone(null); setAsking(true); }}>Delete the class's game results…<//>
    ${done !== null && html`<${Notice} kind="success">${done.deleted === 1 ? '1 game result deleted.' : `${done.deleted} game results deleted.`}<//>`}
    ${done !== null && done.liveGames > 0 && html`<${Notice} kind="warning" data-live-games>${done.liveGames === 1 ? 'A live game running now has' : `${done.liveGames} live games running now have`} students of this class: their results are saved when it ends. Delete again after that.<//>`}
    <${Modal} open=${asking} onClose=${() => setAsking(false)} title="Delete this class's game results?"
      actions=${html`<${Button} variant="secondary" onClick=${() => setAsking(false)}>Cancel<//>
        <${Button} variant="danger" busy=${remove.busy} data-delete-plays-confirm onClick=${() => remove.run()}>Delete for good<//>`}>
      <p>Every score and answer of ${cls.name}'s students in finished games is deleted. This can't be undone.</p>
      <${ErrorBox} error=${remove.error} />
    <//>
  </div>`;
}
