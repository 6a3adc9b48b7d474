// Today's visits, newest first, with amend and void (both keep the old version and ask why). The
// site manager also ends a visit another operator left in progress (終了（代理）), with a reason.

import { call } from '../backend.js';
import { store } from '../store.js';
import { esc, hhmm, minutes, say, messageOf } from '../util.js';

class MgToday extends HTMLElement {
  connectedCallback() {
    this.onChange = (e) => { if (e.detail.includes('today')) this.render(); };
    store.addEventListener('change', this.onChange);
    this.addEventListener('click', (e) => this.click(e));
    this.render();
  }

  disconnectedCallback() {
    store.removeEventListener('change', this.onChange);
  }

  canCorrect(v) {
    return store.can('visit_correct_any') || (store.can('visit_log') && v.operator === store.state.session.login_id);
  }

  render() {
    const list = store.state.today || [];
    // City staff see the figures, not which operator served whom (the backend leaves it out).
    const who = store.can('visits_by_operator');
    const rows = list
      .map((v) => {
        const services = v.services.map((c) => esc(store.labelOf('service', c))).join('、');
        const outcome = !v.ended_at ? '対応中'
          : v.outcome === 'completed' ? '完了'
          : `未完了（${esc(store.labelOf('reason', v.reason))}）`;
        const mine = v.operator === store.state.session.login_id;
        const actions = v.ended_at && !v.voided && this.canCorrect(v)
          ? `<button type="button" data-amend="${esc(v.id)}">修正</button> <button type="button" data-void="${esc(v.id)}">取消</button>`
          : !v.ended_at && !v.voided && !mine && store.can('visit_correct_any')
            ? `<button type="button" data-end-for="${esc(v.id)}" data-testid="visit-end-for">終了（代理）</button> <button type="button" data-void="${esc(v.id)}">取消</button>`
            : '';
        return `<tr class="${v.voided ? 'voided' : ''}">
          <td>${esc(hhmm(v.started_at))}〜${esc(hhmm(v.ended_at))}</td>
          <td>${esc(minutes(v.started_at, v.ended_at))}${v.ended_at ? '分' : ''}</td>
          <td>第${esc(v.counter)}</td>${who ? `<td>${esc(v.operator)}</td>` : ''}
          <td>${services}</td><td>${outcome}${v.voided ? `<br><small>取消：${esc(v.voided.reason)}</small>` : ''}${v.revision > 1 ? `<br><small>修正 ${esc(v.revision - 1)} 回</small>` : ''}</td>
          <td>${actions}</td></tr>`;
      })
      .join('');
    this.innerHTML = `
      <section class="panel today-list">
        <h2>本日の来庁記録</h2>
        <p class="message" hidden></p>
        ${list.length ? `<table><thead><tr><th>時刻</th><th>所要</th><th>窓口</th>${who ? '<th>担当</th>' : ''}<th>内容</th><th>結果</th><th></th></tr></thead><tbody>${rows}</tbody></table>` : '<p class="hint">本日の記録はまだありません。</p>'}
      </section>
      <dialog class="amend"></dialog>`;
  }

  async click(e) {
    const amend = e.target.closest('[data-amend]');
    const voidBtn = e.target.closest('[data-void]');
    if (amend) this.openAmend(store.state.today.find((v) => v.id === amend.dataset.amend));
    if (voidBtn) this.openVoid(store.state.today.find((v) => v.id === voidBtn.dataset.void));
    const endFor = e.target.closest('[data-end-for]');
    if (endFor) this.openEndFor(store.state.today.find((v) => v.id === endFor.dataset.endFor));
  }

