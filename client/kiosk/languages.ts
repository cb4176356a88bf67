// The kiosk's languages as the chooser names them, with no i18next: the first screen's small
// file paints the chooser with these (firstPaint.ts) before the rest of the kiosk has arrived.
import { RTL_LOCALES, SUPPORTED_LOCALES, type LocaleCode } from '../../server/domain/definition.ts';

/** The language the kiosk speaks before a participant chooses (SWD approves in it). */
export const DEFAULT_LOCALE: LocaleCode = 'zh-HK';

/** Each language's name in its own script, as the chooser shows it. */
export const NATIVE_NAMES: Readonly<Record<LocaleCode, string>> = {
  'zh-HK': '繁體中文',
  en: 'English',
  id: 'Bahasa Indonesia',
  tl: 'Tagalog',
  th: 'ไทย',
  hi: 'हिन्दी',
  ne: 'नेपाली',
  pa: 'ਪੰਜਾਬੀ',
  ur: 'اردو',
  vi: 'Tiếng Việt',
};

/**
 * Each language's invitation in its own language and script, under its name on the chooser: a
 * participant who reads only that language still knows the button is for them. The Chinese and
 * English are checked; the others were drafted without a native speaker (as were this file's
 * other strings added with them: the blank-form dialog in locales/*.json) and need checking by
 * one before a kiosk is used with that community.
 */
export const INVITATIONS: Readonly<Record<LocaleCode, string>> = {
  'zh-HK': '請按這裏用中文填寫',
  en: 'Tap here for English',
  id: 'Ketuk di sini untuk Bahasa Indonesia', // drafted, to be checked
  tl: 'Pindutin dito para sa Tagalog', // drafted, to be checked
  th: 'แตะที่นี่เพื่อใช้ภาษาไทย', // drafted, to be checked
  hi: 'हिन्दी के लिए यहाँ दबाएँ', // drafted, to be checked
  ne: 'नेपालीका लागि यहाँ थिच्नुहोस्', // drafted, to be checked
  pa: 'ਪੰਜਾਬੀ ਲਈ ਇੱਥੇ ਦਬਾਓ', // drafted, to be checked
  ur: 'اردو کے لیے یہاں دبائیں', // drafted, to be checked
  vi: 'Chạm vào đây để dùng tiếng Việt', // drafted, to be checked
};

/**
 * The staff button's label, in the staff's two languages whatever the participant chose: it is
 * for staff, and an Urdu-speaking helper or an English-speaking visitor must find it too.
 */
export const STAFF_LABEL: readonly { lang: LocaleCode; text: string }[] = [
  { lang: 'zh-HK', text: '職員' },
  { lang: 'en', text: 'Staff' },
];

export const isLocale = (code: string): code is LocaleCode =>
  (SUPPORTED_LOCALES as readonly string[]).includes(code);

/** 'rtl' for right-to-left languages (Urdu), else 'ltr'. */
export const directionOf = (code: string): 'rtl' | 'ltr' =>
  RTL_LOCALES.includes(code as LocaleCode) ? 'rtl' : 'ltr';
