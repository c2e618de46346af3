// A bar chart of each body's share of the total. Chart.js is loaded only when the chart is first
// shown (its own chunk); the table above carries the same numbers for screen readers.
import { createEffect, createSignal, onCleanup, onMount, Show } from 'solid-js';
import type { Chart as ChartType } from 'chart.js';
import { m } from './messages.ts';

export interface Share {
  name: string;
  percent: number;
}

export default function ShareChart(props: { shares: readonly Share[]; locale: string }) {
  let canvas!: HTMLCanvasElement;
  let frame!: HTMLDivElement;
  let chart: ChartType<'bar'> | undefined;
  const [state, setState] = createSignal<'loading' | 'ready' | 'failed'>('loading');

  onMount(async () => {
    try {
      const { Chart, BarController, BarElement, CategoryScale, LinearScale, Tooltip } = await import('chart.js');
      Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);
      chart = new Chart(canvas, {
        type: 'bar',
        data: { labels: [], datasets: [{ label: m('share'), data: [], backgroundColor: '#1d4f91' }] },
        options: {
          indexAxis: 'y',
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          scales: { x: { beginAtZero: true, ticks: { color: '#1f2933' } }, y: { ticks: { color: '#1f2933' } } },
          plugins: { tooltip: { callbacks: { label: (item) => `${Number(item.raw).toLocaleString(props.locale, { maximumFractionDigits: 2 })} %` } } },
        },
      });
      setState('ready');
    } catch {
      setState('failed');
    }
  });

  createEffect(() => {
    const shares = props.shares;
    if (state() !== 'ready' || !chart) return;
    chart.data.labels = shares.map((share) => share.name);
    chart.data.datasets[0]!.data = shares.map((share) => Math.round(share.percent * 100) / 100);
    chart.data.datasets[0]!.label = m('share');
    chart.update();
  });

  // Set through the CSS object model: the Content-Security-Policy allows no style attributes.
  createEffect(() => frame.style.setProperty('height', `${Math.max(160, props.shares.length * 32 + 40)}px`));

  onCleanup(() => chart?.destroy());

  return (
    <figure class="chart">
      <figcaption>{m('chartTitle')}</figcaption>
      <Show when={state() === 'loading'}>
        <p class="loading" role="status">
          {m('chartLoading')}
        </p>
      </Show>
      <Show when={state() === 'failed'}>
        <p class="muted">{m('chartFailed')}</p>
      </Show>
      <div class="chart-frame" ref={frame}>
        <canvas ref={canvas} role="img" aria-label={m('chartLabel')} />
      </div>
    </figure>
  );
}
