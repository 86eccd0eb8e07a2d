// Jobs: submit a spec, follow its states (from the satellite's job events and its job list),
// download the verified result and release it on board.
import { get, post } from './api.js';
import { store, on } from './store.js';
import { el, chip, num } from './format.js';

const EXAMPLE = 'id: sim-train-1\nowner: ops\nkind: synthetic\npriority: 50\nboards: {count: 2}\nexpectedWorkUnits: 600\n';
let root, satFixed, offs = [], jobBody, resultBody, msg, satSelect;

function currentSat() { return satFixed || (satSelect ? satSelect.value : ''); }

function say(kind, text) {
  msg.replaceChildren(el('p', { class: kind === 'error' ? 'error' : 'ok-msg', id: 'job-message', role: 'alert' }, text));
}

async function submit(text, format) {
  const sat = currentSat();
  if (!sat) return say('error', 'choose a satellite');
  try {
    const r = await post('/api/sats/' + encodeURIComponent(sat) + '/jobs', { spec: text, format });
    say('ok', 'job ' + r.job + ' submitted to ' + sat + ' (job.submit sequence number ' + r.seq + ')');
  } catch (e) { say('error', e.code + ': ' + e.message); }
}

async function act(path, body, done) {
  try {
    const r = await post(path, body);
    say('ok', done + ' (sequence number ' + r.seq + ')');
  } catch (e) { say('error', e.code + ': ' + e.message); }
}

function jobRows() {
  const sat = satFixed;
  const list = [...store.jobs.values()].filter(j => !sat || j.sat === sat)
    .sort((a, b) => (b.rxMs || b.submittedMs || 0) - (a.rxMs || a.submittedMs || 0));
  const mayAct = store.session && store.session.mayAct;
  jobBody.replaceChildren(...(list.length ? list.map(j => {
    const ob = j.onBoard || {};
    const done = ['SUCCEEDED', 'FAILED', 'CANCELLED', 'EXPIRED', 'REJECTED'].includes(j.state);
    return el('tr', { 'data-job': j.id },
      el('td', {}, j.sat), el('td', { class: 'mono' }, j.id), el('td', {}, chip(j.state || '?', j.state)),
      el('td', { class: 'mono' }, j.lastCode || ''), el('td', {}, j.submittedBy || ob.owner || ''),
      el('td', { class: 'num' }, ob.workUnits !== undefined ? num(ob.workUnits, 0) + (ob.expectedWorkUnits ? ' / ' + num(ob.expectedWorkUnits, 0) : '') + ' wu' : ''),
      el('td', { class: 'muted' }, (j.events || []).slice(-3).map(e => e.code.replace('JOB_', '').toLowerCase()).join(' > ')),
      el('td', {}, mayAct && !done ? el('button', { type: 'button', onclick: () => act('/api/sats/' + encodeURIComponent(j.sat)
        + '/jobs/' + encodeURIComponent(j.id) + '/cancel', { reason: 'cancelled from the console' }, 'cancel of ' + j.id + ' sent') }, 'Cancel') : ''));
  }) : [el('tr', {}, el('td', { colspan: 8, class: 'muted' }, 'No jobs seen yet.'))]));
}

