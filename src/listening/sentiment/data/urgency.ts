/**
 * Brand-urgency phrases: what makes a comment urgent whatever its sentiment score. Matched on the
 * normalised text (lower case; Arabic with ة -> ه, ى -> ي, hamza seats -> bare letters), in English,
 * Arabic script and Arabizi. `A` and `Z` below stand for "no Arabic letter here" (a word edge in
 * Arabic, where \b does not work); Arabic patterns allow the prefixes و ف ب ل ال in front.
 *
 * Each phrase was checked against the training sets (docs/alerts.md): phrases that fire mostly on
 * neutral or positive texts ("court" of basketball, "sick" as praise, "قضيه" as "issue") were
 * narrowed to the brand-directed uses.
 */
export type UrgencyKind = 'threat' | 'legal' | 'safety' | 'scam' | 'cancel' | 'boycott' | 'abuse';

/** The kinds in order of precedence when several match (the first is named in the alert). */
export const URGENCY_KINDS: readonly UrgencyKind[] = [
  'threat',
  'safety',
  'legal',
  'scam',
  'boycott',
  'cancel',
  'abuse',
];

/**
 * Arabic letters and marks: the Arabic block without its punctuation and digits (، ؛ ؟ ٪ ٫ ٬ ۔ and
 * ٠-٩), so «هذا نصب، الطلب ما وصل» still ends a word at the comma.
 */
const LETTER = '\\u0620-\\u065F\\u066E-\\u06D3\\u06D5-\\u06FF';
const A = `(?<![${LETTER}])`;
const Z = `(?![${LETTER}])`;
/** Optional Arabic conjunction / preposition / article glued to the front of a word. */
const P = '(?:و|ف)?(?:ب|ل|ال|بال|لل)?';

const ar = (body: string) => new RegExp(`${A}${P}(?:${body})${Z}`);

/**
 * `soft`: swearing that is as often banter or praise ("fuck yeah", "fuck off, that's hilarious"): it
 * counts only in a comment with no praise and no laughter (rules.ts decides).
 */
