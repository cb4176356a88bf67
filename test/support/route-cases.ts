import { randomUUID } from 'node:crypto';
import { answered, type Caller, type TestApp } from './app.ts';
import { activity, approvedQuestionnaire, kiosk, serviceUsersDefinition } from './factories.ts';

/** Free text planted in a response: no route may show it to SWD. */
export const FREE_TEXT = 'SENTINEL free text only the coordinator may read';
/** A case reference of operator A: no route may show it to SWD. */
export const CASE_REFERENCE = 'SENTINEL-CASE-77';

/**
 * Two operators, A and B, with a coordinator each, an admin and an SWD officer; operator A has
 * a questionnaire, an activity with a kiosk, a response with free text, a quarantined
 * submission and an API token. The ids are what CASES fill routes with.
 */
export async function routeFixtures(t: TestApp) {
  const admin = await t.user('admin');
  const swd = await t.user('swd');
  const operatorA = await t.operator();
  const operatorB = await t.operator();
  const own = await t.user('coordinator', operatorA);
  const other = await t.user('coordinator', operatorB);
  const q = await approvedQuestionnaire(t, own, swd, serviceUsersDefinition());
  const activityId = await activity(t, own, operatorA, [q]);
  const code = await kiosk(t, own, activityId);
  const responseId = randomUUID();
  const ownActivity = t.api(own).activities[':id'];
  await answered(
    ownActivity.responses.$post({
      param: { id: activityId },
      json: {
        id: responseId,
        questionnaire: q,
        locale: 'zh-HK',
        answers: { cope: 'agree', comments: FREE_TEXT },
        completedAt: new Date().toISOString(),
      },
    }),
    201,
  );
  // The kiosk route does not declare its body to the typed client: sent through t.call.
  await t.call('POST', `/kiosk/${code}/responses`, {
    body: {
      id: randomUUID(),
      questionnaire: q,
      locale: 'zh-HK',
      answers: { cope: 'maybe', comments: FREE_TEXT },
      completedAt: new Date().toISOString(),
    },
  });
  const param = { id: activityId };
  const quarantine = (await answered(ownActivity.quarantine.$get({ param, query: {} }), 200))
    .items[0]!.id;
  const kioskId = (await answered(ownActivity.$get({ param }), 200)).kiosks[0]!.id;
  const token = await answered(t.api(own).tokens.$post({ json: { name: 'matrix' } }), 201);
  const caseId = (
    await answered(
      t.api(own).cases.$post({
        json: {
          unit: `${operatorA}-S`,
          reference: CASE_REFERENCE,
          category: 'abuser',
          referredOn: '2026-05-04',
          referralSource: 'social_worker',
        },
      }),
      201,
    )
  ).id;
  const enrolmentId = (
    await answered(
      t.api(own).cases[':id'].enrolments.$post({
        param: { id: caseId },
        json: { programme: 'learning_6h', module: 'basic' },
      }),
      201,
    )
  ).id;
  const fixtures: Record<string, string> = {
    operatorA,
    operatorB,
    questionnaire: q.id,
    activityId,
    code,
    responseId,
    quarantine,
    kioskId,
    tokenId: token.id,
    user: own.user!.id,
    caseId,
    enrolmentId,
  };
  return { admin, swd, own, other, fixtures };
}

