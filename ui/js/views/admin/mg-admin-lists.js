// 管理 → 区分: the service and not-completed reason lists (labels, order, on/off; codes stay).

import { call } from '../../backend.js';
import { store } from '../../store.js';
import { esc, say, messageOf } from '../../util.js';

class MgAdminLists extends HTMLElement {
  connectedCallback() {
    this.load().catch((err) => { this.innerHTML = `<p class="message error">${esc(messageOf(err))}</p>`; });
  }

  async load() {
    const [services, reasons] = await Promise.all([
      call('list_entries', { kind: 'services' }),
      call('list_entries', { kind: 'reasons' }),
    ]);
    const table = (kind, title, list) => `<section class="panel list-edit" data-kind="${kind}">
      <h2>${esc(title)}</h2>
      <table><thead><tr><th>コード</th><th>表示名</th><th>順番</th><th>使用</th><th></th></tr></thead><tbody>
      ${list.map((e) => `<tr data-code="${esc(e.code)}"><td><code>${esc(e.code)}</code></td>
        <td><input name="label" value="${esc(e.label)}"></td><td><input name="sort" type="number" value="${esc(e.sort)}"></td>
        <td><input name="active" type="checkbox" ${e.active ? 'checked' : ''}></td><td><button type="button" data-save>保存</button></td></tr>`).join('')}
      <tr class="new"><td><input name="code" placeholder="半角小文字・数字・_"></td><td><input name="label" placeholder="表示名"></td>
        <td><input name="sort" type="number" value="${list.length * 10}"></td><td></td><td><button type="button" data-save>追加</button></td></tr>
      </tbody></table><p class="message" hidden></p></section>`;
    this.innerHTML = table('services', '対応内容', services) + table('reasons', '未完了の理由', reasons)
      + '<p class="hint">コードは報告書と窓口間の取り込みで使うため変更できません。使わなくなった区分は「使用」を外します。</p>';
    this.querySelectorAll('[data-save]').forEach((b) => b.addEventListener('click', async () => {
      const section = b.closest('[data-kind]');
      const row = b.closest('tr');
      const msg = section.querySelector('.message');
      const kind = section.dataset.kind;
      const code = row.dataset.code || row.querySelector('[name=code]').value.trim();
      try {
        await call('list_save', { kind, code, label: row.querySelector('[name=label]').value, sort: Number(row.querySelector('[name=sort]').value) });
        const active = row.querySelector('[name=active]');
        if (active) await call('list_set_active', { kind, code, active: active.checked });
        store.set({ lists: await call('visit_lists') });
        await this.load();
      } catch (err) {
        say(msg, messageOf(err), 'error');
      }
    }));
  }
}

customElements.define('mg-admin-lists', MgAdminLists);
