// The report tab (site manager and city staff): a month's report on screen as it will be
// submitted, printable on A4 from the OS print dialog.

import { call } from '../backend.js';
import { store } from '../store.js';
import { ask, esc, say, messageOf } from '../util.js';
import { addMonths, md, thisMonth, today, wareki as reiwa } from '../dates.js';
import { printPage } from '../print.js';
import { importSummary, importVisits } from '../import.js';

function minutes(seconds) {
  return `${Math.floor(seconds / 60)}分${String(seconds % 60).padStart(2, '0')}秒`;
}

/** The section 外国語等での案内 in one line: the languages with visits (the exported files list
 * every language, the ones without visits as 0). */
function languageLine(lines) {
  const used = (lines || []).filter(([, n]) => n > 0);
  const text = used.length
    ? `${used.map(([name, n]) => `${esc(name)} ${n}件`).join('、')}${used.length < lines.length ? '（ほかの言語は0件）' : ''}`
    : 'なし';
  return `<p data-testid="report-languages">外国語等での案内（来庁者画面を日本語以外にした件数）：${text}</p>`;
}

class MgReport extends HTMLElement {
  connectedCallback() {
    // From the 1st to the 5th (the due date) the report being prepared is last month's;
    // after that, the month in progress.
    this.month = Number(today().slice(8, 10)) <= 5 ? addMonths(thisMonth(), -1) : thisMonth();
    this.addEventListener('click', (e) => this.click(e));
    this.load();
  }

  async load() {
    this.innerHTML = `<div class="report-tools">${this.tools()}</div><p class="message" hidden data-testid="report-message"></p><div class="report-body"></div>`;
    try {
      this.view = await call('report_monthly', { month: this.month });
      this.querySelector('.report-body').innerHTML = this.banner(this.view) + this.render(this.view);
    } catch (err) {
      say(this.querySelector('.message'), messageOf(err), 'error');
    }
  }

  tools() {
    return `
      <button type="button" data-nav="-1" aria-label="前の月">◀ 前月</button>
      <label>対象月 <mg-month-field name="month" value="${esc(this.month)}" data-testid="report-month" label="対象月"></mg-month-field></label>
      <button type="button" data-nav="1" aria-label="次の月">次月 ▶</button>
      <button type="button" data-print class="primary">印刷・PDF保存</button>
      <button type="button" data-export="xlsx">Excelに保存…</button>
      <button type="button" data-export="csv">CSVに保存…</button>
      ${store.can('report_header_edit') ? '<button type="button" data-edit-header>報告書の宛先などを編集</button>' : ''}
      ${store.can('visits_import') ? '<button type="button" data-import>もう一方の窓口の記録を取り込む…</button>' : ''}
      <button type="button" data-final data-testid="report-final">最終報告（契約期間）</button>`;
  }

  label(code) {
    const e = this.view.services.find((s) => s.code === code);
    return e ? e.label : code;
  }

  reason(code) {
    const e = this.view.reasons.find((s) => s.code === code);
    return e ? e.label : code;
  }

  banner(v) {
    const manager = store.can('report_submit');
    const last = v.revisions[v.revisions.length - 1];
    if (!last) {
      return `<div class="status-bar draft" data-testid="report-status">下書き（未提出）
        ${manager ? '<button type="button" data-submit>提出済みとして記録する</button>' : ''}</div>`;
    }
    const history = v.revisions.map((r) => `第${r.revision}版 ${reiwa(r.submitted_on)} ${esc(r.submitted_by)}${r.note ? `（${esc(r.note)}）` : ''}`).join(' ／ ');
    return `<div class="status-bar submitted" data-testid="report-status">提出済み：第${last.revision}版（${esc(history)}）
      ${v.changed_since_submission ? `<br><strong>提出後に記録が変わっています。</strong>表示は提出した内容です。${manager ? '<button type="button" data-correct>訂正版を提出する</button>' : ''}` : ''}</div>`;
  }

