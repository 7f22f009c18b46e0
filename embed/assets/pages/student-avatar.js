// The avatar editor: the student's animal, recoloured from the palette,
// with one owned item per slot. The preview is drawn by the server from
// the unsaved choices, exactly as the saved avatar will look.

import { html, useEffect, useState } from '../preact.js';
import { StudentLayout } from '../classes.js';
import { api } from '../api.js';
import { Button, ErrorBox, Notice, PageLoading, setTitle, useAction, useAsync } from '../ui.js';
import { SLOTS, useEconomyStyles, useStudentOut } from '../economy.js';
import { assetURL } from '../asset-url.js';

function previewURL(choice) {
  const q = new URLSearchParams({ primary: choice.primary, secondary: choice.secondary });
  for (const s of SLOTS) q.set(s.key, choice.equipped[s.key] || '');
  return `/api/v1/student/avatar/preview.svg?${q}`;
}

export default function StudentAvatarPage() {
  useEconomyStyles();
  useEffect(() => setTitle('My avatar'), []);
  const data = useAsync((signal) => api.get('/student/avatar', { signal }), []);
  const [choice, setChoice] = useState(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (data.data && !choice) {
      const a = data.data.avatar;
      setChoice({ primary: a.primary, secondary: a.secondary, equipped: { ...a.equipped } });
    }
  }, [data.data]);
  const save = useAction(async () => {
    setSaved(false);
    const equipped = {};
    for (const s of SLOTS) equipped[s.key] = choice.equipped[s.key] || null;
    await api.put('/student/avatar', { primary: choice.primary, secondary: choice.secondary, equipped });
    setSaved(true);
  });

  const out = useStudentOut(data.error);
  if (out) return html`<${StudentLayout}><${PageLoading} /><//>`;
  if (data.error && !data.data) return html`<${StudentLayout}><${ErrorBox} error=${data.error} /><//>`;
  if (!data.data || !choice) return html`<${StudentLayout}><${PageLoading} /><//>`;
  const { palette, items } = data.data;
  const set = (patch) => { setSaved(false); setChoice({ ...choice, ...patch }); };
  const wear = (slot, id) => set({ equipped: { ...choice.equipped, [slot]: id } });

  return html`<${StudentLayout}>
    <h1 class="page-title">My avatar</h1>
    <div class="editor">
      <div class="editor-preview stack">
        <img class="avatar-img" src=${previewURL(choice)} alt="How my avatar will look" width="200" height="200" data-testid="avatar-preview" />
        <${Button} busy=${save.busy} onClick=${() => save.run()} data-testid="save-avatar">Save my avatar<//>
        ${saved && html`<${Notice} kind="success">Saved! Your class sees your new look.<//>`}
        <${ErrorBox} error=${save.error} />
      </div>
      <div class="stack-lg">
        <${Swatches} legend="Main colour" value=${choice.primary} palette=${palette} onPick=${(c) => set({ primary: c })} />
        <${Swatches} legend="Second colour" value=${choice.secondary} palette=${palette} onPick=${(c) => set({ secondary: c })} />
        ${SLOTS.map((s) => {
          const mine = items.filter((it) => it.slot === s.key);
          return html`<section key=${s.key} aria-labelledby=${`slot-${s.key}`}>
            <h2 id=${`slot-${s.key}`}>${s.label}</h2>
            ${mine.length === 0
              ? html`<p class="muted">You have none yet. <a href=${`/student/store?tab=${s.key}`}>Find some in the store</a>.</p>`
              : html`<div class="choice-row">
                  <button type="button" class="choice choice-none" aria-pressed=${!choice.equipped[s.key] ? 'true' : 'false'}
                    onClick=${() => wear(s.key, null)}>None</button>
                  ${mine.map((it) => html`<button type="button" key=${it.id} class="choice" data-item=${it.code}
                      aria-pressed=${choice.equipped[s.key] === it.id ? 'true' : 'false'} onClick=${() => wear(s.key, it.id)}>
                    <img src=${assetURL(it.thumb)} alt="" width="80" height="80" />${it.name}
                  </button>`)}
                </div>`}
          </section>`;
        })}
      </div>
    </div>
  <//>`;
}

function Swatches({ legend, value, palette, onPick }) {
  return html`<fieldset class="swatches">
    <legend class="field-label">${legend}</legend>
    <button type="button" class="swatch swatch-none" aria-pressed=${value === '' ? 'true' : 'false'} onClick=${() => onPick('')}>
      <span class="visually-hidden">My animal's own colour</span>
    </button>
    ${palette.map((c) => html`<button type="button" key=${c} class="swatch" style=${{ background: c }}
        aria-pressed=${value === c ? 'true' : 'false'} onClick=${() => onPick(c)}>
      <span class="visually-hidden">Colour ${c}</span>
    </button>`)}
  </fieldset>`;
}
