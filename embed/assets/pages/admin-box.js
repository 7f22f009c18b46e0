// Admin > Box: the server's health for school IT: ready or not, free disk,
// the last good backup and the last verified copy off the box.

import { html } from '../preact.js';
import { api, parseTime } from '../api.js';
import { Button, ErrorBox, Notice, Spinner, useAsync } from '../ui.js';
import { formatWhen } from '../auth.js';

function size(bytes) {
  if (bytes >= 1 << 30) return `${(bytes / (1 << 30)).toFixed(1)} GiB`;
  return `${Math.round(bytes / (1 << 20))} MiB`;
}

// Older than 26 hours: the daily backup was missed.
function stale(iso) {
  const d = parseTime(iso);
  return !d || Date.now() - d.getTime() > 26 * 3600 * 1000;
}

function BackupRows({ box }) {
  const b = box.backups || {};
  const scheduled = box.backupTime
    ? `Every day at ${box.backupTime}, keeping the newest ${box.backupKeep}.`
    : 'Scheduled backups are off (backup.time is empty).';
  return html`<dl class="box-facts">
    <dt>Backups</dt><dd>${scheduled} Folder: <code>${b.dir}</code></dd>
    <dt>Last good backup</dt>
    <dd data-testid="last-backup">${formatWhen(b.lastGood)}${b.lastGoodFile && html` <code>${b.lastGoodFile}</code>`}</dd>
    <dt>Copy off the box</dt>
    <dd>${b.copyTo ? html`To <code>${b.copyTo}</code>, checked by checksum after each backup.`
      : 'Off. Set backup.copy_to to a school share or USB disk, so a dead disk does not take the backups with it.'}</dd>
    ${b.copyTo && html`<dt>Last good copy</dt>
      <dd data-testid="last-copy">${formatWhen(b.lastCopy)}${b.lastCopyFile && html` <code>${b.lastCopyFile}</code>`}</dd>`}
  </dl>`;
}

export function BoxTab() {
  const box = useAsync((signal) => api.get('/admin/box', { signal }), []);
  const d = box.data;
  const b = (d && d.backups) || {};
  return html`<section class="stack" aria-labelledby="box-title">
    <h2 id="box-title">Box</h2>
    <p class="muted">How the school server is doing. Checked ${d ? formatWhen(d.checkedAt) : '…'}.</p>
    ${box.loading && html`<${Spinner} />`}
    <${ErrorBox} error=${box.error} />
    ${d && html`<div class="stack">
      ${!d.ready && html`<${Notice} kind="warning"><strong>Not ready:</strong> ${d.notReady}<//>`}
      ${d.disk.low && html`<${Notice} kind="warning"><strong>The disk is nearly full</strong> (${size(d.disk.freeBytes)} free).
        Picture uploads are refused until there is at least ${size(d.disk.minFreeBytes)} free; when it is full, nothing can be saved.<//>`}
      ${b.copyError && html`<div class="error-box" role="alert" data-testid="copy-error"><strong>The last copy off the box failed</strong>
        <p>${formatWhen(b.copyErrorAt)}: ${b.copyError}</p></div>`}
      ${d.backupTime && stale(b.lastGood) && html`<${Notice} kind="warning">No backup in the last 26 hours. Take one
        now with <code>animalgenius backup</code> and look in the log for "backup".<//>`}
      <dl class="box-facts">
        <dt>Version</dt><dd>${d.version}</dd>
        <dt>Ready</dt><dd>${d.ready ? 'Yes' : 'No'}</dd>
        <dt>Free disk</dt><dd>${size(d.disk.freeBytes)} (uploads stop below ${size(d.disk.minFreeBytes)})</dd>
      </dl>
      <${BackupRows} box=${d} />
      <div class="cluster"><${Button} variant="secondary" onClick=${box.reload}>Check again<//></div>
    </div>`}
  </section>`;
}
