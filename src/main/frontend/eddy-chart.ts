// A time series chart for Eddy's history of a job's figures, drawn with uPlot (MIT, from npm).
// The server sets `data` (JSON: unit, the range shown and series of [epoch seconds, value] points); the chart
// follows the element's width and the Lumo theme's colours.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

interface ChartSeries { label: string; points: [number, number][]; }
interface ChartData { unit: string; from: number; to: number; series: ChartSeries[]; }

// Lumo's colours where the theme defines them, else the same hues: two series never share a colour.
const COLOURS: [string, string][] = [['--lumo-primary-color', '#1676f3'], ['--lumo-success-color', '#0d9e6e'],
  ['--lumo-error-color', '#e0301e'], ['--lumo-contrast-60pct', '#7a7f87']];

class EddyChart extends HTMLElement {
  private plot?: uPlot;
  private resize?: ResizeObserver;
  private shown = '';

  set data(json: string) {
    if (json === this.shown) {
      return;
    }
    this.shown = json;
    this.draw(JSON.parse(json) as ChartData);
  }

  connectedCallback() {
    // The server may set `data` before this module loaded: that value sits on the element itself,
    // hiding the setter, until it is taken off and set again.
    if (Object.prototype.hasOwnProperty.call(this, 'data')) {
      const early = (this as unknown as { data: string }).data;
      delete (this as unknown as { data?: string }).data;
      this.data = early;
    }
    this.style.display = 'block';
    this.resize = new ResizeObserver(() => this.plot?.setSize({ width: this.width(), height: 220 }));
    this.resize.observe(this);
  }

  disconnectedCallback() {
    this.resize?.disconnect();
  }

  private width(): number {
    return Math.max(300, this.clientWidth || 600);
  }

  private draw(data: ChartData) {
    // Every series on one time axis: the union of their times, a gap where one has no point.
    const times = Array.from(new Set(data.series.flatMap(s => s.points.map(p => p[0])))).sort((a, b) => a - b);
    const columns: (number | null)[][] = data.series.map(s => {
      const byTime = new Map(s.points.map(p => [p[0], p[1]]));
      return times.map(t => byTime.has(t) ? byTime.get(t)! : null);
    });
    const css = getComputedStyle(this);
    const options: uPlot.Options = {
      width: this.width(),
      height: 220,
      legend: { show: true },
      // The range chosen, whatever points there are: one reading is not a year-long axis.
      scales: { x: { time: true, range: () => [data.from, data.to] }, y: { range: (_u, min, max) => [Math.min(0, min ?? 0), Math.max(1, max ?? 1) * 1.1] } },
      axes: [
        { stroke: css.getPropertyValue('--lumo-secondary-text-color') || '#666' },
        { stroke: css.getPropertyValue('--lumo-secondary-text-color') || '#666', label: data.unit, size: 60 },
      ],
      series: [{}, ...data.series.map((s, i) => ({
        label: s.label,
        stroke: css.getPropertyValue(COLOURS[i % COLOURS.length][0]).trim() || COLOURS[i % COLOURS.length][1],
        width: 2,
        spanGaps: false,
      }))],
    };
    this.plot?.destroy();
    this.plot = new uPlot(options, [times, ...columns] as uPlot.AlignedData, this);
  }
}

customElements.define('eddy-chart', EddyChart);
