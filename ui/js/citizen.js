// The citizen display: the welcome (today's date and hours, "welcome" cycling through the
// languages), then each step of the visit as the counter goes — 対応中 with the procedure under
// way, the camera preview with its guidance, a 3-2-1 countdown, 「撮影しました」, the photo with
// 「この写真でよろしいですか」, the card's result in plain words, 「ありがとうございました」 — in
// Japanese with the citizen's language beside it (the operator picks it; ui/i18n has one file per
// language). It may call only `citizen_status`, `citizen_screen`, `citizen_photo` and the camera's
// frames (its capability grants nothing else); the backend sends codes, never anything about anyone.

import { call } from './backend.js';
import { drawFrame, sleep } from './frames.js';
import { guardWindow } from './guard.js';
import { TEXTS, htmlLang, t } from '../i18n/index.js';
import { Parser } from '../vendor/budoux/parser.js';
import { model as jaModel } from '../vendor/budoux/ja.js';
import { model as zhModel } from '../vendor/budoux/zh-hans.js';

guardWindow();

const $ = (id) => document.querySelector(`[data-testid=${id}]`);

async function refresh() {
  try {
    const s = await call('citizen_status');
    $('citizen-date').textContent = s.date_wareki;
    $('citizen-status').textContent = s.message;
    // Once closed, when it opens next says more than today's hours.
    $('citizen-hours').textContent = s.next || (s.hours ? `本日の受付時間　${s.hours}` : '');
  } catch (e) {
    $('citizen-status').textContent = '';
  }
}

refresh();
setInterval(refresh, 30000);

// --- the welcome's greeting in every language, in turn ----------------------------------------

const others = Object.keys(TEXTS).filter((l) => l !== 'ja');
let cycle = 0;
setInterval(() => {
  const lang = others[cycle % others.length];
  cycle += 1;
  const line = $('citizen-welcome-cycle');
  line.lang = htmlLang(lang);
  line.textContent = t(lang, 'welcome.title');
}, 2500);

// --- the camera preview ----------------------------------------------------------------------

const photo = $('citizen-photo');
let streaming = false;

async function frames() {
  const canvas = $('citizen-preview');
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

/** The framing guide: an oval where the face should be. */
function drawGuide() {
  const preview = $('citizen-preview');
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

// --- the steps -------------------------------------------------------------------------------

/** The second line's language: the citizen's, or English under Japanese. */
/** Phrase segmenters for the languages written without spaces (BudouX, `ui/vendor/budoux/`). */
const PHRASES = { ja: new Parser(jaModel), zh: new Parser(zhModel) };

/** Sets `el`'s text. Japanese and Chinese have no spaces, so a line may break between any two
 * characters (「お持ちでした|ら、」): their phrases are marked as the only places to break
 * (`<wbr>`, with `word-break: keep-all`). Unchanged text is left alone (the display asks four
 * times a second). */
function setText(el, text, lang) {
  const key = `${lang}|${text}`;
  if (el.dataset.text === key) return;
  el.dataset.text = key;
  const parser = PHRASES[lang];
  el.classList.toggle('phrased', Boolean(parser));
  if (!parser) {
    el.textContent = text;
    return;
  }
  const nodes = [];
  parser.parse(text).forEach((phrase, i) => {
    if (i) nodes.push(document.createElement('wbr'));
    nodes.push(document.createTextNode(phrase));
  });
  el.replaceChildren(...nodes);
}

function second(lang) {
  return lang === 'ja' ? 'en' : lang;
}

/** Title and body keys of a step scene. */
function texts(v) {
  switch (v.scene) {
    case 'serving':
      // With a guide's step: what to do now, large, and the procedure under way below it.
      if (v.guide && v.step) return [`step.${v.step}`, `guide.${v.guide}`];
      return ['serving.title', v.guide ? `guide.${v.guide}` : 'serving.body'];
    case 'card':
      return ['serving.title', `card.${v.result}`];
    case 'captured':
      return ['captured', null];
    case 'confirm':
      return ['confirm.title', 'confirm.body'];
    case 'accepted':
      return ['accepted.title', 'accepted.body'];
    case 'thanks':
      return ['thanks.title', 'thanks.body'];
    default:
      return [null, null];
  }
}

let shownPhoto = false;

async function showChosenPhoto(on) {
  const img = $('citizen-chosen-photo');
  if (!on) {
    if (shownPhoto) { URL.revokeObjectURL(img.src); img.removeAttribute('src'); img.hidden = true; shownPhoto = false; }
    return;
  }
  if (shownPhoto) return;
  shownPhoto = true;
  try {
    const buf = await call('citizen_photo');
    if (!(buf instanceof ArrayBuffer) || buf.byteLength === 0) { shownPhoto = false; return; }
    img.src = URL.createObjectURL(new Blob([buf], { type: 'image/jpeg' }));
    img.hidden = false;
  } catch (e) {
    shownPhoto = false;
  }
}

function render(v) {
  const camera = v.scene === 'preview' || v.scene === 'countdown';
  if (camera !== streaming) {
    streaming = camera;
    if (camera) frames();
  }
  photo.hidden = !camera;
  document.querySelector('main.citizen').hidden = v.scene !== 'welcome';
  const step = $('citizen-step');
  step.hidden = camera || v.scene === 'welcome';
  step.dataset.scene = v.scene;
  document.body.dataset.scene = v.scene;
  document.body.dataset.lang = v.lang;
  const other = second(v.lang);
  const otherLang = htmlLang(other);

  if (camera) {
    const countdown = $('citizen-countdown');
    countdown.hidden = v.scene !== 'countdown';
    countdown.textContent = v.scene === 'countdown' ? String(v.seconds) : '';
    const key = v.scene === 'countdown' ? 'countdown.body' : v.instruction ? `photo.${v.instruction}` : null;
    setText($('citizen-instruction'), key ? t('ja', key) : '', 'ja');
    const en = $('citizen-instruction-en');
    en.lang = otherLang;
    setText(en, key ? t(other, key) : '', other);
  }
  showChosenPhoto(v.scene === 'confirm');
  if (step.hidden) return;
  const [title, body] = texts(v);
  setText($('citizen-step-title'), title ? t('ja', title) : '', 'ja');
  setText($('citizen-step-body'), body ? t('ja', body) : '', 'ja');
  const box = $('citizen-step-other');
  box.lang = otherLang;
  box.hidden = v.lang === 'ja';
  setText($('citizen-step-title-other'), title ? t(v.lang, title) : '', v.lang);
  setText($('citizen-step-body-other'), body ? t(v.lang, body) : '', v.lang);
}

async function watchScreen() {
  for (;;) {
    try {
      render(await call('citizen_screen'));
    } catch (e) {
      // The next round tries again.
    }
    await sleep(250);
  }
}

watchScreen();
