// The route table: which page shows for which path. First match wins.
//
// To add a page: write pages/<name>.js exporting a component, then add ONE
// line below. Two forms:
//
//   { path: '/student', page: StudentPage },                // imported at the top
//   { path: '/teacher', load: () => import('./pages/teacher.js') },  // fetched on first visit
//
// Use `load` for big pages most visitors never open (teacher, admin, charts):
// the module's default export is the page. Patterns may hold parameters,
// e.g. '/join/:code' or '/teacher/classes/:id/roster'.
//
// Every page gets the props {params, query, path}: params from the pattern
// (already URL-decoded), query as URLSearchParams, and the normalised path.

import { LandingPage } from './pages/landing.js';
import { NotFoundPage } from './pages/notfound.js';

export const routes = [
  { path: '/', page: LandingPage },
  { path: '/teacher/login', load: () => import('./pages/teacher-login.js') },
  { path: '/teacher', load: () => import('./pages/teacher-home.js') },
  { path: '/signup', load: () => import('./pages/signup.js') },
  { path: '/signup/:token', load: () => import('./pages/signup.js') },
  { path: '/setup/:token', load: () => import('./pages/setup.js') },
  { path: '/reset/:token', load: () => import('./pages/reset.js') },
  { path: '/account', load: () => import('./pages/account.js') },
  { path: '/admin', load: () => import('./pages/admin.js') },
  { path: '/teacher/classes/:id/analytics', load: () => import('./pages/class-analytics.js') },
  { path: '/teacher/classes/:id/pairings', load: () => import('./pages/class-pairings.js') },
  { path: '/teacher/classes/:id/groups', load: () => import('./pages/class-groups.js') },
  { path: '/teacher/classes/:id/board', load: () => import('./pages/class-board.js') },
  { path: '/teacher/classes/:id/report', load: () => import('./pages/class-report.js') },
  { path: '/teacher/classes/:id/students/:sid', load: () => import('./pages/class-student.js') },
  { path: '/teacher/classes/:id/students/:sid/data', load: () => import('./pages/class-student-data.js') },
  { path: '/privacy', load: () => import('./pages/privacy.js') },
  { path: '/play', load: () => import('./pages/play.js') },
  { path: '/play/:pin', load: () => import('./pages/play.js') },
  { path: '/student', load: () => import('./pages/student-start.js') },
  { path: '/join/:code', load: () => import('./pages/student-join.js') },
  { path: '/me', load: () => import('./pages/student-home.js') },
  { path: '/me/result', load: () => import('./pages/student-result.js') },
  { path: '/me/retake', load: () => import('./pages/student-retake.js') },
  { path: '/teacher/classes/new', load: () => import('./pages/teacher-class-new.js') },
  { path: '/teacher/classes/:id', load: () => import('./pages/teacher-class.js') },
  { path: '/teacher/classes/:id/qr', load: () => import('./pages/teacher-class-qr.js') },
  { path: '/teacher/classes/:id/cards', load: () => import('./pages/teacher-class-cards.js') },
  { path: '/teacher/games', load: () => import('./pages/teacher-games.js') },
  { path: '/teacher/games/sets/new', load: () => import('./pages/teacher-set.js') },
  { path: '/teacher/games/sets/:id', load: () => import('./pages/teacher-set.js') },
  { path: '/teacher/games/:id', load: () => import('./pages/teacher-game.js') },
  { path: '/student/store', load: () => import('./pages/student-store.js') },
  { path: '/student/avatar', load: () => import('./pages/student-avatar.js') },
  { path: '/student/things', load: () => import('./pages/student-inventory.js') },
  { path: '/student/pet', load: () => import('./pages/student-pet.js') },
  { path: '/student/coins', load: () => import('./pages/student-coins.js') },
  { path: '/teacher/classes/:id/economy', load: () => import('./pages/teacher-economy.js') },
  { path: '/admin/store', load: () => import('./pages/admin-store.js') },
  { path: '/teacher/lessons', load: () => import('./pages/teacher-lessons.js') },
  { path: '/teacher/lessons/:lid', load: () => import('./pages/lesson.js') },
  { path: '/teacher/lessons/:lid/activities/:n/present', load: () => import('./pages/lesson-present.js') },
  { path: '/teacher/classes/:id/lessons', load: () => import('./pages/class-lessons.js') },
  { path: '/teacher/classes/:id/lessons/:lid', load: () => import('./pages/lesson.js') },
  { path: '/teacher/classes/:id/values', load: () => import('./pages/class-values.js') },
  { path: '/teacher/classes/:id/values/poster', load: () => import('./pages/class-values-poster.js') },
  { path: '/me/values', load: () => import('./pages/student-values.js') },
  { path: '/me/achievements', load: () => import('./pages/student-achievements.js') },
  { path: '/admin/lessons', load: () => import('./pages/admin-lessons.js') },
];

/** Shown when no route matches. */
export const NotFound = NotFoundPage;
