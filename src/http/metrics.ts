/**
 * A small Prometheus registry: counters, gauges and histograms with labels, rendered in the text
 * exposition format (version 0.0.4) on GET /metrics. Every metric the bot exports is declared once
 * in createMetrics(), so names and labels stay consistent; features increment them through
 * `services.telemetry`. Label values must come from small fixed sets (command names, outcomes,
 * channels), never from user input, or the number of series grows without bound.
 *
 * The standard process and Node.js metrics (process_cpu_seconds_total, process_resident_memory_bytes,
 * nodejs_eventloop_lag_seconds...) come from prom-client's collectDefaultMetrics, appended to each
 * scrape, so stock dashboards and alerts find them under their usual names. The bot's own metrics
 * stay in this registry: their values are read synchronously (`get`, `count`), which prom-client
 * does not offer.
 */
import { collectDefaultMetrics, Registry as PromRegistry } from 'prom-client';

type Labels<L extends string> = { [K in L]: string };

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function formatNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Number.POSITIVE_INFINITY) return '+Inf';
  if (n === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(n);
}

abstract class Metric<L extends string> {
  protected readonly series = new Map<string, { labels: Labels<L>; value: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly L[],
    readonly type: 'counter' | 'gauge' | 'histogram',
  ) {
    if (!NAME.test(name)) throw new Error(`metric name ${name} is not valid`);
  }

  protected key(labels: Labels<L>): string {
    return this.labelNames.map((n) => labels[n]).join('\u0000');
  }

  protected labelText(labels: Labels<L>, extra?: [string, string]): string {
    const pairs = this.labelNames.map((n) => `${n}="${escapeLabel(labels[n])}"`);
    if (extra) pairs.push(`${extra[0]}="${escapeLabel(extra[1])}"`);
    return pairs.length > 0 ? `{${pairs.join(',')}}` : '';
  }

  protected add(labels: Labels<L>, by: number, set = false): void {
    const k = this.key(labels);
    const s = this.series.get(k);
    if (s) s.value = set ? by : s.value + by;
    else this.series.set(k, { labels: { ...labels }, value: by });
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help.replace(/\n/g, ' ')}`, `# TYPE ${this.name} ${this.type}`];
    lines.push(...this.samples());
    return lines.join('\n');
  }

  protected samples(): string[] {
    return [...this.series.values()].map((s) => `${this.name}${this.labelText(s.labels)} ${formatNumber(s.value)}`);
  }
}

export class Counter<L extends string = never> extends Metric<L> {
  constructor(name: string, help: string, labelNames: readonly L[] = []) {
    super(name, help, labelNames, 'counter');
  }
  inc(labels: Labels<L>, by = 1): void {
    if (by < 0) throw new Error(`counter ${this.name} cannot go down`);
    this.add(labels, by);
  }
  get(labels: Labels<L>): number {
    return this.series.get(this.key(labels))?.value ?? 0;
  }
}

export class Gauge<L extends string = never> extends Metric<L> {
  constructor(name: string, help: string, labelNames: readonly L[] = []) {
    super(name, help, labelNames, 'gauge');
  }
  set(labels: Labels<L>, value: number): void {
    this.add(labels, value, true);
  }
  get(labels: Labels<L>): number {
    return this.series.get(this.key(labels))?.value ?? 0;
  }
}

