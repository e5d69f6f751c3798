// minqing default theme: what a locality page and the home page do with JavaScript on.
// The 打印简报 button is hidden without it (it could do nothing); with it, it opens the browser's
// print dialog, and the print stylesheet lays the page out as the locality's briefing.
'use strict';
for (const button of document.querySelectorAll('button[data-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
