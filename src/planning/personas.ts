/**
 * Buyer personas per workspace: built from a segment description by the model when configured, or
 * by the offline rules (persona-profile.ts: gender, age, role, buying role and objections read from
 * the segment's words in English or Arabic, and the brand), and stored with a name unique in the
 * workspace.
 */
import type { Persona, Prisma } from '@prisma/client';
import { z } from 'zod';
import { LOCALES } from '../core/i18n.js';
import type { Actor } from '../core/identity.js';
import type { Db } from '../db/client.js';
import { type Generated, generateWithFallback, type Llm, type OfflineGenerator } from '../lib/llm.js';
import type { Logger } from '../log.js';
import type { AuditService } from '../workspace/audit.js';
import { BUSINESS_TYPES } from '../workspace/brand.js';
import { CHANNELS } from './catalog.js';
import { offlineProfile, type ProfileConflict, profileConflict } from './persona-profile.js';

/** The stored persona row, for commands (which do not import the database client's types). */
export type { Persona } from '@prisma/client';

export const PersonaRequest = z.object({
  segment: z.string().min(1).max(500),
  product: z.string().max(200),
  market: z.string().max(200),
  locale: z.enum(LOCALES),
  /** Picks among names so two personas for one segment differ. */
  seed: z.number().int().min(0).max(1_000_000),
  /** The brand's business type, when its profile says it (a B2B brand's segments are buyers at work). */
  businessType: z.enum(BUSINESS_TYPES).optional(),
});
export type PersonaRequest = z.infer<typeof PersonaRequest>;

// No string length limits in the generation schema (OpenAI strict mode rejects them); trimmed on save.
const list = (min: number, max: number) => z.array(z.string()).min(min).max(max);
export const PersonaDraft = z.object({
  name: z.string(),
  demographics: z.string(),
  goals: list(1, 5),
  pains: list(1, 5),
  objections: list(1, 5),
  channels: z.array(z.enum(CHANNELS)).min(1).max(5),
  content: list(1, 5),
  messaging: list(1, 5),
  keywords: list(1, 10),
});
export type PersonaDraft = z.infer<typeof PersonaDraft>;

/** What is stored in Persona.data. */
export const PersonaData = PersonaDraft.omit({ name: true });
export type PersonaData = z.infer<typeof PersonaData>;

/** The offline persona: every field follows the segment's words and the brand (persona-profile.ts). */
export function offlinePersona(r: PersonaRequest): PersonaDraft {
  return offlineProfile(r);
}

export const personaGenerator: OfflineGenerator = (data) => offlinePersona(PersonaRequest.parse(data));

const INSTRUCTIONS = [
  'You are a senior digital marketer. Build one buyer persona for the customer segment described in',
  'the JSON data (with the product and market for context): a short memorable name, demographics,',
  'goals, pains, objections, the marketing channels that reach them, the content they prefer,',
  'messaging guidance and search keywords. Write every text in the language named by "language".',
].join(' ');

export interface CreatedPersona {
  persona: Persona;
  data: PersonaData;
  source: 'llm' | 'offline';
  fallback?: Generated<unknown>['fallback'];
  /** The model's persona contradicted the segment and was replaced by the offline one (said in the reply). */
  replaced?: ProfileConflict;
}

const clip = (s: string, n: number) => {
  const chars = [...s.trim()];
  return chars.length > n ? `${chars.slice(0, n - 1).join('')}…` : chars.join('');
};

export class PersonaService {
  constructor(
    private readonly db: Db,
    private readonly online: Llm | undefined,
    private readonly log: Logger,
    private readonly offline: Llm,
    private readonly audit: AuditService,
  ) {}

  async create(ctx: Actor, request: PersonaRequest, name?: string): Promise<CreatedPersona> {
    const language = request.locale === 'ar' ? 'Arabic' : 'English';
    const out = await generateWithFallback(
      this.online,
      this.offline,
      PersonaDraft,
      { task: 'persona', instructions: INSTRUCTIONS, data: { ...request, language } },
      this.log,
    );
    // The model's persona is checked against the segment's words as its plans are against the
    // funnel: a woman for "fathers" or a consumer for "HR managers" is replaced, and the reply says so.
    const replaced = out.source === 'llm' ? profileConflict(out.value, request) : undefined;
    if (replaced) this.log.warn({ task: 'persona', conflict: replaced.kind }, 'model persona contradicted the segment');
    const { name: proposed, ...rest } = replaced ? offlinePersona(request) : out.value;
    const data = PersonaData.parse({
      ...rest,
      demographics: clip(rest.demographics, 300),
      channels: [...new Set(rest.channels)],
      ...Object.fromEntries(
        (['goals', 'pains', 'objections', 'content', 'messaging', 'keywords'] as const).map((k) => [
          k,
          rest[k].map((x) => clip(x, 200)).filter(Boolean),
        ]),
      ),
    });
    const base = clip(name ?? proposed, 80) || 'Persona';
    const persona = await this.insertUnique(ctx, base, request, data);
    await this.audit.record(ctx, 'persona.create', String(persona.id), { name: persona.name });
    return {
      persona,
      data,
      source: replaced ? 'offline' : out.source,
      ...(out.fallback ? { fallback: out.fallback } : {}),
      ...(replaced ? { replaced } : {}),
    };
  }

  /** Names are unique per workspace: "Sara, the founder" becomes "Sara, the founder (2)". */
  private async insertUnique(ctx: Actor, base: string, r: PersonaRequest, data: PersonaData): Promise<Persona> {
    for (let n = 1; n <= 50; n++) {
      const name = n === 1 ? base : `${base} (${n})`;
      const taken = await this.db.persona.findUnique({
        where: { workspaceId_name: { workspaceId: ctx.workspace.id, name } },
      });
      if (taken) continue;
      return this.db.persona.create({
        data: {
          workspaceId: ctx.workspace.id,
          name,
          segment: r.segment,
          data: data as Prisma.InputJsonValue,
          locale: r.locale,
          createdById: ctx.member.externalId,
        },
      });
    }
    throw new Error('could not find a free persona name');
  }

  list(workspaceId: number): Promise<Persona[]> {
    return this.db.persona.findMany({ where: { workspaceId }, orderBy: { id: 'asc' }, take: 100 });
  }

  find(workspaceId: number, id: number): Promise<Persona | null> {
    return this.db.persona.findFirst({ where: { workspaceId, id } });
  }

  /** Those of `ids` that are personas of this workspace, in id order. */
  byIds(workspaceId: number, ids: readonly number[]): Promise<Persona[]> {
    return this.db.persona.findMany({ where: { workspaceId, id: { in: [...ids] } }, orderBy: { id: 'asc' } });
  }

  async remove(ctx: Actor, id: number): Promise<boolean> {
    const { count } = await this.db.persona.deleteMany({ where: { workspaceId: ctx.workspace.id, id } });
    if (count > 0) await this.audit.record(ctx, 'persona.delete', String(id));
    return count > 0;
  }
}

/** A stored persona's profile, or undefined for a row written by an older version. */
export function personaData(p: Persona): PersonaData | undefined {
  const parsed = PersonaData.safeParse(p.data);
  return parsed.success ? parsed.data : undefined;
}
