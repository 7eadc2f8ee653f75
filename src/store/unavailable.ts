import { errorCode } from '../startup-error.js';

// Errors that mean "the database could not be reached or did not answer", as opposed to a bug or a
// refused statement: postgres.js connection errors, socket errors, and Postgres' own codes for a
// cancelled statement, a shut-down server or a lost connection (class 08).
const connectionCodes = new Set([
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  '57014', // query_canceled (statement_timeout)
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '25P03', // idle_in_transaction_session_timeout
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  const code = errorCode(error); // drizzle wraps the driver's error in `cause`
  return code !== undefined && (connectionCodes.has(code) || code.startsWith('08'));
}
