// Read aloud: a question's text and choices spoken by the tablet itself (the Web Speech API's
// speechSynthesis), in the form's language, only with a voice that runs on the tablet: a voice
// whose `localService` is false sends the text to a server, so it is never used.
import type { LocaleCode } from '../../server/domain/definition.ts';

// The voice languages that speak each of ours (BCP 47, compared case-insensitively). Chinese is
// Cantonese only: a Mandarin voice reading a Hong Kong form would mislead, so zh-CN does not count.
const VOICE_LANGUAGES: Record<LocaleCode, string[]> = {
  'zh-HK': ['zh-hk', 'yue'],
  en: ['en'],
  id: ['id', 'in'],
  tl: ['tl', 'fil'],
  th: ['th'],
  hi: ['hi'],
  ne: ['ne'],
  pa: ['pa'],
  ur: ['ur'],
  vi: ['vi'],
};

const synthesis = (): SpeechSynthesis | undefined =>
  typeof speechSynthesis === 'undefined' ? undefined : speechSynthesis;

/** The tablet's own voice for `locale`, or null where it has none (the button is then hidden). */
export function voiceFor(locale: LocaleCode): SpeechSynthesisVoice | null {
  const wanted = VOICE_LANGUAGES[locale];
  const voices = synthesis()?.getVoices() ?? [];
  const speaks = (voice: SpeechSynthesisVoice) => {
    const lang = voice.lang.replace(/_/g, '-').toLowerCase();
    return wanted.some((w) => lang === w || lang.startsWith(`${w}-`));
  };
  return voices.find((voice) => voice.localService && speaks(voice)) ?? null;
}

/** Speaks `text` with `voice`, stopping whatever was being read before. */
export function speak(text: string, voice: SpeechSynthesisVoice): void {
  const speech = synthesis();
  if (!speech) return;
  speech.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.voice = voice;
  utterance.lang = voice.lang;
  speech.speak(utterance);
}

/** Stops reading (the form closed: its words must not go on after the participant has left). */
export function stopSpeaking(): void {
  synthesis()?.cancel();
}

// Browsers load their voices lazily: asking now, while the chooser is on screen (this module
// comes with the form library), has them listed by the time a form opens.
synthesis()?.getVoices();
