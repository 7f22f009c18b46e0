// /privacy: what this box keeps about students and adults. A short
// version for pupils (ages 10-14) and the full one for teachers, parents
// and the school's data-protection officer (?full=1). The numbers come
// from the box's configuration (GET /api/v1/privacy).

import { html, useEffect } from '../preact.js';
import { api } from '../api.js';
import { Layout, ErrorBox, PageLoading, countOf, setTitle, useAsync, TableWrap } from '../ui.js';

// "365 days" or "1 year": how long a rule that is on keeps a thing. A
// rule set to 0 is off: each sentence says then who deletes the thing.
function keep(days) {
  if (days % 365 === 0) return countOf(days / 365, 'year', 'years');
  return countOf(days, 'day', 'days');
}

function Contact({ contact, kids }) {
  if (contact) return html`<strong data-privacy-contact>${contact}</strong>`;
  return kids ? html`your teacher` : html`the school office (this school has not written a contact here yet)`;
}

function KidsVersion({ d }) {
  const r = d.retention;
  const things = r.archivedClassDays
    ? `When your class is finished and put away, your things are deleted after ${keep(r.archivedClassDays)}.`
    : 'Your things stay until your teacher or the school deletes them, also after your class is finished.';
  const games = r.gameDays ? `Game scores are deleted after ${keep(r.gameDays)}.` : 'Game scores stay until your teacher deletes them.';
  return html`<section class="stack privacy-kids" aria-labelledby="kids-title" data-privacy="kids">
    <h2 id="kids-title" class="mb-0">The short version</h2>
    <ul class="stack privacy-list">
      <li><strong>What we keep:</strong> your first name and the first letter of your last name, your quiz answers and your animal,
        your coins, the things you buy, your pet, and your scores in quiz games.</li>
      <li><strong>What we never ask for:</strong> your last name, your birthday, where you live, your email or a photo of you.
        Please type just your first name.</li>
      <li><strong>Where it is:</strong> on a computer inside your school. It is never sent to the internet, sold or shown to adverts.</li>
      <li><strong>Who can see it:</strong> you (with your passport code), your teacher, and the people who look after the school's computers.
        Other students only see your first name and animal in class games and groups.</li>
      <li><strong>Your passport code</strong> is like a key. Keep it to yourself. If someone else knows it, ask your teacher for a new one.</li>
      <li data-privacy-how-long><strong>How long:</strong> ${things} ${games}</li>
      <li><strong>You can ask</strong> to see everything we keep about you, to fix your name, or to delete it all.
        Ask <${Contact} contact=${d.contact} kids=${true} />.</li>
    </ul>
  </section>`;
}

