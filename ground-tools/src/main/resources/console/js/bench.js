// Measurement for ./sunsync bench console: when the page is opened with ?bench=1 it notes, at
// each DOM write, how long ago the frame was published (the frame's time, set from the
// publisher's clock), and counts what it received. The benchmark reads and resets these.
export const enabled = new URLSearchParams(location.search).has('bench');
const MAX = 200000;
const state = { fleetDom: [], fleetApplied: [], hkDom: [], hkApplied: [], rowsReceived: 0, hkReceived: 0, batches: 0, dropped: 0 };
if (enabled) window.__sunsyncBench = state;

function note(list, tIso, now) {
  const t = Date.parse(tIso);
  if (!Number.isFinite(t)) return;
  if (list.length < MAX) list.push(now - t);
}

export function fleetApplied(row, now) { if (enabled) { state.rowsReceived++; note(state.fleetApplied, row.t, now); } }
export function fleetDom(row, now) { if (enabled) note(state.fleetDom, row.t, now); }
export function hkApplied(frame, now) { if (enabled) { state.hkReceived++; note(state.hkApplied, frame.t, now); } }
export function hkDom(frame, now) { if (enabled) note(state.hkDom, frame.t, now); }
export function batch(dropped) { if (enabled) { state.batches++; state.dropped = dropped; } }
