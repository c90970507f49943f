import { Link } from 'wouter';

/** The exact message the API answers for a taken-down item (410), over REST and tRPC alike. */
export const REMOVED_MESSAGE = 'This item was removed';

export const isRemoved = (error: { message: string } | null | undefined) => error?.message === REMOVED_MESSAGE;

/** What a permalink or share link of a taken-down item shows. */
export const RemovedItem = () => (
  <section className="page-state page-state--error" aria-labelledby="removed-title">
    <h1 id="removed-title" className="page-state__title">
      {REMOVED_MESSAGE}
    </h1>
    <p className="page-state__text">
      A moderator removed it from mediashare. <Link href="/community">Back to the Community</Link>
    </p>
  </section>
);
