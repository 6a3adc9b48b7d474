// The month view of the operating calendar. The site manager picks weekend opening days and
// sets or clears manual closures; others only look.

import { call } from '../backend.js';
import { store } from '../store.js';
import { ask, esc, say, messageOf } from '../util.js';
import { addMonths, thisMonth, weekday } from '../dates.js';

const WEEK = ['月', '火', '水', '木', '金', '土', '日'];

class MgCalendar extends HTMLElement {
  connectedCallback() {
    this.month = thisMonth();
    this.editable = store.can('calendar_edit');
    this.addEventListener('click', (e) => this.click(e));
    this.load();
  }

  async load() {
    try {
      this.data = await call('calendar_month', { month: this.month });
      this.render();
    } catch (err) {
      this.innerHTML = `<p class="message error">${esc(messageOf(err))}</p>`;
    }
  }

  cell(d) {
    const day = Number(d.date.slice(8, 10));
    const label = d.open ? `${esc(d.opens)}〜${esc(d.closes)}` : d.holiday ? esc(d.holiday) : d.closure ? esc(d.closure) : '休';
    let action = '';
    if (this.editable && d.weekend && (d.picked || d.pickable)) {
      action = `<button type="button" data-pick="${esc(d.date)}" data-picked="${d.picked}" data-testid="pick-${esc(d.date)}">${d.picked ? '開設を取り消す' : '開設日にする'}</button>`;
    } else if (this.editable && !d.weekend && d.manual) {
      action = `<button type="button" data-clear="${esc(d.date)}">臨時休業を解除</button>`;
    } else if (this.editable && !d.weekend && d.open) {
      action = `<button type="button" data-close="${esc(d.date)}">臨時休業</button>`;
    }
    const cls = [d.open ? 'open' : 'closed', d.kind || '', d.holiday ? 'holiday' : '', d.weekend ? 'weekend' : ''].join(' ');
    return `<td class="${cls}" title="${esc(d.wareki)}" data-date="${esc(d.date)}"><span class="day">${day}</span><span class="what">${label}</span>${action}</td>`;
  }

  render() {
    const m = this.data;
    const lead = (WEEK.indexOf(weekday(m.days[0].date)) + 7) % 7;
    const cells = [...Array(lead).fill('<td class="pad"></td>'), ...m.days.map((d) => this.cell(d))];
    while (cells.length % 7) cells.push('<td class="pad"></td>');
    const rows = [];
    for (let i = 0; i < cells.length; i += 7) rows.push(`<tr>${cells.slice(i, i + 7).join('')}</tr>`);
    this.innerHTML = `
      <section class="panel calendar">
        <div class="month-nav">
          <button type="button" data-nav="-1" aria-label="前の月">◀</button>
          <h2 data-testid="calendar-title">${esc(m.title)}</h2>
          <button type="button" data-nav="1" aria-label="次の月">▶</button>
          <span class="summary">開設日 ${esc(m.open_days)} 日・土日の開設 <strong data-testid="picked-count">${esc(m.picked)}</strong> / ${esc(m.quota)} 日</span>
        </div>
        <p class="message" hidden></p>
        <table class="month"><thead><tr>${WEEK.map((w) => `<th>${w}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>
        <p class="hint">祝日と年末年始（閉庁日）は開設しません。土日は月${esc(m.quota)}日まで選べます。</p>
        ${m.picked < m.quota ? `<p class="warn" data-testid="weekend-short">この月の土日の開設日は ${esc(m.picked)} 日です。仕様書では月 ${esc(m.quota)} 日です。あと ${esc(m.quota - m.picked)} 日選んでください。</p>` : ''}
      </section>`;
  }

  async click(e) {
    const msg = this.querySelector('.message');
    const nav = e.target.closest('[data-nav]');
    try {
      if (nav) {
        this.month = addMonths(this.month, Number(nav.dataset.nav));
        return await this.load();
      }
      const pick = e.target.closest('[data-pick]');
      if (pick) {
        await call('calendar_pick', { date: pick.dataset.pick, picked: pick.dataset.picked !== 'true' });
        return await this.load();
      }
      const close = e.target.closest('[data-close]');
      if (close) {
        const reason = await ask('臨時休業', '臨時休業の理由');
        if (!reason) return;
        await call('calendar_override', { date: close.dataset.close, value: { kind: 'closed', reason } });
        return await this.load();
      }
      const clear = e.target.closest('[data-clear]');
      if (clear) {
        await call('calendar_override', { date: clear.dataset.clear, value: null });
        return await this.load();
      }
    } catch (err) {
      say(msg, messageOf(err), 'error');
    }
  }
}

customElements.define('mg-calendar', MgCalendar);
