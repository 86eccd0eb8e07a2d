// What the page knows, fed by the event stream and by snapshots from the API; views subscribe.
import * as bench from './bench.js';

export const store = {
  session: null,
  link: null,
  offsetMs: 0,          // server clock minus this browser's clock
  dropped: 0,           // data updates this page missed, over all its streams
  droppedBefore: 0,     // ... by the streams it closed itself (navigation)
  streamDropped: 0,     // ... by the current stream (it carries what its reconnects lost)
  fleet: new Map(),     // sat -> row
  alarms: new Map(),    // id -> alarm
  commands: new Map(),  // id -> history entry
  jobs: new Map(),      // sat/id -> job
  results: new Map(),   // sat/job -> result
  events: [],           // newest last, bounded
  lastEventId: 0,
};

const listeners = new Map(); // kind -> Set(fn)

export function on(kind, fn) {
  if (!listeners.has(kind)) listeners.set(kind, new Set());
  listeners.get(kind).add(fn);
  return () => listeners.get(kind).delete(fn);
}

function emit(kind, item) {
  const set = listeners.get(kind);
  if (set) for (const fn of set) fn(item);
}

export function serverNow() { return Date.now() + store.offsetMs; }

export function stale(row) {
  if (!row) return true;
  if (row.presence === 'offline') return true;
  if (!row.liveRxMs) return true;
  return serverNow() - row.liveRxMs > (store.session ? store.session.staleAfterS : 10) * 1000;
}

const EVENTS_KEPT = 2000;

export function takeEvents(list) {
  // list: newest first (from the API)
  store.events = list.slice().reverse();
  store.lastEventId = store.events.length ? store.events[store.events.length - 1].id : store.lastEventId;
  emit('events-reset', null);
}

export function apply(item) {
  switch (item.k) {
    case 'fleet': {
      const old = store.fleet.get(item.sat);
      if (old && old.rxMs > item.rxMs) return; // an older snapshot must not overwrite a newer update
      store.fleet.set(item.sat, item);
      bench.fleetApplied(item, Date.now());
      break;
    }
    case 'alarm':
      if (item.removed) store.alarms.delete(item.id); else store.alarms.set(item.id, item);
      break;
    case 'tc': store.commands.set(item.id, item); break;
    case 'job': store.jobs.set(item.sat + '/' + item.id, item); break;
    case 'result': store.results.set(item.sat + '/' + item.job, item); break;
    case 'link': store.link = item; store.offsetMs = item.serverMs - Date.now(); break;
    case 'evt':
      if (store.lastEventId && item.id > store.lastEventId + 1) emit('events-gap', item);
      store.lastEventId = Math.max(store.lastEventId, item.id);
      store.events.push(item);
      if (store.events.length > EVENTS_KEPT) store.events.splice(0, store.events.length - EVENTS_KEPT);
      break;
    default: break;
  }
  emit(item.k, item);
}

// The page replaces its stream (it shows another view): what the old one missed stays counted.
export function newStream() {
  store.droppedBefore += store.streamDropped;
  store.streamDropped = 0;
}

export function batch(b) {
  store.offsetMs = b.serverMs - Date.now();
  store.streamDropped = b.dropped;
  store.dropped = store.droppedBefore + b.dropped;
  bench.batch(b.dropped);
  for (const item of b.items) apply(item);
  emit('batch', b);
}
