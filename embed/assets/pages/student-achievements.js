// /me/achievements: every achievement, earned or not, with progress where
// there is one.

import { html, useEffect } from '../preact.js';
import { api } from '../api.js';
import { Button, ErrorBox, PageLoading, setTitle, useAsync } from '../ui.js';
import { StudentLayout, useClassesStyles } from '../classes.js';
import { useStudentOut } from '../economy.js';
import { AchievementBadge, useLoungeStyles } from '../lounge.js';

export default function StudentAchievementsPage() {
  useClassesStyles();
  useLoungeStyles();
  useEffect(() => setTitle('My achievements'), []);
  const data = useAsync((signal) => api.get('/student/achievements', { signal }), []);
  useStudentOut(data.error);
  if (data.error && !data.data) return html`<${StudentLayout}><${ErrorBox} error=${data.error} /><//>`;
  if (!data.data) return html`<${StudentLayout}><${PageLoading} /><//>`;
  const list = data.data.achievements;
  const earned = list.filter((a) => a.earned).length;
  return html`<${StudentLayout}>
    <div class="stack-lg">
      <div><h1 class="mb-0">My achievements</h1>
        <p class="lead">You have ${earned} of ${list.length}.</p></div>
      <ul class="achievements">${list.map((a) => html`<${AchievementBadge} key=${a.code} a=${a} />`)}</ul>
      <p><${Button} variant="secondary" href="/me">Back to my page<//></p>
    </div>
  <//>`;
}