  render(v) {
    const last = v.revisions[v.revisions.length - 1];
    const f = last ? last.figures : v.figures;
    const h = v.header;
    const others = v.services.map((s) => s.code).filter((c) => c in f.other_breakdown);
    const weekend = f.opening.weekend_dates.map(md).join('、') || 'なし';
    const closed = f.opening.closed.map(([d, r]) => `${md(d)} ${esc(r)}`).join('、') || 'なし';
    const maxHour = Math.max(1, ...f.per_hour);
    const hours = [...Array(24).keys()].filter((i) => (i >= 8 && i <= 19) || f.per_hour[i] > 0);
    const bars = hours.map((i, n) => {
      const height = Math.round((f.per_hour[i] / maxHour) * 100);
      return `<g><rect x="${n * 40 + 8}" y="${110 - height}" width="24" height="${height}"></rect>
        <text x="${n * 40 + 20}" y="${104 - height}" text-anchor="middle">${f.per_hour[i]}</text>
        <text x="${n * 40 + 20}" y="126" text-anchor="middle">${i}時</text></g>`;
    }).join('');
    const dayRows = f.per_day.map((d) => `<tr><th scope="row">${md(d.date)}</th><td>${d.application_count}</td>
      ${others.map((c) => `<td>${d.other_breakdown[c] || 0}</td>`).join('')}<td>${d.other_count}</td><td>${d.application_count + d.other_count}</td></tr>`).join('');
    const sum = (fn) => f.per_day.reduce((a, d) => a + fn(d), 0);
    const incomplete = Object.entries(f.not_completed_by_reason).map(([c, n]) => `<li>${esc(this.reason(c))}：${n}件</li>`).join('') || '<li>なし</li>';
    const counters = Object.entries(f.per_counter).map(([c, n]) => `第${esc(c)}窓口 ${n}件`).join('、') || 'なし';
    const until = v.data_until ? `${md(v.data_until.slice(0, 10))} ${esc(v.data_until.slice(11, 16))}` : '—';
    return `
      <article class="report a4" data-testid="report">
        <h1>月次報告書</h1>
        <table class="report-header"><tbody>
          <tr><th>業務名</th><td>${esc(h.business_name)}</td></tr>
          <tr><th>対象月</th><td data-testid="report-title">${esc(f.month_wareki)}分</td></tr>
          <tr><th>提出日</th><td>${last ? `${reiwa(last.submitted_on)}${last.revision > 1 ? `（第${last.revision}版・訂正）` : ''}` : '（未提出）'}</td></tr>
          <tr><th>宛先</th><td>${esc(h.addressee)}</td></tr>
          <tr><th>受託者名</th><td>${esc(h.contractor)}</td></tr>
          <tr><th>業務責任者</th><td>${esc(h.responsible)}</td></tr>
        </tbody></table>
        <h2>1. 開設状況</h2>
        <p>開設日数 <strong data-testid="report-open-days">${f.open_days}</strong> 日（平日 ${f.opening.weekdays} 日、木曜日（延長開設） ${f.opening.extended} 日、土日 ${f.opening.weekend_dates.length} 日${f.opening.special_dates.length ? `、臨時開設 ${f.opening.special_dates.length} 日` : ''}）</p>
        <p>土日の開設日：${weekend}</p>
        ${f.opening.weekend_dates.length < (f.weekend_quota || 0) ? `<p class="warn" data-testid="report-weekend-short">要確認：土日の開設日が ${f.opening.weekend_dates.length} 日です（仕様書では月 ${f.weekend_quota} 日）。</p>` : ''}
        <p>休業日（平日）：${closed}</p>
        ${(f.closed_day_visits || []).map(([d, n]) => `<p class="warn" data-testid="report-closed-day">要確認：${md(d)} は休業日ですが ${n} 件の記録があります。臨時開設か記録の誤りかを確認してください。</p>`).join('')}
        <h2>2. 対応件数</h2>
        <table class="counts"><tbody>
          <tr><th>① 交付申請書対応件数</th><td data-testid="report-application">${f.application_count}</td></tr>
          <tr class="part"><th>うち 申請書持参あり</th><td>${f.form_brought}</td></tr>
          <tr class="part"><th>うち 申請書持参なし（再発行案内）</th><td>${f.form_not_brought}</td></tr>
          <tr class="part"><th>うち 申請書持参 不明（写真のみ等）</th><td>${f.form_unknown}</td></tr>
          <tr class="part"><th>うち 写真撮影</th><td>${f.photo_taken}</td></tr>
          <tr class="part"><th>うち 写真添付</th><td>${f.photo_attached}</td></tr>
          <tr><th>② その他対応件数</th><td data-testid="report-other">${f.other_count}</td></tr>
          ${others.map((c) => `<tr class="part"><th>${esc(this.label(c))}</th><td>${f.other_breakdown[c]}</td></tr>`).join('')}
        </tbody></table>
        <p class="rule">集計の方法：① は「交付申請書の記入・入力支援」「写真撮影」「写真添付」のいずれかを含む来庁者の数。② は区分ごとに、その区分を含む来庁者の数で、② の合計はその内訳の合計（1人で複数の区分に該当する場合は各区分に計上）。完了・未完了を問わず計上し、取り消した記録は計上しません。修正した記録は修正後の内容で計上します。</p>
        <h2>3. 対応の内訳</h2>
        <p>対応人数 ${f.visits} 人、平均対応時間 ${minutes(f.average_seconds)}、最長 ${minutes(f.longest_seconds)}。窓口別：${counters}。</p>
        <p>未完了の理由：</p><ul>${incomplete}</ul>
        <figure class="hour-chart"><figcaption>時間帯別の来庁者数</figcaption>
          <svg viewBox="0 0 ${hours.length * 40 + 16} 132" role="img" aria-label="時間帯別の来庁者数">${bars}</svg></figure>
        <h2>4. 日別件数</h2>
        <table class="per-day"><thead><tr><th>日付</th><th>①</th>${others.map((c) => `<th>${esc(this.label(c))}</th>`).join('')}<th>②計</th><th>合計</th></tr></thead>
          <tbody>${dayRows}</tbody>
          <tfoot><tr><th>合計</th><td>${sum((d) => d.application_count)}</td>${others.map((c) => `<td>${sum((d) => d.other_breakdown[c] || 0)}</td>`).join('')}<td>${sum((d) => d.other_count)}</td><td>${sum((d) => d.application_count + d.other_count)}</td></tr></tfoot></table>
        <h2>5. 苦情・事故・マニュアル等の変更</h2>
        <p>苦情：${v.complaints.length}件（来庁記録の区分「苦情」は${f.other_breakdown.complaint || 0}件）</p>
        ${v.complaints.length ? `<table class="plain-report"><thead><tr><th>日時</th><th>分類</th><th>内容の要旨</th><th>対応</th><th>市への報告</th></tr></thead><tbody>${v.complaints.map((c) => `<tr><td>${esc(md(c.occurred_at.slice(0, 10)))}</td><td>${esc(c.category)}</td><td>${esc(c.summary)}</td><td>${esc(c.response)}</td><td>${c.escalated ? 'あり' : 'なし'}</td></tr>`).join('')}</tbody></table>` : ''}
        <p>事故：${v.incidents.length}件</p>
        ${v.incidents.length ? `<table class="plain-report"><thead><tr><th>日時</th><th>場所</th><th>事象</th><th>再発防止策</th><th>市への報告日</th></tr></thead><tbody>${v.incidents.map((x) => `<tr><td>${esc(md(x.occurred_at.slice(0, 10)))}</td><td>${esc(x.place)}</td><td>${esc(x.what)}</td><td>${esc(x.prevention)}</td><td>${esc(x.reported_on ? reiwa(x.reported_on) : '未報告')}</td></tr>`).join('')}</tbody></table>` : ''}
        <p>調査（市の依頼による集計）：${(v.surveys || []).length}件</p>
        ${(v.surveys || []).length ? `<table class="plain-report" data-testid="report-surveys"><thead><tr><th>日時</th><th>作成者</th><th>内容</th></tr></thead><tbody>${v.surveys.map((e) => `<tr><td>${esc(md(e.at.slice(0, 10)))} ${esc(e.at.slice(11, 16))}</td><td>${esc(e.actor || '')}</td><td>${esc(e.detail)}</td></tr>`).join('')}</tbody></table>` : ''}
        ${languageLine(v.languages)}
        <p>マニュアル・FAQの変更（承認申請）：${v.kb_changes.length}件</p>
        ${v.kb_changes.length ? `<table class="plain-report"><thead><tr><th>申請日</th><th>文書</th><th>版</th><th>理由</th><th>概要</th><th>状況</th></tr></thead><tbody>${v.kb_changes.map((k) => `<tr><td class="nowrap">${esc(md((k.submitted_at || '').slice(0, 10)))}</td><td>${esc(k.draft.title)}</td><td class="nowrap">第${k.version}版</td><td>${esc({ city_request: '市の要請', inquiry: '問い合わせ対応（市の要請によらない）', self_improvement: '自主改善（市の要請によらない）' }[k.reason] || '')}</td><td>${esc(k.summary)}</td><td>${esc(k.status === 'submitted' && !k.forwarded_at ? '現場責任者の確認待ち' : { submitted: '承認待ち', approved: '承認済み', returned: '差し戻し', draft: '下書き' }[k.status])}${k.status === 'approved' && k.decided_by ? `（${esc(k.decided_by)}）` : ''}${k.imported_from === null || k.imported_from === undefined ? '' : `<br><small>${k.imported_from ? `第${esc(k.imported_from)}窓口から` : ''}取り込み</small>`}</td></tr>`).join('')}</tbody></table>` : ''}
        <p class="source">集計対象：${v.counters_included.length ? v.counters_included.map((c) => `第${esc(c)}窓口`).join('・') : 'なし'}のデータ（最終記録 ${until}）</p>
      </article>`;
  }

