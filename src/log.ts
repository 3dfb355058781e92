import { hostname } from 'node:os';
import pino from 'pino';
import { SECRET_VARIABLES } from './config.js';
import { withoutIsolates } from './lib/digits.js';

export type Logger = pino.Logger;

/**
 * Logs go to stderr as JSON lines, so stdout stays the conversation in console mode. Known secret
 * fields are censored wherever they appear in a logged object. Each line keeps pino's standard `pid`
 * and `hostname` (which replica wrote it) next to `app`. A message a user was shown (an error from
 * a catalog) may carry direction isolates: a log line is plain text, so they are dropped from it.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const secretKeys = [
    ...SECRET_VARIABLES,
    'token',
    'accessToken',
    'access_token',
    'refreshToken',
    'apiKey',
    'secret',
    'password',
    'credentials',
    'authorization',
  ];
  return pino(
    {
      level,
      base: { pid: process.pid, hostname: hostname(), app: 'mktbot' },
      hooks: { streamWrite: withoutIsolates },
      redact: {
        paths: [
          ...secretKeys,
          ...secretKeys.map((k) => `*.${k}`),
          'headers.authorization',
          'req.headers.authorization',
        ],
        censor: '[redacted]',
      },
    },
    destination ?? pino.destination({ dest: 2, sync: true }),
  );
}
