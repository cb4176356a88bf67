// Talking to a server running as its own process (fault tests, benchmarks), as the demo users.

/** Signs in over HTTP; returns a caller that sends the cookie and the Origin on every request. */
export async function remoteUser(base: string, origin: string, email: string, password: string) {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ email, password }),
  });
  if (login.status !== 200) throw new Error(`sign-in as ${email}: ${login.status}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  return {
    cookie,
    async post(path: string, body: unknown = {}) {
      const res = await fetch(`${base}/api/v1${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin, cookie },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json();
    },
  };
}

/**
 * On a server with the demo data: an approved service-users questionnaire (from its template),
 * a support activity on DEMO-SPEAR using it, and an open kiosk.
 */
export async function prepareKiosk(base: string, origin: string) {
  const coordinator = await remoteUser(
    base,
    origin,
    'coordinator@demo.example.org',
    'demo-coordinator-password',
  );
  const swd = await remoteUser(base, origin, 'swd@demo.example.org', 'demo-swd-password');
  const { id } = await coordinator.post('/questionnaires', { template: 'spear-service-users' });
  await coordinator.post(`/questionnaires/${id}/versions/1/submit`);
  await swd.post(`/questionnaires/${id}/versions/1/approve`);
  const activity = await coordinator.post('/activities', {
    unit: 'DEMO-SPEAR',
    kind: 'support_activity',
    title: 'Kiosk',
    date: '2026-05-14',
    questionnaires: [{ id, version: 1 }],
  });
  const { code } = await coordinator.post(`/activities/${activity.id}/kiosk`, { minutes: 600 });
  return {
    questionnaire: { id: id as string, version: 1 },
    code: code as string,
    swdCookie: swd.cookie,
  };
}
