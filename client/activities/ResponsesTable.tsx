import { Fragment, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StatusMessage } from '../app/forms.tsx';
import { Loaded, useResource } from '../app/page.tsx';
import { useLanguage } from '../i18n/index.ts';
import { activitiesApi, type Activity, type StoredResponse } from './api.ts';
import { ReasonForm } from './ReasonForm.tsx';
import { ResponseAnswers } from './ResponseAnswers.tsx';
import { ResponseDownloads } from './ResponseDownloads.tsx';
import { answeredCount, formatInstant, languageName, questionnaireLabel } from './names.ts';

/**
 * The activity's responses, newest first: each can be read (its answers in the questionnaire's
 * words) and voided; the activity's and its year's responses can be downloaded.
 */
export function ResponsesTable({
  activity,
  version,
  onChanged,
}: {
  activity: Activity;
  /** Changes when responses were added elsewhere on the page: the list is loaded again. */
  version: number;
  onChanged: () => void;
}) {
  const { t } = useTranslation('activities');
  const resource = useResource(() => activitiesApi.responses(activity.id));
  const { reload } = resource;
  const [voided, setVoided] = useState(false);
  useEffect(() => {
    if (version > 0) reload();
  }, [version, reload]);
  return (
    <section aria-labelledby="responses-heading" className="panel">
      <h2 id="responses-heading">{t('responses.heading')}</h2>
      <StatusMessage>{voided ? t('responses.wasVoided') : null}</StatusMessage>
      <Loaded resource={resource}>
        {({ items }) => (
          <ResponseRows
            activity={activity}
            responses={items}
            onVoided={() => {
              setVoided(true);
              reload();
              onChanged();
            }}
            onStart={() => setVoided(false)}
          />
        )}
      </Loaded>
      <ResponseDownloads activity={activity} />
    </section>
  );
}

function ResponseRows({
  activity,
  responses,
  onVoided,
  onStart,
}: {
  activity: Activity;
  responses: StoredResponse[];
  onVoided: () => void;
  onStart: () => void;
}) {
  const { t } = useTranslation('activities');
  const language = useLanguage();
  const [voiding, setVoiding] = useState<string | null>(null);
  const [refocus, setRefocus] = useState<string | null>(null);
  const [reading, setReading] = useState<ReadonlySet<string>>(new Set());
  const toggleReading = (id: string) =>
    setReading((open) => {
      const next = new Set(open);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  useEffect(() => {
    if (refocus && voiding === null) document.getElementById(`void-${refocus}`)?.focus();
  }, [refocus, voiding]);

  if (!responses.length) return <p>{t('responses.none')}</p>;
  const sorted = [...responses].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  const counting = responses.filter((r) => !r.voided).length;
  const questionnaireName = (ref: StoredResponse['questionnaire']) => {
    const found = activity.questionnaires.find((q) => q.id === ref.id && q.version === ref.version);
    return found ? questionnaireLabel(t, found, language) : `${ref.id} v${ref.version}`;
  };
  return (
    <div className="table-scroll">
      <table>
        <caption>{t('responses.caption', { count: responses.length, counting })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('responses.completedAtHongKong')}</th>
            <th scope="col">{t('responses.questionnaire')}</th>
            <th scope="col">{t('responses.language')}</th>
            <th scope="col">{t('responses.source')}</th>
            <th scope="col" className="numeric">
              {t('responses.answered')}
            </th>
            <th scope="col">{t('responses.state')}</th>
            <th scope="col">{t('responses.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((response) => {
            const completed = formatInstant(response.completedAt, language);
            const open = reading.has(response.id);
            return (
              <Fragment key={response.id}>
                <tr className={response.voided ? 'voided' : undefined}>
                  <th scope="row">{completed}</th>
                  <td>{questionnaireName(response.questionnaire)}</td>
                  <td>{languageName(t, response.locale)}</td>
                  <td>{t(`responses.sources.${response.source}`)}</td>
                  <td className="numeric">{answeredCount(response.answers)}</td>
                  <td>
                    {response.voided ? (
                      <>
                        <span className="badge badge-off">{t('responses.void')}</span>
                        {response.voidReason && (
                          <span className="void-reason">
                            {t('responses.voidReason', { reason: response.voidReason })}
                          </span>
                        )}
                      </>
                    ) : (
                      <span className="badge badge-on">{t('responses.counts')}</span>
                    )}
                  </td>
                  <td className="response-actions">
                    <button
                      type="button"
                      aria-expanded={open}
                      aria-controls={`answers-${response.id}`}
                      onClick={() => toggleReading(response.id)}
                    >
                      {open ? t('responses.read.hide') : t('responses.read.show')}
                      <span className="visually-hidden">
                        {' '}
                        {t('responses.voidWhich', { time: completed })}
                      </span>
                    </button>{' '}
                    {response.voided ? null : voiding === response.id ? (
                      <ReasonForm
                        id={`void-reason-${response.id}`}
                        className="confirm void-form"
                        texts={{
                          prompt: t('responses.confirmVoid'),
                          label: t('responses.reason'),
                          required: t('responses.reasonRequired'),
                          confirm: t('responses.confirmYes'),
                          cancel: t('responses.confirmNo'),
                        }}
                        act={(reason) => activitiesApi.voidResponse(response.id, reason)}
                        onDone={() => {
                          setVoiding(null);
                          onVoided();
                        }}
                        onCancel={() => {
                          setVoiding(null);
                          setRefocus(response.id);
                        }}
                      />
                    ) : (
                      <button
                        type="button"
                        id={`void-${response.id}`}
                        onClick={() => {
                          onStart();
                          setRefocus(null);
                          setVoiding(response.id);
                        }}
                      >
                        {t('responses.voidAction')}
                        <span className="visually-hidden">
                          {' '}
                          {t('responses.voidWhich', { time: completed })}
                        </span>
                      </button>
                    )}
                  </td>
                </tr>
                {open && (
                  <tr id={`answers-${response.id}`} className="response-answers-row">
                    <td colSpan={7}>
                      <ResponseAnswers response={response} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
