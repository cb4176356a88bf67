// Changing a unit's area and districts (PATCH /operators/{code}/units/{unit}).
import { request } from '../app/api.ts';
import type { Unit } from '../app/types.ts';

export const unitApi = {
  updateArea: (
    operator: string,
    unit: string,
    area: { region: string | null; districts: string[] },
  ) =>
    request<Unit>(
      'PATCH',
      `/operators/${encodeURIComponent(operator)}/units/${encodeURIComponent(unit)}`,
      { body: area },
    ),
};
