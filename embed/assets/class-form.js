// The class settings form (new class and the class page's settings):
// name, grade, icon (one of the animals), colour and seat limit.

import { html, useState } from './preact.js';
import { Button, ErrorBox, Field } from './ui.js';
import { fieldErrors, formError } from './auth.js';
import { ANIMALS } from './classes.js';
import { assetURL } from './asset-url.js';

export const PALETTE = ['#7C3AED', '#059669', '#D97706', '#2563EB', '#DC2626', '#DB2777', '#0D9488', '#475569'];
const COLOUR_NAMES = ['purple', 'green', 'amber', 'blue', 'red', 'pink', 'teal', 'slate'];

/**
 * initial: {name, grade, icon, colour, seatLimit}; onSave(values) returns
 * a promise; busy and error come from the caller's useAction.
 */
export function ClassForm({ initial, onSave, busy, error, submitLabel }) {
  const [v, setV] = useState(() => ({
    name: '', grade: 0, icon: 'owl', colour: PALETTE[0], seatLimit: 0, ...initial,
  }));
  const set = (k) => (e) => setV({ ...v, [k]: e.target.value });
  const fields = fieldErrors(error);
  const submit = (e) => {
    e.preventDefault();
    onSave({ name: v.name, grade: Number(v.grade) || 0, icon: v.icon, colour: v.colour, seatLimit: Number(v.seatLimit) || 0 });
  };
  return html`<form class="form" onSubmit=${submit} novalidate>
    <${Field} label="Class name" name="name" maxlength="60" required value=${v.name} error=${fields.name}
      hint="Something students recognise, like Room 7 or Science 6B." onInput=${set('name')} />
    <${Field} as="select" label="Grade" name="grade" value=${String(v.grade)} error=${fields.grade} onChange=${set('grade')}>
      <option value="0">No grade (mixed, club…)</option>
      ${Array.from({ length: 12 }, (_, i) => html`<option value=${String(i + 1)}>Grade ${i + 1}</option>`)}
    <//>
    <fieldset class="icon-picks">
      <legend>Icon</legend>
      ${Object.entries(ANIMALS).map(([code, name]) => html`<label class="icon-pick" key=${code}>
        <input type="radio" name="icon" value=${code} checked=${v.icon === code} onChange=${() => setV({ ...v, icon: code })} />
        <img src=${assetURL(`/art/animals/${code}.svg`)} alt=${name} width="52" height="52" />
      </label>`)}
    </fieldset>
    ${fields.icon && html`<p class="field-error">${fields.icon}</p>`}
    <fieldset class="swatches">
      <legend>Colour</legend>
      ${PALETTE.map((c, i) => html`<label class="swatch" key=${c} title=${COLOUR_NAMES[i]}>
        <input type="radio" name="colour" value=${c} checked=${v.colour === c} onChange=${() => setV({ ...v, colour: c })} />
        <span class="swatch-dot" style=${{ background: c }}></span><span class="visually-hidden">${COLOUR_NAMES[i]}</span>
      </label>`)}
    </fieldset>
    ${fields.colour && html`<p class="field-error">${fields.colour}</p>`}
    <${Field} label="Seat limit" name="seatLimit" type="number" min="0" max="1000" inputmode="numeric"
      value=${String(v.seatLimit)} error=${fields.seatLimit}
      hint="The most students that may join. 0 means no limit." onInput=${set('seatLimit')} />
    <${ErrorBox} error=${formError(error)} />
    <${Button} type="submit" busy=${busy}>${submitLabel || 'Save'}<//>
  </form>`;
}
