/**
 * Draws the Training widget's curves off the main thread: Chart.js on OffscreenCanvases handed
 * over by charts.ts. The page only posts points, sizes and colours here, so drawing never
 * blocks what the reader does, however long the run.
 */
import { Chart, LinearScale, LineController, LineElement, PointElement } from 'chart.js';
import type { ToChartWorker } from './charts.ts';

Chart.register(LineController, LineElement, PointElement, LinearScale);

const charts = new Map<string, Chart<'line', { x: number; y: number }[]>>();

self.onmessage = (event: MessageEvent<ToChartWorker>): void => {
  const m = event.data;
  if (m.type === 'create') {
    const chart = new Chart(m.canvas as unknown as HTMLCanvasElement, {
      type: 'line',
      data: { datasets: [{ data: [], borderWidth: 2, pointRadius: 3, tension: 0 }] },
      options: {
        animation: false, responsive: false, maintainAspectRatio: false, devicePixelRatio: m.dpr, parsing: false, normalized: true, events: [],
        plugins: { legend: { display: false }, tooltip: { enabled: false } },
        scales: {
          x: { type: 'linear', min: 0, title: { display: true, text: m.xLabel } },
          y: { type: 'linear', ...m.y, title: { display: true, text: m.yLabel } },
        },
      },
    });
    charts.set(m.id, chart);
    chart.resize(m.width, m.height);
    return;
  }
  const chart = charts.get(m.id);
  if (!chart) return;
  const d = chart.data.datasets[0];
  switch (m.type) {
    case 'colours': {
      for (const axis of ['x', 'y'] as const) {
        const s = chart.options.scales![axis]!;
        s.ticks = { ...s.ticks, color: m.text };
        s.grid = { ...s.grid, color: m.grid };
        (s as { title: { color?: string } }).title.color = m.text;
      }
      d.borderColor = m.accent;
      d.backgroundColor = m.accent;
      break;
    }
    case 'points':
      d.data = m.points;
      d.pointRadius = m.points.length < 30 ? 3 : 0;
      break;
    case 'x-max':
      chart.options.scales!.x!.max = m.max;
      break;
    case 'resize':
      chart.options.devicePixelRatio = m.dpr;
      chart.resize(m.width, m.height);
      break;
  }
  chart.update('none');
};
