import { Link } from 'wouter';

export const InactiveLink = () => (
  <div className="inactive-link">
    <svg viewBox="0 0 24 24" width="48" height="48" aria-hidden="true">
      <path
        d="M10 14a4 4 0 005.66 0l3-3a4 4 0 00-5.66-5.66l-1 1M14 10a4 4 0 00-5.66 0l-3 3a4 4 0 005.66 5.66l1-1M4 4l16 16"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
      />
    </svg>
    <h1>This link is no longer active</h1>
    <p>Its owner stopped sharing it, or the address is incomplete. Ask them for a new link.</p>
    <Link href="/community" className="button">
      Browse the Community
    </Link>
  </div>
);
