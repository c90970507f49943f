import { profileUrl } from '@mediashare/core/schemas';
import { Link, useLocation } from 'wouter';
import { useSession, useSignOut } from '../lib/session';

const NavLink = ({ href, children }: { href: string; children: string }) => {
  const [location] = useLocation();
  return (
    <Link href={href} className="nav-link" aria-current={location === href ? 'page' : undefined}>
      {children}
    </Link>
  );
};

export const Logo = () => (
  <svg className="logo" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
    <rect width="32" height="32" rx="8" fill="var(--accent)" />
    <path d="M8 22l5-6 4 4 3-3 4 5z" fill="var(--accent-contrast)" />
    <circle cx="21" cy="11" r="2.5" fill="var(--accent-contrast)" />
  </svg>
);

export const SiteHeader = () => {
  const { user, isLoading } = useSession();
  const signOut = useSignOut();
  return (
    <header className="site-header">
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <div className={`site-header__inner${user ? ' site-header__inner--signed-in' : ''}`}>
        <Link href="/" className="brand">
          <Logo />
          <span>mediashare</span>
        </Link>
        <nav className="site-nav" aria-label="Main">
          {user && <NavLink href="/">Vault</NavLink>}
          <NavLink href="/community">Community</NavLink>
          {user && <NavLink href={profileUrl(user.username)}>My posts</NavLink>}
          {user && <NavLink href="/exposure">What’s public</NavLink>}
          {user && <NavLink href="/tokens">API tokens</NavLink>}
        </nav>
        <div className="site-header__account">
          {isLoading ? null : user ? (
            <>
              {user.role === 'admin' && (
                <Link href="/admin" className="nav-link">
                  Admin
                </Link>
              )}
              <Link href="/account" className="site-header__user" title={`Your account (${user.email})`}>
                {user.username}
              </Link>
              <button
                type="button"
                className="button button--small"
                onClick={() => signOut.mutate()}
                disabled={signOut.isPending}
              >
                Sign out
              </button>
            </>
          ) : (
            <>
              <Link href="/login" className="nav-link">
                Sign in
              </Link>
              <Link href="/register" className="button button--small button--primary site-header__register">
                Create account
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
};
