/**
 * Per-person limits on expensive sub-actions. A sliding window in memory: each replica limits on its
 * own, which bounds cost without a shared store (documented in the README).
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  /** Records a run; returns the seconds to wait when the limit is reached (and records nothing). */
  take(key: string, max: number, windowMs: number, nowMs: number): number | undefined {
    const recent = (this.hits.get(key) ?? []).filter((t) => t > nowMs - windowMs);
    if (recent.length >= max) {
      this.hits.set(key, recent);
      const oldest = recent[0] ?? nowMs;
      return Math.max(1, Math.ceil((oldest + windowMs - nowMs) / 1000));
    }
    recent.push(nowMs);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) this.prune(nowMs, windowMs);
    return undefined;
  }

  private prune(nowMs: number, windowMs: number): void {
    for (const [key, times] of this.hits) if (!times.some((t) => t > nowMs - windowMs)) this.hits.delete(key);
  }
}
