import type { TUser } from '@mediashare/core/schemas';
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { useDocumentTitle } from '../ui/use-document-title';
import { DeleteAccount } from './delete-account';
import { PasswordForm } from './password-form';
import { ProfileForm } from './profile-form';
import { SessionList } from './session-list';
import '../styles/account.css';

/** Where two-factor sign-in is set up (its own page). */
const TWO_FACTOR_PAGE = '/account/two-factor';

const Section = ({ id, title, children }: { id: string; title: string; children: ReactNode }) => (
  <section className="account-card" aria-labelledby={id}>
    <h2 id={id}>{title}</h2>
    {children}
  </section>
);

export const AccountPage = ({ user }: { user: TUser }) => {
  useDocumentTitle('Your account');
  return (
    <main className="page account">
      <div className="page__head">
        <div>
          <h1>Your account</h1>
          <p className="page__lead">Your profile, password, sessions and data.</p>
        </div>
      </div>
      <Section id="account-profile" title="Profile">
        <ProfileForm user={user} />
      </Section>
      <Section id="account-password" title="Password">
        <PasswordForm />
        <p>
          <Link href={TWO_FACTOR_PAGE}>Two-factor sign-in</Link>
        </p>
      </Section>
      <Section id="account-sessions" title="Where you are signed in">
        <SessionList />
      </Section>
      <Section id="account-export" title="Your data">
        <p>A ZIP of every original in your vault, with a manifest of your items, links, Community posts and activity.</p>
        <a className="button" href="/api/user/export" download>
          Download my data
        </a>
      </Section>
      <Section id="account-delete" title="Delete account">
        <DeleteAccount user={user} />
      </Section>
    </main>
  );
};
