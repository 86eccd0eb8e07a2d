// The login form: a JSON POST; on success the console page.
const form = document.getElementById('login-form');
const error = document.getElementById('login-error');
const reason = new URLSearchParams(location.search).get('reason');
if (reason) {
  error.textContent = reason;
  error.hidden = false;
}
form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  error.hidden = true;
  const body = { user: document.getElementById('login-user').value, password: document.getElementById('login-password').value };
  try {
    const r = await fetch('/api/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body), credentials: 'same-origin' });
    const data = await r.json().catch(() => ({}));
    if (!r.ok) {
      error.textContent = data.error || ('login failed (' + r.status + ')');
      error.hidden = false;
      return;
    }
    location.assign('/#/fleet');
  } catch (e) {
    error.textContent = 'the console server is unreachable: ' + e.message;
    error.hidden = false;
  }
});
