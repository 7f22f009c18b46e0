// /student: the student's front door. Type the class code to join a
// class and take the quiz, or type a passport code to come back.

import { html, useEffect, useState } from '../preact.js';
import { api, ApiError } from '../api.js';
import { navigate } from '../router.js';
import { Button, ErrorBox, Field, Layout, setTitle, useAction, useAsync } from '../ui.js';
import { useClassesStyles } from '../classes.js';

// Only what a code can hold: letters, digits, spaces and hyphens.
const cleanCode = (s) => s.replace(/[^0-9a-zA-Z -]/g, '').slice(0, 20);

export default function StudentStartPage() {
  useClassesStyles();
  useEffect(() => setTitle('Students'), []);
  const me = useAsync(async (signal) => {
    try {
      return await api.get('/student/me', { signal });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return null;
      throw err;
    }
  }, []);
  const [classCode, setClassCode] = useState('');
  const [passport, setPassport] = useState('');
  const [codeError, setCodeError] = useState('');
  // Asked for only when the box says so (class_code_needed): after many
  // wrong codes, devices that never signed in give the class code too.
  const [askClass, setAskClass] = useState(false);
  const [loginClass, setLoginClass] = useState('');

  const join = (e) => {
    e.preventDefault();
    const code = classCode.replace(/[\s-]/g, '').toUpperCase();
    if (code.length !== 6) {
      setCodeError('A class code has 6 letters and numbers. Check the board and try again.');
      return;
    }
    navigate(`/join/${code}`);
  };
  const login = useAction(async () => {
    try {
      await api.post('/passport/login', askClass ? { passportCode: passport, classCode: loginClass } : { passportCode: passport });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'class_code_needed') setAskClass(true);
      throw err;
    }
    navigate('/me');
  });
  const fields = (login.error instanceof ApiError && login.error.details && login.error.details.fields) || {};

  return html`<${Layout} narrow>
    <div class="stack-lg">
      <h1>Hi there!</h1>
      ${me.data && html`<div class="notice notice-success">
        <p>You are logged in as <strong>${me.data.student.name}</strong>.</p>
        <${Button} href="/me">Go to my page<//>
      </div>`}
      <section class="card card-accent accent-feeler">
        <h2>Join my class</h2>
        <p class="muted">Type the class code your teacher shows you.</p>
        <form class="form" onSubmit=${join} novalidate>
          <${Field} label="Class code" name="classCode" autocomplete="off" autocapitalize="characters"
            spellcheck="false" inputmode="text" maxlength="20" value=${classCode} error=${codeError}
            onInput=${(e) => { setClassCode(cleanCode(e.target.value)); setCodeError(''); }}
            className="input-code" placeholder="ABC234" />
          <${Button} type="submit" size="big" block>Join<//>
        </form>
      </section>
      <section class="card card-accent accent-thinker">
        <h2>I have a passport code</h2>
        <p class="muted">You got it after the quiz. It looks like OWL-7K3QX.</p>
        <form class="form" onSubmit=${(e) => { e.preventDefault(); login.run(); }} novalidate>
          <${Field} label="Passport code" name="passportCode" autocomplete="off" autocapitalize="characters"
            spellcheck="false" maxlength="20" value=${passport} error=${fields.passportCode}
            onInput=${(e) => { setPassport(cleanCode(e.target.value)); login.clearError(); }}
            className="input-code" placeholder="OWL-7K3QX" />
          ${askClass && html`<${Field} label="Class code (on your passport card)" name="loginClassCode" autocomplete="off"
            autocapitalize="characters" spellcheck="false" maxlength="20" value=${loginClass} error=${fields.classCode}
            onInput=${(e) => { setLoginClass(cleanCode(e.target.value)); login.clearError(); }}
            className="input-code" placeholder="ABC234" />`}
          ${!fields.passportCode && !fields.classCode && html`<${ErrorBox} error=${login.error} />`}
          <${Button} type="submit" size="big" block busy=${login.busy}>Log in<//>
        </form>
      </section>
    </div>
  <//>`;
}
