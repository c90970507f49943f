import { ACCESS, planAccountExport } from '@mediashare/core';
import { streamAccountExport } from '../../http/zip-export';
import { binary, defineRoute } from '../define-route';

export const exportAccountRoute = defineRoute({
  method: 'get',
  path: '/api/user/export',
  operationId: 'exportAccount',
  tag: 'Accounts',
  summary: "Download everything of the account: a ZIP of the vault's originals and manifest.json",
  description:
    'A ZIP, streamed as it is made, of every original in the vault (under originals/) and manifest.json: the items with their share links, the community copies with their tags, and the activity. A download that breaks off is started again by requesting it again.',
  access: ACCESS.session,
  responses: {
    200: binary('The ZIP archive.', {
      contentType: 'application/zip',
      headers: { 'Content-Disposition': 'attachment, with the file name mediashare-<username>-<date>.zip' },
    }),
  },
  handler: async ({ deps, user }) => {
    const plan = await planAccountExport(deps, { userId: user.id });
    return new Response(streamAccountExport(deps, plan), {
      headers: {
        'content-type': 'application/zip',
        'content-disposition': `attachment; filename="${plan.fileName}"`,
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  },
});