  async click(e) {
    const nav = e.target.closest('[data-nav]');
    if (nav) {
      this.month = addMonths(this.month, Number(nav.dataset.nav));
      return this.load();
    }
    if (e.target.closest('[data-print]')) return printPage();
    if (e.target.closest('[data-final]')) return this.loadFinal();
    const finalExport = e.target.closest('[data-final-export]');
    if (finalExport) {
      try {
        const done = await call('report_final_export', { kind: finalExport.dataset.finalExport });
        if (done) say(this.querySelector('.message'), done, 'ok');
      } catch (err) {
        say(this.querySelector('.message'), messageOf(err), 'error');
      }
      return;
    }
    if (e.target.closest('[data-import]')) {
      try {
        const r = await importVisits();
        if (r) {
          await this.load();
          say(this.querySelector('.message'), importSummary(r), 'ok');
        }
      } catch (err) {
        say(this.querySelector('.message'), messageOf(err), 'error');
      }
      return;
    }
    const exp = e.target.closest('[data-export]');
    if (exp) {
      const msg = this.querySelector('.message');
      try {
        const done = await call('report_export', { month: this.month, kind: exp.dataset.export });
        if (done) say(msg, done, 'ok');
      } catch (err) {
        say(msg, messageOf(err), 'error');
      }
      return;
    }
    if (e.target.closest('[data-edit-header]')) return this.editHeader();
    const correct = e.target.closest('[data-correct]');
    if (e.target.closest('[data-submit]') || correct) {
      const msg = this.querySelector('.message');
      let note = '';
      if (correct) {
        note = await ask('訂正版の提出', '訂正の理由');
        if (!note) return;
      } else if (!(await this.confirmSubmit())) {
        return;
      }
      try {
        await call('report_submit', { month: this.month, note });
        await this.load();
        store.refreshDue();
        say(this.querySelector('.message'), '提出済みとして記録しました。', 'ok');
      } catch (err) {
        say(msg, messageOf(err), 'error');
      }
    }
  }