function FullVersion({ d }) {
  const r = d.retention;
  const s = d.sessions;
  const students = r.archivedClassDays
    ? `While the student is in the class; students of a class archived ${keep(r.archivedClassDays)} ago are deleted` +
      (r.archivedClassWarnDays ? ` (the teacher is warned ${keep(r.archivedClassWarnDays)} before)` : '')
    : 'Until a teacher or the admin removes the student or deletes the class; archived classes are not emptied on their own';
  const games = r.gameDays ? `${keep(r.gameDays)} after the game; the teacher can delete them sooner` : 'Until the teacher deletes them';
  const audit = (r.auditDays ? `Audit lines are kept ${keep(r.auditDays)}` : 'Audit lines are kept with no end date (this box does not delete old ones)') +
    (r.auditAddressDays ? `; their addresses are blanked after ${keep(r.auditAddressDays)}.` : '; their addresses are kept as long as the lines.');
  const backups = r.backupDays
    ? `backups older than ${keep(r.backupDays)} are deleted, and so is data set aside when a backup is restored ` +
      '(the last nightly backup stays until a newer one is made, so the school is never left without one).'
    : `only the newest ${countOf(r.backupKeep, 'nightly backup stays', 'nightly backups stay')}; backups made by hand or before an update, ` +
      'and data set aside when a backup is restored, stay until the admin deletes them.';
  return html`<section class="stack privacy-full" aria-labelledby="full-title" data-privacy="full">
    <h2 id="full-title" class="mb-0">The full version, for teachers, parents and the school's data-protection officer</h2>
    <p>Animal Genius runs on one server that the school owns and looks after. No data leaves it: there is no cloud service,
      no analytics, no advertising, no web fonts or scripts from elsewhere. The school is responsible for the data (the controller);
      questions go to <${Contact} contact=${d.contact} />.</p>

    <h3 class="mb-0">What is kept about a student, and why</h3>
    <${TableWrap} label="What is kept about a student"><table class="table">
      <thead><tr><th scope="col">What</th><th scope="col">Why</th><th scope="col">Kept for</th></tr></thead>
      <tbody>
        <tr><td>First name and last initial; passport code</td><td>So the teacher knows who is who; so the student can log in again</td>
          <td data-privacy-students>${students}</td></tr>
        <tr><td>Quiz answers and results (animal, type, learning style), every attempt</td><td>The lesson itself: the results and the class insight</td><td>As the student</td></tr>
        <tr><td>Coins and their history (with the reason the teacher typed), items, avatar colours, pet and its name, the days the pet was happy</td><td>The class reward game</td><td>As the student</td></tr>
        <tr><td>Badges earned (achievements) and when they were shown</td><td>The student's page celebrates them</td><td>As the student</td></tr>
        <tr><td>Class values vote: that the student voted, and the ballot</td><td>The class's values; the ballot is secret, even from the teacher, and only counts in the class's result</td><td>As the student</td></tr>
        <tr><td>A pupil taking the quiz right now: first name and last initial</td><td>The teacher's live board shows who is still working</td><td>Until the quiz is sent, at most 45 minutes</td></tr>
        <tr><td>Live quiz game plays: name shown, answers, score, place</td><td>The game's results for the teacher</td>
          <td data-privacy-games>${games}</td></tr>
        <tr><td>Saved groups the student is in</td><td>The teacher's seating and group work</td><td>Until the teacher deletes them; a removed student leaves them at once</td></tr>
        <tr><td>Sign-ins: time, the device's network address and browser name</td><td>Security: to end sessions and spot misuse</td>
          <td>Until the sign-in ends (${countOf(s.studentIdleHours, 'hour', 'hours')} without use)</td></tr>
        <tr><td>Answers kept for a repeated click (coins, purchases)</td><td>So a double click never pays twice</td><td>${countOf(d.retention.idempotencyHours, 'hour', 'hours')}</td></tr>
      </tbody>
    </table></${TableWrap}>
    <p>No surname, date of birth, address, email or photo is asked for, and no free text about the student beyond the pet's name the student
      chooses and the reason a teacher may type when giving coins. When a pupil types more than one word
      as a first name, they are asked for the first name only.</p>

    <h3 class="mb-0">What is kept about adults</h3>
    <p>Teachers and admins: email, display name, school, role, a salted password hash (argon2id), sign-ins (time, address, browser)
      for up to ${countOf(s.absoluteDays, 'day', 'days')}, and the audit log: who signed in, changed an account or acted on a student's data (removal, class deletion, export,
      new passport code, coins given or taken, name correction, deleted game results), when and from which
      address. <span data-privacy-audit>${audit}</span> They hold a student's number, never the name.</p>

    <h3 class="mb-0">Who sees what</h3>
    <ul>
      <li>A student sees only its own data, after logging in with its passport code.</li>
      <li>A teacher sees the students of their own classes and the games they hosted.</li>
      <li>Admins (the school's IT or a lead teacher) see every class, the accounts and the audit log, and can export the whole school.</li>
      <li>In a live game the players see each other's names as typed and scores.</li>
    </ul>

    <h3 class="mb-0">Getting data exported, corrected or deleted</h3>
    <ul>
      <li><strong>Export:</strong> the teacher opens the student's "Data" page on the class page: everything kept, to print or download as JSON.
        Admins can export the whole school (Admin › School data, or <code>animalgenius export</code>).</li>
      <li><strong>Correction:</strong> the teacher corrects the name ("Fix name"); the student keeps everything else.</li>
      <li><strong>Deletion:</strong> removing the student, deleting the class or deleting the teacher with their classes deletes every row about
        the student; game results keep only an anonymous score. Deleted data is overwritten in the database file.
        Teachers can also delete one game's results or all of a class's.</li>
      <li>Each of these actions is written in the audit log.</li>
    </ul>

    <h3 class="mb-0">Backups</h3>
    <p data-privacy-backups>The server backs itself up every night. A deleted student still exists in backups made before the deletion until they are
      pruned: ${backups} Restoring an older backup brings back students deleted since; the command says so.</p>
  </section>`;
}

export default function PrivacyPage({ query }) {
  const full = query.get('full') === '1';
  const data = useAsync((signal) => api.get('/privacy', { signal }), []);
  useEffect(() => setTitle(full ? 'Privacy (full version)' : 'Privacy'), [full]);
  const d = data.data;
  return html`<${Layout}><div class="stack-lg privacy">
    <h1 class="page-title mb-0">Your data and privacy</h1>
    <${ErrorBox} error=${data.error} />
    ${data.loading && !d && html`<${PageLoading} />`}
    ${d && html`<${KidsVersion} d=${d} />`}
    ${d && !full && html`<p><a href="/privacy?full=1" data-privacy-full-link>Read the full
      version</a> (for teachers, parents and the school's data-protection officer).</p>`}
    ${d && full && html`<${FullVersion} d=${d} />`}
  </div><//>`;
}
