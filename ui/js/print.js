// Printing through the OS print dialog. A document of the page (a complaint, an incident report,
// the manual, a 案内票) is printed alone: it is put in a print area at the end of the body, every
// other part of the page is hidden from the printer (print CSS only: the screen does not change),
// the paper size is set for it, and all is removed again after the print.

/** The print under way (its area and how to unset its paper), removed after printing or by the
 * next. */
let pending = null;

/** The app's own stylesheet: the paper rule goes in it through the CSSOM, since the window's
 * content security policy (style-src 'self') refuses a <style> element made by script. */
function appSheet() {
  const sheets = [...document.styleSheets];
  return sheets.find((s) => s.href && s.href.endsWith('/css/app.css')) || sheets[0];
}

/**
 * Sets the paper for the next print (`size`: a CSS page size such as 'A5 portrait' or
 * '127mm 89mm'); the last @page rule wins over the stylesheet's own A4 default. Answers the
 * function that takes it away again.
 */
export function setPaper(size, margin) {
  const sheet = appSheet();
  const at = sheet.insertRule(`@page { size: ${size}; margin: ${margin}; }`, sheet.cssRules.length);
  const rule = sheet.cssRules[at];
  return () => {
    const now = [...sheet.cssRules].indexOf(rule);
    if (now >= 0) sheet.deleteRule(now);
  };
}

function cleanUp() {
  if (!pending) return;
  pending.area.remove();
  pending.unsetPaper();
  document.body.classList.remove('printing-alone');
  pending = null;
}

/**
 * Prints `html` alone on paper of `page` size (a CSS page size: 'A4', 'A5'), portrait unless
 * `landscape`, with `margin`.
 */
export function printAlone(html, { page = 'A4', landscape = false, margin = '12mm' } = {}) {
  cleanUp();
  const area = document.createElement('div');
  area.className = 'print-area';
  area.innerHTML = html;
  const unsetPaper = setPaper(`${page} ${landscape ? 'landscape' : 'portrait'}`, margin);
  document.body.append(area);
  document.body.classList.add('printing-alone');
  pending = { area, unsetPaper };
  // Some engines print before print() returns, others after: the area goes on afterprint (and
  // in any case with the next print; on screen it is never shown).
  window.addEventListener('afterprint', cleanUp, { once: true });
  window.print();
}

/** Prints `html` as an A4 document (`landscape` for the wide ones). */
export function printDocument(html, { landscape = false } = {}) {
  printAlone(`<article class="report a4${landscape ? ' landscape' : ''}">${html}</article>`, { page: 'A4', landscape });
}

/** Prints the page as it is (a report already laid out for A4). */
export function printPage() {
  window.print();
}
