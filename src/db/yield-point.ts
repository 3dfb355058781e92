/**
 * Where long work lets requests in. The database driver is synchronous, so the database client calls
 * yieldPoint() before each query. By default that is the next turn of the event
 * loop: I/O waiting to be handled goes first. Work that must give way for longer (the Slack work after
 * the ack, which should run only between acks) runs inside withYieldGate(gate, ...), and then each
 * query first awaits that gate.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const gates = new AsyncLocalStorage<() => Promise<void>>();

/** The next turn of the event loop: I/O waiting to be handled (a Slack ack) goes first. */
export const nextTurn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs `work` so that every yield point inside it (and in what it awaits) awaits `gate` instead. */
export function withYieldGate<T>(gate: () => Promise<void>, work: () => Promise<T>): Promise<T> {
  return gates.run(gate, work);
}

/** Before a stretch of synchronous work: the gate of the work we are in, else the next turn. */
export function yieldPoint(): Promise<void> {
  return (gates.getStore() ?? nextTurn)();
}
