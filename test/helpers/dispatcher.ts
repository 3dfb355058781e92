import { createLogger } from '../../src/log.js';
import { Dispatcher } from '../../src/publishing/dispatcher.js';
import type { TestApp } from './app.js';

/** The test app's dispatcher, ticked by the test: notices to the recorder, retries without waiting. */
export function dispatcherFor(app: TestApp): Dispatcher {
  return new Dispatcher({
    db: app.services.db,
    clock: app.clock,
    notifier: app.recorder,
    integrations: app.services.integrations,
    log: createLogger('silent'),
    sleep: async () => {},
  });
}
