import { count } from '../lib/plural.js';
import { defineMessages, iso } from './i18n.js';

/**
 * The preposition «لـ» joined to an Arabic noun: «للمشرفين» (its alif drops before «ال»), «لمدير»;
 * never the seam «لـالمشرفين».
 */
export function withLam(noun: string): string {
  return noun.startsWith('ال') ? `لل${noun.slice(2)}` : `ل${noun}`;
}

/** What the router and the help say, in every language. Feature strings live with their command. */
export const core = defineMessages(
  'core',
  {
    tooLong: (p: { max: number; got: number }) =>
      `That message is too long (${count(p.got, 'character', 'en')}). Commands accept at most ${count(p.max, 'character', 'en')}; put long text in a file or shorten it.`,
    empty: 'Type a command, for example /help.',
    unknownCommand: (p: { name: string }) => `There is no command /${p.name}.`,
    didYouMean: (p: { options: string }) => `Did you mean ${p.options}?`,
    seeHelp: 'Type /help to see every command.',
    needSubcommand: (p: { command: string; choices: string }) => `/${p.command} needs one of: ${p.choices}.`,
    unknownSubcommand: (p: { command: string; word: string; choices: string }) =>
      `/${p.command} has no "${p.word}". Choose one of: ${p.choices}.`,
    unknownOption: (p: { key: string; options: string }) =>
      `There is no option "${p.key}". Options here: ${p.options}.`,
    noOptions: 'This command takes no options.',
    duplicateOption: (p: { key: string }) => `The option "${p.key}" was given twice; give it once.`,
    unexpected: (p: { word: string }) => `I did not expect "${p.word}" here.`,
    unexpectedHidden:
      'There is a word here I did not expect. It is not shown back, because this command takes a secret. If it is a token, put token: before it.',
    unknownSubcommandHidden: (p: { command: string; choices: string }) =>
      `/${p.command} has no such action (what you typed is not shown back, because this command takes a secret). Choose one of: ${p.choices}.`,
    badValue: (p: { label: string; key: string; value: string; expected: string }) =>
      `${p.label} (${p.key}): "${p.value}" is not valid. Expected ${p.expected}.`,
    badSecret: (p: { label: string; key: string; expected: string }) =>
      `${p.label} (${p.key}): the value given is not valid (it is not shown back). Expected ${p.expected}.`,
    missing: (p: { label: string; key: string; expected: string }) =>
      `${p.label} (${p.key}) is required: ${p.expected}.`,
    usage: (p: { usage: string }) => `Usage: ${p.usage}`,
    needsRole: (p: { roles: string }) =>
      `Only ${p.roles} can do this. Ask an admin to change your role if you need it.`,
    internal: (p: { ref: string }) =>
      `Something went wrong on our side and nothing was changed. If it happens again, give an admin this reference: ${p.ref}.`,
    unknownAction: 'That button is no longer valid. Run the command again.',
    formEmpty: 'Fill this in.',
    formTooLong: (p: { max: number }) => `Shorten this to at most ${count(p.max, 'character', 'en')}.`,
    formInvalid: 'This value is not accepted; check it and submit again.',
    formTyped: 'Type this, changed as you like:',
    rateLimited: (p: { seconds: number; max: number; minutes: number }) =>
      `You have used this ${count(p.max, 'time', 'en')} in ${count(p.minutes, 'minute', 'en')}, which is the limit. Try again in ${count(p.seconds, 'second', 'en')}.`,
    roleAdmin: 'admins',
    roleManager: 'managers',
    roleSocial: 'social managers',
    roleMember: 'members',
    or: 'or',
    required: 'required',
    optional: 'optional',
    choices: 'choices',
    examples: 'Examples',
    helpTitle: 'mktbot commands',
    helpIntro: 'Type a command with its options, for example /config lang ar. Type /help COMMAND for details.',
    helpCommandTitle: (p: { command: string }) => `/${p.command}`,
    helpOptions: 'Options',
    helpSubcommands: 'Actions',
    helpNoOptions: 'No options.',
    helpPositional: 'can be given without its name',
    helpOption: (p: { key: string; description: string; flags: string; expected: string }) =>
      `${p.key}: ${p.description} (${p.flags}; ${p.expected})`,
    listSeparator: ', ',
    helpSubcommand: (p: { usage: string; description: string }) => `${p.usage}: ${p.description}`,
    helpAliases: (p: { words: string }) => `Also typed as ${p.words}.`,
    chooseButton: (p: { count: number }) => `Type a number from 1 to ${p.count} to press a button.`,
  },
  {
    tooLong: (p) =>
      `الرسالة طويلة جدًا (${count(p.got, 'character', 'ar')}). تقبل الأوامر ${count(p.max, 'character', 'ar')} على الأكثر؛ ضع النص الطويل في ملف أو اختصره.`,
    empty: 'اكتب أمرًا، مثل /help.',
    unknownCommand: (p) => `لا يوجد أمر ${iso(`/${p.name}`)}.`,
    didYouMean: (p) => `هل تقصد ${iso(p.options)}؟`,
    seeHelp: 'اكتب /help لعرض جميع الأوامر.',
    needSubcommand: (p) => `يحتاج ${iso(`/${p.command}`)} إلى واحد من: ${iso(p.choices)}.`,
    unknownSubcommand: (p) =>
      `لا يوجد في ${iso(`/${p.command}`)} إجراء باسم «${iso(p.word)}». اختر واحدًا من: ${iso(p.choices)}.`,
    unknownOption: (p) => `لا يوجد خيار باسم «${iso(p.key)}». الخيارات المتاحة: ${iso(p.options)}.`,
    noOptions: 'هذا الأمر لا يأخذ خيارات.',
    duplicateOption: (p) => `الخيار «${iso(p.key)}» مكرر؛ اكتبه مرة واحدة.`,
    unexpected: (p) => `لم أتوقع «${iso(p.word)}» هنا.`,
    unexpectedHidden: `في الأمر كلمة لم أتوقعها، ولا أعرضها لأن هذا الأمر يأخذ قيمة سرية. إن كانت رمز وصول فاكتب قبلها ${iso('token:')}.`,
    unknownSubcommandHidden: (p) =>
      `لا يوجد في ${iso(`/${p.command}`)} هذا الإجراء (لا أعرض ما كتبته لأن هذا الأمر يأخذ قيمة سرية). اختر واحدًا من: ${iso(p.choices)}.`,
    badValue: (p) => `${p.label} (${iso(p.key)}): القيمة «${iso(p.value)}» غير صالحة. المتوقع ${p.expected}.`,
    badSecret: (p) => `${p.label} (${iso(p.key)}): القيمة المعطاة غير صالحة (لا تُعرض). المتوقع ${p.expected}.`,
    // «الخيار» is what is required, so «مطلوب» agrees whatever the option's name («الشريحة»، «المنتج»).
    missing: (p) => `الخيار «${p.label}» (${iso(p.key)}) مطلوب: ${p.expected}.`,
    usage: (p) => `الاستخدام: ${iso(p.usage)}`,
    needsRole: (p) => `هذا الإجراء متاح فقط ${withLam(p.roles)}. اطلب من أحد المشرفين تغيير دورك إن احتجت إليه.`,
    internal: (p) => `حدث خطأ من جهتنا ولم يتغير شيء. إن تكرر ذلك فأعطِ أحد المشرفين هذا المرجع: ${iso(p.ref)}.`,
    unknownAction: 'هذا الزر لم يعد صالحًا. شغّل الأمر من جديد.',
    formEmpty: 'املأ هذا الحقل.',
    formTooLong: (p) => `اختصر هذا إلى ${count(p.max, 'character', 'ar')} على الأكثر.`,
    formInvalid: 'هذه القيمة غير مقبولة؛ راجعها وأرسلها مرة أخرى.',
    formTyped: 'اكتب هذا بعد تعديله كما تريد:',
    rateLimited: (p) =>
      `استخدمت هذا ${count(p.max, 'time', 'ar')} خلال ${count(p.minutes, 'minute', 'ar')}، وهذا هو الحد. حاول مجددًا بعد ${count(p.seconds, 'second', 'ar')}.`,
    roleAdmin: 'المشرفين',
    roleManager: 'المديرين',
    roleSocial: 'مديري التواصل الاجتماعي',
    roleMember: 'الأعضاء',
    or: 'أو',
    required: 'مطلوب',
    optional: 'اختياري',
    choices: 'القيم',
    examples: 'أمثلة',
    helpTitle: 'أوامر mktbot',
    helpIntro: 'اكتب الأمر مع خياراته، مثل /config lang ar. واكتب /help ثم اسم الأمر لعرض التفاصيل.',
    helpCommandTitle: (p) => `الأمر ${iso(`/${p.command}`)}`,
    helpOptions: 'الخيارات',
    helpSubcommands: 'الإجراءات',
    helpNoOptions: 'لا توجد خيارات.',
    helpPositional: 'يمكن كتابته دون اسمه',
    helpOption: (p) => `${iso(p.key)}: ${p.description} (${p.flags}؛ ${p.expected})`,
    listSeparator: '، ',
    helpSubcommand: (p) => `${iso(p.usage)}: ${p.description}`,
    helpAliases: (p) => `ويُكتب أيضًا ${iso(p.words)}.`,
    chooseButton: (p) => `اكتب رقم الزر (من ${iso(1)} إلى ${iso(p.count)}) للضغط عليه.`,
  },
);
