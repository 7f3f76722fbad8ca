import path from 'node:path';
import { Low } from 'lowdb';
import { DurableJSONFile } from './durable-json-file.js';
import { hashSecret } from '../../accounts/index.js';
import type {
  ApiKeyRecord,
  ApiKeyRepo,
  Organization,
  OrganizationRepo,
  SigningKeyRecord,
  SigningKeyRepo,
  SourceRecord,
  SourceRepo,
} from '../types.js';
import type { Provider } from '../../events/schema.js';

/** The small, human-readable part of the store: one lowdb document. */
export interface MetaDocument {
  version: 1;
  organizations: Organization[];
  apiKeys: ApiKeyRecord[];
  sources: SourceRecord[];
  signingKeys: SigningKeyRecord[];
}

const emptyDocument = (): MetaDocument => ({ version: 1, organizations: [], apiKeys: [], sources: [], signingKeys: [] });

export async function openMeta(dataDir: string): Promise<Low<MetaDocument>> {
  const db = new Low<MetaDocument>(new DurableJSONFile(path.join(dataDir, 'meta.json')), emptyDocument());
  await db.read();
  db.data = { ...emptyDocument(), ...db.data };
  return db;
}

export function organizationRepo(db: Low<MetaDocument>, now: () => Date): OrganizationRepo {
  return {
    async create(name) {
      const id = db.data.organizations.reduce((max, org) => Math.max(max, org.id), 0) + 1;
      const organization: Organization = {
        id,
        name,
        createdAt: now().toISOString(),
        settings: { webhookUrl: null, inboundAuth: 'apiKey' },
      };
      db.data.organizations.push(organization);
      await db.write();
      return structuredClone(organization);
    },
    async get(id) {
      const organization = db.data.organizations.find((org) => org.id === id);
      // Read on every event: a copy of the flat record, not a deep clone.
      return organization && { ...organization, settings: { ...organization.settings } };
    },
    async list() {
      return structuredClone(db.data.organizations);
    },
    async updateSettings(id, patch) {
      const organization = db.data.organizations.find((org) => org.id === id);
      if (!organization) throw new Error(`organization ${id} does not exist`);
      organization.settings = { ...organization.settings, ...patch };
      await db.write();
      return structuredClone(organization);
    },
  };
}

export function apiKeyRepo(db: Low<MetaDocument>): ApiKeyRepo {
  return {
    async add(record) {
      db.data.apiKeys.push(record);
      await db.write();
    },
    async findByHash(hash) {
      return db.data.apiKeys.find((key) => key.hash === hash);
    },
    async list(organizationId) {
      return db.data.apiKeys.filter((key) => key.organizationId === organizationId);
    },
    async remove(organizationId, id) {
      const before = db.data.apiKeys.length;
      db.data.apiKeys = db.data.apiKeys.filter((key) => !(key.organizationId === organizationId && key.id === id));
      if (db.data.apiKeys.length === before) return false;
      await db.write();
      return true;
    },
  };
}

export function sourceRepo(db: Low<MetaDocument>, now: () => Date): SourceRepo {
  const find = (organizationId: number, provider: Provider) =>
    db.data.sources.find((source) => source.organizationId === organizationId && source.provider === provider);
  /** Sources by the sha256 of their token; rebuilt after any change. */
  let byTokenHash: Map<string, SourceRecord> | undefined;
  return {
    async ensure(organizationId, provider, token) {
      const existing = find(organizationId, provider);
      if (existing) return { ...existing };
      const source: SourceRecord = {
        organizationId,
        provider,
        token: token(),
        secret: null,
        createdAt: now().toISOString(),
        rotatedAt: null,
      };
      db.data.sources.push(source);
      byTokenHash = undefined;
      await db.write();
      return { ...source };
    },
    async findByToken(provider, token) {
      // Looked up by the token's hash: the map lookup reveals nothing about the token itself.
      byTokenHash ??= new Map(db.data.sources.map((source) => [hashSecret(source.token), source]));
      const source = byTokenHash.get(hashSecret(token));
      return source?.provider === provider ? { ...source } : undefined;
    },
    async list(organizationId) {
      return db.data.sources.filter((source) => source.organizationId === organizationId).map((source) => ({ ...source }));
    },
    async update(organizationId, provider, patch) {
      const source = find(organizationId, provider);
      if (!source) throw new Error(`organization ${organizationId} has no ${provider} source`);
      Object.assign(source, patch);
      byTokenHash = undefined;
      await db.write();
      return { ...source };
    },
  };
}

export function signingKeyRepo(db: Low<MetaDocument>): SigningKeyRepo {
  return {
    async add(record) {
      db.data.signingKeys.push(record);
      await db.write();
    },
    async list(organizationId) {
      return db.data.signingKeys.filter((key) => key.organizationId === organizationId).map((key) => ({ ...key }));
    },
    async remove(organizationId, id) {
      const before = db.data.signingKeys.length;
      db.data.signingKeys = db.data.signingKeys.filter((key) => !(key.organizationId === organizationId && key.id === id));
      if (db.data.signingKeys.length === before) return false;
      await db.write();
      return true;
    },
  };
}
