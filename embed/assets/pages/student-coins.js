// The student's coin history, newest first.

import { html, useEffect } from '../preact.js';
import { StudentLayout } from '../classes.js';
import { api } from '../api.js';
import { ErrorBox, PageLoading, setTitle, useAsync } from '../ui.js';
import { CoinCount, LedgerTable, ShowOlder, useEconomyStyles, useLedger, useStudentOut } from '../economy.js';

export default function StudentCoinsPage() {
  useEconomyStyles();
  useEffect(() => setTitle('My coins'), []);
  const dash = useAsync((signal) => api.get('/student/economy', { signal }), []);
  const ledger = useLedger('/student/ledger');
  const first = ledger.first;

  const out = useStudentOut(dash.error || first.error);
  if (out) return html`<${StudentLayout}><${PageLoading} /><//>`;
  const error = dash.error || first.error;
  if (error && !first.data) return html`<${StudentLayout}><${ErrorBox} error=${error} /><//>`;
  if (!first.data || !dash.data) return html`<${StudentLayout}><${PageLoading} /><//>`;
  return html`<${StudentLayout}>
    <div class="econ-head">
      <h1 class="page-title">My coins</h1>
      <${CoinCount} coins=${dash.data.coins} big />
    </div>
    <${LedgerTable} entries=${ledger.entries} />
    <${ShowOlder} ledger=${ledger} />
  <//>`;
}
