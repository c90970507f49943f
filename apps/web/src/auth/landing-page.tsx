import { Link } from 'wouter';
import { useDocumentTitle } from '../ui/use-document-title';
import '../styles/landing.css';

const FEATURES = [
  { title: 'Private by default', text: 'Images, GIFs and videos go into a vault only you can see.' },
  { title: 'Links on your terms', text: 'One unguessable link per item. Delete it and it stops working at once.' },
  { title: 'A Community, if you like', text: 'Publish a watermarked copy with tags, and take it down whenever you want.' },
];

export const LandingPage = () => {
  useDocumentTitle('Your media, shared on your terms');
  return (
    <main className="page landing">
      <section className="landing__hero">
        <h1>Your media, shared on your terms.</h1>
        <p>
          Keep images and videos in a private vault, send a link to exactly who should see them, and publish the best to the
          Community.
        </p>
        <div className="button-row">
          <Link href="/register" className="button button--primary button--large">
            Create an account
          </Link>
          <Link href="/login" className="button button--large">
            Sign in
          </Link>
        </div>
        <p className="landing__browse">
          Or <Link href="/community">browse the Community</Link> first, no account needed.
        </p>
      </section>
      <ul className="landing__features">
        {FEATURES.map((feature) => (
          <li key={feature.title}>
            <h2>{feature.title}</h2>
            <p>{feature.text}</p>
          </li>
        ))}
      </ul>
    </main>
  );
};
