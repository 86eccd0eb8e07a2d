// The console page: session, live stream, header status, and the router over the views.
import { get, post, setCsrf, toLogin } from './api.js';
import { store, on, batch, apply, takeEvents, newStream } from './store.js';
import { clock, ago } from './format.js';
import * as fleet from './fleet.js';
import * as satellite from './satellite.js';
import * as alarms from './alarms.js';
import * as commands from './commands.js';
import * as jobs from './jobs.js';

let stream = null;
let streamKey = '';
let view = null;

function route() {
  const h = location.hash.replace(/^#\/?/, '') || 'fleet';
  const parts = h.split('/').map(decodeURIComponent);
  switch (parts[0]) {
    case 'sat': return { name: 'sat', sat: parts[1], tab: parts[2] || 'telemetry', module: satellite, fleet: false };
    case 'alarms': return { name: 'alarms', module: alarms, fleet: false };
    case 'commands': return { name: 'commands', module: commands, fleet: false };
    case 'jobs': return { name: 'jobs', module: jobs, fleet: true };
    default: return { name: 'fleet', module: fleet, fleet: true };
  }
}

function openStream(r) {
  const params = new URLSearchParams();
  params.set('fleet', r.fleet ? '1' : '0');
  if (r.sat) params.set('sat', r.sat);
  const key = params.toString();
  if (stream && key === streamKey) return;
  if (stream) stream.close();
  newStream();
  streamKey = key;
  stream = new EventSource('/api/stream?' + key);
  let reconnecting = false;
  stream.onopen = () => {
    hideBanner('server');
    refreshShared();
    // after an interruption the view reloads what it may have missed (it loaded itself when mounted)
    if (reconnecting && view && view.module.refresh) view.module.refresh().catch(() => {});
    reconnecting = false;
  };
  stream.onmessage = (m) => batch(JSON.parse(m.data));
  stream.addEventListener('session', () => toLogin('Your session ended: log in again.'));
  stream.onerror = () => {
    reconnecting = true;
    showBanner('server', 'The console server is unreachable; reconnecting by itself...');
    // A stream refused for an ended session does not come back: the session check sends the page to the login.
    get('/api/session').then(() => { if (stream.readyState === EventSource.CLOSED) { streamKey = ''; openStream(route()); } })
      .catch(() => {});
  };
}

async function refreshShared() {
  try {
    const [al, ev] = await Promise.all([get('/api/alarms'), get('/api/events?limit=500')]);
    store.alarms.clear();
    for (const a of al) apply(a);
    takeEvents(ev.events);
    renderAlarmCount();
  } catch (e) { /* shown by the banner or the login redirect */ }
}

function navigate() {
  const r = route();
  document.querySelectorAll('[data-nav]').forEach(a => a.classList.toggle('active',
    a.dataset.nav === r.name || (r.name === 'sat' && a.dataset.nav === 'fleet')));
  if (view && view.module.unmount) view.module.unmount();
  const root = document.getElementById('view');
  root.replaceChildren();
  view = r;
  openStream(r);
  r.module.mount(root, r);
}

const banners = new Map();
function showBanner(key, text) { banners.set(key, text); renderBanner(); }
function hideBanner(key) { banners.delete(key); renderBanner(); }
function renderBanner() {
  const b = document.getElementById('banner');
  const texts = [...banners.values()];
  b.hidden = texts.length === 0;
  b.textContent = texts.join('  |  ');
}

function renderLink() {
  const l = store.link;
  if (!l) return;
  const chip = document.getElementById('link-chip');
  chip.className = 'chip ' + (l.up ? 'up' : 'down');
  chip.textContent = 'broker ' + (l.up ? 'up' : 'DOWN');
  chip.title = l.broker + (l.up ? ' connected since ' : ' unreachable since ') + clock(l.sinceMs);
  if (l.up) hideBanner('broker');
  else showBanner('broker', 'Broker ' + l.broker + ' unreachable since ' + clock(l.sinceMs) + ' (' + ago(l.serverMs - l.sinceMs)
    + ')' + (l.error ? ': ' + l.error : '') + '. Reconnecting by itself; what you see is as of then.');
  const refused = Object.values(l.refused || {}).reduce((a, b) => a + b, 0);
  const gate = document.getElementById('gate-chip');
  gate.textContent = 'telemetry ' + l.gate + (refused ? ', ' + refused + ' refused' : '');
  gate.className = 'chip ' + (refused ? 'WARNING' : 'muted');
}

function renderDrops() {
  const c = document.getElementById('drop-chip');
  c.textContent = store.dropped + ' dropped';
  c.className = 'chip ' + (store.dropped > 0 ? 'WARNING' : 'muted');
}

function renderAlarmCount() {
  const n = [...store.alarms.values()].filter(a => !a.ackedBy).length;
  const b = document.getElementById('alarm-count');
  b.hidden = n === 0;
  b.textContent = String(n);
}

async function start() {
  let s;
  try {
    s = await get('/api/session');
  } catch (e) {
    if (e.code !== 'SESSION') toLogin(e.message);
    return;
  }
  store.session = s;
  setCsrf(s.csrf);
  apply(s.link);
  document.getElementById('user-chip').textContent = s.user + (s.mayAct ? '' : ' (viewer)');
  document.getElementById('logout').addEventListener('click', async () => {
    try { await post('/api/logout'); } finally { toLogin('Logged out.'); }
  });
  on('link', renderLink);
  on('batch', renderDrops);
  on('alarm', renderAlarmCount);
  window.addEventListener('hashchange', navigate);
  navigate();
}

start();
