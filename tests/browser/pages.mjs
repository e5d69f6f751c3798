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
  // The search page, opened with `?q=<query>` so that axe and the screenshot see results.
  // `searches` are run by the smoke gate on every site: each query must list at least one result
  // whose text contains `expect` (and a <mark> when `mark` is set). Chinese by bigrams, an English
  // word by its prefix, two terms that must both occur, Traditional for Simplified, pinyin and
  // initials, a phrase's parts apart, and a note by its county's name.
  {
    name: 'search',
    path: 'search.html',
    query: '泉港',
    axe: true,
    smoke: true,
    searches: [
      { q: '泉港', expect: '泉港区推进教育实践活动特色工作综述', mark: true },
      { q: 'rectif', expect: '泉港区推进教育实践活动特色工作综述', mark: true },
      { q: '海上 党支部', expect: '峰尾镇', mark: true },
      { q: '12316', expect: '泉港区推进教育实践活动特色工作综述' },
      // Traditional finds what Simplified finds (the note is written in Simplified).
      { q: '濟寧', expect: '济宁市部署深化大规模驻村入户活动', mark: true },
      { q: '济宁', expect: '济宁市部署深化大规模驻村入户活动', mark: true },
      // A locality by its pinyin, the pinyin of its short name, and its initials.
      { q: 'jining', expect: '济宁市' },
      { q: 'quangang', expect: '泉港区' },
      { q: 'jns', expect: '济宁市' },
      // A phrase's parts apart: no note has 落实整改, these have 整改 … 落实.
      { q: '落实整改', expect: '福鼎市完成集中回访', mark: true },
      // A note by its county's name, which its own text never writes.
      { q: '泉港区', expect: '峰尾镇海上流动党支部让渔民党员学习不掉队' },
    ],
  },
];

// The address of a page of PAGES in a site folder, with its query if it has one.
export function pageUrl(fileUrl, p) {
  return p.query ? `${fileUrl}?q=${encodeURIComponent(p.query)}` : fileUrl;
}
