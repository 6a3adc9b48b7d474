// Entry module of the operator window: registers the views and decides which screen to show.

import { call } from './backend.js';
import { store } from './store.js';
import './views/mg-header.js';
import './views/mg-fatal.js';
import './views/mg-setup.js';
import './views/mg-signin.js';
import './views/mg-desk.js';
import './views/mg-visit.js';
import './views/mg-tally.js';
import './views/mg-today.js';
import './views/mg-admin.js';
import './views/mg-calendar.js';

const main = document.getElementById('main');

function show(tag) {
  if (main.firstElementChild && main.firstElementChild.tagName.toLowerCase() === tag) return;
  main.replaceChildren(document.createElement(tag));
}

async function route() {
  const { info, session } = store.state;
  if (!info) return;
  if (info.startup_error) return show('mg-fatal');
  if (info.needs_setup) return show('mg-setup');
  if (!session) return show('mg-signin');
  show('mg-desk');
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
});

start();
