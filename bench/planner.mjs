// The offline planner's time per plan: one brainstorm (3-5 ideas with exact splits and KPI
// targets) built and finalized, over varied goals, budgets, currencies and both languages.
// Target (issue 5): p50 under 20 ms per plan. Runs against the build in dist/ (`npm run bench`).
import { finalizeIdea, GOALS, offlineBrainstorm } from '../dist/src/planning/planner.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 2000);
const PRODUCTS = [
  ['cold brew coffee', 'young professionals in Riyadh'],
  ['payroll software', 'companies in Dubai'],
  ['قهوة باردة', 'الشباب في جدة'],
];
const CURRENCIES = ['USD', 'SAR', 'JPY', 'KWD'];

function request(i) {
  const [product, market] = PRODUCTS[i % PRODUCTS.length];
  return {
    product,
    market,
    goal: GOALS[i % GOALS.length],
    budgetMinor: 100 + ((i * 7919) % 10_000_000),
    currency: CURRENCIES[i % CURRENCIES.length],
    weeks: 1 + (i % 26),
    locale: i % 2 === 0 ? 'en' : 'ar',
    seed: i % 5,
    // Every third brief has an order value, half of them cheap (the low-ticket path: bundles first).
    ...(i % 3 === 0 ? { orderValueMinor: i % 2 === 0 ? 500 : 20_000 } : {}),
  };
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export async function run() {
  for (let i = 0; i < 200; i++) offlineBrainstorm(request(i)); // warm-up (JIT)
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const req = request(i);
    const t0 = process.hrtime.bigint();
    for (const d of offlineBrainstorm(req).ideas) finalizeIdea(d, req);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  const p50 = pct(times, 50);
  const p99 = pct(times, 99);
  console.log(
    `offline plan: p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms over ${RUNS} plans (target p50 < 20 ms)`,
  );
  if (p50 >= 20) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
