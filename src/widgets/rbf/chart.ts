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
    const colour = String((chart.options.scales?.y?.ticks as { color?: unknown } | undefined)?.color ?? '#333');
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
  let current: Reading | undefined;
  const isWinner = (i: number) => current?.tied.includes(i) ?? false;
  const chart = new Chart<'bar', number[], string>(canvas, {
    type: 'bar',
    // minBarLength: the winner's bar is often 0 tall; a sliver keeps its colour visible.
    data: { labels: [], datasets: [{ label: axes.value, data: [], backgroundColor: [], borderRadius: 3, minBarLength: 3 }] },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: { duration: 200 },
      layout: { padding: { top: 16, right: 14 } },
      scales: {
        x: {
          title: { display: true, text: axes.x },
          grid: { display: false },
          // The winner's digit under its bar, in the accent colour and bold.
          ticks: {
            color: (ctx) => (isWinner(ctx.index) ? colours.winner : colours.text),
            font: (ctx) => ({ weight: isWinner(ctx.index) ? 'bold' : 'normal' }),
          },
        },
        y: { beginAtZero: true, title: { display: true, text: axes.y } },
      },
    },
    plugins: [valueLabels],
  });

  /** Theme colours are plain values on the options, re-read when the theme changes. */
  function paint(): void {
    const { x, y } = chart.options.scales as { x: any; y: any };
    for (const axis of [x, y]) {
      axis.title.color = colours.text;
      axis.grid.color = colours.grid;
      axis.border.color = colours.grid;
    }
    y.ticks.color = colours.text;
  }

  function show(reading: Reading): void {
    current = reading;
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
    if (current) show(current);
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
