/**
 * What the Connect button flow says: in chat (the button, who connected what, missing permissions,
 * lapse notices) and on the browser page the network sends the person back to.
 */
import { defineMessages, iso } from '../../core/i18n.js';

export const m = defineMessages(
  'oauth',
  {
    connectButton: 'Connect',
    reconnectButton: 'Reconnect',
    connectWhat: (p: { provider: string; account: string; minutes: string }) =>
      `Press Connect to sign in to ${p.provider} and allow mktbot to use ${p.account}. The link is for you only, works once and expires in ${p.minutes}. The token is stored encrypted and never shown.`,
    notReady: (p: { provider: string; variables: string }) =>
      `The Connect button for ${p.provider} is not set up on this server: whoever runs the bot must set ${p.variables} and restart it (see docs/networks).`,
    pasteInstead: (p: { provider: string }) =>
      `Meanwhile you can paste a token: /connect ${p.provider} account:… token:…`,
    connectedChat: (p: { provider: string; name: string }) =>
      `${p.provider} connected through the Connect button: ${p.name}. The token is stored encrypted.`,
    missingChat: (p: { provider: string; scopes: string }) =>
      `${p.provider} did not grant every permission mktbot asked for; missing: ${p.scopes}. What needs them will fail: connect again and leave every permission ticked.`,
    failedChat: (p: { provider: string; reason: string }) =>
      `Connecting ${p.provider} through the Connect button failed: ${p.reason}. Nothing was saved.`,
    expiresOn: (p: { date: string }) => `Expires ${p.date}`,
    renewed: 'Renewed automatically',
    expiryTitle: (p: { provider: string; account: string; days: string }) =>
      `The ${p.provider} connection for ${p.account} lapses in ${p.days}`,
    expiryWhat: (p: { provider: string; id: string; date: string }) =>
      `${p.provider} does not let the bot renew this token, so it stops working on ${p.date}; posts to ${p.provider} fail from then on. An admin should press Reconnect (or run /connect ${p.id}) before then.`,
    refreshFailedTitle: (p: { provider: string }) => `The ${p.provider} connection needs to be renewed`,
    refreshFailedWhat: (p: { provider: string; id: string; said?: string }) =>
      `${p.provider} would not renew the connection: the access the bot was given has been withdrawn or has lapsed${p.said ? ` (${p.provider} said: “${p.said}”)` : ''}. An admin should press Reconnect (or run /connect ${p.id}); posts to ${p.provider} fail until then.`,
    connectLogin: (p: { what: string; minutes: string }) =>
      `Press Connect to sign in with Facebook and allow mktbot to use ${p.what}; if there are several, you choose which. The link is for you only, works once and expires in ${p.minutes}. The tokens are stored encrypted and never shown.`,
    whatFacebook: 'the Facebook Pages you manage',
    whatInstagram: 'the Instagram professional accounts linked to your Facebook Pages',
    kindFacebook: 'Facebook Pages',
    kindInstagram: 'Instagram accounts',
    noPages: 'Facebook did not share any Page you manage with mktbot (tick your Pages on the Facebook screen)',
    noInstagram:
      'none of the Facebook Pages shared with mktbot has an Instagram professional account linked to it (link one in the Page settings)',
    notAmong: (p: { provider: string; account: string }) =>
      `${p.account} is not among the ${p.provider} accounts this sign-in reached`,
    pickChat: (p: { kind: string; names: string }) =>
      `Your sign-in reached several ${p.kind}: ${p.names}. Press each one mktbot should use: each becomes its own account, and /schedule asks which one a post goes to.`,
    pickHow: (p: { id: string; minutes: string }) =>
      `Or type /connect ${p.id} page:… with the name or id. This list is yours alone and works for ${p.minutes}.`,
    pagePick: (p: { kind: string; names: string }) =>
      `Your sign-in reached several ${p.kind} (${p.names}). Go back to the chat and pick the ones mktbot should use; nothing is connected until you do.`,
    pickNone: (p: { id: string }) =>
      `There is no list of accounts to pick from: it lapsed, or you have not signed in yet. Run /connect ${p.id} without token: and press Connect.`,
    pickUnknown: (p: { page: string; names: string }) =>
      `${p.page} is not on the list your sign-in reached: ${p.names}.`,
    pageTitle: 'mktbot: connecting an account',
    pageConnected: (p: { provider: string; name: string }) =>
      `${p.provider} is connected: ${p.name}. You can close this page and go back to the chat.`,
    pageMissing: (p: { scopes: string }) =>
      `Some permissions were not granted (${p.scopes}); the chat says what that means.`,
    pageInvalid:
      'This Connect link has expired, has already been used, or is not valid. Nothing was saved. Go back to the chat and run /connect again for a new link.',
    pageDenied: (p: { provider: string }) =>
      `Access was not allowed on ${p.provider}. Nothing was saved. To try again, run /connect in the chat for a new link.`,
    pageFailed: (p: { provider: string; reason: string }) =>
      `Connecting ${p.provider} failed: ${p.reason}. Nothing was saved. The chat has the details.`,
  },
  {
    connectButton: 'ربط',
    reconnectButton: 'إعادة الربط',
    connectWhat: (p) =>
      `اضغط «ربط» لتسجّل الدخول إلى ${iso(p.provider)} وتسمح للبوت باستخدام ${iso(p.account)}. الرابط لك وحدك، ويعمل مرة واحدة، وتنتهي صلاحيته بعد ${p.minutes}. يُحفظ الرمز مشفّرًا ولا يُعرض أبدًا.`,
    notReady: (p) =>
      `زر الربط مع ${iso(p.provider)} غير مُعدّ على هذا الخادم: على من يشغّل البوت ضبط ${iso(p.variables)} ثم إعادة تشغيله (انظر docs/networks).`,
    pasteInstead: (p) => `ويمكنك حتى ذلك الحين لصق رمز: /connect ${p.provider} account:… token:…`,
    connectedChat: (p) => `تم ربط ${iso(p.provider)} عبر زر الربط: ${iso(p.name)}. الرمز محفوظ مشفّرًا.`,
    missingChat: (p) =>
      `لم يمنح ${iso(p.provider)} كل الصلاحيات التي طلبها البوت؛ الناقص: ${iso(p.scopes)}. ستفشل المهام التي تحتاجها: أعد الربط واترك كل الصلاحيات محددة.`,
    failedChat: (p) => `تعذّر ربط ${iso(p.provider)} عبر زر الربط: ${iso(p.reason)}. لم يُحفظ شيء.`,
    expiresOn: (p) => `تنتهي صلاحيته يوم ${p.date}`,
    renewed: 'يتجدد تلقائيًا',
    expiryTitle: (p) => `تنتهي صلاحية ربط ${iso(p.provider)} للحساب ${iso(p.account)} بعد ${p.days}`,
    expiryWhat: (p) =>
      `لا يسمح ${iso(p.provider)} للبوت بتجديد هذا الرمز، فيتوقف عن العمل يوم ${p.date}، وتفشل المنشورات إلى ${iso(p.provider)} من حينها. على أحد المسؤولين الضغط على «إعادة الربط» (أو تشغيل /connect ${p.id}) قبل ذلك.`,
    refreshFailedTitle: (p) => `ربط ${iso(p.provider)} يحتاج إلى تجديد`,
    refreshFailedWhat: (p) =>
      `لم تجدّد ${iso(p.provider)} الاتصال: الإذن الذي مُنح للبوت سُحب أو انتهت مدته${p.said ? ` (ردّت ${iso(p.provider)}: «${iso(p.said)}»)` : ''}. على أحد المسؤولين الضغط على «إعادة الربط» (أو تشغيل /connect ${p.id})؛ وإلى أن يفعل تفشل المنشورات على ${iso(p.provider)}.`,
    connectLogin: (p) =>
      `اضغط «ربط» لتسجّل الدخول عبر فيسبوك وتسمح للبوت باستخدام ${p.what}؛ وإن كان هناك أكثر من خيار فستختار بنفسك. الرابط لك وحدك، ويعمل مرة واحدة، وتنتهي صلاحيته بعد ${p.minutes}. تُحفظ الرموز مشفّرة ولا تُعرض أبدًا.`,
    whatFacebook: 'صفحات فيسبوك التي تديرها',
    whatInstagram: 'حسابات إنستغرام الاحترافية المرتبطة بصفحاتك على فيسبوك',
    kindFacebook: 'صفحات فيسبوك',
    kindInstagram: 'حسابات إنستغرام',
    noPages: 'لم يشارك فيسبوك مع البوت أي صفحة تديرها (حدّد صفحاتك في شاشة فيسبوك)',
    noInstagram:
      'لا ترتبط أي صفحة من صفحات فيسبوك التي شاركتها مع البوت بحساب إنستغرام احترافي (اربط حسابًا من إعدادات الصفحة)',
    notAmong: (p) => `الحساب ${iso(p.account)} ليس من حسابات ${iso(p.provider)} التي وصل إليها تسجيل الدخول هذا`,
    pickChat: (p) =>
      `وصل تسجيل دخولك إلى عدة ${p.kind}: ${p.names}. اضغط على كل ما تريد أن يستخدمه البوت: يصبح كل واحد منها حسابًا مستقلًا، ويسألك /schedule عن الحساب الذي يُنشر فيه المنشور.`,
    pickHow: (p) =>
      `أو اكتب /connect ${p.id} page:… مع الاسم أو المعرّف. هذه القائمة لك وحدك وتبقى صالحة لمدة ${p.minutes}.`,
    pagePick: (p) =>
      `وصل تسجيل دخولك إلى عدة ${p.kind} (${p.names}). عد إلى المحادثة واختر ما تريد أن يستخدمه البوت؛ لن يُربط شيء حتى تختار.`,
    pickNone: (p) =>
      `لا توجد قائمة حسابات للاختيار منها: إما انتهت صلاحيتها أو لم تسجّل الدخول بعد. شغّل /connect ${p.id} دون token: واضغط «ربط».`,
    pickUnknown: (p) => `${iso(p.page)} ليس في القائمة التي وصل إليها تسجيل دخولك: ${p.names}.`,
    pageTitle: 'mktbot: ربط حساب',
    pageConnected: (p) => `تم ربط ${iso(p.provider)}: ${iso(p.name)}. يمكنك إغلاق هذه الصفحة والعودة إلى المحادثة.`,
    pageMissing: (p) => `لم تُمنح بعض الصلاحيات (${iso(p.scopes)})؛ وفي المحادثة شرح لما يعنيه ذلك.`,
    pageInvalid:
      'انتهت صلاحية رابط الربط هذا، أو سبق استخدامه، أو أنه غير صالح. لم يُحفظ شيء. عد إلى المحادثة وشغّل /connect مرة أخرى للحصول على رابط جديد.',
    pageDenied: (p) =>
      `لم يُسمح بالوصول على ${iso(p.provider)}. لم يُحفظ شيء. لتحاول مجددًا، شغّل /connect في المحادثة للحصول على رابط جديد.`,
    pageFailed: (p) => `تعذّر ربط ${iso(p.provider)}: ${iso(p.reason)}. لم يُحفظ شيء. التفاصيل في المحادثة.`,
  },
);
