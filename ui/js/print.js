// Printing a document of the page (a complaint, an incident report, the manual briefing, a
// report) through the OS print dialog: the document is put in the print area, printed, removed.

/** Prints `html` as an A4 document (`landscape` for the wide ones). */
export function printDocument(html, { landscape = false } = {}) {
  let area = document.querySelector('.print-doc');
  if (!area) {
    area = document.createElement('div');
    area.className = 'print-doc';
    document.body.append(area);
  }
  area.innerHTML = `<article class="report a4${landscape ? ' landscape' : ''}">${html}</article>`;
  document.body.classList.add('printing-doc');
  const done = () => {
    document.body.classList.remove('printing-doc');
    area.innerHTML = '';
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
  setTimeout(done, 1000);
}

/** Prints the page as it is (a report already laid out for A4). */
export function printPage() {
  window.print();
}
