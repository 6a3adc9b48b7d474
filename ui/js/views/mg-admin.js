// The site manager's admin tab: calendar, hours and contract period, the service and reason
// lists, accounts, and data (counter number, backup, import/export between counters, audit log).

import { call } from '../backend.js';
import { store } from '../store.js';
import { ask, esc, say, messageOf } from '../util.js';

const SECTIONS = [
  ['calendar', 'カレンダー'],
  ['hours', '開設時間・契約期間'],
  ['lists', '区分'],
  ['accounts', 'アカウント'],
  ['photo', '写真・カメラ'],
  ['data', 'データ'],
];
const WEEK = ['月', '火', '水', '木', '金', '土', '日'];

class MgAdmin extends HTMLElement {
  connectedCallback() {
    this.innerHTML = `
      <nav class="subtabs">${SECTIONS.map(([id, label]) => `<button type="button" data-section="${id}" data-testid="admin-${id}">${esc(label)}</button>`).join('')}</nav>
      <div class="section"></div>`;
    this.addEventListener('click', (e) => {
      const b = e.target.closest('[data-section]');
      if (b) this.open(b.dataset.section);
    });
    this.open('calendar');
  }

  get body() {
    return this.querySelector('.section');
  }

  open(id) {
    this.querySelectorAll('[data-section]').forEach((b) => b.setAttribute('aria-current', String(b.dataset.section === id)));
    if (id === 'calendar') return this.body.replaceChildren(document.createElement('mg-calendar'));
    const run = { hours: () => this.hours(), lists: () => this.lists(), accounts: () => this.accounts(), photo: () => this.photo(), data: () => this.data() }[id];
    run().catch((err) => { this.body.innerHTML = `<p class="message error">${esc(messageOf(err))}</p>`; });
  }

