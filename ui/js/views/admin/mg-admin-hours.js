// 管理 → 開設時間・契約期間: weekly hours, weekend hours and quota, the contract period, the
// city's closure days, and the special days (臨時開設・臨時休業, holidays added or removed).

import { call } from '../../backend.js';
import { store } from '../../store.js';
import { confirmDialog, esc, say, messageOf } from '../../util.js';
import { md, today } from '../../dates.js';

const WEEK = ['月', '火', '水', '木', '金', '土', '日'];

class MgAdminHours extends HTMLElement {
  connectedCallback() {
    this.load().catch((err) => { this.innerHTML = `<p class="message error">${esc(messageOf(err))}</p>`; });
  }

  async load() {
    const c = await call('calendar_config');
    const time = (name, v) => `<mg-time-field name="${name}" optional value="${esc(v || '')}"></mg-time-field>`;
    const row = (h, i) => `<tr><th>${WEEK[i]}</th><td>${time(`o${i}`, h && h.opens)}</td><td>${time(`c${i}`, h && h.closes)}</td></tr>`;
    const closures = c.closures.map((x) => `${x.from[0]}/${x.from[1]}-${x.to[0]}/${x.to[1]} ${x.reason}`).join('\n');
    this.innerHTML = `<form class="panel config">
      <h2>開設時間・契約期間</h2>
      <table class="compact"><thead><tr><th></th><th>開始</th><th>終了</th></tr></thead><tbody>${c.weekly.map(row).join('')}</tbody></table>
      <p class="hint">空欄の曜日は通常は開設しません。土日は下の時間で、選んだ日だけ開設します。</p>
      <p class="field-row">土日開設日の時間 ${time('wo', c.weekend_hours.opens)} 〜 ${time('wc', c.weekend_hours.closes)}</p>
      <label>土日の開設日数（月あたり） <input type="number" name="quota" min="0" max="10" value="${esc(c.weekend_days_per_month)}"></label>
      <p class="field-row">契約期間 <mg-date-field name="start" value="${esc(c.contract_start)}" label="契約開始日"></mg-date-field> 〜 <mg-date-field name="end" value="${esc(c.contract_end)}" label="契約終了日"></mg-date-field></p>
      <label>閉庁日（1行に1つ：月/日-月/日 理由）<textarea name="closures" rows="3">${esc(closures)}</textarea></label>
      <p class="message" hidden></p>
      <button class="primary">保存する</button></form><div class="exceptions-slot"></div>`;
    await this.exceptions(this.querySelector('.exceptions-slot'));
    const form = this.querySelector('form');
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
        ${ex.days.map(([d, o]) => `<tr><td>${esc(md(d))}</td><td>${esc(dayText(o))}</td><td><button type="button" data-undo-day="${esc(d)}">元に戻す</button></td></tr>`).join('')}
        ${ex.holidays.map(([d, o]) => `<tr><td>${esc(md(d))}</td><td>${esc(holText(o))}</td><td><button type="button" data-undo-holiday="${esc(d)}">元に戻す</button></td></tr>`).join('')}
      </tbody></table>
      ${ex.days.length + ex.holidays.length ? '' : '<p class="hint">設定はありません。</p>'}
      <form class="exception-form">
        <p class="field-row">日付 <mg-date-field name="date" value="${esc(today())}" label="日付"></mg-date-field></p>
        <label>内容 <select name="kind">
          <option value="closed">臨時休業</option><option value="open">臨時開設</option>
          <option value="add">祝日に追加（法改正など）</option><option value="remove">祝日から除外</option></select></label>
        <p class="field-row">時間（臨時開設） <mg-time-field name="opens" value="08:30"></mg-time-field> 〜 <mg-time-field name="closes" value="17:15"></mg-time-field></p>
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
          case 'closed': {
            const value = { kind: 'closed', reason };
            try {
              await call('calendar_override', { date, value });
            } catch (err) {
              // A past day with visits: say which day and how many, and ask first.
              if (!err || err.code !== 'day_has_visits') throw err;
              const yes = await confirmDialog('臨時休業の確認', messageOf(err), '臨時休業にする', 'やめる', { yes: 'close-day-confirm', no: 'close-day-cancel' });
              if (!yes) return;
              await call('calendar_override', { date, value, confirmed: true });
            }
            break;
          }
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
}

customElements.define('mg-admin-hours', MgAdminHours);
