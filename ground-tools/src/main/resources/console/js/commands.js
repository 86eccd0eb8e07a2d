// Every command seen on the link, across the fleet: the console's operators' and anyone else's,
// with their verification stages.
import { get } from './api.js';
import { store, on } from './store.js';
import { el } from './format.js';
import { historyRow } from './commanding.js';

let body, offs = [], satFilter = '';

function render() {
  const list = [...store.commands.values()].filter(e => !satFilter || e.sat === satFilter).sort((a, b) => b.id - a.id).slice(0, 300);
  body.replaceChildren(...list.map(e => historyRow(e, true)));
}

export async function refresh() {
  const list = await get('/api/commands?limit=2000');
  for (const e of list) store.commands.set(e.id, e);
  render();
}

export function mount(container) {
  body = el('tbody', { id: 'all-commands' });
  container.append(el('h2', {}, 'Commands'),
    el('div', { class: 'toolbar' }, el('input', { type: 'search', placeholder: 'satellite', onchange: (e) => { satFilter = e.target.value.trim(); render(); } }),
      el('span', { class: 'muted' }, 'Commands are sent from a satellite\'s page (Commanding tab).')),
    el('div', { class: 'panel' }, el('table', {}, el('thead', {}, el('tr', {},
      ['time', 'satellite', 'who', 'command', 'seq', 'arguments', 'stages', 'detail'].map(h => el('th', {}, h)))), body)));
  offs = [on('tc', render)];
  refresh().catch(() => {});
}

export function unmount() { offs.forEach(f => f()); }
