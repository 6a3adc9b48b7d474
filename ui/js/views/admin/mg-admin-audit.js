// 管理 → 操作記録: the audit trail — who did what, when, from the window or the command line —
// filtered by period and by account.

import { call } from '../../backend.js';
import { esc, say, messageOf } from '../../util.js';
import { md, today } from '../../dates.js';

class MgAdminAudit extends HTMLElement {
  connectedCallback() {
    const end = today();
    this.innerHTML = `<section class="panel audit-trail"><h2>操作記録</h2>
      <form class="field-row" data-testid="audit-filter">
        期間 <mg-date-field name="from" value="${esc(end.slice(0, 8))}01" label="開始日"></mg-date-field>
        〜 <mg-date-field name="to" value="${esc(end)}" label="終了日"></mg-date-field>
        <label>ID <input name="actor" size="12" placeholder="すべて"></label>
        <button class="primary">表示</button>
      </form>
      <p class="message" hidden></p>
      <div class="audit-rows" data-testid="audit-rows"></div></section>`;
    const form = this.querySelector('form');
    form.addEventListener('submit', (e) => { e.preventDefault(); this.load(); });
    this.load();
  }

  async load() {
    const f = new FormData(this.querySelector('form'));
    const actor = String(f.get('actor') || '').trim();
    const box = this.querySelector('.audit-rows');
    try {
      const rows = await call('audit_query', { filter: { from: f.get('from'), to: f.get('to'), actor: actor || null, limit: 1000 } });
      box.innerHTML = rows.length
        ? `<table class="compact audit"><thead><tr><th>日時</th><th>ID</th><th>操作元</th><th>操作</th><th>対象</th></tr></thead><tbody>${rows.map((a) => `<tr>
            <td>${esc(md(a.at))} ${esc(a.at.slice(11, 16))}</td><td>${esc(a.actor || 'システム')}</td><td>${esc(a.origin_label)}</td>
            <td>${esc(a.label)}</td><td>${esc(a.detail)}</td></tr>`).join('')}</tbody></table>`
        : '<p class="hint">この条件の操作記録はありません。</p>';
    } catch (err) {
      say(this.querySelector('.message'), messageOf(err), 'error');
    }
  }
}

customElements.define('mg-admin-audit', MgAdminAudit);
