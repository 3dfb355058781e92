import { randomBytes } from 'node:crypto';

/**
 * A mistake the user can fix: the message is already in their language and says what to change.
 * Anything else thrown by a handler is an internal failure: the user gets a short reference id, the
 * log gets the stack.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
}

/** Eight characters a person can read out to an admin, who greps the logs for it. */
export function newReferenceId(): string {
  return randomBytes(4).toString('hex');
}
