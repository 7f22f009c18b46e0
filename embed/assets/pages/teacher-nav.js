// The teacher's navigation for the game pages.

import { html } from '../preact.js';
import { NavLink } from '../ui.js';

export const gameNav = html`<${NavLink} href="/teacher/games">Live games</${NavLink}>`;

/** True when the error means "sign in first". */
export const needsLogin = (err) => err && (err.status === 401);
