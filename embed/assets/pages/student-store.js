// The class store: items by slot and pets. Buying is one request with an
// idempotency key, so a double tap or a retry never pays twice.

import { html, useEffect, useState } from '../preact.js';
import { StudentLayout } from '../classes.js';
import { api, postOnce } from '../api.js';
import { navigate } from '../router.js';
import { Button, ErrorBox, Field, Modal, Notice, PageLoading, setTitle, useAction, useAsync, withArticle } from '../ui.js';
import { CoinCount, ItemPreview, Rarity, SLOTS, useEconomyStyles, useStudentOut } from '../economy.js';
import { assetURL } from '../asset-url.js';

const TABS = [{ key: 'all', label: 'Everything' }, ...SLOTS, { key: 'pets', label: 'Pets' }];

export default function StudentStorePage({ query }) {
  useEconomyStyles();
  useEffect(() => setTitle('Class store'), []);
  const [tab, setTab] = useState(TABS.some((t) => t.key === query.get('tab')) ? query.get('tab') : 'all');
  const [bought, setBought] = useState(null);
  const [adopting, setAdopting] = useState(null);
  const store = useAsync((signal) => api.get('/student/store', { signal }), []);
  const buy = useAction(async (item) => {
    setBought(null);
    const res = await postOnce('/student/store/purchases', { itemId: item.id });
    setBought(res.item);
    store.reload();
  });

  const out = useStudentOut(store.error);
  if (out) return html`<${StudentLayout}><${PageLoading} /><//>`;
  if (store.loading && !store.data) return html`<${StudentLayout}><${PageLoading} label="Opening the store" /><//>`;
  if (store.error && !store.data) return html`<${StudentLayout}><${ErrorBox} error=${store.error} /><//>`;
  const d = store.data;
  const items = d.items.filter((it) => tab === 'all' || it.slot === tab);

  return html`<${StudentLayout}>
    <div class="econ-head">
      <h1 class="page-title">Class store</h1>
      <${CoinCount} coins=${d.coins} big />
    </div>
    ${!d.storeOpen && html`<${Notice} kind="warning">The store is closed right now. You can look, and buy when your teacher opens it.<//>`}
    ${bought && html`<${Notice} kind="success">You bought the ${bought.name}! Put it on in <a href="/student/avatar">My avatar</a>.<//>`}
    <${ErrorBox} error=${buy.error} />

    <ul class="tabs" aria-label="What to show">
      ${TABS.map((t) => html`<li key=${t.key}>
        <button type="button" class="tab" aria-pressed=${tab === t.key ? 'true' : 'false'} onClick=${() => setTab(t.key)}>${t.label}</button>
      </li>`)}
    </ul>

    ${tab !== 'pets' && html`<ul class="shop-grid" aria-label="Items">
      ${items.map((it) => html`<li key=${it.id} class=${it.owned ? 'shop-card shop-card-owned' : 'shop-card'} data-item=${it.code}>
        <${ItemPreview} animal=${d.animal} image=${it.thumb} slot=${it.slot} alt=${it.name} />
        <h2 class="shop-card-title">${it.name}</h2>
        <div class="cluster"><${Rarity} rarity=${it.rarity} /><${CoinCount} coins=${it.price} /></div>
        ${it.owned
          ? html`<${Button} variant="secondary" disabled>You have it<//>`
          : html`<${Button} busy=${buy.busy} disabled=${!d.storeOpen || d.coins < it.price}
              onClick=${() => buy.run(it)}>${d.coins < it.price ? 'Not enough coins' : `Buy for ${it.price}`}<//>`}
      </li>`)}
    </ul>`}

    ${tab === 'pets' && html`
      ${d.hasPet && html`<${Notice}>You already have a pet. Visit it in <a href="/student/pet">My pet</a>.<//>`}
      <ul class="shop-grid" aria-label="Pets">
        ${d.species.map((sp) => html`<li key=${sp.id} class="shop-card" data-species=${sp.code}>
          <img class="pet-art" src=${assetURL(`${sp.art}-happy.svg`)} alt=${sp.name} width="200" height="200" />
          <h2 class="shop-card-title">${sp.name}</h2>
          <div class="cluster"><${Rarity} rarity=${sp.rarity} /><${CoinCount} coins=${sp.price} /></div>
          <${Button} disabled=${d.hasPet || !d.storeOpen || d.coins < sp.price} onClick=${() => setAdopting(sp)}>
            ${d.coins < sp.price ? 'Not enough coins' : `Adopt for ${sp.price}`}
          <//>
        </li>`)}
      </ul>`}
    <${AdoptDialog} species=${adopting} onClose=${() => setAdopting(null)} />
  <//>`;
}

function AdoptDialog({ species, onClose }) {
  const [name, setName] = useState('');
  useEffect(() => setName(''), [species]);
  const adopt = useAction(async () => {
    await postOnce('/student/pet', { speciesId: species.id, name });
    navigate('/student/pet');
  });
  const nameError = adopt.error && adopt.error.code === 'bad_name' ? adopt.error.serverMessage : null;
  return html`<${Modal} open=${Boolean(species)} title=${species ? `Adopt ${withArticle(species.name)}` : ''} onClose=${onClose}
      actions=${html`<${Button} variant="secondary" onClick=${onClose}>Not now<//>
        <${Button} type="submit" form="adopt-form" busy=${adopt.busy}>Adopt<//>`}>
    <form id="adopt-form" class="form" onSubmit=${(e) => { e.preventDefault(); adopt.run(); }}>
      <p>Give your new friend a name. Use up to 20 letters, numbers, spaces and - ' . !</p>
      <${Field} label="Pet name" value=${name} maxlength="20" required autocomplete="off"
        onInput=${(e) => setName(e.currentTarget.value)} error=${nameError} />
      ${!nameError && html`<${ErrorBox} error=${adopt.error} />`}
    </form>
  <//>`;
}
