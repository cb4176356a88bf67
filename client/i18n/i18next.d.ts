import type activities from './locales/en/activities.json';
import type admin from './locales/en/admin.json';
import type closures from './locales/en/closures.json';
import type designer from './locales/en/designer.json';
import type records from './locales/en/records.json';
import type pack from './locales/en/pack.json';
import type importing from './locales/en/import.json';
import type reports from './locales/en/reports.json';
import type review from './locales/en/review.json';
import type territory from './locales/en/territory.json';
import type en from './locales/en/staff.json';

// English is the source locale: keys are checked against it at compile time, and the other
// locales are checked for completeness by a test.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'staff';
    resources: {
      staff: typeof en;
      admin: typeof admin;
      designer: typeof designer;
      review: typeof review;
      activities: typeof activities;
      reports: typeof reports;
      records: typeof records;
      territory: typeof territory;
      pack: typeof pack;
      import: typeof importing;
      closures: typeof closures;
    };
  }
}
