import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from './forms.tsx';
import { hasNavigated } from './router.tsx';

/** A page's one `<h1>`: names the document, and takes the focus when the person moves here. */
export function PageHeading({ children }: { children: string }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${children}${t('app.titleSeparator')}${t('app.name')}`;
  }, [children, t]);
  useEffect(() => {
    if (hasNavigated()) heading.current?.focus();
  }, []);
  return (
    <h1 ref={heading} tabIndex={-1}>
      {children}
    </h1>
  );
}

/** A region that says it is loading (announced politely). */
export function Loading() {
  const { t } = useTranslation();
  return (
    <p role="status" className="loading">
      {t('app.loading')}
    </p>
  );
}

/** What the page could not load, with a way to try again. */
export function LoadFailed({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useTranslation();
  const { problem } = describeError(t, error);
  return (
    <div role="alert" className="error-summary">
      <p className="error-summary-title">{t('app.loadFailed')}</p>
      <p>{problem.message}</p>
      <button type="button" onClick={retry}>
        {t('app.retry')}
      </button>
    </div>
  );
}

type Resource<T> =
  { state: 'loading' } | { state: 'failed'; error: unknown } | { state: 'ready'; data: T };

/** Loads data for a page; `reload` fetches it again (after a change, or to retry). */
export function useResource<T>(load: () => Promise<T>): Resource<T> & { reload: () => void } {
  const [resource, setResource] = useState<Resource<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const loader = useRef(load);
  loader.current = load;
  useEffect(() => {
    let current = true;
    loader.current().then(
      (data) => current && setResource({ state: 'ready', data }),
      (error: unknown) => current && setResource({ state: 'failed', error }),
    );
    return () => {
      current = false;
    };
  }, [attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...resource, reload };
}

/** Renders a resource: loading, failed with a retry, or its content. */
export function Loaded<T>({
  resource,
  children,
}: {
  resource: Resource<T> & { reload: () => void };
  children: (data: T) => ReactNode;
}) {
  if (resource.state === 'loading') return <Loading />;
  if (resource.state === 'failed')
    return <LoadFailed error={resource.error} retry={resource.reload} />;
  return <>{children(resource.data)}</>;
}
