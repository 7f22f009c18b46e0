// Shared bits of the economy pages: the coin count, avatar pictures,
// item previews, the student's economy nav and the page stylesheet.

import { html, useEffect, useState } from './preact.js';
import { api, ApiError, formatTime } from './api.js';
import { navigate } from './router.js';
import { Button, ErrorBox, NavLink, plural, TableWrap, useAction, useAsync } from './ui.js';
import { assetURL } from './asset-url.js';

// economy.css is loaded only by the pages that use it (a <link> to our own
// origin, which the Content-Security-Policy allows).
export function useEconomyStyles() {
  useEffect(() => {
    if (document.querySelector('link[data-economy-css]')) return;
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = '/assets/economy.css';
    link.dataset.economyCss = '';
    document.head.appendChild(link);
  }, []);
}

export const SLOTS = [
  { key: 'hat', label: 'Hats', one: 'Hat' },
  { key: 'glasses', label: 'Glasses', one: 'Glasses' },
  { key: 'neck', label: 'Neck', one: 'Neck' },
  { key: 'background', label: 'Backgrounds', one: 'Background' },
];

export const MOOD_WORDS = { happy: 'Happy', neutral: 'Okay', sad: 'Sad' };

// A gold coin, our own drawing.
const CoinIcon = () => html`<svg viewBox="0 0 24 24" aria-hidden="true">
  <circle cx="12" cy="12" r="10" fill="#F5C542" stroke="#B8860B" stroke-width="2" />
  <circle cx="12" cy="12" r="6" fill="none" stroke="#B8860B" stroke-width="1.5" />
  <path d="M10 9.5h3a1.5 1.5 0 0 1 0 3h-2a1.5 1.5 0 0 0 0 3h3" fill="none" stroke="#8A6508" stroke-width="1.5" stroke-linecap="round" />
</svg>`;

/** "42 coins" with a coin icon. */
export function CoinCount({ coins, big }) {
  const n = Number(coins) || 0;
  return html`<span class=${big ? 'coin-count coin-count-big' : 'coin-count'} data-testid="coins">
    <${CoinIcon} /><span>${n} ${plural(n, 'coin', 'coins')}</span>
  </span>`;
}

export function Rarity({ rarity }) {
  return html`<span class=${`rarity rarity-${rarity}`}>${rarity}</span>`;
}

/**
 * An item shown on the student's animal, as it would be worn. Backgrounds
 * go behind the animal; everything else on top of a faint animal.
 */
export function ItemPreview({ animal, image, slot, alt }) {
  const animalSrc = assetURL(`/art/animals/${animal || 'meerkat'}.svg`);
  if (slot === 'background') {
    return html`<div class="layered" role="img" aria-label=${alt}>
      <img src=${assetURL(image)} alt="" /><img class="layer-faint" src=${animalSrc} alt="" />
    </div>`;
  }
  return html`<div class="layered" role="img" aria-label=${alt}>
    <img class="layer-faint" src=${animalSrc} alt="" /><img src=${assetURL(image)} alt="" />
  </div>`;
}

/** The signed-in student's avatar; bump `version` after a change. */
export function MyAvatar({ version = 0, alt = 'My avatar', small }) {
  return html`<img class=${small ? 'avatar-small' : 'avatar-img'} src=${`/api/v1/student/avatar.svg?v=${version}`}
    alt=${alt} width="200" height="200" data-testid="my-avatar" />`;
}

/**
 * Sends a student whose session ended to the passport login (the student
 * front door), like the other student pages. Returns true while it does.
 */
export function useStudentOut(error) {
  const out = error instanceof ApiError && error.status === 401;
  useEffect(() => {
    if (out) navigate('/student', { replace: true });
  }, [out]);
  return out;
}

/** Nav for the student's economy pages (part of the student frame). */
export function StudentEconomyNav() {
  return html`
    <${NavLink} href="/student/store">Store<//>
    <${NavLink} href="/student/avatar">My avatar<//>
    <${NavLink} href="/student/things">My things<//>
    <${NavLink} href="/student/pet">My pet<//>
    <${NavLink} href="/student/coins">My coins<//>`;
}

/** "3 minutes ago" style time for history lines. */
export function when(iso) {
  return formatTime(iso);
}

export const LEDGER_WORDS = {
  welcome_bonus: 'Welcome bonus',
  teacher_gift: 'From your teacher',
  teacher_deduct: 'Taken by your teacher',
  purchase: 'Bought',
  pet_purchase: 'Adopted a pet',
  pet_care: 'Pet care',
  game_reward: 'Game prize',
  refund: 'Refund',
  lesson_reward: 'Lesson complete',
};

/**
 * A coin history a page at a time: GET path answers the newest lines (and
 * more: true when there are older ones), ?before=id the lines before one.
 */
export function useLedger(path) {
  const first = useAsync((signal) => api.get(path, { signal }), [path]);
  const [older, setOlder] = useState({ entries: [], more: null });
  const entries = [...(first.data?.entries || []), ...older.entries];
  const loadOlder = useAction(async () => {
    const res = await api.get(`${path}?before=${entries[entries.length - 1].id}`);
    setOlder({ entries: [...older.entries, ...res.entries], more: res.more });
  });
  const more = older.more === null ? Boolean(first.data?.more) : older.more;
  return { first, entries, more, loadOlder };
}

/** The "Show older" button under a coin history, and its error. */
export function ShowOlder({ ledger }) {
  return html`${ledger.more && html`<${Button} variant="secondary" busy=${ledger.loadOlder.busy}
      onClick=${() => ledger.loadOlder.run()}>Show older<//>`}
    <${ErrorBox} error=${ledger.loadOlder.error} />`;
}

/** A coin history table. */
export function LedgerTable({ entries }) {
  if (!entries.length) return html`<p class="empty-state">No coins have moved yet.</p>`;
  return html`<${TableWrap} label="Coin history"><table class="table phone-cards">
    <thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col" class="num">Coins</th><th scope="col" class="num">Balance</th></tr></thead>
    <tbody>${entries.map((e) => html`<tr key=${e.id}>
      <td data-label="When">${when(e.at)}</td>
      <td data-label="What">${LEDGER_WORDS[e.type] || e.type}${e.reason ? `: ${e.reason}` : ''}</td>
      <td data-label="Coins" class=${e.amount > 0 ? 'num ledger-amount-plus' : 'num ledger-amount-minus'}>${e.amount > 0 ? `+${e.amount}` : e.amount}</td>
      <td data-label="Balance" class="num">${e.balanceAfter ?? ''}</td>
    </tr>`)}</tbody>
  </table></${TableWrap}>`;
}
