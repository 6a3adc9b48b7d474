// Closing the kiosk: when the operator window is closed, the backend asks the page (the event
// `mg-quit-requested`) and this dialog asks for a site manager's ID and password. Only with them
// does the app close; 戻る leaves everything as it was.

import { call } from '../backend.js';
import { esc, messageOf } from '../util.js';

let open = null;

export function askToQuit() {
  if (open) {
    open.querySelector('input[name=login_id]').focus();
    return;
  }
  const dialog = document.createElement('dialog');
  dialog.dataset.testid = 'quit-dialog';
  dialog.innerHTML = `<form method="dialog" novalidate>
    <h2>アプリを終了します</h2>
    <p>終了するには、現場責任者のIDとパスワードを入力してください。</p>
    <p><label>ID <input name="login_id" autocomplete="off" required data-testid="quit-login"></label></p>
    <p><label>パスワード <input name="password" type="password" autocomplete="off" required data-testid="quit-password"></label></p>
    <p class="message error" hidden data-testid="quit-message"></p>
    <div class="actions"><button type="button" class="primary" data-cancel data-testid="quit-cancel">戻る</button>
      <button value="quit" data-testid="quit-confirm">終了する</button></div></form>`;
  document.body.append(dialog);
  open = dialog;
  const form = dialog.querySelector('form');
  const msg = dialog.querySelector('.message');
  dialog.querySelector('[data-cancel]').addEventListener('click', () => dialog.close());
  // Enter in either field signs (終了する is the form's only submit button).
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = new FormData(form);
    try {
      await call('app_quit', { loginId: f.get('login_id'), password: f.get('password') });
    } catch (err) {
      form.querySelector('input[name=password]').value = '';
      msg.innerHTML = esc(messageOf(err));
      msg.hidden = false;
    }
  });
  dialog.addEventListener('close', () => {
    dialog.remove();
    open = null;
  });
  dialog.showModal();
  dialog.querySelector('input[name=login_id]').focus();
}

document.addEventListener('mg-quit-requested', askToQuit);
