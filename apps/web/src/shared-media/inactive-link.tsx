import { Link } from 'wouter';

const REASONS = {
  gone: {
    title: 'This link is no longer active',
    text: 'Its owner stopped sharing it, or the address is incomplete. Ask them for a new link.',
  },
  expired: { title: 'This link has expired', text: 'Its owner set it to stop working after a while. Ask them for a new link.' },
  limit: {
    title: 'This link has reached its view limit',
    text: 'Its owner let it be opened a set number of times, and it has been. Ask them for a new link.',
  },
} as const;

export type InactiveReason = keyof typeof REASONS;

export const InactiveLink = ({ reason = 'gone' }: { reason?: InactiveReason }) => (
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
    <h1>{REASONS[reason].title}</h1>
    <p>{REASONS[reason].text}</p>
    <Link href="/community" className="button">
      Browse the Community
    </Link>
  </div>
);
