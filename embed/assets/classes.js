// Shared bits of the classes area (teacher class pages, the student join
// flow and student home): names of animals, geniuses and learning styles,
// the area's stylesheet, the student frame, and a little storage helper.

import { StudentEconomyNav } from './economy.js';
import { html, useEffect } from './preact.js';
import { api } from './api.js';
import { navigate } from './router.js';
import { Button, Layout, NavLink, useAction } from './ui.js';
import { assetURL } from './asset-url.js';

export const ANIMALS = {
  meerkat: 'Meerkat', panda: 'Panda', owl: 'Owl', beaver: 'Beaver',
  elephant: 'Elephant', otter: 'Otter', parrot: 'Parrot', border_collie: 'Border Collie',
};

export const GENIUSES = { thinker: 'Thinker', feeler: 'Feeler', doer: 'Doer' };

export const STYLES = {
  visual: 'Visual', auditory: 'Auditory', readingWriting: 'Reading & Writing', kinesthetic: 'Hands-On',
};

/** "Visual" or "Visual + Hands-On (multimodal)" for a result. */
export function styleWords(result) {
  if (!result) return '';
  const names = (result.styles || []).map((s) => STYLES[s] || s);
  if (names.length > 1) return `${names.join(' + ')} (multimodal)`;
  return STYLES[result.learningStyle] || result.learningStyle || '';
}

/** An animal's picture from /art (decorative unless alt is given). */
export function AnimalArt({ code, alt = '', size = 96, class: cls }) {
  if (!code) return null;
  return html`<img class=${cls} src=${assetURL(`/art/animals/${code}.svg`)} alt=${alt} width=${size} height=${size} />`;
}

/** Loads /assets/classes.css while a page of this area is shown. */
export function useClassesStyles() {
  useEffect(() => {
    if (document.querySelector('link[data-classes-css]')) return;
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = '/assets/classes.css';
    link.dataset.classesCss = '1';
    document.head.appendChild(link);
  }, []);
}

/** Date and time in the browser's language. */
export function when(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** localStorage that never throws (private mode, full storage). */
export const store = {
  get(key) {
    try {
      return JSON.parse(window.localStorage.getItem(key) || 'null');
    } catch {
      return null;
    }
  },
  set(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch {
      // the quiz still works, it just won't survive a reload
    }
  },
  remove(key) {
    try {
      window.localStorage.removeItem(key);
    } catch {
      // nothing to do
    }
  },
};

function StudentLogout() {
  const action = useAction(async () => {
    try {
      await api.post('/passport/logout');
    } finally {
      navigate('/student', { replace: true });
    }
  });
  return html`<${Button} variant="ghost" size="small" busy=${action.busy} onClick=${() => action.run()}>Log out<//>`;
}

/** The frame of a signed-in student's pages. */
export function StudentLayout({ children, narrow }) {
  return html`<${Layout} narrow=${narrow} nav=${html`
    <${NavLink} href="/me" exact>My page<//>
    <${StudentEconomyNav} />
    <${StudentLogout} />`}>${children}<//>`;
}
