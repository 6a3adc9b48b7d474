// Complaints (苦情) and incident reports (事故報告書) of a month: record, update, and print each as
// its own document. Free text is checked for personal data by the app before it is saved.

import { call } from '../backend.js';
import { store } from '../store.js';
import { esc, say, messageOf } from '../util.js';
import { nowLocal, thisMonth, wareki, when } from '../dates.js';
import { printDocument } from '../print.js';

const CATEGORIES = ['待ち時間', '説明・案内', '制度・手続き', '職員の対応', '設備・環境', 'その他'];

/** A date and a time field for an RFC 3339 stamp (or now), read back as one stamp. */
function dateTimeFields(stamp) {
  const at = stamp ? stamp.slice(0, 16) : nowLocal();
  return `<mg-date-field name="on_date" value="${esc(at.slice(0, 10))}" label="日付"></mg-date-field>
    <mg-time-field name="on_time" value="${esc(at.slice(11, 16))}" label="時刻"></mg-time-field>`;
}

function stampOf(f) {
  return `${f.get('on_date')}T${f.get('on_time')}:00+09:00`;
}

const COMPLAINT_FIELDS = [['occurred_at', '日時'], ['category', '分類'], ['summary', '内容の要旨'], ['response', '対応'],
  ['escalated', '市へ報告'], ['city_answer', '市の回答'], ['closed', '完了']];
const INCIDENT_FIELDS = [['occurred_at', '日時'], ['place', '場所'], ['what', '発生した事象'], ['affected', '影響を受けた方'],
  ['response', '初動対応'], ['cause', '原因'], ['prevention', '再発防止策'], ['reported_on', '市への報告日'],
  ['reporter_role', '報告者（役職）'], ['received_on', '市の受領日'], ['received_by', '受領した課']];

class MgRecords extends HTMLElement {
  connectedCallback() {
    this.month = thisMonth();
    this.addEventListener('click', (e) => this.click(e));
    this.addEventListener('change', (e) => {
      if (e.target.matches && e.target.matches('mg-month-field[name=records-month]')) { this.month = e.target.value; this.load(); }
    });
    this.load();
  }

  get manager() {
    return store.can('incident_record');
  }

  get closer() {
    return store.can('complaint_close');
  }

  get canComplain() {
    return store.can('complaint_record');
  }

  async load() {
    try {
      this.data = await call('records_month', { month: this.month });
      store.refreshDue(); // the header's warning of incidents not yet reported
    } catch (err) {
      this.innerHTML = `<p class="message error">${esc(messageOf(err))}</p>`;
      return;
    }
    const c = this.data.complaints.map((x) => `<tr><td>${esc(when(x.occurred_at))}</td><td>第${esc(x.counter)}</td><td>${esc(x.category)}</td>
      <td>${esc(x.summary)}</td><td>${x.escalated ? '市へ報告' : ''}</td><td>${x.closed ? '完了' : '対応中'}</td>
      <td>${this.canComplain ? `<button type="button" data-edit-complaint="${x.id}">編集</button>` : ''} <button type="button" data-print-complaint="${x.id}">印刷</button> <button type="button" data-history-complaint="${x.id}" data-testid="complaint-history">履歴</button></td></tr>`).join('');
    const i = this.data.incidents.map((x) => `<tr><td>${esc(when(x.occurred_at))}</td><td>${esc(x.place)}</td><td>${esc(x.what)}</td>
      <td>${x.reported_on ? esc(wareki(x.reported_on)) : '未報告'}</td>
      <td>${this.manager ? `<button type="button" data-edit-incident="${x.id}">編集</button>` : ''} <button type="button" data-print-incident="${x.id}">印刷</button> <button type="button" data-history-incident="${x.id}">履歴</button></td></tr>`).join('');
    this.innerHTML = `
      <div class="report-tools"><label>対象月 <mg-month-field name="records-month" value="${esc(this.month)}" label="対象月"></mg-month-field></label>
        ${this.canComplain ? '<button type="button" class="primary" data-new-complaint data-testid="new-complaint">苦情を記録</button>' : ''}
        ${this.manager ? '<button type="button" data-new-incident>事故報告書を作成</button>' : ''}</div>
      <p class="message" hidden></p>
      <section class="panel"><h2>苦情</h2>${c ? `<table data-testid="complaints"><thead><tr><th>日時</th><th>窓口</th><th>分類</th><th>内容の要旨</th><th>市</th><th>状況</th><th></th></tr></thead><tbody>${c}</tbody></table>` : '<p class="hint">この月の記録はありません。</p>'}</section>
      <section class="panel"><h2>事故報告</h2>${i ? `<table><thead><tr><th>日時</th><th>場所</th><th>事象</th><th>市への報告</th><th></th></tr></thead><tbody>${i}</tbody></table>` : '<p class="hint">この月の記録はありません。</p>'}</section>
      `;
    // An incident report prompted elsewhere (a long network outage) opens filled in, once.
    const draft = store.state.incidentDraft;
    if (draft && this.manager) {
      store.set({ incidentDraft: null });
      this.incidentForm(draft);
    }
  }