  async hours() {
    const c = await call('calendar_config');
    const row = (h, i) => `<tr><th>${WEEK[i]}</th>
      <td><input type="time" name="o${i}" value="${esc(h ? h.opens : '')}"></td>
      <td><input type="time" name="c${i}" value="${esc(h ? h.closes : '')}"></td></tr>`;
    const closures = c.closures.map((x) => `${x.from[0]}/${x.from[1]}-${x.to[0]}/${x.to[1]} ${x.reason}`).join('\n');
    this.body.innerHTML = `<form class="panel config">
      <h2>開設時間・契約期間</h2>
      <table class="compact"><thead><tr><th></th><th>開始</th><th>終了</th></tr></thead><tbody>${c.weekly.map(row).join('')}</tbody></table>
      <p class="hint">空欄の曜日は通常は開設しません。土日は下の時間で、選んだ日だけ開設します。</p>
      <label>土日開設日の時間 <input type="time" name="wo" value="${esc(c.weekend_hours.opens)}"> 〜 <input type="time" name="wc" value="${esc(c.weekend_hours.closes)}"></label>
      <label>土日の開設日数（月あたり） <input type="number" name="quota" min="0" max="10" value="${esc(c.weekend_days_per_month)}"></label>
      <label>契約期間 <input type="date" name="start" value="${esc(c.contract_start)}"> 〜 <input type="date" name="end" value="${esc(c.contract_end)}"></label>
      <label>閉庁日（1行に1つ：月/日-月/日 理由）<textarea name="closures" rows="3">${esc(closures)}</textarea></label>
      <p class="message" hidden></p>
      <button class="primary">保存する</button></form><div class="exceptions-slot"></div>`;
    await this.exceptions(this.body.querySelector('.exceptions-slot'));
    const form = this.body.querySelector('form');
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const f = new FormData(form);
      const msg = form.querySelector('.message');
      try {
        const weekly = WEEK.map((_, i) => (f.get(`o${i}`) && f.get(`c${i}`) ? { opens: f.get(`o${i}`), closes: f.get(`c${i}`) } : null));
        const closures = String(f.get('closures')).split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
          const m = l.match(/^(\d{1,2})\/(\d{1,2})\s*-\s*(\d{1,2})\/(\d{1,2})\s+(.+)$/);
          if (!m) throw { message: `閉庁日の書き方が正しくありません：${l}` };
          return { from: [Number(m[1]), Number(m[2])], to: [Number(m[3]), Number(m[4])], reason: m[5] };
        });
        await call('calendar_save_config', {
          config: {
            weekly,
            weekend_hours: { opens: f.get('wo'), closes: f.get('wc') },
            weekend_days_per_month: Number(f.get('quota')),
            closures,
            contract_start: f.get('start'),
            contract_end: f.get('end'),
          },
        });
        say(msg, '保存しました。', 'ok');
        store.refreshStatus();
      } catch (err) {
        say(msg, messageOf(err), 'error');
      }
    });
  }

  async exceptions(container) {
    const ex = await call('calendar_exceptions');
    const dayText = (o) => (o.kind === 'open' ? `臨時開設 ${o.hours.opens}〜${o.hours.closes}（${o.reason}）` : `臨時休業（${o.reason}）`);
    const holText = (o) => (o.kind === 'add' ? `祝日に追加：${o.name}` : '祝日から除外');
    container.innerHTML = `<section class="panel exceptions"><h2>特別な日</h2>
      <table class="plain"><tbody>
        ${ex.days.map(([d, o]) => `<tr><td>${esc(d)}</td><td>${esc(dayText(o))}</td><td><button type="button" data-undo-day="${esc(d)}">元に戻す</button></td></tr>`).join('')}
        ${ex.holidays.map(([d, o]) => `<tr><td>${esc(d)}</td><td>${esc(holText(o))}</td><td><button type="button" data-undo-holiday="${esc(d)}">元に戻す</button></td></tr>`).join('')}
      </tbody></table>
      ${ex.days.length + ex.holidays.length ? '' : '<p class="hint">設定はありません。</p>'}
      <form class="exception-form">
        <label>日付 <input type="date" name="date" required></label>
        <label>内容 <select name="kind">
          <option value="closed">臨時休業</option><option value="open">臨時開設</option>
          <option value="add">祝日に追加（法改正など）</option><option value="remove">祝日から除外</option></select></label>
        <label>時間（臨時開設） <input type="time" name="opens" value="08:30"> 〜 <input type="time" name="closes" value="17:15"></label>
        <label>理由・祝日名 <input name="reason"></label>
        <button class="primary">追加する</button>
      </form><p class="message" hidden></p></section>`;
    const msg = container.querySelector('.message');
    const again = () => this.exceptions(container).catch((err) => say(msg, messageOf(err), 'error'));
    container.querySelectorAll('[data-undo-day]').forEach((b) => b.addEventListener('click', async () => {
      try { await call('calendar_override', { date: b.dataset.undoDay, value: null }); again(); } catch (err) { say(msg, messageOf(err), 'error'); }
    }));
    container.querySelectorAll('[data-undo-holiday]').forEach((b) => b.addEventListener('click', async () => {
      try { await call('calendar_holiday_override', { date: b.dataset.undoHoliday, value: null }); again(); } catch (err) { say(msg, messageOf(err), 'error'); }
    }));
    const form = container.querySelector('form');
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const f = new FormData(form);
      const date = f.get('date');
      const reason = String(f.get('reason') || '').trim();
      try {
        switch (f.get('kind')) {
          case 'closed': await call('calendar_override', { date, value: { kind: 'closed', reason } }); break;
          case 'open': await call('calendar_override', { date, value: { kind: 'open', reason, hours: { opens: f.get('opens'), closes: f.get('closes') } } }); break;
          case 'add': await call('calendar_holiday_override', { date, value: { kind: 'add', name: reason } }); break;
          default: await call('calendar_holiday_override', { date, value: { kind: 'remove' } });
        }
        store.refreshStatus();
        again();
      } catch (err) {
        say(msg, messageOf(err), 'error');
      }
    });
  }

  async lists() {
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
      <tr class="new"><td><input name="code" placeholder="new_code"></td><td><input name="label" placeholder="表示名"></td>
        <td><input name="sort" type="number" value="${list.length * 10}"></td><td></td><td><button type="button" data-save>追加</button></td></tr>
      </tbody></table><p class="message" hidden></p></section>`;
    this.body.innerHTML = table('services', '対応内容', services) + table('reasons', '未完了の理由', reasons)
      + '<p class="hint">コードは報告書と窓口間の取り込みで使うため変更できません。使わなくなった区分は「使用」を外します。</p>';
    this.body.querySelectorAll('[data-save]').forEach((b) => b.addEventListener('click', async () => {
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
        await this.lists();
      } catch (err) {
        say(msg, messageOf(err), 'error');
      }
    }));
  }

  async accounts() {
    const list = await call('accounts_list');
    const roles = { operator: 'オペレーター', site_manager: '現場責任者', city_staff: '市担当者' };
    this.body.innerHTML = `<section class="panel accounts"><h2>アカウント</h2>
      <table><thead><tr><th>ID</th><th>表示名</th><th>役割</th><th>状態</th><th></th></tr></thead><tbody>
      ${list.map((a) => `<tr data-id="${esc(a.login_id)}"><td>${esc(a.login_id)}</td><td>${esc(a.display_name)}</td><td>${esc(roles[a.role])}</td>
        <td>${a.active ? '有効' : '停止中'}</td>
        <td><button type="button" data-active="${!a.active}">${a.active ? '停止' : '再開'}</button> <button type="button" data-password>パスワード再設定</button></td></tr>`).join('')}
      </tbody></table><p class="message" hidden></p>
      <form class="new-account"><h3>新しいアカウント</h3>
        <label>ID<input name="login_id" required></label><label>表示名<input name="display_name" required></label>
        <label>役割<select name="role"><option value="operator">オペレーター</option><option value="site_manager">現場責任者</option><option value="city_staff">市担当者</option></select></label>
        <label>パスワード（8文字以上）<input name="password" type="password" required minlength="8"></label>
        <button class="primary">作成する</button></form></section>`;
    const msg = this.body.querySelector('.message');
    this.body.querySelectorAll('[data-active]').forEach((b) => b.addEventListener('click', async () => {
      try {
        await call('account_set_active', { loginId: b.closest('tr').dataset.id, active: b.dataset.active === 'true' });
        await this.accounts();
      } catch (err) { say(msg, messageOf(err), 'error'); }
    }));
    this.body.querySelectorAll('[data-password]').forEach((b) => b.addEventListener('click', async () => {
      const password = await ask('パスワード再設定', '新しいパスワード（8文字以上）');
      if (!password) return;
      try {
        await call('account_set_password', { loginId: b.closest('tr').dataset.id, password });
        say(msg, 'パスワードを再設定しました。', 'ok');
      } catch (err) { say(msg, messageOf(err), 'error'); }
    }));
    const form = this.body.querySelector('form');
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const f = new FormData(form);
      try {
        await call('account_create', { account: Object.fromEntries(f.entries()) });
        await this.accounts();
      } catch (err) { say(msg, messageOf(err), 'error'); }
    });
  }

  // The camera and how it is mounted, the J-LIS address, the time limit and the print sheet.
  async photo() {
    const view = await call('photo_settings_get');
    const st = view.settings;
    const rotations = [['None', 'そのまま'], ['Cw90', '右に90°回す（縦置き）'], ['Cw270', '左に90°回す（縦置き）']];
    const mode = (m) => (m ? `${m.format === 'Mjpeg' ? 'MJPEG' : m.format.toUpperCase()} ${m.width}×${m.height} ${m.fps}fps` : '');
    this.body.innerHTML = `<section class="panel photo-settings"><h2>写真・カメラ</h2>
      <form data-testid="photo-settings" novalidate>
        <h3>カメラ</h3>
        <p><label>使うカメラ <select name="camera" data-testid="camera-select"><option value="">自動（最初に使えるカメラ）</option></select></label>
          <button type="button" data-cameras data-testid="camera-list">一覧を更新</button></p>
        <ul class="camera-list compact" data-testid="camera-devices"><li>カメラを探しています…</li></ul>
        <p><label>カメラの向き <select name="rotation">${rotations.map(([v, l]) => `<option value="${v}" ${st.rotation === v ? 'selected' : ''}>${esc(l)}</option>`).join('')}</select></label></p>
        <h3>申請サイト</h3>
        <p><label>アドレス <input name="jlis_url" type="url" size="60" required value="${esc(st.jlis_url)}"></label></p>
        <h3>写真の削除</h3>
        <p><label>撮影から <input name="max_age_minutes" type="number" min="1" max="${view.max_age_limit}" value="${st.max_age_minutes}"> 分で必ず削除</label>（最長${view.max_age_limit}分）</p>
        <h3>印刷</h3>
        <p><label>用紙 <select name="paper"><option value="L" ${st.paper === 'L' ? 'selected' : ''}>L判（89×127mm、${view.capacity_l}枚まで）</option><option value="A4" ${st.paper === 'A4' ? 'selected' : ''}>A4（${view.capacity_a4}枚まで）</option></select></label>
          <label>1枚に印刷する写真 <input name="copies" type="number" min="1" value="${st.copies}"> 枚</label></p>
        <p><button class="primary" data-testid="photo-settings-save">保存する</button></p>
        <p class="message" hidden data-testid="photo-settings-message"></p>
      </form></section>`;
    const form = this.body.querySelector('form');
    const msg = form.querySelector('.message');
    const list = async () => {
      const ul = form.querySelector('.camera-list');
      const sel = form.querySelector('[name=camera]');
      ul.innerHTML = '<li>カメラを探しています…</li>';
      try {
        const devices = await call('camera_list');
        sel.querySelectorAll('option[value]:not([value=""])').forEach((o) => o.remove());
        for (const d of devices) {
          sel.insertAdjacentHTML('beforeend', `<option value="${d.index}" ${st.camera === d.index ? 'selected' : ''} ${d.chosen ? '' : 'disabled'}>${esc(`[${d.index}] ${d.name}`)}</option>`);
        }
        if (st.camera !== null && !devices.some((d) => d.index === st.camera)) {
          sel.insertAdjacentHTML('beforeend', `<option value="${st.camera}" selected>[${st.camera}]（接続されていません）</option>`);
        }
        ul.innerHTML = devices.length
          ? devices.map((d) => `<li>[${d.index}] ${esc(d.name)}：${esc(d.error || (d.chosen ? `${mode(d.chosen)} で撮影します` : '映像のないデバイスです'))}</li>`).join('')
          : '<li>カメラが接続されていません。USBの接続を確かめてください。</li>';
      } catch (err) {
        ul.innerHTML = `<li class="error">${esc(messageOf(err))}</li>`;
      }
    };
    form.querySelector('[data-cameras]').addEventListener('click', list);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const f = new FormData(form);
      const settings = {
        camera: f.get('camera') === '' ? null : Number(f.get('camera')),
        rotation: f.get('rotation'),
        jlis_url: f.get('jlis_url'),
        max_age_minutes: Number(f.get('max_age_minutes')),
        paper: f.get('paper'),
        copies: Number(f.get('copies')),
      };
      try {
        await call('photo_settings_set', { settings });
        Object.assign(st, settings);
        say(msg, '保存しました。次に写真タブを開いたときから使われます。', 'ok');
      } catch (err) {
        say(msg, messageOf(err), 'error');
      }
    });
    await list();
  }

  async data() {
    const [info, audit] = await Promise.all([call('app_info'), call('audit_recent')]);
    const now = (store.state.status && store.state.status.date) || new Date().toISOString().slice(0, 10);
    this.body.innerHTML = `<section class="panel data"><h2>データ</h2>
      <p class="message" hidden data-testid="data-message"></p>
      <label>このPCの窓口番号 <select name="counter">${[1, 2].map((n) => `<option ${info.counter === n ? 'selected' : ''}>${n}</option>`).join('')}</select>
        <button type="button" data-counter>変更</button></label>
      <p>データフォルダ：<code>${esc(info.data_dir)}</code></p>
      <h3>来庁者用画面</h3>
      <p><button type="button" data-fullscreen="true">全画面にする</button> <button type="button" data-fullscreen="false">全画面を解除</button>
        2台目のモニターがあるときは、起動時にそちらへ全画面で表示します。</p>
      <h3>バックアップ</h3>
      <p><button type="button" data-backup>バックアップを作成…</button> 保存先を選んでください（USBメモリなど）。</p>
      <h3>窓口間の記録の受け渡し</h3>
      <p><label>書き出す月 <input type="month" name="month" value="${esc(now.slice(0, 7))}"></label> <button type="button" data-export>CSVに書き出す…</button></p>
      <p><button type="button" data-import>もう一方の窓口のCSVを取り込む…</button> 同じ記録は重複して取り込まれません。</p>
      <h3>マニュアル・FAQ</h3>
      <p><button type="button" data-kb-export>履歴ごと書き出す…</button> <button type="button" data-kb-import>ファイルから取り込む…</button> もう一方の窓口への受け渡しやバックアップに使います。</p>
      <h3>操作記録（最新200件）</h3>
      <table class="compact audit"><tbody>${audit.map((a) => `<tr><td>${esc(a.at.replace('T', ' ').slice(0, 16))}</td><td>${esc(a.actor || 'システム')}</td><td>${esc(a.action)}</td><td>${esc(a.detail)}</td></tr>`).join('')}</tbody></table>
      </section>`;
    const msg = this.body.querySelector('.message');
    const run = async (fn) => {
      try {
        const text = await fn();
        if (text) say(msg, text, 'ok');
      } catch (err) {
        say(msg, messageOf(err), 'error');
      }
    };
    this.body.querySelector('[data-counter]').addEventListener('click', () => run(async () => {
      await call('counter_set', { counter: Number(this.body.querySelector('[name=counter]').value) });
      store.set({ info: { ...store.state.info, counter: Number(this.body.querySelector('[name=counter]').value) } });
      return '窓口番号を変更しました。';
    }));
    this.body.querySelectorAll('[data-fullscreen]').forEach((b) => b.addEventListener('click', () => run(async () => {
      await call('citizen_fullscreen', { on: b.dataset.fullscreen === 'true' });
      return '';
    })));
    this.body.querySelector('[data-kb-export]').addEventListener('click', () => run(async () => (await call('kb_export_file')) || ''));
    this.body.querySelector('[data-kb-import]').addEventListener('click', () => run(async () => (await call('kb_import_file')) || ''));
    this.body.querySelector('[data-backup]').addEventListener('click', () => run(async () => {
      const done = await call('backup_now');
      return done ? `バックアップを作成しました：${done}` : '';
    }));
    this.body.querySelector('[data-export]').addEventListener('click', () => run(async () => {
      const [y, m] = this.body.querySelector('[name=month]').value.split('-').map(Number);
      return (await call('visits_export_file', { year: y, month: m })) || '';
    }));
    this.body.querySelector('[data-import]').addEventListener('click', () => run(async () => {
      const s = await call('visits_import_file');
      if (!s) return '';
      await store.refreshVisits();
      return `${s.rows}行を確認：${s.added}件を追加、${s.unchanged}件は取り込み済みでした。`;
    }));
  }
}

customElements.define('mg-admin', MgAdmin);
