import { SignIn } from './pages/sign-in';
import { Vault } from './pages/vault';
import { trpc } from './trpc';

export const App = () => {
  const me = trpc.auth.me.useQuery();
  if (me.isLoading) return <p className="loading">Loading…</p>;
  return me.data ? <Vault user={me.data} /> : <SignIn />;
};
