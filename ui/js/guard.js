// Keeps a window inside the app: no link navigates it, no key reloads it or goes back, no page
// is saved, dragged out or dropped in, and the browser's own context menu (back, reload, save
// image) does not show outside text fields. The backend locks navigation too; this keeps the
// page where it is and says why. `onLink` receives the address of a clicked outside link.

const BLOCKED_KEYS = [
  (e) => e.key === 'F5' || e.key === 'F12',
  (e) => e.key === 'BrowserBack' || e.key === 'BrowserForward' || e.key === 'BrowserRefresh',
  (e) => e.altKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.key === 'Home'),
  (e) => (e.ctrlKey || e.metaKey) && ['r', 's', 'p', 'u', 'o', 'n', 't', 'w'].includes(e.key.toLowerCase()),
  (e) => (e.ctrlKey || e.metaKey) && e.shiftKey && ['i', 'j', 'c', 'k'].includes(e.key.toLowerCase()),
];

function inTextField(target) {
  return target instanceof Element && !!target.closest('input, textarea, [contenteditable=""], [contenteditable=true]');
}

export function guardWindow({ onLink = null } = {}) {
  const link = (e) => {
    const a = e.target instanceof Element ? e.target.closest('a[href]') : null;
    if (!a) return;
    e.preventDefault();
    e.stopPropagation();
    const href = a.getAttribute('href');
    // In-page anchors (#…) stay harmless; everything else leaves only through the backend.
    if (onLink && href && !href.startsWith('#') && e.type === 'click') onLink(a.href || href);
  };
  document.addEventListener('click', link, true);
  document.addEventListener('auxclick', link, true);
  document.addEventListener('keydown', (e) => {
    if (BLOCKED_KEYS.some((blocked) => blocked(e))) {
      e.preventDefault();
      e.stopPropagation();
    }
  }, true);
  document.addEventListener('contextmenu', (e) => {
    if (!inTextField(e.target)) e.preventDefault();
  }, true);
  document.addEventListener('dragstart', (e) => {
    if (!inTextField(e.target)) e.preventDefault();
  }, true);
  for (const type of ['dragover', 'drop']) {
    document.addEventListener(type, (e) => e.preventDefault(), true);
  }
}
