import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { openApiDocument } from '../../src/rest/docs';

export const document = openApiDocument({ serverUrl: 'http://localhost:3000', cookieName: 'connect.sid' });

type Operation = { responses?: Record<string, { content?: Record<string, unknown> }> };
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

const templates = Object.keys(document.paths ?? {}).map((template) => ({
  template,
  // Literal segments outrank parameters, so /api/user/media/share is not read as /api/user/media/{id}.
  literals: template.split('/').filter((s) => s && !s.startsWith('{')).length,
  pattern: new RegExp(`^${template.replace(/\{path\}/, '.+').replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));
templates.sort((a, b) => b.literals - a.literals);

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(document as object, 'openapi');

const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

/** The documented operation for a request, if the document has one. */
export const operationFor = (method: string, pathname: string) => {
  const found = templates.find((t) => t.pattern.test(pathname));
  if (!found) return null;
  const verb = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
  if (!METHODS.includes(verb as (typeof METHODS)[number])) return null;
  const op = (document.paths?.[found.template] as Record<string, Operation> | undefined)?.[verb];
  return op ? { template: found.template, method: verb, op } : null;
};

/**
 * Checks one response against the document: its status must be documented for the operation, and a
 * JSON body must validate against the schema documented for that status.
 */
export const checkResponse = (method: string, pathname: string, status: number, contentType: string, body: unknown) => {
  const found = operationFor(method, pathname);
  if (!found) return null;
  const response = found.op.responses?.[String(status)];
  if (!response) throw new Error(`${method} ${found.template} answered ${status}, which the OpenAPI document does not list`);
  if (contentType.includes('application/json') && response.content?.['application/json']) {
    const ref = `openapi#/${pointer('paths', found.template, found.method, 'responses', String(status), 'content', 'application/json', 'schema')}`;
    const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
    if (!validate(body)) {
      throw new Error(
        `${method} ${found.template} ${status}: the body does not match the OpenAPI document: ${ajv.errorsText(validate.errors)}`,
      );
    }
  }
  return { template: found.template, method: found.method, status };
};
