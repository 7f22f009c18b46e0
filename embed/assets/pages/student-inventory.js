// Everything the student owns, by slot, with what it is wearing marked.

import { html, useEffect } from '../preact.js';
import { StudentLayout } from '../classes.js';
import { api } from '../api.js';
import { Button, countOf, ErrorBox, PageLoading, setTitle, useAsync } from '../ui.js';
import { ItemPreview, Rarity, SLOTS, useEconomyStyles, useStudentOut, when } from '../economy.js';

export default function StudentInventoryPage() {
  useEconomyStyles();
  useEffect(() => setTitle('My things'), []);
  const data = useAsync((signal) => api.get('/student/avatar', { signal }), []);
  const out = useStudentOut(data.error);
  if (out) return html`<${StudentLayout}><${PageLoading} /><//>`;
  if (data.error && !data.data) return html`<${StudentLayout}><${ErrorBox} error=${data.error} /><//>`;
  if (!data.data) return html`<${StudentLayout}><${PageLoading} /><//>`;
  const { items, avatar, animal } = data.data;
  const worn = new Set(Object.values(avatar.equipped));
  return html`<${StudentLayout}>
    <div class="econ-head">
      <h1 class="page-title">My things</h1>
      <${Button} href="/student/avatar">Dress up my avatar<//>
    </div>
    ${items.length === 0 && html`<div class="empty-state">
      <p>You don't own anything yet.</p>
      <${Button} href="/student/store">Visit the store<//>
    </div>`}
    ${SLOTS.map((s) => {
      const mine = items.filter((it) => it.slot === s.key);
      if (!mine.length) return null;
      return html`<section key=${s.key} aria-labelledby=${`inv-${s.key}`}>
        <h2 id=${`inv-${s.key}`}>${s.label}</h2>
        <ul class="shop-grid">
          ${mine.map((it) => html`<li key=${it.id} class="shop-card" data-item=${it.code}>
            <${ItemPreview} animal=${animal} image=${it.thumb} slot=${it.slot} alt=${it.name} />
            <h3>${it.name}</h3>
            <div class="cluster"><${Rarity} rarity=${it.rarity} />${worn.has(it.id) && html`<span class="badge">Wearing</span>`}</div>
            <p class="small muted">Bought ${when(it.acquiredAt)} for ${countOf(it.pricePaid, 'coin', 'coins')}</p>
          </li>`)}
        </ul>
      </section>`;
    })}
  <//>`;
}
