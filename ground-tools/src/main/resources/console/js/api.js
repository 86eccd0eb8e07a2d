// Talking to the console server: JSON in and out, the session's CSRF token on every change.
let csrf = null;

export function setCsrf(token) { csrf = token; }

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function toLogin(reason) {
  const q = reason ? '?reason=' + encodeURIComponent(reason) : '';
  location.assign('/login.html' + q);
}

export async function api(method, path, body) {
  const opts = { method, headers: {}, credentials: 'same-origin' };
  if (body !== undefined) {
    opts.headers['Content-Type'] = 'application/json';
    opts.body = JSON.stringify(body);
  }
  if (method !== 'GET' && method !== 'HEAD') {
    opts.headers['X-CSRF-Token'] = csrf || '';
  }
  let r;
  try {
    r = await fetch(path, opts);
  } catch (e) {
    throw new ApiError(0, 'UNREACHABLE', 'the console server is unreachable: ' + e.message);
  }
  let data = null;
  try { data = await r.json(); } catch (e) { data = null; }
  if (!r.ok) {
    const code = data && data.code ? data.code : 'HTTP_' + r.status;
    const msg = data && data.error ? data.error : r.statusText;
    if (r.status === 401 && code === 'SESSION') {
      toLogin('Your session ended: ' + msg);
    }
    throw new ApiError(r.status, code, msg);
  }
  return data;
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body === undefined ? {} : body);