/** A request: its path, and a JSON body or a file (sent as it is, with its content type). */
export type Case = { path: string; body?: unknown; file?: { type: string; content: string } };
/** A concrete request per route, aimed at operator A's records. */
export const CASES: Record<string, (f: Record<string, string>) => Case> = {
  'GET /health': () => ({ path: '/health' }),
  'POST /auth/login': () => ({
    path: '/auth/login',
    body: { email: 'nobody@x.example', password: 'wrong password' },
  }),
  'POST /auth/logout': () => ({ path: '/auth/logout' }),
  'GET /auth/me': () => ({ path: '/auth/me' }),
  'POST /auth/password': () => ({
    path: '/auth/password',
    body: { currentPassword: 'wrong password', newPassword: 'another long password' },
  }),
  'POST /tokens': () => ({ path: '/tokens', body: { name: 'x' } }),
  'GET /tokens': () => ({ path: '/tokens' }),
  'DELETE /tokens/{id}': (f) => ({ path: `/tokens/${f.tokenId}` }),
  'GET /users': () => ({ path: '/users' }),
  'POST /users': () => ({
    path: '/users',
    body: { email: 'matrix@x.example', password: 'a long password!', role: 'swd' },
  }),
  'PATCH /users/{id}': (f) => ({ path: `/users/${f.user}`, body: { disabled: true } }),
  'POST /users/{id}/password': (f) => ({
    path: `/users/${f.user}/password`,
    body: { password: 'a one-time password' },
  }),
  'GET /operators': () => ({ path: '/operators' }),
  'GET /operators/{code}': (f) => ({ path: `/operators/${f.operatorA}` }),
  'POST /operators': () => ({
    path: '/operators',
    body: { code: 'MATRIX', name: { en: 'x', 'zh-HK': 'x' }, units: [] },
  }),
  'PATCH /operators/{code}': (f) => ({
    path: `/operators/${f.operatorA}`,
    body: { name: { en: 'taken', 'zh-HK': 'taken' } },
  }),
  'PATCH /operators/{code}/units/{unit}': (f) => ({
    path: `/operators/${f.operatorA}/units/${f.operatorA}-S`,
    body: { region: 'B' },
  }),
  'GET /programmes': () => ({ path: '/programmes' }),
  'PATCH /programmes/{code}/standards/{number}': () => ({
    path: '/programmes/SPEAR/standards/1',
    body: { agreedPercent: 1, fromFiscalYear: 2099 },
  }),
  'GET /districts': () => ({ path: '/districts' }),
  'GET /audit': () => ({ path: '/audit?limit=100' }),
  'POST /audit/verification': () => ({ path: '/audit/verification' }),
  'GET /questionnaires/{id}/decisions': (f) => ({
    path: `/questionnaires/${f.questionnaire}/decisions`,
  }),
  'GET /questionnaire-templates': () => ({ path: '/questionnaire-templates' }),
  'POST /questionnaires/check': () => ({ path: '/questionnaires/check', body: { definition: {} } }),
  'GET /questionnaires': () => ({ path: '/questionnaires?status=submitted' }),
  'GET /questionnaires/{id}': (f) => ({ path: `/questionnaires/${f.questionnaire}` }),
  'POST /questionnaires': (f) => ({
    path: '/questionnaires',
    body: { operator: f.operatorA, template: 'spear-service-users' },
  }),
  'GET /questionnaires/{id}/versions/{v}': (f) => ({
    path: `/questionnaires/${f.questionnaire}/versions/1`,
  }),
  'PUT /questionnaires/{id}/versions/{v}': (f) => ({
    path: `/questionnaires/${f.questionnaire}/versions/1`,
    body: { definition: serviceUsersDefinition() },
  }),
  'POST /questionnaires/{id}/versions': (f) => ({
    path: `/questionnaires/${f.questionnaire}/versions`,
    body: {},
  }),
  'POST /questionnaires/{id}/versions/{v}/translations': (f) => ({
    path: `/questionnaires/${f.questionnaire}/versions/1/translations`,
    body: { locale: 'en', confirm: true },
  }),
  'POST /questionnaires/{id}/versions/{v}/submit': (f) => ({
    path: `/questionnaires/${f.questionnaire}/versions/1/submit`,
  }),
  'POST /questionnaires/{id}/versions/{v}/approve': (f) => ({
    path: `/questionnaires/${f.questionnaire}/versions/1/approve`,
    body: {},
  }),
  'POST /questionnaires/{id}/versions/{v}/reject': (f) => ({
    path: `/questionnaires/${f.questionnaire}/versions/1/reject`,
    body: { reason: 'no' },
  }),
  'POST /questionnaires/{id}/versions/{v}/retire': (f) => ({
    path: `/questionnaires/${f.questionnaire}/versions/1/retire`,
  }),
  'GET /questionnaires/{id}/versions/{v}/export': (f) => ({
    path: `/questionnaires/${f.questionnaire}/versions/1/export?format=fsa`,
  }),
  'GET /questionnaires/{id}/versions/{v}/translations.xlsx': (f) => ({
    path: `/questionnaires/${f.questionnaire}/versions/1/translations.xlsx?locales=en`,
  }),
  'GET /questionnaires/{id}/versions/{v}/translations.xlf': (f) => ({
    path: `/questionnaires/${f.questionnaire}/versions/1/translations.xlf?locale=en`,
  }),
  'POST /questionnaires/{id}/versions/{v}/translations/import': (f) => ({
    path: `/questionnaires/${f.questionnaire}/versions/1/translations/import`,
    body: { xliff: '<xliff/>', dryRun: true },
  }),
  'POST /activities': (f) => ({
    path: '/activities',
    body: {
      unit: `${f.operatorA}-S`,
      kind: 'support_activity',
      title: 'x',
      date: '2026-05-14',
      questionnaires: [],
    },
  }),
  'GET /activities': () => ({ path: '/activities' }),
  'GET /activities/{id}': (f) => ({ path: `/activities/${f.activityId}` }),
  'POST /activities/{id}/kiosk': (f) => ({ path: `/activities/${f.activityId}/kiosk`, body: {} }),
  'POST /activities/{id}/responses': (f) => ({
    path: `/activities/${f.activityId}/responses`,
    body: {
      id: randomUUID(),
      questionnaire: { id: f.questionnaire, version: 1 },
      locale: 'zh-HK',
      answers: {},
      completedAt: new Date().toISOString(),
    },
  }),
  'GET /activities/{id}/responses': (f) => ({ path: `/activities/${f.activityId}/responses` }),
  'POST /activities/{id}/kiosks/{kioskId}/close': (f) => ({
    path: `/activities/${f.activityId}/kiosks/${f.kioskId}/close`,
  }),
  'GET /kiosk/{code}': (f) => ({ path: `/kiosk/${f.code}` }),
  'POST /kiosk/{code}/responses': (f) => ({
    path: `/kiosk/${f.code}/responses`,
    body: {
      id: randomUUID(),
      questionnaire: { id: f.questionnaire, version: 1 },
      locale: 'zh-HK',
      answers: {},
      completedAt: new Date().toISOString(),
    },
  }),
  'POST /kiosk/{code}/close': (f) => ({ path: `/kiosk/${f.code}/close` }),
  // No PIN: a wrong one would be 403 by design (test/server/kiosk/pin.test.ts covers it).
  'POST /kiosk/{code}/staff-check': (f) => ({ path: `/kiosk/${f.code}/staff-check`, body: {} }),
  'GET /responses.xlsx': () => ({ path: '/responses.xlsx' }),
  'GET /responses.csv': () => ({ path: '/responses.csv' }),
  'GET /activities/{id}/analysis.zip': (f) => ({
    path: `/activities/${f.activityId}/analysis.zip?locale=en`,
  }),
  'GET /analysis.zip': () => ({ path: '/analysis.zip?fiscalYear=2026' }),
  'POST /responses/{id}/void': (f) => ({
    path: `/responses/${f.responseId}/void`,
    body: { reason: 'x' },
  }),
  'GET /activities/{id}/quarantine': (f) => ({ path: `/activities/${f.activityId}/quarantine` }),
  'POST /quarantine/{id}/accept': (f) => ({ path: `/quarantine/${f.quarantine}/accept` }),
  'POST /quarantine/{id}/discard': (f) => ({
    path: `/quarantine/${f.quarantine}/discard`,
    body: { reason: 'x' },
  }),
  'GET /outcomes': (f) => ({
    path: `/outcomes?programme=SPEAR&fiscalYear=2026&operator=${f.operatorA}`,
  }),
  'GET /home': () => ({ path: '/home' }),
  'GET /outcomes.csv': (f) => ({
    path: `/outcomes.csv?programme=SPEAR&fiscalYear=2026&operator=${f.operatorA}`,
  }),
  'GET /outcomes.xlsx': (f) => ({
    path: `/outcomes.xlsx?programme=SPEAR&fiscalYear=2026&operator=${f.operatorA}`,
  }),
  'GET /outcomes/quarters': (f) => ({
    path: `/outcomes/quarters?programme=SPEAR&fiscalYear=2026&operator=${f.operatorA}`,
  }),
  'GET /outcomes/table': (f) => ({
    path: `/outcomes/table?programme=SPEAR&fiscalYear=2026&operator=${f.operatorA}`,
  }),
  'GET /outcomes/breakdown': (f) => ({
    path: `/outcomes/breakdown?programme=SPEAR&fiscalYear=2026&operator=${f.operatorA}&standard=3`,
  }),
  'GET /outcomes/territory': (f) => ({
    path: `/outcomes/territory?programme=SPEAR&fiscalYear=2026&operator=${f.operatorA}`,
  }),
  'GET /outcomes/territory.csv': (f) => ({
    path: `/outcomes/territory.csv?programme=SPEAR&fiscalYear=2026&operator=${f.operatorA}`,
  }),
  'GET /outcomes/territory.xlsx': (f) => ({
    path: `/outcomes/territory.xlsx?programme=SPEAR&fiscalYear=2026&operator=${f.operatorA}`,
  }),
  'GET /outcomes/trends': (f) => ({
    path: `/outcomes/trends?programme=SPEAR&fiscalYear=2026&operator=${f.operatorA}`,
  }),
  'GET /outcomes/funnel': (f) => ({
    path: `/outcomes/funnel?programme=SPEAR&fiscalYear=2026&operator=${f.operatorA}&standard=1`,
  }),
  'GET /units/{code}/pack/{fiscalYear}': (f) => ({ path: `/units/${f.operatorA}-S/pack/2026` }),
  'GET /units/{code}/pack/{fiscalYear}/pack.xlsx': (f) => ({
    path: `/units/${f.operatorA}-S/pack/2026/pack.xlsx`,
  }),
  'PUT /units/{code}/pack/{fiscalYear}/explanations/{standard}': (f) => ({
    path: `/units/${f.operatorA}-S/pack/2026/explanations/outcome-1`,
    body: { explanation: 'x', actionPlan: 'y' },
  }),
  'POST /cases': (f) => ({
    path: '/cases',
    body: {
      unit: `${f.operatorA}-S`,
      reference: 'MATRIX-1',
      category: 'abuser',
      referredOn: '2026-05-04',
      referralSource: 'self',
    },
  }),
  'GET /cases': () => ({ path: '/cases?fiscalYear=2026' }),
  'GET /cases/{id}': (f) => ({ path: `/cases/${f.caseId}` }),
  'POST /cases/{id}/contacts': (f) => ({
    path: `/cases/${f.caseId}/contacts`,
    body: { date: '2026-05-05', means: 'phone_call' },
  }),
  'POST /cases/{id}/enrolments': (f) => ({
    path: `/cases/${f.caseId}/enrolments`,
    body: { programme: 'learning_6h', module: 'advanced' },
  }),
  'PATCH /cases/{id}/enrolments/{enrolmentId}': (f) => ({
    path: `/cases/${f.caseId}/enrolments/${f.enrolmentId}`,
    body: { endedOn: '2026-06-01' },
  }),
  'POST /cases/{id}/enrolments/{enrolmentId}/sessions': (f) => ({
    path: `/cases/${f.caseId}/enrolments/${f.enrolmentId}/sessions`,
    body: { date: '2026-05-20', hours: 0.5 },
  }),
  'POST /cases/{id}/referrals': (f) => ({
    path: `/cases/${f.caseId}/referrals`,
    body: { date: '2026-05-21', service: 'crisis_intervention', means: 'written' },
  }),
  'POST /service-events': (f) => ({
    path: '/service-events',
    body: {
      unit: `${f.operatorA}-S`,
      kind: 'promotion',
      date: '2026-05-14',
      sessions: 1,
      participants: null,
      form: 'group',
      openEvent: true,
    },
  }),
  'GET /service-events': () => ({ path: '/service-events?fiscalYear=2026' }),
  'GET /outputs': (f) => ({
    path: `/outputs?programme=SPEAR&fiscalYear=2026&operator=${f.operatorA}`,
  }),
  'GET /outputs.csv': (f) => ({
    path: `/outputs.csv?programme=SPEAR&fiscalYear=2026&operator=${f.operatorA}`,
  }),
  'GET /outputs.xlsx': (f) => ({
    path: `/outputs.xlsx?programme=SPEAR&fiscalYear=2026&operator=${f.operatorA}`,
  }),
  'POST /case-imports/{kind}': (f) => ({
    path: '/case-imports/cases',
    file: {
      type: 'text/csv',
      content: `unit,reference,category,referredOn,referralSource\r\n${f.operatorA}-S,MATRIX-IMPORT-1,abuser,2026-05-04,self\r\n`,
    },
  }),
  'GET /case-imports/{kind}/template.csv': () => ({ path: '/case-imports/cases/template.csv' }),
  'GET /case-imports/{kind}/template.xlsx': () => ({
    path: '/case-imports/attendance/template.xlsx',
  }),
  'GET /programmes/{code}/output-standards': () => ({ path: '/programmes/SPEAR/output-standards' }),
  'PATCH /programmes/{code}/output-standards/{number}': () => ({
    path: '/programmes/SPEAR/output-standards/1',
    body: { agreedLevel: 1, fromFiscalYear: 2099 },
  }),
  'GET /closure-days': () => ({ path: '/closure-days' }),
  'PUT /closure-days/{date}': () => ({
    path: '/closure-days/2099-09-15',
    body: { reason: 'typhoon_8' },
  }),
  'DELETE /closure-days/{date}': () => ({ path: '/closure-days/2099-09-16' }),
  'PUT /units/{code}/no-refusal/{fiscalYear}': (f) => ({
    path: `/units/${f.operatorA}-S/no-refusal/2026`,
    body: { declared: true },
  }),
};
