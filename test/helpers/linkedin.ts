/**
 * The LinkedIn setup the LinkedIn tests share: the brand's page on the fake with an administrator,
 * a member without the write scope and an analyst, and a dispatcher that reports to the test app.
 */
import type { FakeLinkedIn } from '../fakes/linkedin.js';

export const ORG = '2414183';
export const ADMIN_TOKEN = 'AQVli-admin-token-123';
export const NO_WRITE_TOKEN = 'AQVli-read-only-456';
export const ANALYST_TOKEN = 'AQVli-analyst-789';
/** A 1x1 PNG: LinkedIn reads the type from the bytes. */
export const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
);

/** The brand's page with its administrator, a member without the write scope and an analyst. */
export function seedLinkedIn(li: FakeLinkedIn): void {
  li.addOrganization(ORG, 'Cold Brew Co');
  li.addToken(ADMIN_TOKEN, 'admin1', ['w_organization_social', 'r_organization_social', 'rw_organization_admin']);
  li.addRole('admin1', ORG, 'ADMINISTRATOR');
  li.addToken(NO_WRITE_TOKEN, 'reader1', ['r_organization_social', 'r_organization_admin']);
  li.addRole('reader1', ORG, 'ADMINISTRATOR');
  li.addToken(ANALYST_TOKEN, 'analyst1', ['w_organization_social', 'r_organization_admin']);
  li.addRole('analyst1', ORG, 'ANALYST');
}

export { dispatcherFor } from './dispatcher.js';
