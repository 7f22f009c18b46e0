// A class's economy for its teacher: open or close the store, give or take
// coins (one student, a selection or the whole class, all or nothing),
// quick +5/+10/+25 rewards, totals, and each student's history.

import { html, useState } from '../preact.js';
import { api, postOnce } from '../api.js';
import { TeacherPage } from '../auth.js';
import { ClassTabs } from '../insight.js';
import { Button, countOf, ErrorBox, Field, Modal, Notice, PageLoading, useAction, useAsync, TableWrap } from '../ui.js';
import { CoinCount, LedgerTable, ShowOlder, useEconomyStyles, useLedger } from '../economy.js';

const QUICK = [5, 10, 25];

export default function TeacherEconomyPage({ params }) {
  useEconomyStyles();
  return html`<${TeacherPage} title="Coins and store">${() => html`<${ClassEconomy} classId=${params.id} />`}<//>`;
}

function ClassEconomy({ classId }) {
  const base = `/classes/${encodeURIComponent(classId)}`;
  const eco = useAsync((signal) => api.get(`${base}/economy`, { signal }), [classId]);
  const [selected, setSelected] = useState(new Set());
  const [amount, setAmount] = useState('10');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState('');
  const [history, setHistory] = useState(null);

  const toggleStore = useAction(async (open) => {
    await api.put(`${base}/store`, { open });
    eco.reload();
  });
  const move = useAction(async ({ action, ids, all, n, why }) => {
    setDone('');
    const res = await postOnce(`${base}/coins`, { action, studentIds: ids, all, amount: n, reason: why });
    const who = all ? 'the whole class' : `${res.balances.length} ${res.balances.length === 1 ? 'student' : 'students'}`;
    setDone(`${action === 'give' ? 'Gave' : 'Took'} ${countOf(n, 'coin', 'coins')} ${action === 'give' ? 'to' : 'from'} ${who}.`);
    eco.reload();
  });

  if (eco.error && !eco.data) return html`<${ErrorBox} error=${eco.error} />`;
  if (!eco.data) return html`<${PageLoading} />`;
  const d = eco.data;
  const inCirculation = d.students.reduce((sum, s) => sum + s.coins, 0);
  const allSelected = d.students.length > 0 && selected.size === d.students.length;
  const n = Number(amount);
  const amountOK = Number.isInteger(n) && n >= 1 && n <= 1000;
  const send = (action, all) => move.run({ action, all, ids: all ? [] : [...selected], n, why: reason });
  const flip = (id) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id); else next.add(id);
    setSelected(next);
  };

  return html`
    <h1 class="page-title">Coins and store</h1>
    <${ClassTabs} classId=${classId} active="/economy" />
    <section class="card stack" aria-labelledby="store-h">
      <h2 id="store-h">Class store</h2>
      <label class="switch">
        <input type="checkbox" checked=${d.storeOpen} disabled=${toggleStore.busy} data-testid="store-toggle"
          onChange=${(e) => toggleStore.run(e.currentTarget.checked)} />
        ${d.storeOpen ? 'The store is open: students can buy.' : 'The store is closed: students can look but not buy.'}
      </label>
      <${ErrorBox} error=${toggleStore.error} />
    </section>

    <div class="totals" aria-label="Totals">
      <div class="total">Coins students hold<strong>${inCirculation}</strong></div>
      <div class="total">Coins given so far<strong>${d.given}</strong></div>
      <div class="total">Coins spent or taken<strong>${d.spent}</strong></div>
    </div>

    <section class="card stack" aria-labelledby="give-h">
      <h2 id="give-h">Give or take coins</h2>
      <div class="cluster">
        <${Field} label="Coins (1 to 1000)" type="number" min="1" max="1000" step="1" inputmode="numeric" value=${amount}
          onInput=${(e) => setAmount(e.currentTarget.value)} error=${amount !== '' && !amountOK ? 'Use a whole number from 1 to 1000.' : null} />
        <${Field} label="Reason (optional)" value=${reason} maxlength="120" onInput=${(e) => setReason(e.currentTarget.value)} />
      </div>
      <div class="cluster">
        <span class="muted">Quick amounts:</span>
        ${QUICK.map((q) => html`<${Button} key=${q} variant="secondary" size="small" onClick=${() => setAmount(String(q))}>${q} coins<//>`)}
      </div>
      <div class="cluster">
        <${Button} disabled=${!amountOK || selected.size === 0} busy=${move.busy} onClick=${() => send('give', false)}>Give to ${selected.size} selected<//>
        <${Button} disabled=${!amountOK || d.students.length === 0} busy=${move.busy} onClick=${() => send('give', true)} data-testid="give-class">Give to the whole class<//>
        <${Button} variant="danger" disabled=${!amountOK || selected.size === 0} busy=${move.busy} onClick=${() => send('take', false)}>Take from ${selected.size} selected<//>
      </div>
      ${done && html`<${Notice} kind="success">${done}<//>`}
      <${ErrorBox} error=${move.error} />
    </section>

    ${d.students.length === 0
      ? html`<p class="empty-state">No students have joined this class yet.</p>`
      : html`<${TableWrap} label="Students and their coins"><table class="table phone-cards econ-students">
      <thead><tr>
        <th scope="col" data-label="Select every student"><input type="checkbox" aria-label="Select every student" checked=${allSelected}
          onChange=${() => setSelected(allSelected ? new Set() : new Set(d.students.map((s) => s.id)))} /></th>
        <th scope="col">Student</th><th scope="col" class="num">Coins</th><th scope="col">Quick reward</th><th scope="col">History</th>
      </tr></thead>
      <tbody>${d.students.map((s) => {
        const name = `${s.firstName} ${s.lastInitial}.`;
        return html`<tr key=${s.id} data-student=${s.id}>
          <td class="econ-select"><input type="checkbox" aria-label=${`Select ${name}`} checked=${selected.has(s.id)} onChange=${() => flip(s.id)} /></td>
          <td class="econ-name">
            <span class="cluster">
              <img class="avatar-small" src=${`/api/v1${base}/students/${s.id}/avatar.svg`} alt="" width="40" height="40" loading="lazy" />
              ${name}
            </span>
          </td>
          <td data-label="Coins" class="num"><${CoinCount} coins=${s.coins} /></td>
          <td data-label="Quick reward"><div class="row-actions">${QUICK.map((q) => html`<${Button} key=${q} variant="secondary" size="small" busy=${move.busy}
              onClick=${() => move.run({ action: 'give', all: false, ids: [s.id], n: q, why: 'Quick reward' })}>
            +${q}<span class="visually-hidden"> coins for ${name}</span><//>`)}</div></td>
          <td class="econ-history"><${Button} variant="ghost" size="small" onClick=${() => setHistory(s)}>History<span class="visually-hidden"> of ${name}</span><//></td>
        </tr>`;
      })}</tbody>
    </table></${TableWrap}>`}
    ${history && html`<${HistoryDialog} key=${history.id} base=${base} student=${history} onClose=${() => setHistory(null)} />`}`;
}

function HistoryDialog({ base, student, onClose }) {
  const ledger = useLedger(`${base}/students/${student.id}/ledger`);
  return html`<${Modal} open title=${`${student.firstName} ${student.lastInitial}.'s coins`} onClose=${onClose}>
    ${ledger.first.loading && html`<${PageLoading} />`}
    <${ErrorBox} error=${ledger.first.error} />
    ${ledger.first.data && html`<${LedgerTable} entries=${ledger.entries} /><${ShowOlder} ledger=${ledger} />`}
  <//>`;
}
