import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StatusMessage } from '../app/forms.tsx';
import { Loaded, PageHeading, useResource } from '../app/page.tsx';
import { Link, paths, pathTo, patterns } from '../app/router.tsx';
import { localised, useLanguage } from '../i18n/index.ts';
import { loadReferences, reviewApi, type QuestionnaireVersion, type References } from './api.ts';
import { Decision, type Outcome } from './Decision.tsx';
import { DecisionHistory } from './History.tsx';
import { ScoringRules } from './Scoring.tsx';
import { Languages, PreviewSection } from './Languages.tsx';
import { useNames } from './names.ts';
import { FirstVersionItems, VersionDiff } from './VersionDiff.tsx';
import './review.css';

interface ReviewData {
  current: QuestionnaireVersion;
  previous: QuestionnaireVersion | null;
  references: References;
}

/** SWD's review of one submitted version. */
export default function Review({ id, version }: { id: string; version: number }) {
  const { t } = useTranslation('review');
  const language = useLanguage();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const resource = useResource<ReviewData>(async () => {
    const [current, references] = await Promise.all([
      reviewApi.version(id, version),
      loadReferences(),
    ]);
    const previous =
      current.previousApproved === null
        ? null
        : await reviewApi.version(id, current.previousApproved);
    return { current, previous, references };
  });
  const heading =
    resource.state === 'ready'
      ? t('review.heading', {
          title: localised(resource.data.current.title, language, t('list.untitled')),
          version,
        })
      : t('review.loadingHeading', { version });
  return (
    <div className="review">
      <PageHeading>{heading}</PageHeading>
      <Loaded resource={resource}>
        {(data) => (
          <ReviewContent
            {...data}
            outcome={outcome}
            onDecided={(decided) => {
              setOutcome(decided);
              resource.reload();
            }}
            onReload={resource.reload}
          />
        )}
      </Loaded>
    </div>
  );
}

function ReviewContent({
  current,
  previous,
  references,
  outcome,
  onDecided,
  onReload,
}: ReviewData & {
  outcome: Outcome | null;
  onDecided: (outcome: Outcome) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation('review');
  const names = useNames(references);
  const printPath = pathTo(patterns.print, { id: current.questionnaire, v: current.version });
  return (
    <>
      <dl className="review-facts">
        <div>
          <dt>{t('review.status')}</dt>
          <dd>
            <span className={`badge status-${current.status}`}>
              {t(`statuses.${current.status}`)}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('review.operator')}</dt>
          <dd>{names.operator(current.operator)}</dd>
        </div>
        <div>
          <dt>{t('review.programme')}</dt>
          <dd>{names.programme(current.programme)}</dd>
        </div>
        <div>
          <dt>{t('review.population')}</dt>
          <dd>{names.population(current.programme, current.population)}</dd>
        </div>
        {current.submittedAt && (
          <div>
            <dt>{t('review.submitted')}</dt>
            <dd>{names.date(current.submittedAt)}</dd>
          </div>
        )}
        {current.decidedAt && (
          <div>
            <dt>{t('review.decided')}</dt>
            <dd>{names.date(current.decidedAt)}</dd>
          </div>
        )}
        {current.decisionReason && (
          <div>
            <dt>{t('review.reason')}</dt>
            <dd className="diff-text">{current.decisionReason}</dd>
          </div>
        )}
      </dl>
      <p>
        <Link to={printPath}>{t('review.print')}</Link>
      </p>

      <section className="panel content-hash" aria-labelledby="content-hash-heading">
        <h2 id="content-hash-heading">{t('review.contentHash')}</h2>
        <p>
          <code className="hash" aria-describedby="content-hash-note">
            {current.contentHash}
          </code>
        </p>
        <p id="content-hash-note">{t('review.contentHashNote')}</p>
      </section>

      <Languages version={current} names={names} />

      <ScoringRules version={current} names={names} />

      <section aria-labelledby="diff-heading">
        <h2 id="diff-heading">
          {previous ? t('diff.heading', { version: previous.version }) : t('first.heading')}
        </h2>
        {previous ? (
          <>
            <p>{t('diff.intro', { version: previous.version })}</p>
            <VersionDiff previous={previous} current={current} names={names} />
          </>
        ) : (
          <>
            <p>{t('first.intro')}</p>
            <FirstVersionItems current={current} names={names} />
          </>
        )}
      </section>

      <PreviewSection version={current} names={names} />

      <section aria-labelledby="decision-heading" className="decision">
        <h2 id="decision-heading">{t('decision.heading')}</h2>
        <StatusMessage>
          {outcome
            ? t(outcome === 'approved' ? 'decision.approved' : 'decision.rejected', {
                version: current.version,
              })
            : null}
        </StatusMessage>
        {current.status === 'submitted' ? (
          <Decision
            version={current}
            title={localised(current.title, names.language, t('list.untitled'))}
            operator={names.operator(current.operator)}
            onDecided={onDecided}
            onReload={onReload}
          />
        ) : (
          !outcome && (
            <p>{t('decision.notSubmitted', { status: t(`statusInline.${current.status}`) })}</p>
          )
        )}
      </section>

      <DecisionHistory key={`${current.status}`} questionnaire={current.questionnaire} />

      <p>
        <Link to={paths.reviews}>{t('review.back')}</Link>
      </p>
    </>
  );
}
