// The admin screens' dates: Hong Kong time, from the staff app's one formatter.
export { fiscalYearNow, hongKongTime } from '../app/time.ts';
export { fiscalYearLabel } from '../../server/domain/fiscal-year.ts';
