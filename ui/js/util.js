// Small helpers shared by the views: escaping, time formatting, a message line.

const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML. Every value put into innerHTML goes through this. */
export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESC[c]);
}

/** "2023-07-03T09:12:00+09:00" → "09:12". */
export function hhmm(stamp) {
  return stamp ? stamp.slice(11, 16) : '';
}

/** Minutes between two stamps, rounded. */
export function minutes(from, to) {
  if (!from || !to) return '';
  return Math.round((Date.parse(to) - Date.parse(from)) / 60000);
}

/** Keys offered for list entries in order: 1–9, 0, then q w e r t … */
export const ENTRY_KEYS = '1234567890qwertiop'.split('');

/** Shows a message in an element: kind is 'error', 'ok' or 'info'. */
export function say(el, text, kind = 'info') {
  if (!el) return;
  el.textContent = text || '';
  el.className = `message ${kind}`;
  el.hidden = !text;
}

/** The message of a rejected command, for the screen. */
export function messageOf(err) {
  return (err && err.message) || String(err);
}

/** True when the keyboard focus is in a text field (keys then belong to the field). */
export function typing(event) {
  const t = event.target;
  return t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
}

/** Shows a short message at the foot of the window for a few seconds (`role=status`). */
export function notice(text, kind = 'info') {
  let el = document.querySelector('body > .notice');
  if (!el) {
    el = document.createElement('p');
    el.className = 'notice message';
    el.setAttribute('role', 'status');
    el.dataset.testid = 'notice';
    document.body.append(el);
  }
  say(el, text, kind);
  el.classList.add('notice');
  clearTimeout(el.hideTimer);
  el.hideTimer = setTimeout(() => { el.hidden = true; }, 8000);
}

/** Asks a yes/no question in a modal dialog. Resolves to true for `yes`. The safe answer is focused. */
export function confirmDialog(title, text, yes, no, testids = {}) {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.innerHTML = `<form method="dialog"><h2>${esc(title)}</h2><p>${esc(text)}</p>
      <div class="actions"><button value="no" class="primary" data-testid="${esc(testids.no || '')}">${esc(no)}</button>
      <button value="yes" data-testid="${esc(testids.yes || '')}">${esc(yes)}</button></div></form>`;
    document.body.append(dialog);
    dialog.addEventListener('close', () => {
      const answer = dialog.returnValue === 'yes';
      dialog.remove();
      resolve(answer);
    });
    dialog.showModal();
    dialog.querySelector('button[value=no]').focus();
  });
}

/** Asks for one line of text in a modal dialog. Resolves to the text, or null when cancelled. */
export function ask(title, label) {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.innerHTML = `<form method="dialog"><h2>${esc(title)}</h2>
      <label>${esc(label)}<input name="text" required autofocus></label>
      <div class="actions"><button value="ok" class="primary">決定</button><button value="cancel" formnovalidate>戻る</button></div></form>`;
    document.body.append(dialog);
    dialog.addEventListener('close', () => {
      const text = dialog.returnValue === 'ok' ? dialog.querySelector('input').value.trim() : '';
      dialog.remove();
      resolve(text || null);
    });
    dialog.showModal();
  });
}
