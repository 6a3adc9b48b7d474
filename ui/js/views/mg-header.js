// The header: today's date and status, the counter, who is signed in, sign-out (which asks first
// while a visit is open: the visit stays open and can be continued after signing in again).

import { call } from '../backend.js';
import { store } from '../store.js';
import { confirmDialog, esc, hhmm, messageOf, say } from '../util.js';
import { passwordForm } from './mg-password.js';
import { openOpeningCheck } from './mg-opening.js';
import { when } from '../dates.js';

/** Today's opening check at this counter: a button that opens it, red while it is due. */
function openingBadge(opening) {
  if (!opening) return '';
  if (opening.due) return '<button type="button" class="badge opening due" data-action="opening" data-testid="opening-badge">開設前点検 未実施</button>';
  if (!opening.record) return '<button type="button" class="badge opening" data-action="opening" data-testid="opening-badge">開設前点検</button>';
  const ng = opening.record.items.filter((i) => !i.ok).length;
  return `<button type="button" class="badge opening ${ng ? 'ng' : 'done'}" data-action="opening" data-testid="opening-badge">開設前点検 ${ng ? `NG ${ng}件` : '済'}</button>`;
}

/** This counter's network outage, named by its cause. */
function networkBadge(network) {
  if (!network || !network.outage) return '';
  const o = network.outage;
  return `<span class="badge network down" role="alert" data-testid="network-badge" title="${esc(o.targets)}：${esc(o.detail)}">ネットワーク障害（${esc(o.cause_label)}）${esc(hhmm(o.started_at))}〜</span>`;
}

/** The incident-report prompt for a long outage (the site manager's). */
function outagePrompt(network) {
  if (!network || !network.to_report || !network.to_report.length) return '';
  const o = network.to_report[0];
  const span = `${when(o.started_at)}〜${o.ended_at ? hhmm(o.ended_at) : '（継続中）'}`;
  return `<div class="due-warning" role="alert" data-testid="outage-prompt">ネットワーク障害が${esc(network.incident_after_min)}分以上続きました（第${esc(o.counter)}窓口、${esc(span)}、${esc(o.cause_label)}）。事故報告書を作成してください。
    <button type="button" data-action="outage-report" data-outage="${esc(o.id)}" data-testid="outage-report">事故報告書を作成</button></div>`;
}

/** The shared store's state in a few characters: nothing when this counter is not connected. */
function sharedBadge(shared) {
  if (!shared || !shared.connected) return '';
  const time = (stamp) => (stamp ? stamp.slice(11, 16) : '');
  const failing = shared.last_error && (!shared.last_ok || shared.last_error[0] > shared.last_ok);
  if (failing) {
    return `<span class="badge shared error" data-testid="shared-status" title="${esc(shared.last_error[1])}">共有データ：接続できません${shared.pending ? `（未送信 ${esc(shared.pending)}件）` : ''}</span>`;
  }
  if (shared.pending) return `<span class="badge shared" data-testid="shared-status">共有データ：送信待ち ${esc(shared.pending)}件</span>`;
  if (!shared.last_ok) return '<span class="badge shared" data-testid="shared-status">共有データ：未同期</span>';
  return `<span class="badge shared ok" data-testid="shared-status">共有データ：同期済み ${esc(time(shared.last_ok))}</span>`;
}

/** A status line's sentences, each kept whole when the line wraps (「次の開|設日」 otherwise). */
function sentences(text) {
  return (text || '').split(/(?<=。)/).map((t) => `<span class="sentence">${esc(t)}</span>`).join('');
}

class MgHeader extends HTMLElement {
  connectedCallback() {
    this.render();
    store.addEventListener('change', () => this.render());
    this.addEventListener('click', async (e) => {
      if (e.target.closest('[data-action=sign-out]')) await this.signOut();
      if (e.target.closest('[data-action=password]')) this.changePassword();
      if (e.target.closest('[data-action=opening]')) openOpeningCheck();
      const report = e.target.closest('[data-action=outage-report]');
      if (report) await this.reportOutage(Number(report.dataset.outage));
    });
  }

