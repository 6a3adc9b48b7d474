// 開設前点検 (the opening check): a dialog opened from the header. 「点検を実行」 runs the automatic
// checks on this PC (network targets, clock, camera, card reader, printer, disk, backup); the
// manual items are ticked 良 / 不良 with a note; 「記録する」 saves today's record for this counter.
// What is recorded for the automatic items is what the backend measured, not what this page shows.

import { call } from '../backend.js';
import { store } from '../store.js';
import { esc, hhmm, messageOf, say } from '../util.js';

function itemRow(item) {
  return `<li class="check ${item.ok ? 'ok' : 'ng'}" data-testid="opening-item" data-id="${esc(item.id)}" data-ok="${item.ok}">
    <span class="mark">${item.ok ? 'OK' : 'NG'}</span>
    <span class="what">${esc(item.label)}</span>
    <span class="detail">${esc(item.detail)}</span></li>`;
}

function manualRow(m, i) {
  return `<li class="check manual" data-testid="opening-manual">
    <span class="what">${esc(m.label)}</span>
    <span class="choice">
      <label><input type="radio" name="m${i}" value="ok" required data-testid="opening-manual-ok"> 良</label>
      <label><input type="radio" name="m${i}" value="ng" data-testid="opening-manual-ng"> 不良</label>
    </span>
    <input name="n${i}" class="note" maxlength="200" placeholder="不良のときは内容と対応" aria-label="${esc(m.label)}のメモ"></li>`;
}

/** The record of today, in a few lines. */
function recordSummary(r) {
  const ng = r.items.filter((i) => !i.ok);
  return `<p class="message ${ng.length ? 'error' : 'ok'}" data-testid="opening-done">本日 ${esc(hhmm(r.done_at))} に ${esc(r.done_by)} が実施済み：${ng.length ? `NG ${ng.length}件（${ng.map((i) => esc(i.label)).join('、')}）` : '異常なし'}</p>`;
}

/** Opens the opening check. */
export function openOpeningCheck() {
  const dialog = document.createElement('dialog');
  dialog.className = 'opening-check';
  dialog.dataset.testid = 'opening-dialog';
  const status = store.state.opening;
  dialog.innerHTML = `<form>
    <h2>開設前点検（第${esc(store.state.info ? store.state.info.counter : '')}窓口）</h2>
    ${status && status.record ? recordSummary(status.record) : '<p class="hint">開設前に、機器とネットワークを確認します。「点検を実行」を押してください（10秒ほどかかります）。</p>'}
    <p><button type="button" class="primary" data-run data-testid="opening-run">点検を実行</button></p>
    <div class="results"></div>
    <p class="message" hidden data-testid="opening-message"></p>
    <div class="actions">
      <button type="submit" class="primary" data-testid="opening-save" disabled>記録する</button>
      <button type="button" data-close data-testid="opening-close">閉じる</button>
    </div></form>`;
  document.body.append(dialog);
  const form = dialog.querySelector('form');
  const msg = dialog.querySelector('.message');
  let manual = [];
  dialog.querySelector('[data-close]').addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => dialog.remove());
  dialog.querySelector('[data-run]').addEventListener('click', async (e) => {
    const button = e.currentTarget;
    button.disabled = true;
    button.textContent = '点検中…';
    msg.hidden = true;
    try {
      const run = await call('opening_run');
      manual = run.manual;
      const ng = run.items.filter((i) => !i.ok).length;
      dialog.querySelector('.results').innerHTML = `
        <h3>自動点検 <span class="hint">（${esc(hhmm(run.at))}、${esc((run.took_ms / 1000).toFixed(1))}秒）</span></h3>
        <ul class="checks" data-testid="opening-auto">${run.items.map(itemRow).join('')}</ul>
        ${ng ? `<p class="message error">NG が ${ng} 件あります。対処してから「点検をやり直す」を押すか、このまま記録してください（NG は月次報告書に載ります）。</p>` : ''}
        <h3>目視点検</h3>
        <ul class="checks">${manual.map(manualRow).join('')}</ul>`;
      form.querySelector('[type=submit]').disabled = false;
      const first = form.querySelector('input[type=radio]');
      if (first) first.focus();
    } catch (err) {
      say(msg, messageOf(err), 'error');
    } finally {
      button.disabled = false;
      button.textContent = '点検をやり直す';
    }
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const ticks = manual.map((m, i) => ({
      label: m.label,
      ok: form.elements[`m${i}`].value === 'ok',
      note: form.elements[`n${i}`].value,
    }));
    try {
      const record = await call('opening_record', { ticks });
      store.set({ opening: { ...store.state.opening, due: false, record } });
      dialog.close();
      const ng = record.items.filter((i) => !i.ok).length;
      const header = document.querySelector('.header-message');
      const report = store.can('opening_settings_edit') ? '' : '現場責任者に報告してください。';
      if (header) say(header, ng ? `開設前点検を記録しました（NG ${ng}件）。${report}` : '開設前点検を記録しました（異常なし）。', ng ? 'error' : 'ok');
    } catch (err) {
      say(msg, messageOf(err), 'error');
    }
  });
  dialog.showModal();
  dialog.querySelector('[data-run]').focus();
}
