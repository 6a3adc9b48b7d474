// 管理 → データ: this PC's counter number, the citizen display's full screen, the backup, the
// visits between counters, the knowledge base with its history.

import { call } from '../../backend.js';
import { store } from '../../store.js';
import { esc, say, messageOf } from '../../util.js';
import { thisMonth } from '../../dates.js';
import { importSummary, importVisits } from '../../import.js';

class MgAdminData extends HTMLElement {
  connectedCallback() {
    this.load().catch((err) => { this.innerHTML = `<p class="message error">${esc(messageOf(err))}</p>`; });
  }

  async load() {
    const info = await call('app_info');
    this.innerHTML = `<section class="panel data"><h2>データ</h2>
      <p class="message" hidden data-testid="data-message"></p>
      <label>この拠点の窓口数 <select name="counters">${[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `<option value="${n}" ${(info.counters || 2) === n ? 'selected' : ''}>${n}</option>`).join('')}</select>
        <button type="button" data-counters>変更</button></label>
      <label>このPCの窓口番号 <select name="counter">${Array.from({ length: info.counters || 2 }, (_, i) => i + 1).map((n) => `<option value="${n}" ${info.counter === n ? 'selected' : ''}>第${n}窓口</option>`).join('')}</select>
        <button type="button" data-counter>変更</button></label>
      <p>データフォルダ：<code>${esc(info.data_dir)}</code></p>
      <h3>来庁者用画面</h3>
      <p><button type="button" data-fullscreen="true">全画面にする</button> <button type="button" data-fullscreen="false">全画面を解除</button>
        2台目のモニターがあるときは、起動時にそちらへ全画面で表示します。</p>
      <h3>バックアップ</h3>
      <p><button type="button" data-backup>バックアップを作成…</button> 保存先を選んでください（USBメモリなど）。</p>
      <h3>窓口間の記録の受け渡し</h3>
      <p class="field-row">書き出す月 <mg-month-field name="month" value="${esc(thisMonth())}" label="書き出す月"></mg-month-field> <button type="button" data-export>CSVに書き出す…</button></p>
      <p><button type="button" data-import>もう一方の窓口のCSVを取り込む…</button> 同じ記録は重複して取り込まれません。</p>
      <h3>マニュアル・FAQ</h3>
      <p><button type="button" data-kb-export>履歴ごと書き出す…</button> <button type="button" data-kb-import>ファイルから取り込む…</button> もう一方の窓口への受け渡しやバックアップに使います。</p>
      </section>`;
    const msg = this.querySelector('.message');
    const run = async (fn) => {
      try {
        const text = await fn();
        if (text) say(msg, text, 'ok');
      } catch (err) {
        say(msg, messageOf(err), 'error');
      }
    };
    const on = (sel, fn) => this.querySelectorAll(sel).forEach((b) => b.addEventListener('click', () => run(() => fn(b))));
    on('[data-counter]', async () => {
      const counter = Number(this.querySelector('[name=counter]').value);
      await call('counter_set', { counter });
      store.set({ info: { ...store.state.info, counter } });
      return '窓口番号を変更しました。';
    });
    on('[data-counters]', async () => {
      const counters = Number(this.querySelector('[name=counters]').value);
      await call('site_counters_set', { counters });
      const select = this.querySelector('[name=counter]');
      const chosen = Number(select.value);
      select.innerHTML = Array.from({ length: counters }, (_, i) => i + 1)
        .map((n) => `<option value="${n}" ${chosen === n ? 'selected' : ''}>第${n}窓口</option>`).join('');
      return `この拠点の窓口数を${counters}にしました。`;
    });
    on('[data-fullscreen]', async (b) => {
      await call('citizen_fullscreen', { on: b.dataset.fullscreen === 'true' });
      return '';
    });
    on('[data-kb-export]', async () => (await call('kb_export_file')) || '');
    on('[data-kb-import]', async () => (await call('kb_import_file')) || '');
    on('[data-backup]', async () => {
      const done = await call('backup_now');
      return done ? `バックアップを作成しました：${done}` : '';
    });
    on('[data-export]', async () => (await call('visits_export_file', { month: this.querySelector('mg-month-field[name=month]').value })) || '');
    on('[data-import]', async () => {
      const s = await importVisits();
      if (!s) return '';
      await store.refreshVisits();
      return importSummary(s);
    });
  }
}

customElements.define('mg-admin-data', MgAdminData);
