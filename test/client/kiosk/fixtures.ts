// Data for the kiosk's browser tests, made over HTTP against the real server as the demo users:
// an approved questionnaire in several languages, an activity and an open kiosk.
import { expect } from 'vitest';

const COORDINATOR = {
  email: 'coordinator@demo.example.org',
  password: 'demo-coordinator-password',
};
const SWD = { email: 'swd@demo.example.org', password: 'demo-swd-password' };

export type Api = (
  method: string,
  path: string,
  body?: unknown,
) => Promise<{ status: number; body: any }>;

/** Calls the API as a demo user (session cookie and Origin). */
export async function signedIn(
  url: string,
  who: { email: string; password: string },
): Promise<Api> {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify(who),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  return async (method, path, body) => {
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', origin: url, cookie },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: await res.json().catch(() => null) };
  };
}

/** The texts of the test questionnaire, per language. */
export const TEXTS: Record<
  string,
  { title: string; stress: string; family: string; comments: string }
> = {
  'zh-HK': {
    title: '服務使用者問卷',
    stress: '服務幫助我處理壓力。',
    family: '家庭關係改善了。',
    comments: '其他意見',
  },
  en: {
    title: 'Service users questionnaire',
    stress: 'The service helped me handle stress.',
    family: 'Family relationships improved.',
    comments: 'Other comments',
  },
  id: {
    title: 'Kuesioner pengguna layanan',
    stress: 'Layanan ini membantu saya mengatasi stres.',
    family: 'Hubungan keluarga membaik.',
    comments: 'Komentar lain',
  },
  ur: {
    title: 'سروس استعمال کنندگان کا سوالنامہ',
    stress: 'سروس نے مجھے دباؤ سے نمٹنے میں مدد دی۔',
    family: 'خاندانی تعلقات بہتر ہوئے۔',
    comments: 'دیگر تبصرے',
  },
  ne: {
    title: 'सेवा प्रयोगकर्ता प्रश्नावली',
    stress: 'सेवाले मलाई तनाव सम्हाल्न मद्दत गर्‍यो।',
    family: 'पारिवारिक सम्बन्ध सुध्रियो।',
    comments: 'अन्य टिप्पणी',
  },
};

const text = (locales: string[], key: 'title' | 'stress' | 'family' | 'comments') =>
  Object.fromEntries(locales.map((l) => [l, TEXTS[l]![key]]));

/** A SPeaR service-users questionnaire (standards 3 and 4) in the given languages. */
export function kioskDefinition(locales: string[], extra: object[] = []) {
  return {
    programme: 'SPEAR',
    population: 'service_users',
    locales,
    survey: {
      title: text(locales, 'title'),
      pages: [
        {
          name: 'p1',
          elements: [
            { type: 'likert', name: 'stress', outcomeStandard: 3, title: text(locales, 'stress') },
            { type: 'likert', name: 'family', outcomeStandard: 4, title: text(locales, 'family') },
            { type: 'comment', name: 'comments', title: text(locales, 'comments') },
            ...extra,
          ],
        },
      ],
    },
  };
}

/** The same questionnaire over two pages: the first scale question, then the rest. */
export function twoPageDefinition(locales: string[]) {
  const definition = kioskDefinition(locales);
  const [first, ...rest] = definition.survey.pages[0]!.elements;
  definition.survey.pages = [
    { name: 'p1', elements: [first!] },
    { name: 'p2', elements: rest },
  ];
  return definition;
}

/**
 * A ChildPRO children's questionnaire (standard 3, both scale items) showing its scale as faces,
 * as the designer starts one for children.
 */
export function childrenDefinition(locales: string[]) {
  const definition = kioskDefinition(locales);
  const elements = definition.survey.pages[0]!.elements.map((element) =>
    'outcomeStandard' in element ? { ...element, outcomeStandard: 3 } : element,
  );
  return {
    ...definition,
    programme: 'CHILDPRO',
    population: 'children',
    scoring: { '3': 'majority' },
    survey: { ...definition.survey, likertStyle: 'faces', pages: [{ name: 'p1', elements }] },
  };
}

/** An approved questionnaire, a support activity using it, and an open kiosk with a PIN. */
export async function openKiosk(
  url: string,
  locales: string[],
  pin = '246813',
  extra: object[] = [],
  definition: object = kioskDefinition(locales, extra),
  activityOf: { unit: string; kind: string } = { unit: 'DEMO-SPEAR', kind: 'support_activity' },
) {
  const coordinator = await signedIn(url, COORDINATOR);
  const swd = await signedIn(url, SWD);
  const created = await coordinator('POST', '/questionnaires', { definition });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.id as string;
  const submitted = await coordinator('POST', `/questionnaires/${id}/versions/1/submit`);
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  expect((await swd('POST', `/questionnaires/${id}/versions/1/approve`, {})).status).toBe(200);
  const activity = await coordinator('POST', '/activities', {
    ...activityOf,
    title: 'Family support group',
    date: new Date().toISOString().slice(0, 10),
    questionnaires: [{ id, version: 1 }],
  });
  expect(activity.status, JSON.stringify(activity.body)).toBe(201);
  const activityId = activity.body.id as string;
  const kiosk = await coordinator('POST', `/activities/${activityId}/kiosk`, { pin });
  expect(kiosk.status, JSON.stringify(kiosk.body)).toBe(201);
  return {
    activityId,
    questionnaireId: id,
    kioskPath: kiosk.body.url as string,
    pin,
    /** The responses stored for the activity, as the coordinator reads them. */
    responses: async () => {
      const res = await coordinator('GET', `/activities/${activityId}/responses`);
      expect(res.status).toBe(200);
      return res.body.items as {
        id: string;
        locale: string;
        answers: Record<string, unknown>;
        completedAt: string;
      }[];
    },
  };
}