  click(e) {
    const b = e.target.closest('button');
    if (!b) return;
    const find = (list, id) => list.find((x) => String(x.id) === id);
    if (b.hasAttribute('data-new-complaint')) return this.complaintForm({ occurred_at: '', counter: (store.state.info && store.state.info.counter) || 1 });
    if (b.hasAttribute('data-new-incident')) return this.incidentForm({ occurred_at: '' });
    if (b.dataset.editComplaint) return this.complaintForm(find(this.data.complaints, b.dataset.editComplaint));
    if (b.dataset.editIncident) return this.incidentForm(find(this.data.incidents, b.dataset.editIncident));
    if (b.dataset.printComplaint) return printDocument(this.complaintDoc(find(this.data.complaints, b.dataset.printComplaint)));
    if (b.dataset.printIncident) return printDocument(this.incidentDoc(find(this.data.incidents, b.dataset.printIncident)));
    if (b.dataset.historyComplaint) return this.history('complaint_history', b.dataset.historyComplaint, COMPLAINT_FIELDS);
    if (b.dataset.historyIncident) return this.history('incident_history', b.dataset.historyIncident, INCIDENT_FIELDS);
    return undefined;
  }

  /** The earlier versions of a record: when, who, and each field as it was. */
  async history(command, id, fields) {
    let list;
    try {
      list = await call(command, { id: Number(id) });
    } catch (err) {
      say(this.querySelector('.message'), messageOf(err), 'error');
      return;
    }
    const value = (v) => (v === true ? 'はい' : v === false ? 'いいえ' : v || '—');
    const body = list.length
      ? list.map((e) => `<section class="record-version"><h3>${esc(when(e.changed_at))} に変更${e.changed_by ? `（${esc(e.changed_by)}）` : ''}</h3>
          <p class="hint">変更前の内容：</p><dl>${fields.map(([k, label]) => `<dt>${esc(label)}</dt><dd>${esc(k === 'occurred_at' ? when(e.before[k]) : value(e.before[k]))}</dd>`).join('')}</dl></section>`).join('')
      : '<p class="hint">記録されてから変更されていません。</p>';
    const dialog = document.createElement('dialog');
    dialog.dataset.testid = 'record-history';
    dialog.innerHTML = `<form method="dialog"><h2>変更の履歴</h2>${body}<div class="actions"><button value="close" class="primary">閉じる</button></div></form>`;
    this.append(dialog);
    dialog.addEventListener('close', () => dialog.remove());
    dialog.showModal();
  }

  dialog(html, save) {
    const dialog = document.createElement('dialog');
    dialog.innerHTML = `<form method="dialog">${html}<p class="message" hidden></p>
      <div class="actions"><button value="ok" class="primary">保存する</button><button value="cancel" formnovalidate>戻る</button></div></form>`;
    this.append(dialog);
    const form = dialog.querySelector('form');
    form.addEventListener('submit', async (ev) => {
      if (ev.submitter && ev.submitter.value === 'cancel') return;
      ev.preventDefault();
      try {
        await save(new FormData(form));
        dialog.close();
        this.load();
      } catch (err) {
        say(form.querySelector('.message'), messageOf(err), 'error');
      }
    });
    dialog.addEventListener('close', () => dialog.remove());
    dialog.showModal();
  }

  complaintForm(c) {
    const manager = this.closer;
    this.dialog(`<h2>苦情の記録</h2>
      <div class="field-row">日時 ${dateTimeFields(c.occurred_at)}</div>
      <label>窓口 <select name="counter">${[1, 2].map((n) => `<option ${Number(c.counter) === n ? 'selected' : ''}>${n}</option>`).join('')}</select></label>
      <label>分類 <select name="category">${CATEGORIES.map((k) => `<option ${c.category === k ? 'selected' : ''}>${k}</option>`).join('')}</select></label>
      <label>内容の要旨（氏名・連絡先などは書かないでください）<textarea name="summary" rows="3" required data-testid="complaint-summary">${esc(c.summary || '')}</textarea></label>
      <label>対応<textarea name="response" rows="2">${esc(c.response || '')}</textarea></label>
      ${manager ? `<label class="check"><input type="checkbox" name="escalated" ${c.escalated ? 'checked' : ''}> 市へ報告した</label>
      <label>市の回答<textarea name="city_answer" rows="2">${esc(c.city_answer || '')}</textarea></label>
      <label class="check"><input type="checkbox" name="closed" ${c.closed ? 'checked' : ''}> 対応完了</label>` : ''}`,
    (f) => call('complaint_save', {
      complaint: {
        id: c.id || 0,
        occurred_at: stampOf(f),
        counter: Number(f.get('counter')),
        category: f.get('category'),
        summary: f.get('summary'),
        response: f.get('response') || '',
        escalated: manager ? f.get('escalated') === 'on' : Boolean(c.escalated),
        city_answer: manager ? f.get('city_answer') || '' : c.city_answer || '',
        closed: manager ? f.get('closed') === 'on' : Boolean(c.closed),
      },
    }));
  }

