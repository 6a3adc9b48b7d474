// The citizen display: welcome, today's date and hours; while a photo is taken, the live camera
// preview (mirrored, large), a framing guide and one instruction at a time in Japanese with
// English below. It may call only `citizen_status`, `camera_status` and `camera_frame` (its
// capability grants nothing else) and shows nothing about anyone.

import { call } from './backend.js';
import { drawFrame, sleep } from './frames.js';
import { guardWindow } from './guard.js';

guardWindow();

async function refresh() {
  const date = document.querySelector('[data-testid=citizen-date]');
  const status = document.querySelector('[data-testid=citizen-status]');
  const hours = document.querySelector('[data-testid=citizen-hours]');
  try {
    const s = await call('citizen_status');
    date.textContent = s.date_wareki;
    status.textContent = s.message;
    // Once closed, when it opens next says more than today's hours.
    hours.textContent = s.next || (s.hours ? `本日の受付時間　${s.hours}` : '');
  } catch (e) {
    status.textContent = '';
  }
}

refresh();
setInterval(refresh, 30000);

// --- the photo preview ---------------------------------------------------------------------

const photo = document.querySelector('[data-testid=citizen-photo]');
const welcome = document.querySelector('main.citizen');
let streaming = false;

async function frames() {
  const canvas = document.querySelector('[data-testid=citizen-preview]');
  let after = 0;
  while (streaming) {
    try {
      const width = canvas.width;
      const seq = await drawFrame(canvas, await call('camera_frame', { after }));
      if (seq === null) { await sleep(100); continue; }
      after = seq;
      if (canvas.width !== width) drawGuide();
    } catch (e) {
      await sleep(500);
    }
  }
  // Leaving photo mode: nothing of the last frame stays on screen or in memory.
  canvas.width = 0;
  canvas.height = 0;
}

/** The framing guide: an oval where the face should be, and the head band. */
function drawGuide() {
  const preview = document.querySelector('[data-testid=citizen-preview]');
  const g = document.querySelector('.citizen-photo .guide');
  g.width = preview.width;
  g.height = preview.height;
  const ctx = g.getContext('2d');
  const W = g.width;
  const H = g.height;
  ctx.clearRect(0, 0, W, H);
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.9)';
  ctx.lineWidth = Math.max(3, W / 160);
  ctx.setLineDash([W / 40, W / 60]);
  ctx.beginPath();
  ctx.ellipse(0.5 * W, 0.43 * H, 0.155 * H * 0.7, 0.155 * H, 0, 0, 2 * Math.PI);
  ctx.stroke();
}

async function cameraWatch() {
  try {
    const v = await call('camera_status');
    const on = !!(v.status && v.status.state === 'running');
    if (on !== streaming) {
      streaming = on;
      photo.hidden = !on;
      welcome.hidden = on;
      if (on) frames();
    }
    const ins = v.live && v.live.instruction;
    document.querySelector('[data-testid=citizen-instruction]').textContent = on && ins ? ins.ja : '';
    document.querySelector('[data-testid=citizen-instruction-en]').textContent = on && ins ? ins.en : '';
  } catch (e) {
    // Try again on the next round.
  }
}

setInterval(cameraWatch, 300);
