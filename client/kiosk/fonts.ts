// The kiosk's fonts, served by the app itself (never a CDN): a tablet may have none for
// Chinese, Devanagari, Gurmukhi, Thai or Urdu. Each @font-face has a unicode-range, so the
// browser fetches only the files for the characters on screen (the packages' per-script CSS
// files lack unicode-range, so the whole-family ones are imported). The build keeps only the
// subsets the ten languages need (vite.config.ts, kioskFonts). Imported from script rather than
// with CSS @import, which Vite would inline before that filter could see it. Loaded once the
// first screen is painted (warm.ts): its stylesheet (two hundred @font-face rules, most of them
// Chinese slices) and the font files would otherwise hold up the first paint or compete with its
// code for a slow network. Which family each language uses is in fonts.css, on the first path.
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/700.css';
import '@fontsource/noto-sans-tc/400.css';
import '@fontsource/noto-sans-tc/700.css';
import '@fontsource/noto-sans-devanagari/400.css';
import '@fontsource/noto-sans-devanagari/700.css';
import '@fontsource/noto-sans-gurmukhi/400.css';
import '@fontsource/noto-sans-gurmukhi/700.css';
import '@fontsource/noto-sans-thai/400.css';
import '@fontsource/noto-sans-thai/700.css';
import '@fontsource/noto-nastaliq-urdu/400.css';
import '@fontsource/noto-nastaliq-urdu/700.css';
