// The admin's store catalog: items (name, slot, price, rarity, picture,
// for sale or not) and pet species. Pictures are ours or uploaded; an
// upload is checked and processed in the background while a bar shows
// its progress.

import { html, useEffect, useRef, useState } from '../preact.js';
import { api } from '../api.js';
import { TeacherPage } from '../auth.js';
import { Button, ErrorBox, Field, Modal, PageLoading, Progress, useAction, useAsync, TableWrap } from '../ui.js';
import { CoinCount, Rarity, SLOTS, useEconomyStyles } from '../economy.js';
import { assetURL } from '../asset-url.js';

const NEW_ITEM = { name: '', slot: 'hat', rarity: 'common', price: 20, image: '', active: true };
const NEW_SPECIES = { name: '', rarity: 'common', price: 60, hungerRate: 0.42, happinessRate: 0.625, art: '', active: true };

export default function AdminStorePage() {
  useEconomyStyles();
  return html`<${TeacherPage} title="Store catalog" admin>${() => html`<${Catalog} />`}<//>`;
}

function Catalog() {
  const cat = useAsync((signal) => api.get('/admin/catalog', { signal }), []);
  const [item, setItem] = useState(null);
  const [species, setSpecies] = useState(null);

  if (cat.error && !cat.data) return html`<${ErrorBox} error=${cat.error} />`;
  if (!cat.data) return html`<${PageLoading} />`;
  const d = cat.data;
  const saved = () => { setItem(null); setSpecies(null); cat.reload(); };

  return html`
    <div class="econ-head">
      <h1 class="page-title">Store catalog</h1>
      <div class="cluster">
        <${Button} onClick=${() => setItem({ ...NEW_ITEM, image: d.itemArt[0] })}>Add an item<//>
        <${Button} variant="secondary" onClick=${() => setSpecies({ ...NEW_SPECIES, art: d.petArt[0] })}>Add a pet<//>
      </div>
    </div>
    <p class="lead">Students see items that are for sale, in every class whose store is open.</p>
    <h2>Items</h2>
    <${TableWrap} label="Items"><table class="table">
      <thead><tr><th scope="col">Picture</th><th scope="col">Name</th><th scope="col">Slot</th><th scope="col">Rarity</th>
        <th scope="col" class="num">Price</th><th scope="col">For sale</th><th scope="col"><span class="visually-hidden">Edit</span></th></tr></thead>
      <tbody>${d.items.map((it) => html`<tr key=${it.id} data-item=${it.code}>
        <td><img class="thumb" src=${assetURL(it.thumb)} alt="" width="48" height="48" /></td>
        <td>${it.name}</td><td>${it.slot}</td><td><${Rarity} rarity=${it.rarity} /></td>
        <td class="num"><${CoinCount} coins=${it.price} /></td><td>${it.active ? 'Yes' : 'No'}</td>
        <td><${Button} variant="ghost" size="small" onClick=${() => setItem({ ...it })}>Edit<span class="visually-hidden"> ${it.name}</span><//></td>
      </tr>`)}</tbody>
    </table></${TableWrap}>
    <h2>Pets</h2>
    <${TableWrap} label="Pets"><table class="table">
      <thead><tr><th scope="col">Picture</th><th scope="col">Name</th><th scope="col">Rarity</th><th scope="col" class="num">Price</th>
        <th scope="col" class="num">Hunger drop per hour</th><th scope="col" class="num">Happiness drop per hour</th><th scope="col">For sale</th>
        <th scope="col"><span class="visually-hidden">Edit</span></th></tr></thead>
      <tbody>${d.species.map((sp) => html`<tr key=${sp.id}>
        <td><img class="thumb" src=${assetURL(`${sp.art}-happy.svg`)} alt="" width="48" height="48" /></td>
        <td>${sp.name}</td><td><${Rarity} rarity=${sp.rarity} /></td><td class="num"><${CoinCount} coins=${sp.price} /></td>
        <td class="num">${sp.hungerRate}</td><td class="num">${sp.happinessRate}</td><td>${sp.active ? 'Yes' : 'No'}</td>
        <td><${Button} variant="ghost" size="small" onClick=${() => setSpecies({ ...sp })}>Edit<span class="visually-hidden"> ${sp.name}</span><//></td>
      </tr>`)}</tbody>
    </table></${TableWrap}>
    <${ItemDialog} item=${item} catalog=${d} onClose=${() => setItem(null)} onSaved=${saved} />
    <${SpeciesDialog} species=${species} catalog=${d} onClose=${() => setSpecies(null)} onSaved=${saved} />`;
}

