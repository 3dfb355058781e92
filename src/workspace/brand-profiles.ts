/**
 * Stores a workspace's brand profile (Workspace.brand, shaped by brand.ts) and remembers whether
 * the planner has already asked for it. The stored JSON is the profile plus one private key,
 * `hintShown`, which brandOf drops: readers of the profile never see it.
 */
import type { Prisma } from '@prisma/client';
import type { Actor } from '../core/identity.js';
import type { Db } from '../db/client.js';
import type { AuditService } from './audit.js';
import { type BrandField, type BrandProfile, BrandProfileSchema, brandOf, hasBrand } from './brand.js';

/** A patch that failed the profile's schema: the fields at fault. */
export class BrandInvalid extends Error {
  override readonly name = 'BrandInvalid';
  constructor(readonly fields: readonly BrandField[]) {
    super(`invalid brand profile fields: ${fields.join(', ')}`);
  }
}

interface Stored {
  profile: BrandProfile;
  hintShown: boolean;
}

function readStored(json: Prisma.JsonValue | null | undefined): Stored {
  const hintShown =
    typeof json === 'object' &&
    json !== null &&
    !Array.isArray(json) &&
    (json as { hintShown?: unknown }).hintShown === true;
  return { profile: brandOf(json), hintShown };
}

export class BrandService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  private async stored(workspaceId: number): Promise<Stored> {
    const row = await this.db.workspace.findUnique({ where: { id: workspaceId }, select: { brand: true } });
    return readStored(row?.brand);
  }

  private async write(workspaceId: number, s: Stored): Promise<void> {
    const json = { ...s.profile, ...(s.hintShown ? { hintShown: true } : {}) };
    await this.db.workspace.update({ where: { id: workspaceId }, data: { brand: json as Prisma.InputJsonValue } });
  }

  /** The workspace's profile; an empty object when none is set. */
  async get(workspaceId: number): Promise<BrandProfile> {
    return (await this.stored(workspaceId)).profile;
  }

  /**
   * Sets the given fields (the others are kept), checked against BrandProfileSchema as a whole;
   * audited with the fields changed. Throws BrandInvalid naming the fields that do not fit.
   */
  async set(ctx: Actor, patch: BrandProfile): Promise<BrandProfile> {
    const s = await this.stored(ctx.workspace.id);
    const merged = BrandProfileSchema.safeParse({ ...s.profile, ...patch });
    if (!merged.success) {
      const fields = [...new Set(merged.error.issues.map((i) => String(i.path[0]) as BrandField))];
      throw new BrandInvalid(fields);
    }
    await this.write(ctx.workspace.id, { ...s, profile: merged.data });
    await this.audit.record(ctx, 'brand.set', 'brand', { fields: Object.keys(patch) });
    return merged.data;
  }

  /**
   * Removes one field; returns the profile left. The order value goes with the currency: its minor
   * units mean nothing without it.
   */
  async clear(ctx: Actor, field: BrandField): Promise<BrandProfile> {
    const s = await this.stored(ctx.workspace.id);
    const rest: BrandProfile = { ...s.profile };
    delete rest[field];
    if (field === 'currency') delete rest.averageOrderMinor;
    await this.write(ctx.workspace.id, { ...s, profile: rest });
    await this.audit.record(ctx, 'brand.clear', 'brand', { field });
    return rest;
  }

  /**
   * Whether the planner should say, this once, how to set a profile: true the first time it is
   * asked in a workspace without one, then never again (remembered in the stored JSON).
   */
  async firstUseHint(workspaceId: number): Promise<boolean> {
    const s = await this.stored(workspaceId);
    if (hasBrand(s.profile) || s.hintShown) return false;
    await this.write(workspaceId, { ...s, hintShown: true });
    return true;
  }
}
