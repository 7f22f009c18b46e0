// /teacher/classes/new: make a class, then go to its page.

import { html } from '../preact.js';
import { api } from '../api.js';
import { navigate } from '../router.js';
import { TeacherPage } from '../auth.js';
import { useAction } from '../ui.js';
import { useClassesStyles } from '../classes.js';
import { ClassForm } from '../class-form.js';

export default function TeacherClassNewPage() {
  useClassesStyles();
  const create = useAction(async (values) => {
    const res = await api.post('/classes', values);
    navigate(`/teacher/classes/${res.class.id}`);
  });
  return html`<${TeacherPage} title="New class" narrow>${() => html`<div class="stack">
    <h1>New class</h1>
    <p class="muted">You get a class code and a QR code to show your students. You can change all of this later.</p>
    <div class="card">
      <${ClassForm} onSave=${create.run} busy=${create.busy} error=${create.error} submitLabel="Make the class" />
    </div>
  </div>`}<//>`;
}
