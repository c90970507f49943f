import { Link } from 'wouter';
import { useDocumentTitle } from './use-document-title';

export const NotFoundPage = () => {
  useDocumentTitle('Page not found');
  return (
    <main className="page">
      <div className="page-state">
        <p className="page-state__title">There is no page here</p>
        <p className="page-state__text">
          <Link href="/">Go to the start page</Link> or <Link href="/community">browse the Community</Link>.
        </p>
      </div>
    </main>
  );
};
