// One satellite: live housekeeping with units and limit colours, charts, commanding, jobs.
import { get } from './api.js';
import { store, on, serverNow } from './store.js';
import { el, withUnit, mission, ago, chip } from './format.js';
import { SatelliteCharts } from './charts.js';
import * as commanding from './commanding.js';
import * as jobs from './jobs.js';
import * as bench from './bench.js';

let root, r, detail, charts, offs = [], timer = 0, frameReq = 0, pendingFrame = null;
let valueCells = new Map(), head = {}, body, subview = null;

function flatten(obj, prefix, out) {
  for (const [k, v] of Object.entries(obj || {})) {
    const path = prefix ? prefix + '.' + k : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) flatten(v, path, out);
    else if (Array.isArray(v)) {
      if (v.every(x => typeof x === 'number')) out.set(path, v.length > 8 ? { summary: v } : v.join(', '));
      else v.forEach((x, i) => {
        if (x && typeof x === 'object') flatten(Object.fromEntries(Object.entries(x).filter(([kk]) => kk !== 'name')),
          path + '.' + (typeof x.name === 'string' ? x.name : '[' + i + ']'), out);
        else out.set(path + '[' + i + ']', x);
      });
    } else out.set(path, v);
  }
  return out;
}

function limitsText(l) {
  if (!l) return '';
  const parts = [];
  if (l.alarmLow !== undefined || l.alarmHigh !== undefined) parts.push('A ' + bounds(l.alarmLow, l.alarmHigh));
  if (l.warnLow !== undefined || l.warnHigh !== undefined) parts.push('W ' + bounds(l.warnLow, l.warnHigh));
  return parts.join('  ');
}
function bounds(lo, hi) { return lo !== undefined && hi !== undefined ? lo + '..' + hi : lo !== undefined ? '<' + lo : '>' + hi; }

function show(value, path) {
  if (value && value.summary) {
    const a = value.summary;
    return { text: a.length + ' values, ' + Math.min(...a) + '..' + Math.max(...a), unit: unitOf(path) };
  }
  return withUnit(value, unitOf(path));
}
function unitOf(path) { return ((detail.points || {})[path] || {}).unit || ''; }

function buildValues(frame, levels) {
  const flat = flatten(frame, '', new Map());
  valueCells = new Map();
  const rows = [];
  let section = '';
  for (const [path, v] of flat) {
    const top = path.includes('.') ? path.split('.')[0] : '';
    if (top !== section) {
      section = top;
      if (top) rows.push(el('tr', { class: 'section' }, el('td', { colspan: 4 }, top)));
    }
    const s = show(v, path);
    const valTd = el('td', { class: 'num ' + (levels[path] || ''), 'data-point': path }, s.text);
    const unitTd = el('td', { class: 'muted' }, s.unit);
    valueCells.set(path, { valTd, unitTd });
    rows.push(el('tr', {}, el('td', { title: ((detail.points[path] || {}).description) || '' }, top ? path.substring(top.length + 1) : path),
      valTd, unitTd, el('td', { class: 'muted limits', title: 'A: alarm limits, W: warning limits' },
        limitsText((detail.points[path] || {}).limits))));
  }
  body.replaceChildren(...rows);
}

function updateValues(frame, levels) {
  const flat = flatten(frame, '', new Map());
  let rebuild = flat.size !== valueCells.size;
  if (!rebuild) {
    for (const [path, v] of flat) {
      const c = valueCells.get(path);
      if (!c) { rebuild = true; break; }
      const s = show(v, path);
      if (c.valTd.textContent !== s.text) c.valTd.textContent = s.text;
      if (c.unitTd.textContent !== s.unit) c.unitTd.textContent = s.unit;
      const cls = 'num ' + (levels[path] || '');
      if (c.valTd.className !== cls) c.valTd.className = cls;
    }
  }
  if (rebuild) buildValues(frame, levels);
}

