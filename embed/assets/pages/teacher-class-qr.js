// /teacher/classes/:id/qr: the join screen for the projector. The class
// code in huge letters, the QR code of the full join link, and the link.

import { html, useEffect } from '../preact.js';
import { api } from '../api.js';
import { ReachNotice, TeacherPage } from '../auth.js';
import { Button, ErrorBox, PageLoading, setTitle, useAsync } from '../ui.js';
import { useClassesStyles } from '../classes.js';

export default function TeacherClassQRPage({ params }) {
  useClassesStyles();
  return html`<${TeacherPage} title="Join screen">${() => html`<${QRStage} id=${params.id} />`}<//>`;
}

function QRStage({ id }) {
  const data = useAsync((signal) => api.get(`/classes/${encodeURIComponent(id)}`, { signal }), [id]);
  useEffect(() => {
    if (data.data) setTitle(`Join ${data.data.class.name}`);
  }, [data.data]);
  if (data.loading) return html`<${PageLoading} />`;
  if (data.error) return html`<${ErrorBox} error=${data.error} />`;
  const cls = data.data.class;
  const full = () => document.documentElement.requestFullscreen?.().catch(() => {});
  // On a wide screen (a projector) the words stand beside the QR code, so
  // both fit one 1280x720 screen; on a phone they come one under the other.
  return html`<section class="qr-stage">
    <div class="no-print qr-notice"><${ReachNotice} /></div>
    <div class="qr-words stack">
      <h1>Join ${cls.name}</h1>
      <p class="lead mb-0">Scan the code, or go to <strong>${cls.joinUrl.replace(/\/join\/.*$/, '/student')}</strong> and type</p>
      <p class="big-code big-code-xl mb-0" data-class-code>${cls.code}</p>
      <p class="join-link">${cls.joinUrl}</p>
      ${cls.archived && html`<p class="error-box">This class is archived, so nobody can join it right now.</p>`}
      <div class="cluster no-print">
        <${Button} variant="secondary" onClick=${full}>Full screen<//>
        <${Button} variant="secondary" href=${`/api/v1/classes/${cls.id}/qr.png`} download=${`class-${cls.code}-qr.png`}>Download as PNG<//>
        <${Button} variant="ghost" href=${`/teacher/classes/${cls.id}`}>Back to the class<//>
      </div>
    </div>
    <img class="qr-big" src=${`/api/v1/classes/${cls.id}/qr.svg?c=${cls.code}`} alt=${`QR code of ${cls.joinUrl}`} data-qr />
  </section>`;
}
