import { defineMessages, iso } from '../../core/i18n.js';
import { count } from '../../lib/plural.js';

/** The purpose of a channel as /config names it in Arabic. */
const ROLE_NAMES: Record<string, string> = {
  team: 'الفريق',
  alerts: 'التنبيهات',
  digest: 'الملخص',
  escalation: 'التصعيد',
};
export const channelRoleName = (to: string) => ROLE_NAMES[to] ?? to;

/** What the Slack adapter itself says (the commands' own text comes with their replies). */
export const slackText = defineMessages(
  'slack',
  {
    truncated: (p: { parts: number }) =>
      `The reply was too long for Slack; ${count(p.parts, 'part', 'en')} left out. Narrow the request to see the rest.`,
    working: (p: { command: string }) => `Working on ${p.command}…`,
    submit: 'Run',
    cancel: 'Cancel',
    choose: 'Choose…',
    filesLabel: 'Images or videos',
    filesHint:
      'Files to publish with the post. They are checked by their content and by each network’s rules when you press Run.',
    uploadFailed: (p: { file: string }) =>
      `The file ${p.file} could not be posted here. Invite the bot to this channel (/invite @mktbot) and try again.`,
    failedAfterAck: (p: { ref: string }) =>
      `Something went wrong while answering and the reply could not be shown. Reference: ${p.ref}.`,
    plainPerson: (p: { value: string }) =>
      `Slack sent "${p.value}" as plain text rather than as a person, so mktbot cannot tell who that is. Pick the person from the list Slack shows as you type @. If you did, an admin needs to update the Slack app from a new manifest (npx mktbot slack-manifest), which asks Slack to send people and channels as ids.`,
    plainChannel: (p: { value: string }) =>
      `Slack sent "${p.value}" as plain text rather than as a channel, so mktbot cannot tell which channel that is. Pick the channel from the list Slack shows as you type #. If you did, an admin needs to update the Slack app from a new manifest (npx mktbot slack-manifest), which asks Slack to send people and channels as ids.`,
    // Why a notice could not be posted: kept as the post's last error and shown in /schedule show.
    noChannel: (p: { to: string; workspace: string }) =>
      `No Slack channel is set for ${p.to} notices in workspace ${p.workspace}. An admin can set one with /config channel ${p.to} #channel (or /config channel team #channel for everything).`,
    cannotJoin: (p: { channel: string }) =>
      `The bot is not a member of channel ${p.channel} and cannot join it by itself. Invite it there with /invite @mktbot, or choose another channel with /config channel.`,
    unknownChannel: (p: { channel: string }) =>
      `Slack does not know channel ${p.channel} (deleted, or private without the bot). Choose another with /config channel.`,
    notInChannel: (p: { channel: string }) =>
      `The bot is not a member of channel ${p.channel}. Invite it with /invite @mktbot.`,
    archived: (p: { channel: string }) => `Channel ${p.channel} is archived. Choose another with /config channel.`,
    noWorkspace:
      'mktbot could not tell which Slack workspace this came from, so nothing was done. If your organisation uses Enterprise Grid, install mktbot in this workspace (not only for the organisation) and try again.',
  },
  {
    truncated: (p) => `الرد أطول مما يقبله Slack؛ حُذف منه ${count(p.parts, 'part', 'ar')}. ضيّق الطلب لرؤية الباقي.`,
    working: (p) => `جارٍ تنفيذ ${iso(p.command)}…`,
    submit: 'تشغيل',
    cancel: 'إلغاء',
    choose: 'اختر…',
    filesLabel: 'صور أو مقاطع فيديو',
    filesHint: 'ملفات تُنشر مع المنشور. يُفحص محتواها وقواعد كل شبكة عند الضغط على «تشغيل».',
    uploadFailed: (p) =>
      `تعذّر نشر الملف ${iso(p.file)} هنا. ادعُ البوت إلى هذه القناة (${iso('/invite @mktbot')}) ثم حاول من جديد.`,
    failedAfterAck: (p) => `حدث خطأ أثناء الرد ولم يظهر الرد. المرجع: ${iso(p.ref)}.`,
    plainPerson: (p) =>
      `أرسل Slack «${iso(p.value)}» نصًا عاديًا لا إشارةً إلى شخص، فلا يعرف mktbot من المقصود. اختر الشخص من القائمة التي يعرضها Slack حين تكتب @. وإن فعلت ذلك فعلى أحد المشرفين تحديث تطبيق Slack ببيان جديد (${iso('npx mktbot slack-manifest')}) يطلب من Slack إرسال الأشخاص والقنوات بمعرّفاتها.`,
    plainChannel: (p) =>
      `أرسل Slack «${iso(p.value)}» نصًا عاديًا لا إشارةً إلى قناة، فلا يعرف mktbot أي قناة المقصودة. اختر القناة من القائمة التي يعرضها Slack حين تكتب #. وإن فعلت ذلك فعلى أحد المشرفين تحديث تطبيق Slack ببيان جديد (${iso('npx mktbot slack-manifest')}) يطلب من Slack إرسال الأشخاص والقنوات بمعرّفاتها.`,
    noChannel: (p) =>
      `لم تُحدَّد قناة في Slack لإشعارات «${channelRoleName(p.to)}» في مساحة العمل ${iso(p.workspace)}. يستطيع أحد المشرفين تحديدها بالأمر ${iso(`/config channel ${p.to} #channel`)} (أو ${iso('/config channel team #channel')} لكل الإشعارات).`,
    cannotJoin: (p) =>
      `البوت ليس عضوًا في القناة ${iso(p.channel)} ولا يستطيع الانضمام إليها وحده. ادعُه إليها بالأمر ${iso('/invite @mktbot')}، أو اختر قناة أخرى بالأمر ${iso('/config channel')}.`,
    unknownChannel: (p) =>
      `لا يعرف Slack القناة ${iso(p.channel)} (حُذفت، أو هي خاصة والبوت ليس فيها). اختر قناة أخرى بالأمر ${iso('/config channel')}.`,
    notInChannel: (p) => `البوت ليس عضوًا في القناة ${iso(p.channel)}. ادعُه إليها بالأمر ${iso('/invite @mktbot')}.`,
    archived: (p) => `القناة ${iso(p.channel)} مؤرشفة. اختر قناة أخرى بالأمر ${iso('/config channel')}.`,
    noWorkspace:
      'لم يتمكن mktbot من معرفة مساحة عمل Slack التي جاء منها هذا الطلب، فلم يُنفَّذ شيء. إن كانت مؤسستك تستخدم Enterprise Grid فثبّت mktbot في مساحة العمل هذه (لا على مستوى المؤسسة فقط) ثم حاول من جديد.',
  },
);
