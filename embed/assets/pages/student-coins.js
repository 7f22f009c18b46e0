// The student's coin history, newest first.

import { html, useEffect, useState } from '../preact.js';
import { api } from '../api.js';
import { Button, ErrorBox, Layout, PageLoading, setTitle, useAction, useAsync } from '../ui.js';
import { CoinCount, LedgerTable, StudentEconomyNav, useEconomyStyles } from '../economy.js';

export default function StudentCoinsPage() {
  useEconomyStyles();
  useEffect(() => setTitle('My coins'), []);
  const dash = useAsync((signal) => api.get('/student/economy', { signal }), []);
  const first = useAsync((signal) => api.get('/student/ledger', { signal }), []);
  const [extra, setExtra] = useState([]);
  const [more, setMore] = useState(null);
  const loadMore = useAction(async () => {
    const all = [...(first.data?.entries || []), ...extra];
    const res = await api.get(`/student/ledger?before=${all[all.length - 1].id}`);
    setExtra([...extra, ...res.entries]);
    setMore(res.more);
  });

  const nav = html`<${StudentEconomyNav} />`;
  const error = dash.error || first.error;
  if (error && !first.data) return html`<${Layout} nav=${nav}><${ErrorBox} error=${error} /><//>`;
  if (!first.data || !dash.data) return html`<${Layout} nav=${nav}><${PageLoading} /><//>`;
  const entries = [...first.data.entries, ...extra];
  const hasMore = more === null ? first.data.more : more;
  return html`<${Layout} nav=${nav}>
    <div class="econ-head">
      <h1 class="page-title">My coins</h1>
      <${CoinCount} coins=${dash.data.coins} big />
    </div>
    <${LedgerTable} entries=${entries} />
    ${hasMore && html`<${Button} variant="secondary" busy=${loadMore.busy} onClick=${() => loadMore.run()}>Show older<//>`}
    <${ErrorBox} error=${loadMore.error} />
  <//>`;
}
