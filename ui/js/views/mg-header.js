// The header: today's date and status, the counter, who is signed in, sign-out (which asks first
// while a visit is open: the visit stays open and can be continued after signing in again).

import { call } from '../backend.js';
import { store } from '../store.js';
import { confirmDialog, esc, say } from '../util.js';
import { passwordForm } from './mg-password.js';
import { openOpeningCheck } from './mg-opening.js';

/** Today's opening check at this counter: a button that opens it, red while it is due. */
function openingBadge(opening) {
  if (!opening) return '';
  if (opening.due) return '<button type="button" class="badge opening due" data-action="opening" data-testid="opening-badge">開設前点検 未実施</button>';
  if (!opening.record) return '<button type="button" class="badge opening" data-action="opening" data-testid="opening-badge">開設前点検</button>';
  const ng = opening.record.items.filter((i) => !i.ok).length;
  return `<button type="button" class="badge opening ${ng ? 'ng' : 'done'}" data-action="opening" data-testid="opening-badge">開設前点検 ${ng ? `NG ${ng}件` : '済'}</button>`;
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

class MgHeader extends HTMLElement {
  connectedCallback() {
    this.render();
    store.addEventListener('change', () => this.render());
    this.addEventListener('click', async (e) => {
      if (e.target.closest('[data-action=sign-out]')) await this.signOut();
      if (e.target.closest('[data-action=password]')) this.changePassword();
      if (e.target.closest('[data-action=opening]')) openOpeningCheck();
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
    const { info, session, status, due, idle, shared, unreported, opening } = store.state;
    const state = status && status.status ? status.status.state : '';
    this.innerHTML = `
      <header class="app-header">
        <div class="brand">マイナンバーカード オンライン窓口${info && info.demo ? ' <span class="badge demo">デモ</span>' : ''}</div>
        <div class="today ${esc(state)}" data-testid="today-status">
          <span class="date">${esc(status ? status.date_wareki : '')}</span>
          <span class="status">${esc(status ? status.message : '')}</span>
        </div>
        <div class="who" data-testid="who">
          ${info && info.counter ? `<span class="counter">第${esc(info.counter)}窓口</span>` : ''}
          ${session ? openingBadge(opening) : ''}
          ${session ? sharedBadge(shared) : ''}
          ${session ? `<span class="user">${esc(session.display_name)}（${esc(session.role_label)}）</span>
            <button type="button" data-action="password" class="inline">パスワード変更</button>
            <button type="button" data-action="sign-out" data-testid="sign-out">サインアウト</button>` : ''}
        </div>
      </header>
      <p class="message header-message" hidden></p>
      ${session && idle && idle.warn ? `<div class="idle-warning" role="alert" data-testid="idle-warning">操作がないため、あと${esc(idle.seconds_left)}秒でサインアウトします。続けるときは、どれかのキーを押すか画面をクリックしてください。</div>` : ''}
      ${session && due ? `<div class="due-warning" role="alert" data-testid="due-warning" data-month="${esc(due.month)}">${esc(due.message)}</div>` : ''}
      ${session && unreported && unreported.length ? `<div class="due-warning" role="alert" data-testid="incident-warning">市へ未報告の事故報告書が ${esc(unreported.length)} 件あります（最も古いもの：${esc(Number(unreported[0].occurred_at.slice(5, 7)))}月${esc(Number(unreported[0].occurred_at.slice(8, 10)))}日）。報告したら「記録・苦情」で報告日を入力してください。</div>` : ''}`;
  }
}

customElements.define('mg-header', MgHeader);