  async loadFinal() {
    const body = this.querySelector('.report-body');
    try {
      const f = await call('report_final');
      const labels = (await call('visit_lists')).all_services;
      const label = (c) => (labels.find((e) => e.code === c) || { label: c }).label;
      const short = (m) => m.month_wareki.replace(/^令和(元|\d+)年/, '');
      const row = (title, fn, total, cls = '') => `<tr class="${cls}"><th scope="row">${esc(title)}</th>${f.months.map((m) => `<td>${fn(m)}</td>`).join('')}<td class="total">${total}</td></tr>`;
      body.innerHTML = `<article class="report a4 landscape" data-testid="final-report">
        <p class="no-print"><button type="button" data-final-export="xlsx">Excelに保存…</button> <button type="button" data-final-export="csv">CSVに保存…</button></p>
        <h1>委託業務実施報告書</h1>
        ${this.view ? `<table class="report-header"><tbody>
          <tr><th>業務名</th><td>${esc(this.view.header.business_name)}</td></tr>
          <tr><th>宛先</th><td>${esc(this.view.header.addressee)}</td></tr>
          <tr><th>受託者名</th><td>${esc(this.view.header.contractor)}</td></tr>
          <tr><th>業務責任者</th><td>${esc(this.view.header.responsible)}</td></tr></tbody></table>` : ''}
        <p>業務期間：${esc(f.period_wareki)}</p>
        <table class="per-day final"><thead><tr><th></th>${f.months.map((m) => `<th>${esc(short(m))}</th>`).join('')}<th>合計</th></tr></thead><tbody>
          ${row('開設日数', (m) => m.open_days, f.open_days)}
          ${row('① 交付申請書対応件数', (m) => m.application_count, f.application_count, 'strong block')}
          ${row('② その他対応件数', (m) => m.other_count, f.other_count, 'strong block')}
          ${f.other_services.map((c) => row(`　②のうち ${label(c)}`, (m) => m.other_breakdown[c] || 0, f.other_breakdown[c] || 0, 'part')).join('')}
          ${row('対応人数', (m) => m.visits, f.visits, 'block')}
          ${(f.languages || []).map((l, i) => `<tr class="${i === 0 ? 'block' : 'part'}"><th scope="row">外国語等での案内：${esc(l.name)}</th>${l.per_month.map((n) => `<td>${n}</td>`).join('')}<td class="total">${l.total}</td></tr>`).join('')}
        </tbody></table>
        <p class="rule">各月の数値は月次報告書と同じ集計方法によります。</p></article>`;
    } catch (err) {
      say(this.querySelector('.message'), messageOf(err), 'error');
    }
  }

