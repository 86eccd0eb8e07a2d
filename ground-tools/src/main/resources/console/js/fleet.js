// The fleet view: every satellite on one line, sortable and filterable, updated live. Only the
// rows in sight exist in the page (a virtual table), so 3,000 satellites cost what 40 do.
import { get } from './api.js';
import { store, on, stale, serverNow } from './store.js';
import { el, num, kw, ago, mission } from './format.js';
import * as bench from './bench.js';

const ROW_H = 26;
const COLUMNS = [
  { key: 'sat', title: 'Satellite', w: 120 },
  { key: 'presence', title: 'Presence', w: 72 },
  { key: 'mode', title: 'Mode', w: 96 },
  { key: 'level', title: 'Limits', w: 78 },
  { key: 'alarms', title: 'Active alarms', w: 170 },
  { key: 'socPct', title: 'SoC %', w: 70, num: true },
  { key: 'budgetW', title: 'Budget kW', w: 78, num: true },
  { key: 'arrayW', title: 'Array kW', w: 72, num: true },
  { key: 'drawW', title: 'Boards kW', w: 78, num: true },
  { key: 'boardsOn', title: 'Boards on', w: 76, num: true },
  { key: 'maxBoardC', title: 'Board °C', w: 72, num: true },
  { key: 'age', title: 'Last frame', w: 80, num: true },
  { key: 't', title: 'Mission time', w: 172 },
];
const LEVEL_RANK = { NOMINAL: 0, WARNING: 1, ALARM: 2 };

let root, scroller, tbody, topPad, bottomPad, countEl, offs = [];
let sortKey = 'sat', sortDir = 1, filter = '', problemsOnly = false;
let order = [], inOrder = new Set(), dirty = new Set(), fresh = new Set(), needOrder = true, lastOrderMs = 0, frame = 0, timer = 0;
const rendered = new Map(); // sat -> tr

function value(row, key) {
  switch (key) {
    case 'age': return row.liveRxMs ? serverNow() - row.liveRxMs : Infinity;
    case 'alarms': return (row.alarms || []).length * 1000 + (row.warnings || 0);
    case 'level': return LEVEL_RANK[row.level] ?? 0;
    default: return row[key];
  }
}

function compare(a, b) {
  const va = value(a, sortKey), vb = value(b, sortKey);
  if (va === vb) return a.sat < b.sat ? -1 : 1;
  if (va === null || va === undefined) return 1;
  if (vb === null || vb === undefined) return -1;
  return (va < vb ? -1 : 1) * sortDir;
}

function matches(row) {
  if (problemsOnly && row.level === 'NOMINAL' && !stale(row)) return false;
  if (!filter) return true;
  const f = filter.toLowerCase();
  return row.sat.toLowerCase().includes(f) || (row.mode || '').toLowerCase().includes(f)
    || (row.presence || '').toLowerCase().includes(f) || (row.alarms || []).some(a => a.toLowerCase().includes(f));
}

function reorder() {
  order = [...store.fleet.values()].filter(matches).sort(compare).map(r => r.sat);
  inOrder = new Set(store.fleet.keys());
  needOrder = false;
  lastOrderMs = Date.now();
  countEl.textContent = order.length + ' of ' + store.fleet.size + ' satellites';
}

function cell(row, c) {
  const td = document.createElement('td');
  if (c.num) td.className = 'num';
  fillCell(td, row, c);
  return td;
}

function fillCell(td, row, c) {
  let text = '';
  let cls = c.num ? 'num' : '';
  switch (c.key) {
    case 'sat': text = row.sat; break;
    case 'presence': text = row.presence; cls = row.presence === 'online' ? '' : 'WARNING'; break;
    case 'mode': text = row.mode || ''; cls = row.mode === 'SAFE' ? 'ALARM' : row.mode === 'POWER_SAVE' ? 'WARNING' : ''; break;
    case 'level': text = row.level; cls = row.level === 'NOMINAL' ? '' : row.level; break;
    case 'alarms': {
      const n = (row.alarms || []).length;
      text = n ? row.alarms.join(', ') : row.warnings ? row.warnings + ' warning' + (row.warnings > 1 ? 's' : '') : '';
      cls = n ? 'ALARM' : row.warnings ? 'WARNING' : '';
      break;
    }
    case 'socPct': text = num(row.socPct, 1); break;
    case 'budgetW': case 'arrayW': case 'drawW': text = kw(row[c.key]); break;
    case 'boardsOn': text = row.boardsOn === null || row.boardsOn === undefined ? '' : num(row.boardsOn, 0) + ' / ' + num(row.boardsCount, 0); break;
    case 'maxBoardC': text = num(row.maxBoardC, 1); break;
    case 'age': text = row.liveRxMs ? ago(serverNow() - row.liveRxMs) : 'retained'; break;
    case 't': text = mission(row.t); break;
    default: text = row[c.key];
  }
  if (td.textContent !== text) td.textContent = text;
  if (td.className !== cls) td.className = cls;
}

