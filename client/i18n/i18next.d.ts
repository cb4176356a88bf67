import type en from './locales/en/staff.json';

// English is the source locale: keys are checked against it at compile time, and the other
// locales are checked for completeness by a test.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'staff';
    resources: { staff: typeof en };
  }
}
