// Changing a unit's area and districts (PATCH /operators/{code}/units/{unit}).
import { client, enc, ok } from '../app/api.ts';

export const unitApi = {
  updateArea: (
    operator: string,
    unit: string,
    area: { region: string | null; districts: string[] },
  ) =>
    ok(
      client.operators[':code'].units[':unit'].$patch({
        param: { code: enc(operator), unit: enc(unit) },
        json: area,
      }),
    ),
};
