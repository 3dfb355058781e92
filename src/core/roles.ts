export const ROLES = ['admin', 'manager', 'social', 'member'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Admins may do everything; otherwise the role must be listed. An empty or missing list is open to all. */
export function roleAllows(role: Role, allowed: readonly Role[] | undefined): boolean {
  if (!allowed || allowed.length === 0) return true;
  return role === 'admin' || allowed.includes(role);
}
