import { describe, expect, it } from 'vitest';
import { parseEnv } from '../env';
import { openApiJson } from './docs';
import { TAGS } from './tags';

type Schema = { $ref?: string; type?: string; items?: Schema; properties?: Record<string, Schema> };
type Response = { content?: Record<string, { schema: Schema }> };
type Operation = { operationId: string; tags: string[]; responses: Record<string, Response> };
type Document = {
  servers: { url: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema & { properties?: Record<string, Schema> }> };
};

const served = (env: Record<string, string> = {}) =>
  JSON.parse(openApiJson(parseEnv({ LOG_LEVEL: 'silent', ...env }))) as Document;
const document = served();
const operations = Object.values(document.paths).flatMap((item) => Object.values(item));
const operation = (id: string) => {
  const found = operations.find((op) => op.operationId === id);
  if (!found) throw new Error(`no operation ${id}`);
  return found;
};
const jsonSchema = (id: string, status: number) => operation(id).responses[String(status)]?.content?.['application/json']?.schema;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe('the served OpenAPI document', () => {
  it('names the server it is served from: PUBLIC_URL when set, else relative to the document', () => {
    expect(document.servers).toEqual([{ url: '/', description: expect.any(String) }]);
    expect(served({ PUBLIC_URL: 'https://media.example.org/' }).servers).toEqual([
      { url: 'https://media.example.org', description: expect.any(String) },
    ]);
  });

  it('declares every tag an operation uses, each with a description', () => {
    expect(document.tags.map((t) => t.name)).toEqual(Object.keys(TAGS));
    expect(document.tags.every((t) => t.description.length > 20)).toBe(true);
    const used = new Set(operations.flatMap((op) => op.tags));
    expect([...used].filter((name) => !(name in TAGS))).toEqual([]);
  });

  it('refers to the shared shapes by $ref instead of repeating them', () => {
    expect(jsonSchema('getMedia', 200)).toEqual(ref('MediaItem'));
    expect(jsonSchema('uploadMedia', 201)).toEqual(ref('MediaItem'));
    expect(jsonSchema('unshareMedia', 200)).toEqual(ref('MediaItem'));
    expect(jsonSchema('shareMedia', 200)).toEqual(ref('ShareResult'));
    expect(jsonSchema('getCommunityItem', 200)).toEqual(ref('CommunityItem'));
    expect(document.components.schemas.MediaPage?.properties?.items?.items).toEqual(ref('MediaItem'));
    expect(document.components.schemas.CommunityPage?.properties?.items?.items).toEqual(ref('CommunityItem'));
    // One name per shape: none is split into an input and an `...Output` copy.
    expect(Object.keys(document.components.schemas).filter((name) => name.endsWith('Output'))).toEqual([]);
  });

  it('uses the one Error schema for every error answer with a body', () => {
    const errorAnswers = operations.flatMap((op) =>
      Object.entries(op.responses)
        .filter(([status, response]) => Number(status) >= 400 && response.content)
        .map(([status, response]) => ({
          at: `${op.operationId} ${status}`,
          schema: response.content?.['application/json']?.schema,
        })),
    );
    expect(errorAnswers.length).toBeGreaterThan(80);
    expect(errorAnswers.filter((a) => a.schema?.$ref !== ref('Error').$ref)).toEqual([]);
    expect(document.components.schemas.Error).toMatchObject({ required: ['message'], additionalProperties: {} });
  });
});