  openEndFor(v) {
    const reasons = store.state.lists.reasons
      .map((r) => `<option value="${esc(r.code)}">${esc(r.label)}</option>`)
      .join('');
    const dialog = this.querySelector('dialog');
    dialog.innerHTML = `<form method="dialog">
        <h2>対応中の記録を終了します</h2>
        <p>${esc(v.operator)} が ${esc(hhmm(v.started_at))} に開始した記録です。担当者に代わって終了し、理由を記録に残します。</p>
        <label>結果<select name="outcome"><option value="completed">完了</option><option value="not_completed">未完了</option></select></label>
        <label>未完了の理由<select name="reason"><option value="">—</option>${reasons}</select></label>
        ${v.services.includes('application') && v.form_brought === null ? `<label>交付申請書<select name="form" required data-testid="end-for-form"><option value="">—</option>
          <option value="yes">持参あり</option><option value="no">持参なし</option></select></label>` : ''}
        <label>代わりに終了する理由<input name="why" required autofocus data-testid="end-for-why"></label>
        <p class="message" hidden></p>
        <div class="actions"><button value="ok" class="primary" data-testid="end-for-confirm">終了する</button><button value="cancel" formnovalidate>戻る</button></div>
      </form>`;
    this.runDialog(dialog, (f) => {
      const outcome = f.get('outcome');
      const form = f.get('form');
      return call('visit_end_for', {
        id: v.id,
        ending: {
          outcome,
          reason: outcome === 'not_completed' ? f.get('reason') || null : null,
          form_brought: form ? form === 'yes' : null,
        },
        why: f.get('why'),
      });
    });
  }

  openVoid(v) {
    const dialog = this.querySelector('dialog');
    dialog.innerHTML = `<form method="dialog">
        <h2>来庁記録の取消</h2>
        <p>${esc(hhmm(v.started_at))} 開始の記録を取り消します。記録は削除されず、集計から外れます。</p>
        <label>取消の理由<input name="why" required autofocus></label>
        <p class="message" hidden></p>
        <div class="actions"><button value="ok" class="danger">取り消す</button><button value="cancel" formnovalidate>戻る</button></div>
      </form>`;
    this.runDialog(dialog, (f) => call('visit_void', { id: v.id, why: f.get('why') }));
  }

  openAmend(v) {
    const lists = store.state.lists;
    const dialog = this.querySelector('dialog');
    const services = lists.all_services
      .filter((s) => s.active || v.services.includes(s.code))
      .map((s) => `<label class="check"><input type="checkbox" name="services" value="${esc(s.code)}" ${v.services.includes(s.code) ? 'checked' : ''}> ${esc(s.label)}</label>`)
      .join('');
    const reasons = lists.reasons
      .map((r) => `<option value="${esc(r.code)}" ${v.reason === r.code ? 'selected' : ''}>${esc(r.label)}</option>`)
      .join('');
    dialog.innerHTML = `<form method="dialog">
        <h2>来庁記録の修正</h2>
        <fieldset><legend>対応内容</legend>${services}</fieldset>
        <label>交付申請書<select name="form"><option value="">—</option>
          <option value="yes" ${v.form_brought === true ? 'selected' : ''}>持参あり</option>
          <option value="no" ${v.form_brought === false ? 'selected' : ''}>持参なし</option></select></label>
        <label>結果<select name="outcome">
          <option value="completed" ${v.outcome === 'completed' ? 'selected' : ''}>完了</option>
          <option value="not_completed" ${v.outcome === 'not_completed' ? 'selected' : ''}>未完了</option></select></label>
        <label>未完了の理由<select name="reason"><option value="">—</option>${reasons}</select></label>
        <label>メモ<input name="note" maxlength="200" value="${esc(v.note || '')}"></label>
        <label>修正の理由<input name="why" required></label>
        <p class="message" hidden></p>
        <div class="actions"><button value="ok" class="primary">修正する</button><button value="cancel" formnovalidate>戻る</button></div>
      </form>`;
    this.runDialog(dialog, (f) => {
      const outcome = f.get('outcome');
      const form = f.get('form');
      return call('visit_amend', {
        id: v.id,
        why: f.get('why'),
        edit: {
          services: f.getAll('services'),
          form_brought: form === '' ? null : form === 'yes',
          note: f.get('note') || null,
          outcome,
          reason: outcome === 'not_completed' ? f.get('reason') || null : null,
        },
      });
    });
  }

  runDialog(dialog, action) {
    const form = dialog.querySelector('form');
    form.addEventListener('submit', async (e) => {
      if (e.submitter && e.submitter.value === 'cancel') return;
      e.preventDefault();
      try {
        await action(new FormData(form));
        dialog.close();
        await store.refreshVisits();
      } catch (err) {
        say(form.querySelector('.message'), messageOf(err), 'error');
      }
    });
    dialog.showModal();
  }
}

customElements.define('mg-today', MgToday);
