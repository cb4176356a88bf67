import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Operators } from '../admin/Operators.tsx';
import { Users } from '../admin/Users.tsx';
import { AgreedLevels } from '../admin/AgreedLevels.tsx';
import { ClosureDays } from '../admin/ClosureDays.tsx';
import { Audit } from '../admin/Audit.tsx';
import { Tokens } from '../admin/Tokens.tsx';
import { ChangePassword } from '../auth/ChangePassword.tsx';
import { SignIn } from '../auth/SignIn.tsx';
import { Home } from '../home/Home.tsx';
import { api, ApiError, setPasswordChangeHandler, setUnauthorisedHandler } from './api.ts';
import { describeError, ErrorSummary, type FormProblem } from './forms.tsx';
import { Header } from './Header.tsx';
import { Forbidden, NotFound } from './NotFound.tsx';
import { LoadFailed, Loading } from './page.tsx';
import {
  matchPath,
  navigate,
  nextPath,
  paths,
  patterns,
  signInPath,
  useLocation,
} from './router.tsx';
import { SessionContext } from './session.ts';
import type { SessionUser } from './types.ts';

// The designer, the review screen and the paper form are separate chunks, loaded when opened.
const QuestionnaireList = lazy(() => import('../designer/QuestionnaireList.tsx'));
const Designer = lazy(() => import('../designer/Designer.tsx'));
const ReviewList = lazy(() => import('../review/ReviewList.tsx'));
const Review = lazy(() => import('../review/Review.tsx'));
const PrintForm = lazy(() => import('../print/PrintForm.tsx'));
const Reports = lazy(() => import('../reports/Reports.tsx'));
const Territory = lazy(() => import('../reports/Territory.tsx'));
const Trends = lazy(() => import('../reports/Trends.tsx'));
const ActivityList = lazy(() => import('../activities/ActivityList.tsx'));
const Activity = lazy(() => import('../activities/Activity.tsx'));
const Cases = lazy(() => import('../records/Cases.tsx'));
const Case = lazy(() => import('../records/Case.tsx'));
const ServiceEvents = lazy(() => import('../records/ServiceEvents.tsx'));
const YearAtAGlance = lazy(() => import('../records/YearAtAGlance.tsx'));
const Pack = lazy(() => import('../pack/Pack.tsx'));
const RecordsImport = lazy(() => import('../records/Import.tsx'));

type Session =
  | { state: 'checking' }
  | { state: 'failed'; error: unknown }
  | { state: 'known'; user: SessionUser | null };

