// Commanding one satellite: a form generated from its dictionary (types, ranges and enums checked
// here before anything is sent, and again on the server), dry run (the exact signed payload),
// send, and for critical commands: arm, then an explicit confirmation, then execute. The
// command history below shows each command's verification stages as they arrive.
import { get, post } from './api.js';
import { store, on } from './store.js';
import { el, clock, chip } from './format.js';

let root, sat, detail, offs = [], historyBody, form, fields = new Map(), current = null, out, armedBox;

function typeOf(s) {
  const t = s.type;
  if (Array.isArray(t)) return t.find(x => x !== 'null') || 'string';
  if (t) return t;
  if (s.enum) return typeof s.enum[0] === 'number' ? 'number' : 'string';
  return 'json';
}

function fieldFor(name, s, required) {
  const type = typeOf(s);
  let input;
  if (s.enum) {
    input = el('select', { name }, !required ? el('option', { value: '' }, '(none)') : null,
      s.enum.map(v => el('option', { value: JSON.stringify(v) }, String(v))));
  } else if (type === 'boolean') {
    input = el('select', { name }, !required ? el('option', { value: '' }, '(none)') : null,
      el('option', { value: 'true' }, 'true'), el('option', { value: 'false' }, 'false'));
  } else if (type === 'number' || type === 'integer') {
    input = el('input', { name, type: 'number', step: type === 'integer' ? '1' : 'any',
      min: s.minimum ?? s.exclusiveMinimum, max: s.maximum ?? s.exclusiveMaximum });
  } else if (type === 'object' || type === 'array' || type === 'json') {
    input = el('textarea', { name, rows: 4, placeholder: type === 'array' ? '[ ... ] (JSON)' : '{ ... } (JSON)' });
  } else {
    input = el('input', { name, type: 'text', maxlength: s.maxLength, placeholder: s.pattern ? 'pattern ' + s.pattern : '' });
  }
  input.id = 'arg-' + name;
  const unit = s['x-unit'] ? ' [' + s['x-unit'] + ']' : '';
  const range = s.minimum !== undefined || s.maximum !== undefined ? ' ' + (s.minimum ?? '') + '..' + (s.maximum ?? '') : '';
  const error = el('div', { class: 'field-error', id: 'err-' + name });
  const label = el('label', { for: input.id, title: s.description || '' }, name + (required ? ' *' : '') + unit + range);
  fields.set(name, { input, schema: s, type, required, error });
  return el('div', { class: 'form-row' }, label, input, error);
}

// Typed arguments from the form, or null with the field errors shown.
function readArgs() {
  const args = {};
  let ok = true;
  for (const [name, f] of fields) {
    f.error.textContent = '';
    f.input.classList.remove('invalid');
    const raw = f.input.value.trim();
    const fail = (msg) => { f.error.textContent = msg; f.input.classList.add('invalid'); ok = false; };
    if (raw === '') {
      if (f.required) fail('required');
      continue;
    }
    let v;
    const s = f.schema;
    if (s.enum) v = JSON.parse(raw);
    else if (f.type === 'boolean') v = raw === 'true';
    else if (f.type === 'number' || f.type === 'integer') {
      v = Number(raw);
      if (!Number.isFinite(v)) { fail('not a number'); continue; }
      if (f.type === 'integer' && !Number.isInteger(v)) { fail('must be a whole number'); continue; }
      if (s.minimum !== undefined && v < s.minimum) { fail('must be at least ' + s.minimum + (s['x-unit'] ? ' ' + s['x-unit'] : '')); continue; }
      if (s.maximum !== undefined && v > s.maximum) { fail('must be at most ' + s.maximum + (s['x-unit'] ? ' ' + s['x-unit'] : '')); continue; }
      if (s.exclusiveMinimum !== undefined && v <= s.exclusiveMinimum) { fail('must be above ' + s.exclusiveMinimum); continue; }
      if (s.exclusiveMaximum !== undefined && v >= s.exclusiveMaximum) { fail('must be below ' + s.exclusiveMaximum); continue; }
    } else if (f.type === 'object' || f.type === 'array' || f.type === 'json') {
      try { v = JSON.parse(raw); } catch (e) { fail('not JSON: ' + e.message); continue; }
      if (f.type === 'object' && (v === null || typeof v !== 'object' || Array.isArray(v))) { fail('must be a JSON object'); continue; }
      if (f.type === 'array' && !Array.isArray(v)) { fail('must be a JSON array'); continue; }
    } else {
      v = raw;
      if (s.minLength !== undefined && v.length < s.minLength) { fail('at least ' + s.minLength + ' characters'); continue; }
      if (s.maxLength !== undefined && v.length > s.maxLength) { fail('at most ' + s.maxLength + ' characters'); continue; }
      if (s.pattern && !new RegExp(s.pattern, 'u').test(v)) { fail('does not match ' + s.pattern); continue; }
    }
    args[name] = v;
  }
  return ok ? args : null;
}

