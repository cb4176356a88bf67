// One element of the paper form: a numbered question with boxes or lines to write on, a panel
// with its questions, or static text.
import type { ReactNode } from 'react';
import type { SurveyElement } from '../../server/domain/definition.ts';
import { LIKERT_VALUES, likertLabels } from '../../server/domain/likert.ts';
import { faceUrl } from '../survey/faces.ts';

/** A participant-visible text in one locale (a plain string is shown as it is). */
export function textIn(value: unknown, locale: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'object' || value === null) return '';
  const texts = value as Record<string, unknown>;
  const text = texts[locale] ?? texts['zh-HK'] ?? texts.en;
  return typeof text === 'string' ? text : '';
}

/** The text of static HTML, without its markup (paper has no links or styles). */
function htmlText(html: string): string {
  return new DOMParser().parseFromString(html, 'text/html').body.textContent?.trim() ?? '';
}

// A box drawn with a border, the same size and weight in every font and script: round where one
// answer is chosen (as forms conventionally show single choice), square where several may be.
const Box = ({ round = false }: { round?: boolean }) => (
  <span className={round ? 'paper-box paper-box-round' : 'paper-box'} aria-hidden="true" />
);

function Lines({ count }: { count: number }) {
  return (
    <div className="paper-lines" aria-hidden="true">
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="paper-line" />
      ))}
    </div>
  );
}

function Options({
  options,
  columns,
  several = false,
}: {
  options: ReactNode[];
  columns?: number;
  /** More than one may be ticked (square boxes); otherwise one (round). */
  several?: boolean;
}) {
  return (
    <ul
      className={columns ? 'paper-options paper-options-row' : 'paper-options'}
      style={columns ? { gridTemplateColumns: `repeat(${columns}, 1fr)` } : undefined}
    >
      {options.map((option, i) => (
        <li key={i}>
          <Box round={!several} /> <span>{option}</span>
        </li>
      ))}
    </ul>
  );
}

function choiceText(choice: unknown, locale: string): string {
  if (typeof choice === 'object' && choice !== null) {
    const { text, value } = choice as { text?: unknown; value?: unknown };
    return textIn(text, locale) || String(value ?? '');
  }
  return String(choice);
}

function ratingValues(element: SurveyElement, locale: string): string[] {
  if (Array.isArray(element.rateValues))
    return element.rateValues.map((value) => choiceText(value, locale));
  const min = typeof element.rateMin === 'number' ? element.rateMin : 1;
  const max = typeof element.rateMax === 'number' ? element.rateMax : 5;
  const step = typeof element.rateStep === 'number' && element.rateStep > 0 ? element.rateStep : 1;
  const values: string[] = [];
  for (let v = min; v <= max && values.length < 20; v += step) values.push(String(v));
  return values;
}

/** Where the participant answers, by question type. */
function Answer({
  element,
  locale,
  faces,
}: {
  element: SurveyElement;
  locale: string;
  faces: boolean;
}) {
  const text = (key: string) => textIn(element[key], locale);
  switch (element.type) {
    case 'likert': {
      const labels = likertLabels(locale);
      return (
        <ul className="paper-likert">
          {LIKERT_VALUES.map((value) => (
            <li key={value} className={`paper-likert-${value}`}>
              {/* The children's scale: the face above the words, which are still printed. */}
              {faces && <img className="paper-face" src={faceUrl(value)} alt="" />}
              <Box round />
              <span>{labels[value]}</span>
            </li>
          ))}
        </ul>
      );
    }
    case 'radiogroup':
    case 'checkbox':
    case 'dropdown': {
      const options = (element.choices ?? []).map((choice) => choiceText(choice, locale));
      const other = element.showOtherItem === true || element.hasOther === true;
      return (
        <>
          <Options options={options} several={element.type === 'checkbox'} />
          {other && (
            <div className="paper-other">
              <Box round={element.type !== 'checkbox'} /> <span>{text('otherText')}</span>{' '}
              <span className="paper-line paper-line-inline" />
            </div>
          )}
        </>
      );
    }
    case 'boolean':
      return (
        <Options options={[text('labelTrue') || '✓', text('labelFalse') || '✗']} columns={2} />
      );
    case 'rating': {
      const values = ratingValues(element, locale);
      return (
        <>
          <Options options={values} columns={values.length} />
          {(text('minRateDescription') || text('maxRateDescription')) && (
            <p className="paper-rating-ends">
              <span>{text('minRateDescription')}</span>
              <span>{text('maxRateDescription')}</span>
            </p>
          )}
        </>
      );
    }
    case 'text':
      return <Lines count={1} />;
    case 'comment':
      return <Lines count={typeof element.rows === 'number' ? Math.min(element.rows, 8) : 4} />;
    default:
      return <Lines count={2} />;
  }
}

/**
 * One element; `numbers` gives each question its number on the form; `faces` prints the
 * five-point scale with the children's faces (the definition's `likertStyle`).
 */
export function PaperElement({
  element,
  locale,
  numbers,
  faces = false,
}: {
  element: SurveyElement;
  locale: string;
  numbers: Map<SurveyElement, number>;
  faces?: boolean;
}) {
  const title = textIn(element.title, locale);
  const description = textIn(element.description, locale);
  if (element.type === 'html')
    return <p className="paper-static">{htmlText(textIn(element.html, locale))}</p>;
  if (element.type === 'panel')
    return (
      <section className="paper-panel">
        {title && <h3 className="paper-panel-title">{title}</h3>}
        {description && <p className="paper-description">{description}</p>}
        {(element.elements ?? []).map((child, i) => (
          <PaperElement key={i} element={child} locale={locale} numbers={numbers} faces={faces} />
        ))}
      </section>
    );
  const number = numbers.get(element);
  return (
    <div className="paper-question">
      <p className="paper-question-title">
        {number !== undefined && <span className="paper-number">{number}.</span>}{' '}
        {title || element.name}
      </p>
      {description && <p className="paper-description">{description}</p>}
      <Answer element={element} locale={locale} faces={faces} />
    </div>
  );
}