  confirmSubmit() {
    return ask('提出の記録', `${this.view.figures.month_wareki}分を提出済みにします。確認のため「提出」と入力してください`).then((t) => t === '提出');
  }

  editHeader() {
    const h = this.view ? this.view.header : {};
    const dialog = document.createElement('dialog');
    const field = (name, label) => `<label>${label}<input name="${name}" value="${esc(h[name] || '')}" required maxlength="100"></label>`;
    dialog.innerHTML = `<form method="dialog"><h2>報告書の宛先など</h2>
      ${field('business_name', '業務名')}${field('addressee', '宛先')}${field('contractor', '受託者名')}${field('responsible', '業務責任者')}
      <p class="message" hidden></p>
      <div class="actions"><button value="ok" class="primary">保存する</button><button value="cancel" formnovalidate>戻る</button></div></form>`;
    this.append(dialog);
    const form = dialog.querySelector('form');
    form.addEventListener('submit', async (ev) => {
      if (ev.submitter && ev.submitter.value === 'cancel') return;
      ev.preventDefault();
      try {
        await call('report_header_save', { header: Object.fromEntries(new FormData(form).entries()) });
        dialog.close();
        this.load();
      } catch (err) {
        say(form.querySelector('.message'), messageOf(err), 'error');
      }
    });
    dialog.addEventListener('close', () => dialog.remove());
    dialog.showModal();
  }
}

// The month field changes the month too.
document.addEventListener('change', (e) => {
  const field = e.target.closest && e.target.closest('mg-report mg-month-field[name=month]');
  if (field && field.value) {
    const report = field.closest('mg-report');
    report.month = field.value;
    report.load();
  }
});

customElements.define('mg-report', MgReport);