  incidentForm(x) {
    const area = (name, label) => `<label>${label}<textarea name="${name}" rows="2">${esc(x[name] || '')}</textarea></label>`;
    this.dialog(`<h2>事故報告書</h2>
      <div class="field-row">発生日時 ${dateTimeFields(x.occurred_at)}</div>
      <label>場所 <input name="place" required value="${esc(x.place || '')}"></label>
      <label>発生した事象<textarea name="what" rows="3" required>${esc(x.what || '')}</textarea></label>
      ${area('affected', '影響を受けた方（氏名は書かず「来庁者1名」のように）')}${area('response', '初動対応')}${area('cause', '原因')}${area('prevention', '再発防止策')}
      <label>報告者（役職。氏名は書きません） <input name="reporter_role" required value="${esc(x.reporter_role || '現場責任者')}"></label>
      <div class="field-row">市へ報告した日 <mg-date-field name="reported_on" optional value="${esc(x.reported_on || '')}" label="市へ報告した日"></mg-date-field></div>
      <div class="field-row">市が受領した日 <mg-date-field name="received_on" optional value="${esc(x.received_on || '')}" label="市が受領した日"></mg-date-field></div>
      <label>受領した課 <input name="received_by" value="${esc(x.received_by || '')}" placeholder="例：市民課"></label>`,
    (f) => call('incident_save', {
      incident: {
        id: x.id || 0,
        occurred_at: stampOf(f),
        place: f.get('place'),
        what: f.get('what'),
        affected: f.get('affected') || '',
        response: f.get('response') || '',
        cause: f.get('cause') || '',
        prevention: f.get('prevention') || '',
        reported_on: f.get('reported_on') || null,
        reporter_role: f.get('reporter_role') || '現場責任者',
        received_on: f.get('received_on') || null,
        received_by: f.get('received_by') || '',
      },
    }));
  }

  complaintDoc(c) {
    const row = (k, v) => `<tr><th>${k}</th><td>${esc(v)}</td></tr>`;
    return `<h1>苦情対応記録</h1><table class="report-header"><tbody>
      ${row('受付日時', when(c.occurred_at))}${row('窓口', `第${c.counter}窓口`)}${row('分類', c.category)}
      ${row('内容の要旨', c.summary)}${row('対応', c.response)}${row('市への報告', c.escalated ? 'あり' : 'なし')}
      ${row('市の回答', c.city_answer)}${row('状況', c.closed ? '完了' : '対応中')}</tbody></table>`;
  }

  incidentDoc(x) {
    const h = this.data.header || {};
    const row = (k, v) => `<tr><th>${k}</th><td>${esc(v)}</td></tr>`;
    const reported = x.reported_on ? wareki(x.reported_on) : '（未報告）';
    return `<h1>事故報告書</h1>
      <p class="doc-date">報告日：${esc(reported)}</p>
      <p class="doc-to">${esc(h.addressee || '')}</p>
      <p class="doc-from">${esc(h.contractor || '')}<br>${esc(h.business_name || '')}<br>報告者：${esc(x.reporter_role || '現場責任者')}</p>
      <p>次のとおり事故が発生しましたので報告します（仕様書第14条）。</p>
      <table class="report-header"><tbody>
      ${row('発生日時', `${wareki(x.occurred_at.slice(0, 10))} ${x.occurred_at.slice(11, 16)}`)}${row('場所', x.place)}${row('発生した事象', x.what)}${row('影響を受けた方', x.affected)}
      ${row('初動対応', x.response)}${row('原因', x.cause)}${row('再発防止策', x.prevention)}</tbody></table>
      <table class="report-header receipt"><tbody>
      <tr><th colspan="2">市の受領欄</th></tr>
      ${row('受領日', x.received_on ? wareki(x.received_on) : '')}${row('受領した課', x.received_by || '')}
      <tr><th>受領印</th><td class="stamp"></td></tr></tbody></table>`;
  }
}

customElements.define('mg-records', MgRecords);