function renderHead() {
  if (!detail) return;
  const row = store.fleet.get(r.sat) || {};
  const hk = detail.hk || {};
  head.presence.replaceChildren(chip(detail.presence, detail.presence));
  head.mode.replaceChildren(chip(hk.mode || '?', hk.mode === 'SAFE' ? 'ALARM' : hk.mode === 'POWER_SAVE' ? 'WARNING' : 'NOMINAL'));
  head.time.textContent = 'mission time ' + mission(hk.t) + (hk.seq !== undefined ? '  (frame ' + hk.seq + ')' : '');
  const live = detail.liveRxMs || row.liveRxMs;
  const age = live ? serverNow() - live : null;
  const isStale = detail.presence === 'offline' || !live || age > detail.staleAfterS * 1000;
  head.stale.replaceChildren(chip(live ? (isStale ? 'STALE: ' : 'live, ') + 'last frame ' + ago(age) + ' ago'
    : 'no live frame (the broker\'s retained one)', isStale ? 'stale' : 'NOMINAL'));
  head.software.textContent = detail.birth ? detail.birth.software || '' : '';
}

// Live (the last minutes, following each frame) or a range of mission time from the archive.
let live = true;
let historyNote = null;

function historyBar() {
  historyNote = el('span', { class: 'muted', id: 'history-note' }, 'Live: the last minutes of mission time. Limit lines: warning dashed, alarm solid.');
  const from = el('input', { id: 'history-from', placeholder: 'from 2027-06-21T00:00:00Z', size: 22 });
  const to = el('input', { id: 'history-to', placeholder: 'to (default: newest)', size: 22 });
  const span = (label, s) => el('button', { type: 'button', 'data-span': s, onclick: () => loadHistory('spanS=' + s, label) }, label);
  return el('div', { class: 'toolbar', id: 'history-bar' },
    el('button', { type: 'button', id: 'history-live', onclick: goLive }, 'Live'),
    span('1 h', 3600), span('6 h', 21600), span('24 h', 86400), span('7 d', 604800), from, to,
    el('button', { type: 'button', id: 'history-load', onclick: () => loadHistory('from=' + encodeURIComponent(from.value.trim())
      + (to.value.trim() ? '&to=' + encodeURIComponent(to.value.trim()) : ''), 'range') }, 'Load'), historyNote);
}

async function loadHistory(query, label) {
  try {
    const h = await get('/api/sats/' + encodeURIComponent(r.sat) + '/history?' + query);
    live = false;
    if (charts) charts.setColumns(h);
    historyNote.className = 'muted';
    historyNote.textContent = 'Archive, ' + label + ': ' + (h.from || '').replace('T', ' ') + ' .. ' + (h.to || '').replace('T', ' ')
      + ' (' + h.rows + ' frames' + (h.t.length < h.rows ? ', thinned to each slice\'s lowest and highest' : '') + '). Live paused.';
  } catch (e) {
    historyNote.className = 'error';
    historyNote.textContent = e.code + ': ' + e.message;
  }
}

function goLive() {
  live = true;
  historyNote.className = 'muted';
  historyNote.textContent = 'Live: the last minutes of mission time. Limit lines: warning dashed, alarm solid.';
  get('/api/sats/' + encodeURIComponent(r.sat) + '/recent').then(c => { if (charts) charts.setColumns(c); }).catch(() => {});
}

function onFrame(item) {
  if (item.sat !== r.sat) return;
  detail.hk = item.frame;
  detail.levels = item.levels;
  detail.rxMs = item.rxMs;
  if (!item.retained) detail.liveRxMs = item.rxMs;
  pendingFrame = item;
  bench.hkApplied(item.frame, Date.now());
  if (charts && live) charts.append(item.frame);
  if (!frameReq) frameReq = requestAnimationFrame(paint);
}

function paint() {
  frameReq = 0;
  const item = pendingFrame;
  pendingFrame = null;
  if (!item) return;
  if (body) updateValues(item.frame, item.levels || {});
  renderHead();
  bench.hkDom(item.frame, Date.now());
}

