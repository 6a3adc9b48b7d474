// Entry module of the operator window: registers the views and decides which screen to show.

import { call } from './backend.js';
import { store } from './store.js';
import './views/mg-date-field.js';
import './views/mg-header.js';
import './views/mg-fatal.js';
import './views/mg-setup.js';
import './views/mg-signin.js';
import './views/mg-desk.js';
import './views/mg-visit.js';
import './views/mg-card.js';
import './views/mg-photo.js';
import './views/mg-tally.js';
import './views/mg-today.js';
import './views/mg-admin.js';
import './views/mg-calendar.js';
import './views/mg-report.js';
import './views/mg-records.js';
import './views/mg-kb.js';

const main = document.getElementById('main');

function show(tag) {
  if (main.firstElementChild && main.firstElementChild.tagName.toLowerCase() === tag) return;
  main.replaceChildren(document.createElement(tag));
}

let painted = false;

async function route() {
  const { info, session } = store.state;
  if (!info) return;
  if (info.startup_error) show('mg-fatal');
  else if (info.needs_setup) show('mg-setup');
  else if (!session) show('mg-signin');
  else show('mg-desk');
  if (!painted) {
    painted = true;
    // Two frames later the first real screen has been painted: report it for the start-up benchmark.
    requestAnimationFrame(() => requestAnimationFrame(() => call('first_paint').catch(() => {})));
  }
}

async function start() {
  try {
    const info = await call('app_info');
    store.set({ info, session: info.session });
  } catch (e) {
    store.set({ info: { startup_error: e.message } });
  }
  await store.refreshStatus();
  setInterval(() => store.refreshStatus(), 30000);
}

store.addEventListener('change', (e) => {
  if (e.detail.includes('info') || e.detail.includes('session')) route();
  if (e.detail.includes('session')) store.refreshDue();
});

start();