function ItemDialog({ item, catalog, onClose, onSaved }) {
  const [f, setF] = useState(item || NEW_ITEM);
  useEffect(() => { if (item) setF(item); }, [item]);
  const save = useAction(async () => {
    const body = { name: f.name, slot: f.slot, rarity: f.rarity, price: Number(f.price), image: f.image, active: f.active };
    if (f.id) await api.put(`/admin/catalog/items/${f.id}`, body);
    else await api.post('/admin/catalog/items', body);
    onSaved();
  });
  const set = (k) => (e) => setF({ ...f, [k]: e.currentTarget.type === 'checkbox' ? e.currentTarget.checked : e.currentTarget.value });
  const shipped = catalog.itemArt.includes(f.image);
  return html`<${Modal} open=${Boolean(item)} title=${f.id ? `Edit ${item?.name}` : 'Add an item'} onClose=${onClose}
      actions=${html`<${Button} variant="secondary" onClick=${onClose}>Cancel<//><${Button} type="submit" form="item-form" busy=${save.busy}>Save<//>`}>
    <form id="item-form" class="form" onSubmit=${(e) => { e.preventDefault(); save.run(); }}>
      <${Field} label="Name" value=${f.name} maxlength="40" required onInput=${set('name')} />
      <${Field} as="select" label="Slot" value=${f.slot} onChange=${set('slot')}>
        ${SLOTS.map((s) => html`<option key=${s.key} value=${s.key}>${s.one}</option>`)}
      <//>
      <${Field} as="select" label="Rarity" value=${f.rarity} onChange=${set('rarity')}>
        ${catalog.rarities.map((r) => html`<option key=${r} value=${r}>${r}</option>`)}
      <//>
      <${Field} label="Price in coins (1 to 10000)" type="number" min="1" max="10000" step="1" value=${f.price} required onInput=${set('price')} />
      <div class="cluster">
        ${f.image && html`<img class="thumb" src=${assetURL(f.image)} alt="The chosen picture" width="48" height="48" />`}
        <${Field} as="select" label="Picture" value=${shipped ? f.image : ''} onChange=${set('image')}>
          ${!shipped && html`<option value="">Uploaded picture</option>`}
          ${catalog.itemArt.map((a) => html`<option key=${a} value=${a}>${a.replace('/art/items/', '').replace('.svg', '')}</option>`)}
        <//>
      </div>
      <${Uploader} onDone=${(image) => setF((cur) => ({ ...cur, image }))} />
      <label class="check"><input type="checkbox" checked=${f.active} onChange=${set('active')} /> For sale</label>
      <${ErrorBox} error=${save.error} />
    </form>
  <//>`;
}

// Upload a picture and follow its processing job until it is done.
function Uploader({ onDone }) {
  const [job, setJob] = useState(null);
  const [error, setError] = useState(null);
  const timer = useRef(null);
  useEffect(() => () => clearTimeout(timer.current), []);
  const poll = async (id) => {
    try {
      const st = await api.get(`/admin/uploads/jobs/${id}`);
      setJob(st);
      if (st.state === 'done') onDone(st.image);
      else if (st.state === 'failed') setError(st.error.message);
      else timer.current = setTimeout(() => poll(id), 400);
    } catch (err) {
      setError(err);
    }
  };
  const upload = useAction(async (file) => {
    setError(null);
    setJob(null);
    const form = new FormData();
    form.append('file', file);
    const res = await api.post('/admin/uploads', form);
    setJob({ id: res.jobId, state: 'queued', progress: 0 });
    poll(res.jobId);
  });
  return html`<div class="field">
    <label class="field-label" for="item-upload">Or upload a picture</label>
    <div class="field-hint">PNG, JPEG, GIF or WebP, up to 10 MB. Use a square picture with a see-through background: it is laid over the whole avatar.</div>
    <input id="item-upload" type="file" accept="image/png,image/jpeg,image/gif,image/webp"
      onChange=${(e) => e.currentTarget.files[0] && upload.run(e.currentTarget.files[0])} />
    ${job && job.state !== 'failed' && html`<${Progress} value=${job.progress} label=${job.state === 'done' ? 'Ready' : 'Processing the picture'} />`}
    <${ErrorBox} error=${upload.error || error} />
  </div>`;
}

function SpeciesDialog({ species, catalog, onClose, onSaved }) {
  const [f, setF] = useState(species || NEW_SPECIES);
  useEffect(() => { if (species) setF(species); }, [species]);
  const save = useAction(async () => {
    const body = { name: f.name, rarity: f.rarity, price: Number(f.price), hungerRate: Number(f.hungerRate),
      happinessRate: Number(f.happinessRate), art: f.art, active: f.active };
    if (f.id) await api.put(`/admin/catalog/species/${f.id}`, body);
    else await api.post('/admin/catalog/species', body);
    onSaved();
  });
  const set = (k) => (e) => setF({ ...f, [k]: e.currentTarget.type === 'checkbox' ? e.currentTarget.checked : e.currentTarget.value });
  return html`<${Modal} open=${Boolean(species)} title=${f.id ? `Edit ${species?.name}` : 'Add a pet'} onClose=${onClose}
      actions=${html`<${Button} variant="secondary" onClick=${onClose}>Cancel<//><${Button} type="submit" form="species-form" busy=${save.busy}>Save<//>`}>
    <form id="species-form" class="form" onSubmit=${(e) => { e.preventDefault(); save.run(); }}>
      <${Field} label="Name" value=${f.name} maxlength="40" required onInput=${set('name')} />
      <${Field} as="select" label="Rarity" value=${f.rarity} onChange=${set('rarity')}>
        ${catalog.rarities.map((r) => html`<option key=${r} value=${r}>${r}</option>`)}
      <//>
      <${Field} label="Price in coins (1 to 10000)" type="number" min="1" max="10000" step="1" value=${f.price} required onInput=${set('price')} />
      <${Field} label="Hunger drop per hour (0 to 10)" type="number" min="0" max="10" step="0.01" value=${f.hungerRate} onInput=${set('hungerRate')} />
      <${Field} label="Happiness drop per hour (0 to 10)" type="number" min="0" max="10" step="0.01" value=${f.happinessRate} onInput=${set('happinessRate')} />
      ${!f.id && html`<${Field} as="select" label="Pictures" value=${f.art} onChange=${set('art')}>
        ${catalog.petArt.map((a) => html`<option key=${a} value=${a}>${a.replace('/art/pets/', '')}</option>`)}
      <//>`}
      <label class="check"><input type="checkbox" checked=${f.active} onChange=${set('active')} /> For sale</label>
      <${ErrorBox} error=${save.error} />
    </form>
  <//>`;
}
