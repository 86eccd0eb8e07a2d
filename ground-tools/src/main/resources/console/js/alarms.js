// Events and alarms: alarms shared by all operators (acknowledged by name), and the live event
// list by severity.
import { get, post } from './api.js';
import { store, on, takeEvents } from './store.js';
import { el, utc, clock, chip } from './format.js';

const SEV = ['INFO', 'LOW', 'MEDIUM', 'HIGH'];
let root, offs = [], alarmBody, eventBody, minSev = 'INFO', satFilter = '', msgEl;

function renderAlarms() {
  const list = [...store.alarms.values()].sort((a, b) => (a.ackedBy ? 1 : 0) - (b.ackedBy ? 1 : 0)
    || (b.level === 'ALARM') - (a.level === 'ALARM') || b.raisedMs - a.raisedMs);
  const mayAct = store.session && store.session.mayAct;
  alarmBody.replaceChildren(...(list.length ? list.map(a => el('tr', { 'data-alarm': a.id },
    el('td', {}, chip(a.level, a.level)),
    el('td', {}, el('a', { href: '#/sat/' + encodeURIComponent(a.sat) }, a.sat)),
    el('td', {}, a.kind), el('td', { class: 'mono' }, a.subject), el('td', {}, a.message),
    el('td', { class: 'mono' }, utc(a.raisedMs)),
    el('td', {}, a.cleared ? 'cleared' : chip('active', a.level)),
    el('td', { class: 'acked' }, a.ackedBy ? a.ackedBy + ' at ' + clock(a.ackedMs) : mayAct
      ? el('button', { type: 'button', class: 'ack', onclick: () => acknowledge(a.id) }, 'Acknowledge') : 'not acknowledged')))
    : [el('tr', {}, el('td', { colspan: 8, class: 'muted' }, 'No alarms.'))]));
}

async function acknowledge(id) {
  try {
    await post('/api/alarms/' + id + '/ack');
    msgEl.replaceChildren();
  } catch (e) {
    msgEl.replaceChildren(el('p', { class: 'error' }, e.code + ': ' + e.message));
  }
}

function renderEvents() {
  const min = SEV.indexOf(minSev);
  const list = store.events.filter(e => SEV.indexOf(e.severity) >= min && (!satFilter || e.sat === satFilter))
    .slice(-500).reverse();
  eventBody.replaceChildren(...list.map(e => el('tr', { 'data-event': e.id },
    el('td', { class: 'mono' }, String(e.t).replace('T', ' ')),
    el('td', {}, el('a', { href: '#/sat/' + encodeURIComponent(e.sat) }, e.sat)),
    el('td', {}, chip(e.severity, e.severity)), el('td', {}, e.source), el('td', { class: 'mono' }, e.code),
    el('td', {}, e.message), el('td', { class: 'mono muted', title: JSON.stringify(e.data) },
      Object.keys(e.data || {}).length ? JSON.stringify(e.data).substring(0, 80) : ''))));
}

export async function refresh() {
  const ev = await get('/api/events?limit=2000');
  takeEvents(ev.events);
}

export function mount(container) {
  root = container;
  alarmBody = el('tbody', { id: 'alarm-body' });
  eventBody = el('tbody', { id: 'event-body' });
  msgEl = el('div');
  const sev = el('select', { id: 'event-severity', onchange: (e) => { minSev = e.target.value; renderEvents(); } },
    SEV.map(s => el('option', { value: s }, s + ' and up')));
  const satIn = el('input', { type: 'search', placeholder: 'satellite', onchange: (e) => { satFilter = e.target.value.trim(); renderEvents(); } });
  root.append(el('h2', {}, 'Alarms'), msgEl,
    el('div', { class: 'panel' }, el('table', { id: 'alarm-table' }, el('thead', {}, el('tr', {},
      ['level', 'satellite', 'kind', 'subject', 'what', 'raised (UTC)', 'state', 'acknowledged'].map(h => el('th', {}, h)))), alarmBody)),
    el('h2', {}, 'Events'), el('div', { class: 'toolbar' }, sev, satIn),
    el('div', { class: 'panel' }, el('table', { id: 'event-table' }, el('thead', {}, el('tr', {},
      ['mission time', 'satellite', 'severity', 'source', 'code', 'message', 'data'].map(h => el('th', {}, h)))), eventBody)));
  offs = [on('alarm', renderAlarms), on('evt', renderEvents), on('events-reset', renderEvents),
    on('events-gap', () => refresh().catch(() => {}))];
  renderAlarms();
  renderEvents();
}

export function unmount() {
  offs.forEach(f => f());
}