/** The staff app: checks the session, then shows the page for the address. */
export function App() {
  const { t } = useTranslation();
  const location = useLocation();
  const pathname = location.split('?')[0] ?? paths.home;
  const [session, setSession] = useState<Session>({ state: 'checking' });
  const [check, setCheck] = useState(0);
  const [signingOut, setSigningOut] = useState(false);
  const [signOutProblem, setSignOutProblem] = useState<FormProblem | null>(null);
  const signedOut = useCallback(() => setSession({ state: 'known', user: null }), []);

  // Any request answered 401 means the session ended: back to sign-in (the gate below redirects).
  useEffect(() => setUnauthorisedHandler(signedOut), [signedOut]);
  // An admin reset the password: nothing else works until the person chooses a new one.
  const passwordChangeRequired = useCallback(
    () =>
      setSession((s) =>
        s.state === 'known' && s.user ? { ...s, user: { ...s.user, mustChangePassword: true } } : s,
      ),
    [],
  );
  useEffect(() => setPasswordChangeHandler(passwordChangeRequired), [passwordChangeRequired]);

  useEffect(() => {
    const controller = new AbortController();
    api.me(controller.signal).then(
      ({ user }) => setSession({ state: 'known', user }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) signedOut();
        else setSession({ state: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [check, signedOut]);

  // A page brought back by Back from the browser's cache (from a kiosk opened in this tab, say)
  // hides what it showed and checks its session again: the kiosk signs the browser out.
  useEffect(() => {
    const restored = (event: PageTransitionEvent) => {
      if (!event.persisted) return;
      setSession({ state: 'checking' });
      setCheck((n) => n + 1);
    };
    window.addEventListener('pageshow', restored);
    return () => window.removeEventListener('pageshow', restored);
  }, []);

  useEffect(() => setSignOutProblem(null), [pathname]);

  const user = session.state === 'known' ? session.user : null;
  const atSignIn = pathname === paths.signIn;
  useEffect(() => {
    if (session.state !== 'known') return;
    if (!session.user && !atSignIn) navigate(signInPath(location), { replace: true });
    else if (session.user?.mustChangePassword && location !== paths.changePassword)
      navigate(paths.changePassword, { replace: true });
    else if (session.user && atSignIn) navigate(nextPath(location), { replace: true });
  }, [session, atSignIn, location]);

  async function signOut() {
    setSigningOut(true);
    setSignOutProblem(null);
    try {
      await api.signOut();
      navigate(paths.signIn);
      signedOut();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        navigate(paths.signIn);
        signedOut();
      } else {
        setSignOutProblem({ ...describeError(t, error).problem, message: t('app.signOutFailed') });
      }
    } finally {
      setSigningOut(false);
    }
  }

  function page() {
    if (session.state === 'checking') return <Loading />;
    if (session.state === 'failed') {
      return <LoadFailed error={session.error} retry={() => setCheck((n) => n + 1)} />;
    }
    if (!user)
      return atSignIn ? (
        <SignIn onSignedIn={(u) => setSession({ state: 'known', user: u })} />
      ) : null;
    if (atSignIn) return null;
    if (user.mustChangePassword)
      return (
        <ChangePassword
          required
          onChanged={() =>
            setSession({ state: 'known', user: { ...user, mustChangePassword: false } })
          }
        />
      );
    const adminOnly = (element: React.JSX.Element) =>
      user.role === 'admin' ? element : <Forbidden />;
    const editorsOnly = (element: React.JSX.Element) =>
      user.role === 'swd' ? <Forbidden /> : element;
    const swdOnly = (element: React.JSX.Element) => (user.role === 'swd' ? element : <Forbidden />);
    const designer = matchPath(patterns.designer, pathname);
    if (designer) return editorsOnly(<Designer id={designer.id!} version={Number(designer.v)} />);
    const review = matchPath(patterns.review, pathname);
    if (review) return swdOnly(<Review id={review.id!} version={Number(review.v)} />);
    const coordinatorOnly = (element: React.JSX.Element) =>
      user.role === 'coordinator' ? element : <Forbidden />;
    const activity = matchPath(patterns.activity, pathname);
    if (activity) return coordinatorOnly(<Activity id={activity.id!} />);
    // The page paths (/cases/import, say) come before the pattern in the switch below.
    const oneCase = Object.values(paths).includes(pathname as never)
      ? null
      : matchPath(patterns.case, pathname);
    if (oneCase) return coordinatorOnly(<Case id={oneCase.id!} />);
    const print = matchPath(patterns.print, pathname);
    if (print) return <PrintForm id={print.id!} version={Number(print.v)} />;
    const pack = matchPath(patterns.pack, pathname);
    if (pack) return <Pack unit={pack.unit!} fiscalYear={pack.fiscalYear!} />;
    switch (pathname) {
      case paths.home:
        return <Home />;
      case paths.changePassword:
        return <ChangePassword />;
      case paths.tokens:
        return <Tokens />;
      case paths.audit:
        return adminOnly(<Audit />);
      case paths.agreedLevels:
        return adminOnly(<AgreedLevels />);
      case paths.closureDays:
        return adminOnly(<ClosureDays />);
      case paths.users:
        return adminOnly(<Users />);
      case paths.operators:
        return adminOnly(<Operators />);
      case paths.questionnaires:
        return editorsOnly(<QuestionnaireList />);
      case paths.reviews:
        return swdOnly(<ReviewList />);
      case paths.reports:
        return user.role === 'admin' ? <Forbidden /> : <Reports />;
      case paths.territory:
        return user.role === 'admin' ? <Forbidden /> : <Territory />;
      case paths.trends:
        return user.role === 'admin' ? <Forbidden /> : <Trends />;
      case paths.activities:
        return coordinatorOnly(<ActivityList />);
      case paths.cases:
        return coordinatorOnly(<Cases />);
      case paths.serviceEvents:
        return coordinatorOnly(<ServiceEvents />);
      case paths.outputs:
        return user.role === 'admin' ? <Forbidden /> : <YearAtAGlance />;
      case paths.recordsImport:
        return coordinatorOnly(<RecordsImport />);
      default:
        return <NotFound />;
    }
  }

  return (
    <SessionContext.Provider value={user}>
      <Header
        user={user}
        location={location}
        onSignOut={() => void signOut()}
        signingOut={signingOut}
      />
      <main id="main" tabIndex={-1}>
        <ErrorSummary problem={signOutProblem} />
        <Suspense fallback={<Loading />}>
          <div key={pathname}>{page()}</div>
        </Suspense>
      </main>
    </SessionContext.Provider>
  );
}