function message(kind, text) {
  out.replaceChildren(el('p', { class: kind === 'error' ? 'error' : 'ok-msg', id: 'cmd-message', role: 'alert' }, text));
}

function errorText(e) { return e.code + ': ' + e.message; }

async function dryRun() {
  const args = readArgs();
  if (!args) return message('error', 'fix the marked arguments: nothing was sent');
  try {
    const r = await post(base() + '/dry-run', { name: current.name, args });
    out.replaceChildren(el('p', { class: 'ok-msg', id: 'cmd-message' }, 'Dry run: signed with sequence number ' + r.seq + ' (' + r.payloadBytes
      + ' bytes, SHA-256 ' + r.payloadSha256.substring(0, 16) + '...); nothing was sent.'), el('pre', { class: 'envelope', id: 'dry-run' }, r.envelope));
  } catch (e) { message('error', errorText(e)); }
}

async function send() {
  const args = readArgs();
  if (!args) return message('error', 'fix the marked arguments: nothing was sent');
  try {
    const r = await post(base(), { name: current.name, args });
    message('ok', current.name + ' sent as sequence number ' + r.seq + '; its verification stages show below.');
  } catch (e) { message('error', errorText(e)); }
}

async function arm() {
  const args = readArgs();
  if (!args) return message('error', 'fix the marked arguments: nothing was sent');
  try {
    message('ok', 'arming ' + current.name + '...');
    const a = await post(base() + '/arm', { name: current.name, args });
    showArmed(a);
    message('ok', current.name + ' is armed on ' + sat + '. Confirm below to execute it.');
  } catch (e) { message('error', errorText(e)); }
}

function showArmed(a) {
  const confirm = el('input', { id: 'confirm-sat', placeholder: 'type ' + sat, autocomplete: 'off' });
  const execute = el('button', { type: 'button', class: 'danger', id: 'execute', onclick: async () => {
    try {
      const r = await post(base() + '/execute', { armId: a.armId, confirm: confirm.value });
      armedBox.replaceChildren();
      message('ok', a.name + ' executed: sent as sequence number ' + r.seq + '; its verification stages show below.');
    } catch (e) { message('error', errorText(e)); if (e.code === 'UNKNOWN_ARM') armedBox.replaceChildren(); }
  } }, 'Execute');
  const decline = el('button', { type: 'button', id: 'decline', onclick: async () => {
    try { await post(base() + '/decline', { armId: a.armId }); } catch (e) { /* gone already */ }
    armedBox.replaceChildren();
    message('ok', a.name + ' declined: not executed (its arm token expires on board).');
  } }, 'Decline');
  armedBox.replaceChildren(el('div', { class: 'armed', id: 'armed' },
    el('strong', {}, 'ARMED: ' + a.name + ' ' + JSON.stringify(a.args) + ' on ' + a.sat),
    el('p', {}, 'Critical command. The satellite holds an arm token bound to these exact arguments'
      + (a.expires ? ', valid until ' + a.expires + ' mission time' : '') + '. Type the satellite id to confirm, then execute.'),
    el('div', { class: 'toolbar' }, confirm, execute, decline)));
  confirm.focus();
}

function base() { return '/api/sats/' + encodeURIComponent(sat) + '/commands'; }

