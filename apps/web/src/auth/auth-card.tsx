import type { ReactNode } from 'react';
import '../styles/auth.css';

interface AuthCardProps {
  title: string;
  subtitle: string;
  footer: ReactNode;
  children: ReactNode;
}

export const AuthCard = ({ title, subtitle, footer, children }: AuthCardProps) => (
  <main className="page auth">
    <section className="auth__card" aria-labelledby="auth-title">
      <h1 id="auth-title">{title}</h1>
      <p className="auth__subtitle">{subtitle}</p>
      {children}
    </section>
    <p className="auth__footer">{footer}</p>
  </main>
);