function fillRow(tr, row) {
  tr.classList.toggle('stale', stale(row));
  for (let i = 0; i < COLUMNS.length; i++) fillCell(tr.children[i], row, COLUMNS[i]);
}

function newRow(row) {
  const tr = el('tr', { class: 'clickable', 'data-sat': row.sat });
  for (const c of COLUMNS) tr.append(cell(row, c));
  tr.addEventListener('click', () => { location.hash = '#/sat/' + encodeURIComponent(tr.dataset.sat); });
  return tr;
}

function render() {
  frame = 0;
  const now = Date.now();
  if (needOrder && (now - lastOrderMs > 1000 || sortKey === 'sat' || order.length === 0)) reorder();
  const first = Math.max(0, Math.floor(scroller.scrollTop / ROW_H) - 5);
  const count = Math.ceil(scroller.clientHeight / ROW_H) + 10;
  const visible = order.slice(first, first + count);
  topPad.style.height = (first * ROW_H) + 'px';
  bottomPad.style.height = (Math.max(0, order.length - first - visible.length) * ROW_H) + 'px';
  const keep = new Set(visible);
  for (const [sat, tr] of rendered) {
    if (!keep.has(sat)) { tr.remove(); rendered.delete(sat); }
  }
  let before = bottomPad;
  for (let i = visible.length - 1; i >= 0; i--) {
    const sat = visible[i];
    const row = store.fleet.get(sat);
    if (!row) continue;
    let tr = rendered.get(sat);
    if (!tr) {
      tr = newRow(row);
      rendered.set(sat, tr);
      tbody.insertBefore(tr, before);
      if (fresh.has(sat)) bench.fleetDom(row, Date.now());
    } else {
      if (tr.nextSibling !== before) tbody.insertBefore(tr, before);
      if (dirty.has(sat)) {
        fillRow(tr, row);
        // a new frame's values reached the page (not the once-a-second refresh of the age column)
        if (fresh.has(sat)) bench.fleetDom(row, Date.now());
      }
    }
    before = tr;
  }
  dirty.clear();
  fresh.clear();
}

function schedule() { if (!frame) frame = requestAnimationFrame(render); }

function onRow(row) {
  // a new satellite, or a change that may move a row, reorders (at most once a second unless sorted by id)
  if (sortKey !== 'sat' || filter || problemsOnly || !inOrder.has(row.sat)) needOrder = true;
  dirty.add(row.sat);
  fresh.add(row.sat);
  schedule();
}

export async function refresh() {
  const f = await get('/api/fleet');
  for (const row of f.rows) {
    const old = store.fleet.get(row.sat);
    if (!old || old.rxMs <= row.rxMs) store.fleet.set(row.sat, row);
  }
  needOrder = true;
  for (const sat of store.fleet.keys()) dirty.add(sat);
  schedule();
}

export function mount(container) {
  root = container;
  const input = el('input', { type: 'search', placeholder: 'Filter: satellite, mode, alarm...', id: 'fleet-filter',
    oninput: (e) => { filter = e.target.value.trim(); needOrder = true; lastOrderMs = 0; schedule(); } });
  const problems = el('label', {}, el('input', { type: 'checkbox', id: 'fleet-problems',
    onchange: (e) => { problemsOnly = e.target.checked; needOrder = true; lastOrderMs = 0; schedule(); } }), ' problems only');
  countEl = el('span', { class: 'muted', id: 'fleet-count' });
  const head = el('tr', {}, COLUMNS.map(c => el('th', { class: 'sortable', style: 'width:' + c.w + 'px', 'data-key': c.key,
    onclick: () => { sortDir = sortKey === c.key ? -sortDir : 1; sortKey = c.key; needOrder = true; lastOrderMs = 0; markSort(); schedule(); } }, c.title)));
  topPad = el('tr', { class: 'fleet-spacer' }, el('td', { colspan: COLUMNS.length }));
  bottomPad = el('tr', { class: 'fleet-spacer' }, el('td', { colspan: COLUMNS.length }));
  tbody = el('tbody', { id: 'fleet-body' }, topPad, bottomPad);
  scroller = el('div', { class: 'fleet-scroll', onscroll: schedule }, el('table', { id: 'fleet-table' }, el('thead', {}, head), tbody));
  root.append(el('h2', {}, 'Fleet'), el('div', { class: 'toolbar' }, input, problems, el('span', { class: 'grow' }), countEl), scroller);
  markSort();
  rendered.clear();
  offs = [on('fleet', onRow)];
  timer = setInterval(() => { for (const sat of rendered.keys()) dirty.add(sat); if (sortKey === 'age') needOrder = true; schedule(); }, 1000);
  refresh().catch(() => {});
}

function markSort() {
  root.querySelectorAll('th[data-key]').forEach(th => {
    th.classList.toggle('sorted-asc', th.dataset.key === sortKey && sortDir > 0);
    th.classList.toggle('sorted-desc', th.dataset.key === sortKey && sortDir < 0);
  });
}

export function unmount() {
  offs.forEach(f => f());
  clearInterval(timer);
  if (frame) cancelAnimationFrame(frame);
  frame = 0;
  rendered.clear();
}
