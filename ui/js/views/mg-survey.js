// 調査（集計）— surveys the city asks for (仕様書 §13(3)), under the report: any period inside the
// contract, rows by day / week / month / weekday / hour, columns by service / outcome / counter /
// reason, counted as the monthly report counts. Saved as Excel or CSV; each survey is recorded.

import { call } from '../backend.js';
import { esc, say, messageOf } from '../util.js';
import { thisMonth, today } from '../dates.js';

const BY = [['day', '日別'], ['week', '週別'], ['month', '月別'], ['weekday', '曜日別'], ['hour', '時間帯別']];
const SPLIT = [['service', '対応内容'], ['outcome', '完了・未完了'], ['counter', '窓口'], ['reason', '未完了の理由']];

const options = (list, selected) => list.map(([v, label]) => `<option value="${v}" ${v === selected ? 'selected' : ''}>${label}</option>`).join('');

class MgSurvey extends HTMLElement {
  connectedCallback() {
    if (this.ready) return;
    this.ready = true;
    this.innerHTML = `
      <section class="panel survey" data-testid="survey">
        <h2>調査（集計）</h2>
        <p class="hint">市から求められた集計を、月次報告書と同じ数え方で作成します。作成した調査は記録に残ります。</p>
        <form class="survey-form">
          <div class="field-row">期間 <mg-date-field name="from" value="${esc(thisMonth())}-01" label="期間の始め"></mg-date-field> 〜
            <mg-date-field name="to" value="${esc(today())}" label="期間の終わり"></mg-date-field></div>
          <label>行 <select name="by" data-testid="survey-by">${options(BY, 'weekday')}</select></label>
          <label>列 <select name="split" data-testid="survey-split">${options(SPLIT, 'service')}</select></label>
          <button type="submit" class="primary" data-testid="survey-run">集計する</button>
          <button type="button" data-save="xlsx">Excelに保存…</button>
          <button type="button" data-save="csv">CSVに保存…</button>
        </form>
        <p class="message" hidden></p>
        <div class="survey-result" data-testid="survey-result"></div>
      </section>`;
    const form = this.querySelector('form');
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.run();
    });
    this.querySelectorAll('[data-save]').forEach((b) => b.addEventListener('click', () => this.save(b.dataset.save)));
  }

  question() {
    const f = new FormData(this.querySelector('form'));
    return { from: f.get('from'), to: f.get('to'), by: f.get('by'), split: f.get('split') };
  }

  async run() {
    const msg = this.querySelector('.message');
    msg.hidden = true;
    try {
      this.show(await call('report_survey', { question: this.question() }));
    } catch (err) {
      say(msg, messageOf(err), 'error');
    }
  }

  async save(kind) {
    const msg = this.querySelector('.message');
    try {
      const done = await call('report_survey_export', { question: this.question(), kind });
      if (done) say(msg, done, 'ok');
    } catch (err) {
      say(msg, messageOf(err), 'error');
    }
  }

  show(s) {
    const head = ['区分', '来庁者数', '交付申請書対応件数', 'その他対応件数', ...s.column_labels];
    const cells = (r) => [r.visits, r.application, r.other, ...s.columns.map((c) => r.counts[c] || 0)];
    const row = (r, total) => `<tr${total ? ' class="total"' : ''}><th scope="row">${esc(r.label)}</th>${cells(r).map((n) => `<td>${esc(n)}</td>`).join('')}</tr>`;
    this.querySelector('.survey-result').innerHTML = `
      <h3>${esc(s.title)}</h3>
      <div class="table-scroll"><table class="survey-table">
        <thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>
        <tbody>${s.rows.map((r) => row(r, false)).join('')}${row(s.total, true)}</tbody>
      </table></div>`;
  }
}

customElements.define('mg-survey', MgSurvey);
