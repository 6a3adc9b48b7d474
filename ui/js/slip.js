// 案内票: an A5 slip to take home, in Japanese and the citizen's language, with no personal data —
// what happens after an application (the 交付通知書 postcard, what to bring, the PIN rules), or,
// for a procedure that could not be finished, where to go and what to bring. Shown in a dialog
// first; 印刷 prints the slip alone on A5 through the browser's print.

import { htmlLang, t } from '../i18n/index.js';
import { esc } from './util.js';
import { printAlone } from './print.js';

/** The slips, and the texts each holds. */
export const SLIPS = {
  application: ['slip.application.1', 'slip.application.2', 'slip.application.3', 'slip.application.4'],
  pin_locked: ['slip.pin_locked'],
  cert_expired: ['slip.cert_expired'],
  form_missing: ['slip.form_missing'],
};

const NAMES = { application: '申請の後', pin_locked: '暗証番号の再設定', cert_expired: '電子証明書の更新', form_missing: '申請書の再発行' };

/** The slip for a visit: from its reason when it could not be finished, else from its services. */
export function slipFor(visit, reason) {
  if (reason && SLIPS[reason]) return reason;
  if (!visit) return 'application';
  if (visit.services.includes('application')) return visit.form_brought === false ? 'form_missing' : 'application';
  if (visit.services.includes('pin')) return 'pin_locked';
  if (visit.services.includes('certificate')) return 'cert_expired';
  return 'application';
}

function block(lang, kind) {
  return `<section class="slip-lang" lang="${esc(htmlLang(lang))}">
    <h2>${esc(t(lang, 'slip.title'))}</h2>
    <ul>${SLIPS[kind].map((k) => `<li>${esc(t(lang, k))}</li>`).join('')}</ul></section>`;
}

function sheet(lang, kind) {
  return `<article class="slip" data-testid="slip" data-kind="${esc(kind)}">
    ${block('ja', kind)}${lang !== 'ja' ? block(lang, kind) : ''}
    <p class="slip-footer">${esc(t('ja', 'slip.footer'))}${lang !== 'ja' ? ` / ${esc(t(lang, 'slip.footer'))}` : ''}</p></article>`;
}

/** Opens the slip dialog for `kind` in `lang` (and Japanese). */
export function openSlip(lang, kind) {
  const dialog = document.createElement('dialog');
  dialog.className = 'slip-dialog';
  const render = () => {
    dialog.innerHTML = `<form method="dialog">
      <p class="slip-kinds">${Object.keys(SLIPS).map((k) => `<label><input type="radio" name="kind" value="${k}" ${k === kind ? 'checked' : ''}> ${esc(NAMES[k])}</label>`).join(' ')}</p>
      <div class="slip-preview">${sheet(lang, kind)}</div>
      <div class="actions"><button type="button" class="primary" data-print data-testid="slip-print">印刷する（A5）</button>
        <button value="close" data-testid="slip-close">閉じる</button></div></form>`;
    dialog.querySelectorAll('input[name=kind]').forEach((r) => r.addEventListener('change', () => { kind = r.value; render(); }));
    dialog.querySelector('[data-print]').addEventListener('click', () => print(lang, kind));
  };
  render();
  document.body.append(dialog);
  dialog.addEventListener('close', () => dialog.remove());
  dialog.showModal();
  return dialog;
}

/** Prints the slip alone on A5 (portrait). */
function print(lang, kind) {
  printAlone(sheet(lang, kind), { page: 'A5', margin: '10mm' });
}
