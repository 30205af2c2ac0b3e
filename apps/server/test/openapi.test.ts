import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.ts';

interface OpenApiDocument {
  paths: Record<string, Record<string, { tags?: string[]; summary?: string; security?: unknown[] }>>;
  components: { securitySchemes: Record<string, { type: string }> };
}

// The document describes routes, not data: one engine is enough.
describe('the OpenAPI document at /api/docs', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  beforeAll(async () => {
    t = await startTestApp('pglite');
    const response = await t.get('/api/docs/json');
    expect(response.status).toBe(200);
    doc = (await response.json()) as OpenApiDocument;
  });
  afterAll(async () => t?.dispose());

  it('describes the xAPI resources, behind HTTP Basic, and the About resource without it', () => {
    for (const path of ['/xapi/statements', '/xapi/activities/state', '/xapi/agents/profile', '/xapi/agents'])
      expect(doc.paths[path]?.post, path).toMatchObject({
        tags: ['xAPI 1.0.3 (LRS)'],
        security: [{ xapiBasic: [] }],
      });
    expect(doc.paths['/xapi/statements']?.get?.summary).toContain('Statement Resource');
    expect(doc.paths['/xapi/about']?.get?.security).toBeUndefined();
    expect(doc.components.securitySchemes.xapiBasic).toMatchObject({ type: 'http', scheme: 'basic' });
  });

  it('describes the OneRoster rostering API behind OAuth 2.0 client credentials with its scopes', () => {
    const users = doc.paths['/ims/oneroster/rostering/v1p2/users']?.get;
    expect(users).toMatchObject({ tags: ['OneRoster 1.2 (Japan Profile)'] });
    expect(users?.security).toEqual([
      {
        oneRosterOAuth: [
          'https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly',
          'https://purl.imsglobal.org/spec/or/v1p2/scope/roster.readonly',
        ],
      },
    ]);
    expect(doc.paths['/ims/oneroster/rostering/v1p2/demographics']?.get?.security).toEqual([
      { oneRosterOAuth: ['https://purl.imsglobal.org/spec/or/v1p2/scope/roster-demographics.readonly'] },
    ]);
    expect(doc.paths['/ims/oneroster/rostering/v1p2/users/{sourcedId}']?.get).toBeDefined();
    expect(doc.paths['/ims/oneroster/oauth/token']?.post).toBeDefined();
    expect(doc.components.securitySchemes.oneRosterOAuth).toMatchObject({ type: 'oauth2' });
  });

  it('keeps the health probe and the xAPI catch-all out of the document', () => {
    expect(doc.paths['/api/health']).toBeUndefined();
    expect(doc.paths['/xapi/*']).toBeUndefined();
  });
});
