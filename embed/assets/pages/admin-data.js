// Admin > School data: the export of the whole school and what the box
// keeps for how long.

import { html } from '../preact.js';
import { Button } from '../ui.js';

export function DataTab() {
  return html`<section class="stack" aria-labelledby="data-title">
    <h2 id="data-title">School data</h2>
    <div class="card stack">
      <h3 class="mb-0">Export the whole school</h3>
      <p class="mb-0">One archive (.tar.gz) with a JSON file per class holding everything kept about each of its students,
        the teacher and admin accounts (without passwords) and a manifest with checksums. Keep it safe: it holds children's data.
        The same archive comes from the command line with <code>animalgenius export --out FILE</code>.</p>
      <div class="cluster"><${Button} href="/api/v1/admin/export" data-native download data-school-export>Download the whole school<//></div>
      <p class="muted small mb-0">Each download is written in the audit log.</p>
    </div>
    <div class="card stack">
      <h3 class="mb-0">What is kept, and for how long</h3>
      <p class="mb-0">The <a href="/privacy?full=1">privacy notice</a> says what the box stores about students and adults,
        why, who sees it and when it is deleted. Teachers export or correct one student's data from the class page.</p>
    </div>
  </section>`;
}
