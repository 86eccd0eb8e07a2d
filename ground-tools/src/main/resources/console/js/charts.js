// Live charts of one satellite with uPlot: power (array, budget, draw), state of charge with its
// floor, temperatures with their limits, caps. Watts are drawn in kW; limit lines come from the
// satellite's point catalogue (warning dashed yellow, alarm red).
import uPlot from '/webjars/uplot/dist/uPlot.esm.js';

const COLORS = ['#5fb3ff', '#f2c230', '#3fbf6f', '#ff7f50', '#c080ff', '#40e0d0', '#ff6fa0'];
const LIVE_POINTS = 600;

function scaleOf(unit) { return unit === 'W' ? 1 / 1000 : 1; }
function unitLabel(unit) { return unit === 'W' ? 'kW' : unit || ''; }

function at(frame, path) {
  let v = frame;
  for (const p of path.split('.')) { v = v == null ? undefined : v[p]; }
  return typeof v === 'number' ? v : null;
}

export class SatelliteCharts {
  constructor(container, detail) {
    this.points = detail.points;
    this.panels = [];
    this.pending = false;
    for (const ch of detail.charts) {
      const div = document.createElement('div');
      div.className = 'chart';
      div.dataset.chart = ch.name;
      container.append(div);
      const unit = (this.points[ch.points[0]] || {}).unit || '';
      const series = [{ label: 'mission time (UTC)', value: (u, v) => v == null ? '' : new Date(v * 1000).toISOString().substring(5, 19).replace('T', ' ') }];
      ch.points.forEach((p, i) => series.push({ label: p + ' [' + unitLabel((this.points[p] || {}).unit) + ']', stroke: COLORS[i % COLORS.length],
        width: 1.5, spanGaps: false, value: (u, v) => v == null ? '' : v.toFixed(2) }));
      const limits = [];
      for (const p of ch.points) {
        const l = (this.points[p] || {}).limits || {};
        const s = scaleOf((this.points[p] || {}).unit);
        for (const [k, v] of Object.entries(l)) limits.push({ v: v * s, alarm: k.startsWith('alarm') });
      }
      const opts = {
        title: ch.title, width: Math.max(300, div.clientWidth - 12), height: 220,
        tzDate: ts => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'),
        scales: { x: { time: true }, y: { range: (u, min, max) => range(min, max, limits, ch.name) } },
        axes: [{ stroke: '#8da2bb', grid: { stroke: '#2a3b52' }, ticks: { stroke: '#2a3b52' },
          values: (u, splits) => splits.map(v => v == null ? '' : timeLabel(v, splits)) },
          { stroke: '#8da2bb', grid: { stroke: '#2a3b52' }, ticks: { stroke: '#2a3b52' }, label: unitLabel(unit), size: 60 }],
        series,
        legend: { live: true },
        hooks: { draw: [u => drawLimits(u, limits)] },
      };
      const data = [[], ...ch.points.map(() => [])];
      const plot = new uPlot(opts, data, div);
      this.panels.push({ ch, plot, data, scales: ch.points.map(p => scaleOf((this.points[p] || {}).unit)) });
    }
    this.resize = () => this.panels.forEach(p => p.plot.setSize({ width: Math.max(300, p.plot.root.parentElement.clientWidth - 12), height: 220 }));
    window.addEventListener('resize', this.resize);
  }

  // columns: {t: [s], series: {path: [v]}} (recent values or history)
  setColumns(cols) {
    for (const p of this.panels) {
      p.data[0] = cols.t.slice();
      p.ch.points.forEach((path, i) => {
        const ys = cols.series[path] || [];
        p.data[i + 1] = ys.map(v => v == null ? null : v * p.scales[i]);
      });
      p.plot.setData(p.data);
    }
  }

  append(frame) {
    const t = Date.parse(frame.t) / 1000;
    if (!Number.isFinite(t)) return;
    for (const p of this.panels) {
      const xs = p.data[0];
      if (xs.length && t <= xs[xs.length - 1]) continue;
      xs.push(t);
      p.ch.points.forEach((path, i) => {
        const v = at(frame, path);
        p.data[i + 1].push(v == null ? null : v * p.scales[i]);
      });
      if (xs.length > LIVE_POINTS) p.data.forEach(a => a.splice(0, a.length - LIVE_POINTS));
    }
    if (!this.pending) {
      this.pending = true;
      requestAnimationFrame(() => { this.pending = false; this.panels.forEach(p => p.plot.setData(p.data)); });
    }
  }

  destroy() {
    window.removeEventListener('resize', this.resize);
    this.panels.forEach(p => p.plot.destroy());
  }
}

// Mission time (UTC) on the axis: hours and minutes, with seconds when the ticks are closer than a minute.
function timeLabel(v, splits) {
  const iso = new Date(v * 1000).toISOString();
  const step = splits.length > 1 ? Math.abs(splits[1] - splits[0]) : 60;
  return step >= 86400 ? iso.substring(5, 10) : step >= 60 ? iso.substring(11, 16) : iso.substring(11, 19);
}

function range(min, max, limits, name) {
  if (name === 'soc') return [0, 100];
  if (min == null || max == null) return [0, 1];
  let lo = min, hi = max;
  const span = Math.max(1e-9, max - min);
  for (const l of limits) {
    if (l.v < min && min - l.v < 0.4 * span + 5) lo = Math.min(lo, l.v);
    if (l.v > max && l.v - max < 0.4 * span + 5) hi = Math.max(hi, l.v);
  }
  const pad = (hi - lo) * 0.05 || 1;
  return [lo - pad, hi + pad];
}

function drawLimits(u, limits) {
  const ctx = u.ctx;
  const [ymin, ymax] = [u.scales.y.min, u.scales.y.max];
  ctx.save();
  for (const l of limits) {
    if (l.v < ymin || l.v > ymax) continue;
    const y = u.valToPos(l.v, 'y', true);
    ctx.strokeStyle = l.alarm ? '#ff4d4d' : '#f2c230';
    ctx.setLineDash(l.alarm ? [] : [6, 4]);
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(u.bbox.left, y);
    ctx.lineTo(u.bbox.left + u.bbox.width, y);
    ctx.stroke();
  }
  ctx.restore();
}
