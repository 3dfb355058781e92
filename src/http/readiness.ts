/**
 * GET /readyz: may this replica receive traffic? Each part that can be "not ready" registers a
 * check (the database, platform adapters); a check throws or returns a reason when not ready.
 * /healthz stays "the process is alive" so a slow database never gets a replica restarted.
 */
import type { HttpResponse } from './server.js';

/** Returns nothing when ready, or a short reason (no secrets: it is served to anyone). */
export type ReadinessCheck = () => Promise<string | undefined> | string | undefined;

const CHECK_TIMEOUT_MS = 2000;

export class Readiness {
  private readonly checks = new Map<string, ReadinessCheck>();

  add(name: string, check: ReadinessCheck): void {
    if (this.checks.has(name)) throw new Error(`readiness check ${name} is registered twice`);
    this.checks.set(name, check);
  }

  async report(): Promise<{ ready: boolean; checks: Record<string, string> }> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => [name, await runCheck(check)] as const),
    );
    const checks = Object.fromEntries(entries.map(([name, problem]) => [name, problem ?? 'ok']));
    return { ready: entries.every(([, problem]) => problem === undefined), checks };
  }

  async response(): Promise<HttpResponse> {
    const { ready, checks } = await this.report();
    return { status: ready ? 200 : 503, body: { status: ready ? 'ready' : 'not ready', checks } };
  }
}

async function runCheck(check: ReadinessCheck): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      Promise.resolve().then(check),
      new Promise<string>((resolve) => {
        timer = setTimeout(() => resolve(`no answer within ${CHECK_TIMEOUT_MS} ms`), CHECK_TIMEOUT_MS);
      }),
    ]);
  } catch (err) {
    return err instanceof Error ? err.message.split('\n')[0] : 'failed';
  } finally {
    clearTimeout(timer);
  }
}
