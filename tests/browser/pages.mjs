// The pages the browser gates open, as paths inside a built site. Paths are the same in every
// language (slugs are pinyin of the folder names), so one list serves the zh-CN and en builds.
//
// To add a page, add a line. `axe: true` puts it in the accessibility gate, `smoke: true` in
// the browser smoke gate (console errors, failed requests, screenshot). `optional: true` means
// "check it when the build has it, skip it with a note otherwise" — for pages that are planned but
// not built yet; drop `optional` once the page exists so that losing it fails the gates.
export const PAGES = [
  { name: 'home', path: 'index.html', axe: true, smoke: true },
  // A county with sub-localities, notes, an image and every chart.
  { name: 'locality', path: 'fujian/quanzhoushi/quangangqu/index.html', axe: true, smoke: true },
  // A note with headings, a table, an image beside it and links to other notes.
  {
    name: 'note',
    path: 'fujian/quanzhoushi/quangangqu/2014-09-10-tesegongzuozongshu.html',
    axe: true,
    smoke: true,
  },
  { name: 'notes', path: 'notes/index.html', axe: true, smoke: false },
  { name: 'search', path: 'search.html', axe: true, smoke: true, optional: true },
];