function resultRows() {
  const sat = satFixed;
  const list = [...store.results.values()].filter(x => !sat || x.sat === sat);
  const mayAct = store.session && store.session.mayAct;
  resultBody.replaceChildren(...(list.length ? list.map(x => el('tr', { 'data-result': x.job },
    el('td', {}, x.sat), el('td', { class: 'mono' }, x.job),
    el('td', {}, chip(x.state === 'RECEIVING' && x.totalBytes > 0 ? 'RECEIVING ' + Math.floor(100 * x.bytesIn / x.totalBytes) + '%' : x.state, x.state)),
    el('td', {}, (x.files || []).map(f => el('div', {}, x.state === 'RECEIVING' ? f.name : el('a', {
      href: '/api/sats/' + encodeURIComponent(x.sat) + '/results/' + encodeURIComponent(x.job) + '/files/' + f.name.split('/').map(encodeURIComponent).join('/'),
      download: f.name.split('/').pop(), class: 'download' }, f.name), ' ', el('span', { class: 'muted mono' }, num(f.sizeBytes, 0) + ' B  sha256 ' + f.sha256.substring(0, 16) + '...')))),
    el('td', {}, mayAct && x.state === 'VERIFIED' ? el('button', { type: 'button', class: 'release', onclick: () => act('/api/sats/'
      + encodeURIComponent(x.sat) + '/results/' + encodeURIComponent(x.job) + '/ack', {}, 'release of ' + x.job + ' sent') }, 'Release on board') : '')))
    : [el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'No results downlinked yet.'))]));
}

export async function refresh() {
  const q = satFixed ? '?sat=' + encodeURIComponent(satFixed) : '';
  const [js, rs] = await Promise.all([get('/api/jobs' + q), get('/api/results' + q)]);
  for (const j of js) store.jobs.set(j.sat + '/' + j.id, j);
  for (const x of rs) store.results.set(x.sat + '/' + x.job, x);
  jobRows();
  resultRows();
}

export function mount(container, route) {
  root = container;
  satFixed = route && route.sat ? route.sat : null;
  msg = el('div');
  jobBody = el('tbody', { id: 'job-body' });
  resultBody = el('tbody', { id: 'result-body' });
  const spec = el('textarea', { id: 'job-spec', rows: 8, placeholder: EXAMPLE });
  const format = el('select', { id: 'job-format' }, el('option', { value: 'yaml' }, 'YAML'), el('option', { value: 'json' }, 'JSON'));
  const file = el('input', { type: 'file', accept: '.yaml,.yml,.json', onchange: async (e) => {
    const f = e.target.files[0];
    if (!f) return;
    spec.value = await f.text();
    format.value = f.name.endsWith('.json') ? 'json' : 'yaml';
  } });
  satSelect = satFixed ? null : el('select', { id: 'job-sat' }, [...store.fleet.keys()].sort().map(s => el('option', { value: s }, s)));
  const mayAct = store.session && store.session.mayAct;
  root.append(satFixed ? el('span') : el('h2', {}, 'Jobs'),
    el('div', { class: 'panel' }, el('h3', {}, 'Submit a job' + (satFixed ? ' to ' + satFixed : '')),
      el('div', { class: 'toolbar' }, satSelect, format, file,
        el('button', { type: 'button', class: 'primary', id: 'job-submit', disabled: !mayAct, onclick: () => submit(spec.value || '', format.value) }, 'Submit'),
        satFixed ? el('button', { type: 'button', id: 'job-refresh', disabled: !mayAct, onclick: () => act('/api/sats/' + encodeURIComponent(satFixed)
          + '/jobs/refresh', {}, 'job.list sent') }, 'Refresh from satellite') : null),
      spec, el('p', { class: 'hint' }, 'A job spec as in docs/jobs.md; the satellite checks it strictly.'), msg),
    el('div', { class: 'panel' }, el('h3', {}, 'Jobs'), el('table', {}, el('thead', {}, el('tr', {},
      ['satellite', 'job', 'state', 'last event', 'submitted by', 'progress', 'recent', ''].map(h => el('th', {}, h)))), jobBody)),
    el('div', { class: 'panel' }, el('h3', {}, 'Results (each file checked against its SHA-256 before it is offered)'),
      el('table', {}, el('thead', {}, el('tr', {}, ['satellite', 'job', 'state', 'files', ''].map(h => el('th', {}, h)))), resultBody)));
  offs = [on('job', jobRows), on('result', resultRows)];
  jobRows();
  resultRows();
  refresh().catch(() => {});
}

export function unmount() { offs.forEach(f => f()); }
