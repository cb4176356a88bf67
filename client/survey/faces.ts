// The children's scale: five faces from very happy (strongly agree) to very sad (strongly
// disagree), the neutral face for "no opinion". Drawn once here for the kiosk and the paper form;
// always shown with the choice's words (screen readers and readers of the paper read those).
import type { CSSProperties } from 'react';
import { LIKERT_VALUES, type LikertValue } from '../../server/domain/likert.ts';
import './faces.css';

const INK = '#1f2a33';

// Each face: its colour (lighter towards sad, but the mouth alone tells them apart, in print
// and for colour-blind children) and its mouth.
const FACES: Record<LikertValue, { fill: string; mouth: string }> = {
  strongly_agree: {
    fill: '#9ed67a',
    mouth: `<path d="M17 36 Q32 56 47 36 Z" fill="${INK}"/>`,
  },
  agree: {
    fill: '#cfe79a',
    mouth: `<path d="M20 39 Q32 50 44 39" fill="none" stroke="${INK}" stroke-width="3.5" stroke-linecap="round"/>`,
  },
  no_opinion: {
    fill: '#ffe28a',
    mouth: `<path d="M21 43 H43" stroke="${INK}" stroke-width="3.5" stroke-linecap="round"/>`,
  },
  disagree: {
    fill: '#ffc27a',
    mouth: `<path d="M20 47 Q32 37 44 47" fill="none" stroke="${INK}" stroke-width="3.5" stroke-linecap="round"/>`,
  },
  strongly_disagree: {
    fill: '#f59a8f',
    mouth: `<path d="M18 50 Q32 33 46 50" fill="none" stroke="${INK}" stroke-width="4" stroke-linecap="round"/><path d="M44 30 q3 6 0 8 q-3 -2 0 -8 Z" fill="#3b82c4"/>`,
  },
};

/** One face as SVG markup (64 × 64). */
export function faceSvg(value: LikertValue): string {
  const { fill, mouth } = FACES[value];
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">` +
    `<circle cx="32" cy="32" r="29" fill="${fill}" stroke="${INK}" stroke-width="3"/>` +
    `<circle cx="23" cy="25" r="3.5" fill="${INK}"/><circle cx="41" cy="25" r="3.5" fill="${INK}"/>` +
    `${mouth}</svg>`
  );
}

/** One face as a data: URL, for an <img> or a CSS background (the CSP allows data: images). */
export function faceUrl(value: LikertValue): string {
  return `data:image/svg+xml,${encodeURIComponent(faceSvg(value))}`;
}

/**
 * The faces as CSS custom properties (`--face-agree`), set on the element holding a form whose
 * five-point items carry the `likert-faces` class (faces.css).
 */
export const FACE_VARIABLES = Object.fromEntries(
  LIKERT_VALUES.map((value) => [`--face-${value}`, `url("${faceUrl(value)}")`]),
) as CSSProperties;
