// The citizen display: welcome, today's date and hours. It may call only `citizen_status`
// (its capability grants nothing else) and shows nothing about anyone.

import { call } from './backend.js';

async function refresh() {
  const date = document.querySelector('[data-testid=citizen-date]');
  const status = document.querySelector('[data-testid=citizen-status]');
  const hours = document.querySelector('[data-testid=citizen-hours]');
  try {
    const s = await call('citizen_status');
    date.textContent = s.date_wareki;
    status.textContent = s.message;
    hours.textContent = s.hours ? `本日の受付時間　${s.hours}` : '';
  } catch (e) {
    status.textContent = '';
  }
}

refresh();
setInterval(refresh, 30000);