export const URGENCY_PATTERNS: ReadonlyArray<{ kind: UrgencyKind; soft?: boolean; patterns: RegExp[] }> = [
  {
    kind: 'threat',
    patterns: [
      /\b(i('ll| will| am going to|'m going to|'m gonna| gonna) (kill|hurt|find|beat|destroy|come for) (you|u|ur|your|them|the owner|the manager)|you('ll| will) (regret|pay for) (this|that|it)|watch your back|burn (it|this place|the place|your (store|shop|place|restaurant|office)) down|(bomb|shoot up) (the|your|this) (store|shop|place|restaurant|office))\b/,
      ar(
        'اقتلك|اقتلكم|اذبحك|اذبحكم|احرقكم|احرق المحل|احرق المطعم|راح تندمون|راح تندم|بتندمون|هتندموا|هتندم|ستندمون|ستندم|والله لاوريكم|لاوريكم|راح اوريكم',
      ),
      /\b(n9tlk|nqtlk|ghadi n9tlek|hatendam|hatndam|hat2ndam|hatendamo)\b/,
    ],
  },
  {
    kind: 'legal',
    patterns: [
      // A lawyer or court the writer turns to, not lawyers in the news: "my lawyer", "see you in court".
      /\b((my|our) (lawyers?|attorneys?|solicitors?)|(call|calling|contact|contacting|talk to|talking to|speak to|speaking to|hear from|hearing from|get|getting|hire|hiring|consult|consulting) (a|my|our) (lawyer|attorney|solicitor)|legal action|class action|lawsuit against (you|your)|(sue|suing) (you|u|your company|this company|the company)|(i'?ll|i will|i'?m going to|gonna) sue|take (you|u|this) to court|see you in court|small claims|consumer (protection|affairs|rights)|better business bureau|file (a|an) (formal )?complaint|formal complaint|report(ing)? (you|u|this place|this company) to (the )?(authorities|police|ministry|municipality|ftc|fda|health department|health inspector))\b/,
      ar(
        '(?:اوكل|وكلت|نوكل|بوكل|هوكل|اكلم|بكلم|هكلم|كلمت|نكلم) محامي|محاميي|محامينا|محامي (?:عليكم|ضدكم)|(?:ارفع|نرفع|برفع|هرفع|رفعت|رفعنا|سارفع|راح ارفع|حارفع) (?:عليكم |ضدكم |عليهم )?(?:قضيه|دعوي|شكوي)|قضيه (?:عليكم|ضدكم)|دعوي (?:عليكم|ضدكم)|(?:نشوفكم|اشوفكم|بيننا|بيني وبينكم) (?:في )?المحكمه|(?:اجركم|اوديكم|نجركم|بجركم|هجركم|اشتكيكم) (?:في |علي )?(?:للمحكمه|المحكمه|للمحاكم|المحاكم)|شكوي رسميه|شكوي رسمي|بلاغ رسمي|حمايه المستهلك|جهاز حمايه|(?:اشتكي|بشتكي|هشتكي|نشتكي|شكيت|بلغت|ببلغ|هبلغ|راح ابلغ) (?:عليكم|عنكم|فيكم)|بشتكيكم|هشتكيكم|حاشتكيكم|اشتكيكم|(?:شكوي|بلاغ|اشتكي|بشتكي) (?:ل|الي |عند |في )?وزاره التجاره',
      ),
      /\b(m7ami(ya)?|mo7ami|mou7ami|avocat|ma7kama|mahkama|ma7kma|9adiya|qadiya|chikaya|shakwa|chekaya)\b.{0,30}\b(3likom|3likoum|3lik|3lihom|dedkom|contre vous)\b|\b(nrfa3|nrf3|ghadi nrfa3|hrfa3|arfa3) (3likom |3likoum )?(9adiya|qadiya|da3wa|chikaya|shakwa)\b|\b(my lawyer|avocat diali|m7ami diali)\b/,
    ],
  },
  {
    kind: 'safety',
    patterns: [
      /\b(food poisoning|(got|get|getting|were|was) poisoned|poisoned (me|us|my)|(got|made me|making me|made us|left me|made my \w+) (so |really |very )?(sick|ill|vomit|throw up|throwing up)|allergic reaction (to|from|after)|(went|ended up|rushed|taken) (to|in) (the )?(hospital|er|emergency room) after|(cockroach|roach|rats?|mice|mouse|bugs?|insects?|worms?|maggots?|glass|plastic|metal|mold|mould) in (my|the|our) (food|meal|order|drink|coffee|burger|pizza|sandwich|salad|rice|soup|bread|box)|undercooked chicken|raw chicken|expired (milk|food|meat|chicken|product|medicine)|caught fire|(battery|charger|phone|device) (exploded|blew up|caught fire)|electric shock|choking hazard|unsafe for)\b/,
      ar(
        'تسمم|تسممت|تسممنا|تسممو|مسموم|مسمومه|تسمم غذائي|صرصور|صراصير|حشره في|حشرات في|دود في|دوده في|فار في|شعره في|قزاز في|زجاج في|اسهال|استفراغ|ترجيع|(?:دخلت|رحت|ودوني|نقلوني|ودينا|وديت) (?:ال)?(?:طوارء|طواري|مستشفي|اسعاف)|منتهي الصلاحيه|منتهيه الصلاحيه|حساسيه من',
      ),
      /\b(tasamom|tsamamt|tsmmt|tsamem|tasamem|masmoum|sarsour|sarasir|msmom)\b/,
    ],
  },
  {
    kind: 'scam',
    patterns: [
      /\b(scamm(ed|ers?|ing (me|us|people|customers))|(a|total|complete|such a|big|another|pure|absolute) scam|scam (company|brand|store|shop|site|website|app|artists?)|(it'?s|its|this is|you'?re|you are|what a) (a )?(scam|fraud)|fraudulent (charges?|transactions?|company|business)|con artists?|thieves|crooks|stole my money|stealing (my|our|people'?s) money|rip(ping)? (me|us|people|customers) off|ripped (me|us) off)\b/,
      ar(
        'نصابين|نصابه|يا نصاب|نصبتو|نصبتوا|نصبتم|نصبو علي|نصبوا علي|نصب علي(?:ي|نا)|(?:هذا|هذي|ده|دا|دي) نصب|شركه نصب|محل نصب|حراميه|حرامي|لصوص|سرقتوني|سرقوني|سرقتونا|غشاشين|غشاش|محتالين|محتال|(?:هذا|هذي|ده|دا|دي) احتيال|تحتالون|بتحتالوا',
      ),
      /\b(nassab|nasab|nasabin|nassabin|nasabeen|7aramiya|7aramia|7aramy|7arami|7ramiya|chfara|chefara|arnaque|arnaqueurs?|escroc|escrocs|scammers?)\b/,
    ],
  },
  {
    kind: 'cancel',
    patterns: [
      /\b(cancel+(ing)? my (account|subscription|membership|plan|contract)|close my account|delete my account|unsubscribe me|(i'?m|i am) (cancel+ing|unsubscribing|switching to (a |another )?competitor))\b/,
      ar(
        'الغاء الاشتراك|الغاء اشتراكي|الغي اشتراكي|الغوا اشتراكي|الغيت اشتراكي|الغاء حسابي|الغوا حسابي|احذفوا حسابي|حذف حسابي|اقفلوا حسابي|سكروا حسابي|قفل حسابي',
      ),
      /\b(elghi|alghi|el8i|nlghi|cancel)\b.{0,20}\b(ishtirak|echtirak|i4tirak|compte|account|abonnement)\b/,
    ],
  },
  {
    kind: 'boycott',
    patterns: [
      /(#boycott\w*|\b(let'?s|everyone|we should|i'?m|i am|we are|we'?re) boycott(ing)?\b|\bboycott (them|this (place|brand|company|shop|store)|these guys)\b|\b(don'?t|do not|never) (buy|shop|order|eat) (from|at|here|there) (them|this (place|brand|company|shop|store))|\beveryone (avoid|stop buying)\b)/,
      ar(
        'قاطعوا|قاطعوهم|قاطعو|فلنقاطع|لنقاطع|#مقاطعه_\\S+|لا تشترون من|لا تشتروا من|لا تشترو من|لا تتعاملون مع|لا تتعاملوا مع',
      ),
      /\b(9at3o|qat3o|2at3o|9at3ouhom|boycottiw|boycottez)\b/,
    ],
  },
  {
    kind: 'abuse',
    patterns: [
      /\b((you|u|you'?re|youre|ur|you are) (all )?(fucking |bloody )?(idiots?|morons?|clowns?|scumbags?|assholes?|bastards?|liars?|losers?|jerks?|pigs?|trash|garbage|pathetic|disgusting)|screw you|go to hell)\b/,
      /[🖕🤡]/u,
      ar(
        'يا كلاب|يا كلب|يا حيوانات|يا حيوان|يا حمير|يا حمار|يا زباله|يا حقير|يا حقيرين|يا اغبياء|يا وسخين|يا اوساخ|يا سفله|تفو عليكم|تف عليكم|الله يلعنكم|يلعن ابوكم|يلعنكم|لعنه الله عليكم|كلاب|حقيرين|زبالين|منيك|منايك|شرموط|شراميط|عرص|معرص|خول|كسمك|كس امك|قحبه|ولاد الكلب|اولاد الكلب|ابن الكلب|ولاد الحرام|اولاد الحرام',
      ),
      /\b(ya klab|ya kelb|ya 7mir|ya 7mar|ya 7ayawan|zamel|zaml|zebi|zbi|t9awd|tqawd|9a7ba|qa7ba|nik mok|nikmok|kelb|klab|7mir|wlad l97ab|wlad lkelb)\b/,
    ],
  },
  {
    kind: 'abuse',
    soft: true,
    patterns: [
      /\b(f+u+c+k+ (you|u|off|this (company|place|brand|shop|store|shit))|fuck(ing)? (company|brand|service|store|shop)|piece of (shit|crap|garbage))\b/,
    ],
  },
];
