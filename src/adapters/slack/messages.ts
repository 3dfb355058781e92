import { defineMessages, iso } from '../../core/i18n.js';

/** What the Slack adapter itself says (the commands' own text comes with their replies). */
export const slackText = defineMessages(
  'slack',
  {
    truncated: (p: { parts: number }) =>
      `The reply was too long for Slack; ${p.parts} more part(s) were left out. Narrow the request to see the rest.`,
    working: (p: { command: string }) => `Working on ${p.command}…`,
    submit: 'Run',
    cancel: 'Cancel',
    choose: 'Choose…',
    uploadFailed: (p: { file: string }) =>
      `The file ${p.file} could not be posted here. Invite the bot to this channel (/invite @mktbot) and try again.`,
    failedAfterAck: (p: { ref: string }) =>
      `Something went wrong while answering and the reply could not be shown. Reference: ${p.ref}.`,
    noWorkspace:
      'mktbot could not tell which Slack workspace this came from, so nothing was done. If your organisation uses Enterprise Grid, install mktbot in this workspace (not only for the organisation) and try again.',
  },
  {
    truncated: (p) => `الرد أطول مما يقبله Slack؛ حُذف ${iso(p.parts)} جزء منه. ضيّق الطلب لرؤية الباقي.`,
    working: (p) => `جارٍ تنفيذ ${iso(p.command)}…`,
    submit: 'تشغيل',
    cancel: 'إلغاء',
    choose: 'اختر…',
    uploadFailed: (p) =>
      `تعذّر نشر الملف ${iso(p.file)} هنا. ادعُ البوت إلى هذه القناة (${iso('/invite @mktbot')}) ثم حاول من جديد.`,
    failedAfterAck: (p) => `حدث خطأ أثناء الرد ولم يظهر الرد. المرجع: ${iso(p.ref)}.`,
    noWorkspace:
      'لم يتمكن mktbot من معرفة مساحة عمل Slack التي جاء منها هذا الطلب، فلم يُنفَّذ شيء. إن كانت مؤسستك تستخدم Enterprise Grid فثبّت mktbot في مساحة العمل هذه (لا على مستوى المؤسسة فقط) ثم حاول من جديد.',
  },
);
