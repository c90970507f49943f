import { login } from './procedures/auth/login';
import { logout } from './procedures/auth/logout';
import { me } from './procedures/auth/me';
import { register } from './procedures/auth/register';
import { remove as deleteMedia } from './procedures/media/delete';
import { get as getMedia } from './procedures/media/get';
import { list as listMedia } from './procedures/media/list';
import { list as listTags } from './procedures/tags/list';
import { router } from './init';

export const appRouter = router({
  auth: router({ register, login, logout, me }),
  media: router({ list: listMedia, get: getMedia, delete: deleteMedia }),
  tags: router({ list: listTags }),
});

export type AppRouter = typeof appRouter;
