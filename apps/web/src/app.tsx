import { PAGES, type TUser } from '@mediashare/core/schemas';
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Redirect, Route, Switch } from 'wouter';
import { LandingPage } from './auth/landing-page';
import { RegisterPage } from './auth/register-page';
import { ResetPasswordPage } from './auth/reset-password-page';
import { SignInPage } from './auth/sign-in-page';
import { errorMessage } from './lib/errors';
import { useSession } from './lib/session';
import { NotFoundPage } from './ui/not-found-page';
import { PageState } from './ui/page-state';
import { SiteHeader } from './ui/site-header';

// The pages behind a click load on demand; the start page and the forms come with the first download.
const VaultPage = lazy(() => import('./vault/vault-page').then((m) => ({ default: m.VaultPage })));
const CommunityPage = lazy(() => import('./community/community-page').then((m) => ({ default: m.CommunityPage })));
const SharedMediaPage = lazy(() => import('./shared-media/shared-media-page').then((m) => ({ default: m.SharedMediaPage })));
const CommunityItemPage = lazy(() => import('./community/community-item-page').then((m) => ({ default: m.CommunityItemPage })));
const AccountPage = lazy(() => import('./account/account-page').then((m) => ({ default: m.AccountPage })));
const ExposurePage = lazy(() => import('./exposure/exposure-page').then((m) => ({ default: m.ExposurePage })));
const TwoFactorPage = lazy(() => import('./two-factor/two-factor-page').then((m) => ({ default: m.TwoFactorPage })));
const InvitesPage = lazy(() => import('./instance-admin/invites-page').then((m) => ({ default: m.InvitesPage })));
const TagsPage = lazy(() => import('./instance-admin/tags-page').then((m) => ({ default: m.TagsPage })));
const UsersPage = lazy(() => import('./instance-admin/users-page').then((m) => ({ default: m.UsersPage })));
const AdminQueuePage = lazy(() => import('./moderation/admin-queue-page').then((m) => ({ default: m.AdminQueuePage })));
const ModerationLogPage = lazy(() => import('./moderation/moderation-log-page').then((m) => ({ default: m.ModerationLogPage })));
const ProfilePage = lazy(() => import('./community/profile-page').then((m) => ({ default: m.ProfilePage })));
const TokensPage = lazy(() => import('./tokens/tokens-page').then((m) => ({ default: m.TokensPage })));

const Loading = () => (
  <main className="page">
    <PageState kind="loading" title="Loading…" />
  </main>
);

/** Pages that differ by who is signed in wait for the answer, and say so when the API cannot give one. */
const WithSession = ({ children }: { children: (user: TUser | null) => ReactNode }) => {
  const { user, isLoading, error } = useSession();
  if (isLoading) return <Loading />;
  if (error) {
    return (
      <main className="page">
        <PageState
          kind="error"
          title="mediashare is not answering"
          action={{ label: 'Reload', onClick: () => window.location.reload() }}
        >
          {errorMessage(error)}
        </PageState>
      </main>
    );
  }
  return children(user);
};

const Home = () => <WithSession>{(user) => (user ? <VaultPage user={user} /> : <LandingPage />)}</WithSession>;

const Account = () => (
  <WithSession>{(user) => (user ? <AccountPage user={user} /> : <Redirect to={PAGES.signIn} />)}</WithSession>
);
const Exposure = () => <WithSession>{(user) => (user ? <ExposurePage /> : <Redirect to={PAGES.signIn} />)}</WithSession>;

const Tokens = () => <WithSession>{(user) => (user ? <TokensPage /> : <Redirect to={PAGES.signIn} />)}</WithSession>;

const TwoFactor = () => <WithSession>{(user) => (user ? <TwoFactorPage /> : <Redirect to={PAGES.signIn} />)}</WithSession>;

/** Admin pages: to anyone else they are pages that do not exist, as their API answers. */
const AdminOnly = ({ page: Page }: { page: ComponentType }) => (
  <WithSession>{(user) => (user?.role === 'admin' ? <Page /> : <NotFoundPage />)}</WithSession>
);

export const App = () => (
  <>
    <SiteHeader />
    <div id="content" className="content">
      <Suspense fallback={<Loading />}>
        <Switch>
          <Route path={PAGES.home} component={Home} />
          <Route path={PAGES.signIn} component={SignInPage} />
          <Route path={PAGES.register} component={RegisterPage} />
          <Route path={PAGES.community} component={CommunityPage} />
          <Route path={PAGES.communityItem}>{(params) => <CommunityItemPage id={params.id} />}</Route>
          <Route path={PAGES.profile}>{(params) => <ProfilePage username={params.username} />}</Route>
          <Route path={PAGES.tokens} component={Tokens} />
          <Route path={PAGES.account} component={Account} />
          <Route path={PAGES.exposure} component={Exposure} />
          <Route path={PAGES.twoFactor} component={TwoFactor} />
          <Route path={PAGES.adminInvites}>
            <AdminOnly page={InvitesPage} />
          </Route>
          <Route path={PAGES.adminUsers}>
            <AdminOnly page={UsersPage} />
          </Route>
          <Route path={PAGES.adminTags}>
            <AdminOnly page={TagsPage} />
          </Route>
          <Route path="/admin" component={AdminQueuePage} />
          <Route path="/admin/log" component={ModerationLogPage} />
          <Route path={PAGES.sharedMedia}>{(params) => <SharedMediaPage code={params.code} />}</Route>
          <Route path={PAGES.resetPassword}>{(params) => <ResetPasswordPage token={params.token} />}</Route>
          <Route path={PAGES.vault}>
            <Redirect to={PAGES.home} replace />
          </Route>
          <Route component={NotFoundPage} />
        </Switch>
      </Suspense>
    </div>
  </>
);