/** Latency buckets in seconds, from a fast command to a slow LLM call. */
export const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export class Histogram<L extends string = never> extends Metric<L> {
  private readonly data = new Map<string, { labels: Labels<L>; counts: number[]; sum: number; count: number }>();
  constructor(
    name: string,
    help: string,
    labelNames: readonly L[] = [],
    readonly buckets: readonly number[] = DEFAULT_BUCKETS,
  ) {
    super(name, help, labelNames, 'histogram');
  }
  observe(labels: Labels<L>, value: number): void {
    const k = this.key(labels);
    let d = this.data.get(k);
    if (!d) {
      d = { labels: { ...labels }, counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.data.set(k, d);
    }
    this.buckets.forEach((b, i) => {
      if (value <= b && d) d.counts[i] = (d.counts[i] ?? 0) + 1;
    });
    d.sum += value;
    d.count++;
  }
  /** Starts a timer; calling the result observes the seconds since. */
  startTimer(labels: Labels<L>): () => number {
    const t0 = performance.now();
    return () => {
      const seconds = (performance.now() - t0) / 1000;
      this.observe(labels, seconds);
      return seconds;
    };
  }
  count(labels: Labels<L>): number {
    return this.data.get(this.key(labels))?.count ?? 0;
  }
  protected override samples(): string[] {
    const out: string[] = [];
    for (const d of this.data.values()) {
      this.buckets.forEach((b, i) => {
        out.push(`${this.name}_bucket${this.labelText(d.labels, ['le', formatNumber(b)])} ${d.counts[i] ?? 0}`);
      });
      out.push(`${this.name}_bucket${this.labelText(d.labels, ['le', '+Inf'])} ${d.count}`);
      out.push(`${this.name}_sum${this.labelText(d.labels)} ${formatNumber(d.sum)}`);
      out.push(`${this.name}_count${this.labelText(d.labels)} ${d.count}`);
    }
    return out;
  }
}

interface Renderable {
  readonly name: string;
  render(): string;
}

/** Another registry whose text is appended to each scrape (prom-client's registries have this shape). */
interface ExpositionSource {
  metrics(): Promise<string>;
}

export class Registry {
  private readonly metrics = new Map<string, Renderable>();
  private readonly collectors: Array<() => void | Promise<void>> = [];
  private readonly included: ExpositionSource[] = [];

  register<M extends Renderable>(metric: M): M {
    if (this.metrics.has(metric.name)) throw new Error(`metric ${metric.name} is registered twice`);
    this.metrics.set(metric.name, metric);
    return metric;
  }

  counter<L extends string = never>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return this.register(new Counter<L>(name, help, labelNames));
  }

  gauge<L extends string = never>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    return this.register(new Gauge<L>(name, help, labelNames));
  }

  histogram<L extends string = never>(
    name: string,
    help: string,
    labelNames: readonly L[] = [],
    buckets?: readonly number[],
  ): Histogram<L> {
    return this.register(new Histogram<L>(name, help, labelNames, buckets));
  }

  /** Runs before each scrape: for gauges read from elsewhere (dispatcher lag, memory). */
  onCollect(fn: () => void | Promise<void>): void {
    this.collectors.push(fn);
  }

  /** Appends another registry's metrics to every scrape, after this registry's own. */
  include(source: ExpositionSource): void {
    this.included.push(source);
  }

  async render(): Promise<string> {
    for (const c of this.collectors) await c();
    const own = [...this.metrics.values()].map((m) => m.render());
    const others = await Promise.all(this.included.map((r) => r.metrics()));
    return `${[...own, ...others.map((t) => t.trimEnd())].filter((t) => t !== '').join('\n')}\n`;
  }
}

let processRegistry: PromRegistry | undefined;

/**
 * The standard process and Node.js metrics, under the names and HELP lines prom-client gives them.
 * One set per process (they describe the process, however many apps it runs, as tests do); created
 * on first use, since collecting starts an event-loop delay monitor.
 */
export function processMetrics(): PromRegistry {
  if (processRegistry === undefined) {
    processRegistry = new PromRegistry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Every metric the bot exports (docs/operations.md lists them). */
export function createMetrics() {
  const registry = new Registry();
  const started = Date.now();
  const metrics = {
    registry,
    commands: registry.counter('mktbot_commands_total', 'Commands, button presses and modal submissions handled', [
      'command',
      'outcome', // ok | user_error | internal_error
    ]),
    commandSeconds: registry.histogram('mktbot_command_duration_seconds', 'Time to answer a command', ['command']),
    httpRequests: registry.counter('mktbot_http_requests_total', 'HTTP requests answered', [
      'method',
      'route',
      'status',
    ]),
    httpSeconds: registry.histogram('mktbot_http_request_duration_seconds', 'Time to answer an HTTP request', [
      'route',
    ]),
    publishes: registry.counter('mktbot_publishes_total', 'Scheduled posts by outcome', ['channel', 'outcome']),
    dispatcherLagSeconds: registry.gauge(
      'mktbot_dispatcher_lag_seconds',
      'Age of the oldest due post not yet published (0 when none is waiting)',
    ),
    alerts: registry.counter('mktbot_alerts_total', 'Comment alerts raised', ['provider']),
    digests: registry.counter('mktbot_digests_total', 'Digests sent', ['outcome']),
    llmCalls: registry.counter('mktbot_llm_calls_total', 'LLM calls', ['outcome']),
    llmTokens: registry.counter('mktbot_llm_tokens_total', 'LLM tokens used', ['kind']), // prompt | completion
    jobRuns: registry.counter('mktbot_job_runs_total', 'Periodic job runs', ['job', 'outcome']),
    // Older than the process_* metrics below, kept so existing dashboards keep working.
    uptime: registry.gauge('mktbot_uptime_seconds', 'Seconds since this process started'),
    memory: registry.gauge('mktbot_resident_memory_bytes', 'Resident memory of this process'),
  };
  registry.onCollect(() => {
    metrics.uptime.set({}, (Date.now() - started) / 1000);
    metrics.memory.set({}, process.memoryUsage().rss);
  });
  registry.include(processMetrics());
  return metrics;
}

export type AppMetrics = ReturnType<typeof createMetrics>;
