// The student's coin history, newest first.

import { html, useEffect, useState } from '../preact.js';
import { StudentLayout } from '../classes.js';
import { api } from '../api.js';
import { Button, ErrorBox, PageLoading, setTitle, useAction, useAsync } from '../ui.js';
import { CoinCount, LedgerTable, useEconomyStyles, useStudentOut } from '../economy.js';

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

  const out = useStudentOut(dash.error || first.error);
  if (out) return html`<${StudentLayout}><${PageLoading} /><//>`;
  const error = dash.error || first.error;
  if (error && !first.data) return html`<${StudentLayout}><${ErrorBox} error=${error} /><//>`;
  if (!first.data || !dash.data) return html`<${StudentLayout}><${PageLoading} /><//>`;
  const entries = [...first.data.entries, ...extra];
  const hasMore = more === null ? first.data.more : more;
  return html`<${StudentLayout}>
    <div class="econ-head">
      <h1 class="page-title">My coins</h1>
      <${CoinCount} coins=${dash.data.coins} big />
    </div>
    <${LedgerTable} entries=${entries} />
    ${hasMore && html`<${Button} variant="secondary" busy=${loadMore.busy} onClick=${() => loadMore.run()}>Show older<//>`}
    <${ErrorBox} error=${loadMore.error} />
  <//>`;
}
