/**
 * The RBF distances as a Chart.js bar chart: one bar per digit, the winner in the accent colour,
 * each bar's value written above it. Colours are read from Starlight's CSS variables, so the
 * chart follows the light and dark themes (and re-reads them when the reader switches).
 */
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip, type Plugin } from 'chart.js';
import { chartData, formatDistance, type Reading } from './model.ts';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

interface Palette { bar: string; winner: string; text: string; grid: string }

function palette(from: Element): Palette {
  const css = getComputedStyle(from);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    bar: v('--sl-color-gray-4', '#888'),
    winner: v('--sl-color-accent', '#3b82f6'),
    text: v('--sl-color-gray-2', '#333'),
    grid: v('--sl-color-gray-5', '#ccc'),
  };
}

/** Writes each bar's distance above it, so the chart reads without hovering. */
const valueLabels: Plugin<'bar'> = {
  id: 'rbfValueLabels',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    const meta = chart.getDatasetMeta(0);
    const values = chart.data.datasets[0].data as number[];
    const colour = (chart.options.scales?.y?.ticks?.color as string) ?? '#333';
    ctx.save();
    ctx.fillStyle = colour;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.font = '11px system-ui, sans-serif';
    meta.data.forEach((bar, i) => ctx.fillText(formatDistance(values[i]), bar.x, bar.y - 2));
    ctx.restore();
  },
};

export interface DistanceChart {
  show(reading: Reading): void;
  destroy(): void;
}

export function distanceChart(canvas: HTMLCanvasElement, axes: { x: string; y: string; value: string }): DistanceChart {
  let colours = palette(canvas);
  let last: Reading | undefined;
  const chart = new Chart(canvas, {
    type: 'bar',
    data: { labels: [], datasets: [{ label: axes.value, data: [], backgroundColor: [], borderRadius: 3 }] },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: { duration: 200 },
      layout: { padding: { top: 16 } },
      plugins: { tooltip: { enabled: true } },
      scales: {
        x: { title: { display: true, text: axes.x }, grid: { display: false } },
        y: { beginAtZero: true, title: { display: true, text: axes.y } },
      },
    },
    plugins: [valueLabels],
  });

  function paint(): void {
    const scales = chart.options.scales!;
    for (const axis of [scales.x!, scales.y!]) {
      axis.ticks = { ...axis.ticks, color: colours.text };
      axis.title = { ...axis.title, color: colours.text } as typeof axis.title;
      axis.grid = { ...axis.grid, color: colours.grid };
      axis.border = { ...axis.border, color: colours.grid };
    }
  }

  function show(reading: Reading): void {
    last = reading;
    const d = chartData(reading, colours);
    chart.data.labels = d.labels;
    chart.data.datasets[0].data = d.values;
    chart.data.datasets[0].backgroundColor = d.colours;
    paint();
    chart.update();
  }

  // Starlight switches themes by setting data-theme on <html>.
  const observer = new MutationObserver(() => {
    colours = palette(canvas);
    if (last) show(last);
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

  return {
    show,
    destroy(): void {
      observer.disconnect();
      chart.destroy();
    },
  };
}