async function load() {
  const first = !detail;
  detail = await get('/api/sats/' + encodeURIComponent(r.sat));
  renderHead();
  if (first) {
    showTab(r.tab);
  } else if (body && detail.hk) {
    updateValues(detail.hk, detail.levels || {});
    if (charts) get('/api/sats/' + encodeURIComponent(r.sat) + '/recent').then(c => { if (charts && c.t.length) charts.setColumns(c); }).catch(() => {});
  }
}

function showTab(tab) {
  root.querySelectorAll('.tabs button').forEach(b => b.classList.toggle('active', b.dataset.tab === tab));
  const pane = root.querySelector('#sat-pane');
  pane.replaceChildren();
  if (charts) { charts.destroy(); charts = null; }
  if (subview && subview.unmount) subview.unmount();
  subview = null;
  body = null;
  if (tab === 'commanding') {
    subview = commanding;
    commanding.mount(pane, r.sat, detail);
  } else if (tab === 'jobs') {
    subview = jobs;
    jobs.mount(pane, { sat: r.sat });
  } else {
    body = el('tbody', { id: 'hk-values' });
    const chartBox = el('div', { class: 'charts', id: 'sat-charts' });
    pane.append(el('div', { class: 'grid2' },
      el('div', { class: 'panel' }, el('h3', {}, 'Housekeeping'), el('table', { class: 'values' },
        el('thead', {}, el('tr', {}, el('th', {}, 'point'), el('th', {}, 'value'), el('th', {}, 'unit'), el('th', {}, 'limits'))), body)),
      el('div', {}, historyBar(), chartBox)));
    if (detail.hk) buildValues(detail.hk, detail.levels || {});
    else body.append(el('tr', {}, el('td', { colspan: 4, class: 'muted' }, 'no housekeeping received yet')));
    charts = new SatelliteCharts(chartBox, detail);
    get('/api/sats/' + encodeURIComponent(r.sat) + '/recent').then(cols => {
      if (charts && cols.t.length) charts.setColumns(cols);
    }).catch(() => {});
  }
}

export async function refresh() {
  if (r) await load().catch(e => root.replaceChildren(el('p', { class: 'error' }, e.code + ': ' + e.message)));
}

export function mount(container, route) {
  root = container;
  r = route;
  detail = null;
  live = true;
  head = { presence: el('span'), mode: el('span'), time: el('span', { class: 'mono' }), stale: el('span'),
    software: el('span', { class: 'muted' }) };
  const tabs = el('div', { class: 'tabs' }, ['telemetry', 'commanding', 'jobs'].map(t =>
    el('button', { type: 'button', 'data-tab': t, onclick: () => { location.hash = '#/sat/' + encodeURIComponent(r.sat) + '/' + t; } },
      t === 'telemetry' ? 'Telemetry' : t === 'commanding' ? 'Commanding' : 'Jobs & results')));
  root.append(el('div', { class: 'sat-head' }, el('h2', { id: 'sat-title' }, r.sat), head.presence, head.mode, head.stale,
    head.time, head.software), tabs, el('div', { id: 'sat-pane' }));
  offs = [on('hk', onFrame), on('presence', (i) => { if (i.sat === r.sat && detail) { detail.presence = i.presence; renderHead(); } }),
    on('dict', (i) => { if (i.sat === r.sat) { detail = null; load().catch(() => {}); } })];
  timer = setInterval(renderHead, 1000);
  load().catch(e => root.querySelector('#sat-pane').replaceChildren(el('p', { class: 'error' }, e.code + ': ' + e.message)));
}

export function unmount() {
  offs.forEach(f => f());
  clearInterval(timer);
  if (frameReq) cancelAnimationFrame(frameReq);
  frameReq = 0;
  if (charts) { charts.destroy(); charts = null; }
  if (subview && subview.unmount) subview.unmount();
  subview = null;
  detail = null;
}