  async signOut() {
    if (store.state.current) {
      const leave = await confirmDialog(
        'サインアウトの確認',
        '対応中の来庁記録があります。サインアウトしても記録は対応中のまま残り、次にサインインしたときに続けられます。サインアウトしますか。',
        'サインアウトする',
        '対応を続ける',
        { yes: 'signout-confirm', no: 'signout-stay' },
      );
      if (!leave) return;
    }
    await call('sign_out');
    store.set({ session: null, current: null, tally: null, today: [] });
  }

  /** Takes up the prompt: the incident form opens in 苦情・事故, filled with the outage's times. */
  async reportOutage(id) {
    try {
      const o = await call('network_take_up', { id });
      const end = o.ended_at ? hhmm(o.ended_at) : '（継続中）';
      store.set({
        incidentDraft: {
          occurred_at: o.started_at,
          place: `第${o.counter}窓口（ネットワーク）`,
          what: `ネットワーク障害：${hhmm(o.started_at)}〜${end}。原因の区分：${o.cause_label}。つながらなかった先：${o.targets}。（${o.detail}）`,
          cause: '',
        },
      });
      const tab = document.querySelector('[data-testid=tab-records]');
      if (tab) tab.click();
      store.refreshStatus();
    } catch (err) {
      say(this.querySelector('.header-message'), messageOf(err), 'error');
    }
  }

  changePassword() {
    const dialog = document.createElement('dialog');
    const close = () => dialog.close();
    dialog.append(passwordForm(false, (session) => {
      store.set({ session });
      close();
      say(this.querySelector('.header-message'), 'パスワードを変更しました。', 'ok');
    }, close));
    document.body.append(dialog);
    dialog.addEventListener('close', () => dialog.remove());
    dialog.showModal();
  }

  render() {
    const { info, session, status, due, idle, shared, unreported, opening, network } = store.state;
    const state = status && status.status ? status.status.state : '';
    this.innerHTML = `
      <header class="app-header">
        <div class="brand">マイナンバーカード オンライン窓口${info && info.demo ? ' <span class="badge demo">デモ</span>' : ''}</div>
        <div class="today ${esc(state)}" data-testid="today-status">
          <span class="date">${esc(status ? status.date_wareki : '')}</span>
          <span class="status">${status ? sentences(status.message) : ''}</span>
        </div>
        <div class="who" data-testid="who">
          ${info && info.counter ? `<span class="counter">第${esc(info.counter)}窓口</span>` : ''}
          ${session ? networkBadge(network) : ''}
          ${session ? openingBadge(opening) : ''}
          ${session ? sharedBadge(shared) : ''}
          ${session ? `<span class="user">${esc(session.display_name)}（${esc(session.role_label)}）</span>
            <button type="button" data-action="password" class="inline">パスワード変更</button>
            <button type="button" data-action="sign-out" data-testid="sign-out">サインアウト</button>` : ''}
        </div>
      </header>
      <p class="message header-message" hidden></p>
      ${session && idle && idle.warn ? `<div class="idle-warning" role="alert" data-testid="idle-warning">操作がないため、あと${esc(idle.seconds_left)}秒でサインアウトします。続けるときは、どれかのキーを押すか画面をクリックしてください。</div>` : ''}
      ${session ? outagePrompt(network) : ''}
      ${session && due ? `<div class="due-warning" role="alert" data-testid="due-warning" data-month="${esc(due.month)}">${esc(due.message)}</div>` : ''}
      ${session && unreported && unreported.length ? `<div class="due-warning" role="alert" data-testid="incident-warning">市へ未報告の事故報告書が ${esc(unreported.length)} 件あります（最も古いもの：${esc(Number(unreported[0].occurred_at.slice(5, 7)))}月${esc(Number(unreported[0].occurred_at.slice(8, 10)))}日）。報告したら「記録・苦情」で報告日を入力してください。</div>` : ''}`;
  }
}

customElements.define('mg-header', MgHeader);
