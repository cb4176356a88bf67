import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StatusMessage } from '../app/forms.tsx';
import { LoadFailed, Loading, PageHeading } from '../app/page.tsx';
import { localised, useLanguage } from '../i18n/index.ts';
import { designerApi, type ProgrammeRules, type QuestionnaireVersion } from './api.ts';
import { DraftEditor } from './DraftEditor.tsx';
import { ReadOnlyVersion } from './ReadOnlyVersion.tsx';
import { VersionHeader } from './VersionHeader.tsx';
import './designer.css';

type Loaded =
  | { state: 'loading' }
  | { state: 'failed'; error: unknown }
  | { state: 'ready'; version: QuestionnaireVersion; programmes: ProgrammeRules[] };

/** The designer of one questionnaire version: a draft is edited, any other version is read. */
export default function Designer({ id, version }: { id: string; version: number }) {
  const { t } = useTranslation('designer');
  const language = useLanguage();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [found, programmes] = await Promise.all([
        designerApi.version(id, version),
        designerApi.programmes(),
      ]);
      setLoaded({ state: 'ready', version: found, programmes: programmes.items });
    } catch (error) {
      setLoaded({ state: 'failed', error });
    }
  }, [id, version]);

  useEffect(() => {
    void load();
  }, [load]);

  const setVersion = useCallback(
    (next: QuestionnaireVersion) =>
      setLoaded((current) => (current.state === 'ready' ? { ...current, version: next } : current)),
    [],
  );

  const title =
    loaded.state === 'ready'
      ? localised(loaded.version.definition.survey?.title ?? loaded.version.title, language) ||
        t('untitled')
      : t('designerTitle');

  return (
    <div className="designer">
      <PageHeading>{title}</PageHeading>
      <StatusMessage>{notice}</StatusMessage>
      {loaded.state === 'loading' && <Loading />}
      {loaded.state === 'failed' && <LoadFailed error={loaded.error} retry={() => void load()} />}
      {loaded.state === 'ready' && (
        <>
          <VersionHeader version={loaded.version} programmes={loaded.programmes} />
          {loaded.version.status === 'draft' ? (
            <DraftEditor
              key={`${id}/${version}`}
              saved={loaded.version}
              programmes={loaded.programmes}
              onSaved={setVersion}
              onSubmitted={() => {
                setNotice(t('submit.done', { version }));
                void load();
              }}
            />
          ) : (
            <ReadOnlyVersion
              version={loaded.version}
              programmes={loaded.programmes}
              onChanged={(message) => {
                setNotice(message);
                void load();
              }}
            />
          )}
        </>
      )}
    </div>
  );
}
