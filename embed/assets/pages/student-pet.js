// The student's pet: its mood picture, hunger and happiness as they are
// now (they fall a little every hour), and feed / play / pet buttons with
// a short rest between goes.

import { html, useEffect, useState } from '../preact.js';
import { StudentLayout } from '../classes.js';
import { api, postOnce } from '../api.js';
import { Button, ErrorBox, Field, Notice, PageLoading, Progress, setTitle, useAction, useAsync } from '../ui.js';
import { CoinCount, MOOD_WORDS, useEconomyStyles, useStudentOut } from '../economy.js';
import { assetURL } from '../asset-url.js';

const ACTIONS = [
  { key: 'feed', label: 'Feed', hint: 'costs 5 coins, +30 hunger' },
  { key: 'play', label: 'Play', hint: '+20 happiness' },
  { key: 'pet', label: 'Pet', hint: '+10 happiness' },
];

export default function StudentPetPage() {
  useEconomyStyles();
  useEffect(() => setTitle('My pet'), []);
  const dash = useAsync((signal) => api.get('/student/economy', { signal }), []);
  const [pet, setPet] = useState(null);
  const [coins, setCoins] = useState(null);
  const [waits, setWaits] = useState({});
  const [name, setName] = useState('');
  const [renamed, setRenamed] = useState(false);

  useEffect(() => {
    if (dash.data) {
      setPet(dash.data.pet);
      setCoins(dash.data.coins);
      setWaits(dash.data.pet ? { ...dash.data.pet.cooldowns } : {});
      setName(dash.data.pet ? dash.data.pet.name : '');
    }
  }, [dash.data]);
  // Count the rests down once a second.
  useEffect(() => {
    const t = setInterval(() => setWaits((w) => {
      const next = {};
      for (const [k, v] of Object.entries(w)) next[k] = Math.max(0, v - 1);
      return next;
    }), 1000);
    return () => clearInterval(t);
  }, []);

  const care = useAction(async (action) => {
    const res = await postOnce('/student/pet/care', { action });
    setPet(res.pet);
    setCoins(res.coins);
    setWaits({ ...res.pet.cooldowns });
  });
  const rename = useAction(async () => {
    setRenamed(false);
    const res = await api.patch('/student/pet', { name });
    setPet(res.pet);
    setRenamed(true);
  });

  const out = useStudentOut(dash.error);
  if (out) return html`<${StudentLayout}><${PageLoading} /><//>`;
  if (dash.error && !dash.data) return html`<${StudentLayout}><${ErrorBox} error=${dash.error} /><//>`;
  if (!dash.data) return html`<${StudentLayout}><${PageLoading} /><//>`;
  if (!pet) {
    return html`<${StudentLayout}>
      <h1 class="page-title">My pet</h1>
      <div class="empty-state">
        <p>You don't have a pet yet.</p>
        <${Button} href="/student/store?tab=pets">Adopt one in the store<//>
      </div>
    <//>`;
  }
  const nameError = rename.error && rename.error.code === 'bad_name' ? rename.error.serverMessage : null;
  return html`<${StudentLayout}>
    <div class="econ-head">
      <h1 class="page-title">${pet.name} the ${pet.species.name}</h1>
      <${CoinCount} coins=${coins} big />
    </div>
    <div class="pet-stage">
      <img class="pet-art" src=${assetURL(pet.art)} alt=${`${pet.name} looks ${MOOD_WORDS[pet.mood].toLowerCase()}`} width="200" height="200" data-testid="pet-art" />
      <div class="stack">
        <p>Mood: <span class=${`mood mood-${pet.mood}`} data-testid="pet-mood">${MOOD_WORDS[pet.mood]}</span></p>
        <${Progress} value=${pet.hunger} max=${100} label=${`Food: ${pet.hunger} of 100`} />
        <${Progress} value=${pet.happiness} max=${100} label=${`Happiness: ${pet.happiness} of 100`} />
        <div class="cluster">
          ${ACTIONS.map((a) => {
            const wait = waits[a.key] || 0;
            return html`<${Button} key=${a.key} busy=${care.busy} disabled=${wait > 0 || (a.key === 'feed' && coins < 5)}
                onClick=${() => care.run(a.key)} data-testid=${`care-${a.key}`}>
              ${a.label}${wait > 0 ? ` (wait ${wait}s)` : ''}<span class="visually-hidden">: ${a.hint}</span>
            <//>`;
          })}
        </div>
        <p class="small muted">Feeding costs 5 coins. Food and happiness drop a little every hour, so come back often.</p>
        <${ErrorBox} error=${care.error} />
      </div>
    </div>
    <form class="form" onSubmit=${(e) => { e.preventDefault(); rename.run(); }}>
      <h2>Rename your pet</h2>
      <${Field} label="New name" value=${name} maxlength="20" onInput=${(e) => setName(e.currentTarget.value)} error=${nameError} />
      ${!nameError && html`<${ErrorBox} error=${rename.error} />`}
      ${renamed && html`<${Notice} kind="success">Renamed!<//>`}
      <div><${Button} type="submit" variant="secondary" busy=${rename.busy}>Save name<//></div>
    </form>
  <//>`;
}
