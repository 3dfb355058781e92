/**
 * One walk through every command, as typed in a console session (Arabic words where a person would
 * type them), shared by the English and the Arabic session tests so both read the same replies.
 */
export const SESSION_WALK: Readonly<Record<string, string[]>> = {
  help: ['/help', '/help schedule'],
  config: ['/config'],
  roles: ['/roles'],
  brand: ['/brand set name:"قهوة الصباح" market:"الرياض" currency:SAR order_value:45', '/brand'],
  brainstorm: ['/brainstorm product:"قهوة باردة" goal:وعي budget:١٥٠٠٠ currency:SAR duration:6w market:"الرياض"'],
  plan: ['/plan list'],
  persona: ['/persona create "مديرو الموارد البشرية في العيادات"', '/persona list'],
  draft: ['/draft channel:instagram topic:"قهوة باردة"'],
  schedule: [
    '/schedule انستقرام غدا 9 صباحا media:https://example.com/cup.jpg | قهوتنا الباردة وصلت',
    '/schedule reminder "01/02/2027 10:00" | اتصل بالمطبعة',
    '/schedule reminder غدا بعد المغرب | ذكّر الفريق بمسابقة الليلة',
    '/schedule facebook كل اثنين 9 صباحًا حتى 2027-03-01 | عرض الأسبوع',
    '/schedule slots instagram الاثنين والخميس 18:00',
    '/schedule slots',
    '/schedule instagram الموعد التالي media:https://example.com/tip.jpg | نصيحة اليوم',
    '/schedule list',
    '/schedule calendar',
    '/schedule best-times instagram',
  ],
  home: ['/home'],
  report: ['/report 30d', '/report trends', '/report 7d format:csv'],
  digest: ['/digest preview', '/digest subscribe seo', '/digest subscriptions'],
  alerts: ['/alerts'],
  connect: ['/connect status'],
  seo: ['/seo watches'],
  audit: ['/audit 3'],
};
