// Numbers, units, times and limit levels as the console shows them.
export function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

export function num(v, digits) {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v !== 'number') return String(v);
  if (!Number.isFinite(v)) return String(v);
  const d = digits ?? (Math.abs(v) >= 1000 ? 0 : Math.abs(v) >= 100 ? 1 : Math.abs(v) >= 1 ? 2 : 3);
  return v.toLocaleString('en-GB', { minimumFractionDigits: Number.isInteger(v) && digits === undefined ? 0 : d,
    maximumFractionDigits: d });
}

// A value with its unit; watts and watt-hours shown in kilo when large.
export function withUnit(v, unit) {
  if (typeof v !== 'number') return { text: v === null || v === undefined ? '' : String(v), unit: unit || '' };
  if ((unit === 'W' || unit === 'Wh') && Math.abs(v) >= 10000) return { text: num(v / 1000, 1), unit: 'k' + unit };
  return { text: num(v), unit: unit || '' };
}

export function kw(w) { return typeof w === 'number' ? num(w / 1000, 1) : ''; }

export function utc(ms) {
  if (!ms) return '';
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

export function clock(ms) {
  if (!ms) return '';
  return new Date(ms).toISOString().substring(11, 19) + 'Z';
}

export function mission(t) {
  return t ? String(t).replace('T', ' ') : '';
}

export function ago(ms) {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '';
  const s = ms / 1000;
  if (s < 60) return s.toFixed(s < 10 ? 1 : 0) + ' s';
  if (s < 3600) return (s / 60).toFixed(0) + ' min';
  return (s / 3600).toFixed(1) + ' h';
}

export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.substring(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

export function chip(text, cls, title) {
  return el('span', { class: 'chip ' + (cls || ''), title }, text);
}