function selectCommand(name) {
  current = (detail.commands || []).find(c => c.name === name) || null;
  fields = new Map();
  armedBox.replaceChildren();
  out.replaceChildren();
  if (!current) { form.replaceChildren(); return; }
  const props = (current.args && current.args.properties) || {};
  const required = new Set((current.args && current.args.required) || []);
  const critical = current.critical === 'always' ? chip('critical: arm, confirm, execute', 'ALARM')
    : current.critical === 'depends' ? chip('critical ' + (current.criticalWhen || 'depending on arguments'), 'WARNING') : null;
  const mayAct = store.session && store.session.mayAct;
  form.replaceChildren(...[
    el('p', {}, current.description, ' ', critical,
      el('span', { class: 'muted' }, ' executes ' + (current.execution || '').toLowerCase().replace('_', ' ')
        + (current.modes && current.modes.length ? '; modes ' + current.modes.join(', ') : ''))),
    ...Object.entries(props).map(([n, s]) => fieldFor(n, s, required.has(n))),
    Object.keys(props).length ? null : el('p', { class: 'muted' }, 'no arguments'),
    el('div', { class: 'toolbar' },
      el('button', { type: 'button', id: 'dry-run-button', onclick: dryRun, disabled: !mayAct }, 'Dry run'),
      current.critical !== 'always' ? el('button', { type: 'button', class: 'primary', id: 'send-button', onclick: send, disabled: !mayAct }, 'Send') : null,
      current.critical !== 'never' ? el('button', { type: 'button', class: 'danger', id: 'arm-button', onclick: arm, disabled: !mayAct }, 'Arm') : null,
      mayAct ? null : el('span', { class: 'muted' }, 'viewers cannot command'))].filter(Boolean));
}

function stagesOf(e) {
  return el('span', { class: 'stages' }, (e.stages || []).map(s => chip(s.stage + (s.reason ? ' (' + s.reason + ')' : '')
    + (s.progressPct !== undefined ? ' ' + s.progressPct + '%' : ''), s.stage, s.message || '')));
}

export function historyRow(e, withSat) {
  const args = e.args ? JSON.stringify(e.args) : '';
  const last = (e.stages || []).length ? e.stages[e.stages.length - 1] : null;
  return el('tr', { 'data-history': e.id, 'data-name': e.name, 'data-final': e.final || '' },
    el('td', { class: 'mono' }, clock(e.sentMs || e.firstMs)),
    withSat ? el('td', {}, el('a', { href: '#/sat/' + encodeURIComponent(e.sat) + '/commanding' }, e.sat)) : null,
    el('td', {}, e.origin === 'console' ? e.user : el('span', { class: 'WARNING', title: 'not sent by this console' }, 'someone else')),
    el('td', {}, e.name), el('td', { class: 'num' }, e.seq >= 0 ? String(e.seq) : '?'),
    el('td', { class: 'mono clip', title: args }, args.length > 60 ? args.substring(0, 60) + '...' : args),
    el('td', {}, stagesOf(e)),
    el('td', { class: 'muted clip', title: last && last.data ? JSON.stringify(last.data) : '' }, last && last.message ? last.message : ''));
}

function renderHistory() {
  const list = [...store.commands.values()].filter(e => e.sat === sat).sort((a, b) => b.id - a.id).slice(0, 50);
  historyBody.replaceChildren(...list.map(e => historyRow(e, false)));
}

export function mount(container, satId, satDetail) {
  root = container;
  sat = satId;
  detail = satDetail;
  form = el('div', { id: 'cmd-form' });
  out = el('div', { id: 'cmd-out' });
  armedBox = el('div');
  const names = (detail.commands || []).map(c => c.name);
  const select = el('select', { id: 'cmd-select', onchange: (e) => selectCommand(e.target.value) },
    el('option', { value: '' }, names.length ? '(choose a command)' : '(no dictionary from ' + sat + ')'),
    names.map(n => el('option', { value: n }, n)));
  historyBody = el('tbody', { id: 'cmd-history' });
  root.append(el('div', { class: 'cmd-grid' },
    el('div', { class: 'panel' }, el('h3', {}, 'Command ' + sat), el('div', { class: 'toolbar' }, select), form, armedBox, out),
    el('div', { class: 'panel' }, el('h3', {}, 'Command history (all operators, and anyone else on the link)'),
      el('table', {}, el('thead', {}, el('tr', {}, ['time', 'who', 'command', 'seq', 'arguments', 'stages', 'detail'].map(h => el('th', {}, h)))),
        historyBody))));
  offs = [on('tc', (e) => { if (e.sat === sat) renderHistory(); })];
  get('/api/commands?sat=' + encodeURIComponent(sat)).then(list => {
    for (const e of list) store.commands.set(e.id, e);
    renderHistory();
  }).catch(() => {});
  renderHistory();
}

export function unmount() {
  offs.forEach(f => f());
  offs = [];
}
