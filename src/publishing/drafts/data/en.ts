/**
 * English copy for the offline copywriter. The topic always follows a colon or a dash, so "free
 * check-ups this Saturday", "our clinic was voted best in Sharjah" and "how to choose a toothbrush"
 * all read as written; nothing is glued onto it ("is here", "just dropped").
 */
import type { Phrasebook } from '../phrasebook.js';

export const EN: Phrasebook = {
  openings: {
    offer: {
      friendly: [
        (s) => `Good news for you: ${s.topic}${s.end}`,
        (s) => `A little treat from us: ${s.topic}${s.end}`,
        (s) => `We saved the best for you: ${s.topic}${s.end}`,
        (s) => `This one is worth a look: ${s.topic}${s.end}`,
        (s) => `Something nice for our community: ${s.topic}${s.end}`,
        (s) => `You asked, we listened: ${s.topic}${s.end}`,
      ],
      formal: [
        (s) => `We are pleased to offer the following: ${s.topic}${s.end}`,
        (s) => `Now available to our customers: ${s.topic}${s.end}`,
        (s) => `An offer for our clients: ${s.topic}${s.end}`,
        (s) => `For a limited period: ${s.topic}${s.end}`,
        (s) => `Our current offer: ${s.topic}${s.end}`,
      ],
      playful: [
        (s) => `Your wallet called, it says thank you: ${s.topic}${s.end} 💸`,
        (s) => `Treat yourself, you have our permission: ${s.topic}${s.end} 🎁`,
        (s) => `Drumroll, please 🥁 ${s.Topic}${s.end}`,
        (s) => `Psst, a secret worth sharing: ${s.topic}${s.end} 🤫`,
        (s) => `Best deal of the week? We think so: ${s.topic}${s.end} ✨`,
      ],
      urgent: [
        (s) => `Don't wait on this one: ${s.topic}${s.end} ⏰`,
        (s) => `Time is running out: ${s.topic}${s.end}`,
        (s) => `Last call: ${s.topic}${s.end}`,
        (s) => `Only while it lasts: ${s.topic}${s.end}`,
        (s) => `Ending soon: ${s.topic}${s.end} ⏳`,
      ],
      inspirational: [
        (s) => `Small steps make big changes, and this makes the next one easier: ${s.topic}${s.end}`,
        (s) => `Invest in what matters to you: ${s.topic}${s.end}`,
        (s) => `Good things should be within reach: ${s.topic}${s.end}`,
        (s) => `Start the change you have been putting off: ${s.topic}${s.end}`,
        (s) => `Because you deserve the best: ${s.topic}${s.end}`,
      ],
    },
    event: {
      friendly: [
        (s) => `Save the date: ${s.topic}${s.end} 🗓️`,
        (s) => `You're invited: ${s.topic}${s.end}`,
        (s) => `Come and say hello: ${s.topic}${s.end}`,
        (s) => `Mark your calendar: ${s.topic}${s.end}`,
        (s) => `We'd love to see you there: ${s.topic}${s.end}`,
      ],
      formal: [
        (s) => `You are cordially invited: ${s.topic}${s.end}`,
        (s) => `Please join us: ${s.topic}${s.end}`,
        (s) => `Upcoming event: ${s.topic}${s.end}`,
        (s) => `We are pleased to host the following: ${s.topic}${s.end}`,
        (s) => `For your calendar: ${s.topic}${s.end}`,
      ],
      playful: [
        (s) => `Plans? Cancel them 😄 ${s.Topic}${s.end}`,
        (s) => `Clear your schedule, this is happening: ${s.topic}${s.end} 🎉`,
        (s) => `The place to be: ${s.topic}${s.end} 📍`,
        (s) => `Bring a friend, bring a smile: ${s.topic}${s.end}`,
        (s) => `Your calendar's new favourite entry: ${s.topic}${s.end} ✨`,
      ],
      urgent: [
        (s) => `Places are limited: ${s.topic}${s.end} ⏰`,
        (s) => `Book now before it fills up: ${s.topic}${s.end}`,
        (s) => `Almost time: ${s.topic}${s.end}`,
        (s) => `Last chance to register: ${s.topic}${s.end}`,
        (s) => `Coming up fast: ${s.topic}${s.end} ⏳`,
      ],
      inspirational: [
        (s) => `Great things happen when people show up: ${s.topic}${s.end}`,
        (s) => `Be part of something good: ${s.topic}${s.end}`,
        (s) => `One afternoon can change a lot: ${s.topic}${s.end}`,
        (s) => `Every community grows one gathering at a time: ${s.topic}${s.end}`,
        (s) => `Show up for yourself: ${s.topic}${s.end}`,
      ],
    },
    launch: {
      friendly: [
        (s) => `Meet our newest addition: ${s.topic}${s.end}`,
        (s) => `We've been working on something for you: ${s.topic}${s.end}`,
        (s) => `Fresh from our team: ${s.topic}${s.end} ✨`,
        (s) => `New, and made with you in mind: ${s.topic}${s.end}`,
        (s) => `Something new to try: ${s.topic}${s.end}`,
      ],
      formal: [
        (s) => `Introducing: ${s.topic}${s.end}`,
        (s) => `Now available: ${s.topic}${s.end}`,
        (s) => `We are pleased to announce the release: ${s.topic}${s.end}`,
        (s) => `New from us: ${s.topic}${s.end}`,
        (s) => `Available from today: ${s.topic}${s.end}`,
      ],
      playful: [
        (s) => `Okay, we can finally tell you: ${s.topic}${s.end} 🎉`,
        (s) => `New thing unlocked: ${s.topic}${s.end} 🔓`,
        (s) => `Say hi to the new kid on the block: ${s.topic}${s.end} 👋`,
        (s) => `We kept this secret for weeks: ${s.topic}${s.end} 🤐`,
        (s) => `Fresh out of the oven: ${s.topic}${s.end} 🔥`,
      ],
      inspirational: [
        (s) => `Every big idea starts small. Ours: ${s.topic}${s.end}`,
        (s) => `Built for what you want to do next: ${s.topic}${s.end}`,
        (s) => `A new chapter starts today: ${s.topic}${s.end}`,
        (s) => `Made to help you do more of what matters: ${s.topic}${s.end}`,
        (s) => `Progress looks like this: ${s.topic}${s.end}`,
      ],
    },
    howto: {
      friendly: [
        (s) => `A quick tip worth saving: ${s.topic}${s.end}`,
        (s) => `Ever wondered about this? ${s.Topic}${s.end}`,
        (s) => `Here's a simple guide: ${s.topic}${s.end}`,
        (s) => `Save this for later: ${s.topic}${s.end} 📌`,
        (s) => `From our team to you: ${s.topic}${s.end}`,
      ],
      formal: [
        (s) => `A practical guide: ${s.topic}${s.end}`,
        (s) => `Expert advice: ${s.topic}${s.end}`,
        (s) => `What you should know: ${s.topic}${s.end}`,
        (s) => `Guidance from our specialists: ${s.topic}${s.end}`,
        (s) => `Best practice, explained: ${s.topic}${s.end}`,
      ],
      playful: [
        (s) => `Pro tip incoming 🧠 ${s.Topic}${s.end}`,
        (s) => `Your future self will thank you: ${s.topic}${s.end}`,
        (s) => `Cheat sheet time: ${s.topic}${s.end} 📝`,
        (s) => `Less guessing, more knowing: ${s.topic}${s.end}`,
        (s) => `Life hack of the day: ${s.topic}${s.end} 💡`,
      ],
      inspirational: [
        (s) => `Knowing how is half the work: ${s.topic}${s.end}`,
        (s) => `Small habits, big results: ${s.topic}${s.end}`,
        (s) => `Learn it once, use it for years: ${s.topic}${s.end}`,
        (s) => `Confidence comes from knowing: ${s.topic}${s.end}`,
        (s) => `Better choices start with better information: ${s.topic}${s.end}`,
      ],
    },
    news: {
      friendly: [
        (s) => `Some happy news to share: ${s.topic}${s.end}`,
        (s) => `We couldn't wait to tell you: ${s.topic}${s.end}`,
        (s) => `Big smiles here today: ${s.topic}${s.end} 😊`,
        (s) => `A quick update from us: ${s.topic}${s.end}`,
        // No thanks here: a news post already thanks the reader in its closing line.
        (s) => `Our latest news: ${s.topic}${s.end}`,
      ],
      formal: [
        (s) => `We are pleased to announce: ${s.topic}${s.end}`,
        (s) => `An update from our team: ${s.topic}${s.end}`,
        (s) => `News from us: ${s.topic}${s.end}`,
        (s) => `For the record: ${s.topic}${s.end}`,
        (s) => `We are proud to share: ${s.topic}${s.end}`,
      ],
      playful: [
        (s) => `Stop scrolling, this is big: ${s.topic}${s.end} 🎉`,
        (s) => `Breaking (good) news: ${s.topic}${s.end} 📣`,
        (s) => `Excuse us while we celebrate: ${s.topic}${s.end} 🥳`,
        (s) => `Guess what? ${s.Topic}${s.end} 🙌`,
        (s) => `Doing a little happy dance over here: ${s.topic}${s.end} 💃`,
      ],
      inspirational: [
        (s) => `Hard work pays off: ${s.topic}${s.end}`,
        (s) => `Every milestone belongs to the people behind it: ${s.topic}${s.end}`,
        (s) => `Proof that steady work adds up: ${s.topic}${s.end}`,
        (s) => `A moment to be grateful for: ${s.topic}${s.end}`,
        (s) => `This is what a shared goal looks like: ${s.topic}${s.end}`,
      ],
    },
    question: {
      friendly: [
        (s) => `We'd love your opinion: ${s.topic}${s.end}`,
        (s) => `Quick question for you: ${s.topic}${s.end}`,
        (s) => `Help us decide: ${s.topic}${s.end}`,
        (s) => `Tell us honestly: ${s.topic}${s.end}`,
        (s) => `Your turn: ${s.topic}${s.end}`,
      ],
      formal: [
        (s) => `We would value your view: ${s.topic}${s.end}`,
        (s) => `A question for our community: ${s.topic}${s.end}`,
        (s) => `Your feedback helps us improve: ${s.topic}${s.end}`,
        (s) => `We invite your input: ${s.topic}${s.end}`,
        (s) => `Share your perspective: ${s.topic}${s.end}`,
      ],
      playful: [
        (s) => `Settle a debate for us 🤔 ${s.Topic}${s.end}`,
        (s) => `No wrong answers (well, maybe one): ${s.topic}${s.end}`,
        (s) => `Poll time! ${s.Topic}${s.end} 🗳️`,
        (s) => `The team can't agree: ${s.topic}${s.end}`,
        (s) => `Be honest, we can take it: ${s.topic}${s.end} 😅`,
      ],
      inspirational: [
        (s) => `Great ideas start with a good question: ${s.topic}${s.end}`,
        (s) => `Your voice shapes what we do next: ${s.topic}${s.end}`,
        (s) => `We build better when we listen: ${s.topic}${s.end}`,
        (s) => `Let's think about this together: ${s.topic}${s.end}`,
        (s) => `Every answer moves us forward: ${s.topic}${s.end}`,
      ],
    },
    newsletter: {
      friendly: [
        (s) => `In this issue: ${s.topic}${s.end}`,
        (s) => `Grab a coffee, here's what's new: ${s.topic}${s.end}`,
        (s) => `Your catch-up is ready: ${s.topic}${s.end}`,
        (s) => `This time we're covering: ${s.topic}${s.end}`,
        (s) => `Fresh in your inbox: ${s.topic}${s.end}`,
      ],
      formal: [
        (s) => `This edition covers: ${s.topic}${s.end}`,
        (s) => `Inside this issue: ${s.topic}${s.end}`,
        (s) => `Our briefing for you: ${s.topic}${s.end}`,
        (s) => `The essentials this period: ${s.topic}${s.end}`,
        (s) => `What you need to know: ${s.topic}${s.end}`,
      ],
      playful: [
        (s) => `Your inbox just got better: ${s.topic}${s.end} 📬`,
        (s) => `Hot off the press: ${s.topic}${s.end} 🗞️`,
        (s) => `The good stuff, all in one place: ${s.topic}${s.end}`,
        (s) => `Five minutes well spent: ${s.topic}${s.end} ☕`,
        (s) => `Read this before your next meeting: ${s.topic}${s.end} 😉`,
      ],
      inspirational: [
        (s) => `Stay ahead, one issue at a time: ${s.topic}${s.end}`,
        (s) => `Knowledge worth sharing: ${s.topic}${s.end}`,
        (s) => `Ideas to take into your week: ${s.topic}${s.end}`,
        (s) => `Keep learning, keep growing: ${s.topic}${s.end}`,
        (s) => `Ready for what's next? This issue: ${s.topic}${s.end}`,
      ],
    },
    hiring: {
      friendly: [
        (s) => `Come work with us: ${s.topic}${s.end}`,
        (s) => `Our team is growing: ${s.topic}${s.end}`,
        (s) => `Know someone great? ${s.Topic}${s.end}`,
        (s) => `We're looking for you: ${s.topic}${s.end}`,
        (s) => `A seat at our table is open: ${s.topic}${s.end}`,
      ],
      formal: [
        (s) => `Career opportunity: ${s.topic}${s.end}`,
        (s) => `We are recruiting: ${s.topic}${s.end}`,
        (s) => `Open position: ${s.topic}${s.end}`,
        (s) => `Join our team: ${s.topic}${s.end}`,
        (s) => `Now accepting applications: ${s.topic}${s.end}`,
      ],
      playful: [
        (s) => `Wanted: someone awesome 🕵️ ${s.Topic}${s.end}`,
        (s) => `Your next job might be one tap away: ${s.topic}${s.end}`,
        (s) => `Great team, good coffee, one open seat: ${s.topic}${s.end} ☕`,
        (s) => `Is it you? We think it might be you: ${s.topic}${s.end} 👀`,
        (s) => `Plot your career move: ${s.topic}${s.end} 🚀`,
      ],
      inspirational: [
        (s) => `Do work you're proud of: ${s.topic}${s.end}`,
        (s) => `Grow with a team that grows with you: ${s.topic}${s.end}`,
        (s) => `Your next chapter could start here: ${s.topic}${s.end}`,
        (s) => `Bring your skills where they matter: ${s.topic}${s.end}`,
        (s) => `Build something meaningful with us: ${s.topic}${s.end}`,
      ],
    },
  },
  value: {
    offer: [
      () => 'It is our way of saying thank you, with nothing complicated to sign up for.',
      () => 'Simple to claim, easy to enjoy, and good for your budget.',
      () => 'A good moment to try what you have been curious about.',
    ],
    event: [
      () => 'Expect a relaxed atmosphere, friendly faces and time for your questions.',
      () => 'Bring your questions: our team will be there to help.',
      () => 'It is a simple way to meet us and see how we work.',
    ],
    launch: [
      () => 'Before, this took extra steps. Now it is ready when you are.',
      () => 'Until now you had to make do; from today there is a better way.',
      () => 'What used to be a hassle is now simple.',
    ],
    howto: [
      () => 'Most people guess, and small mistakes add up over time. Here is what we recommend instead.',
      () => 'It is easy to get wrong, and the cost shows later. A few simple steps fix that.',
      () => 'Getting this right saves time and worry. Here is how to do it well.',
    ],
    news: [
      () => 'It means a lot to our team, and it is thanks to people like you.',
      () => 'We wanted you to hear it from us first.',
      () => 'It is a big step for us, and the best part is what comes next.',
    ],
    question: [
      () => 'Every answer helps us plan what comes next.',
      () => 'We read every reply, so do not be shy.',
      () => 'Your answer helps us make better choices for you.',
    ],
    newsletter: [
      () => 'We have gathered the essentials so you can catch up in a few minutes.',
      () => 'Short, practical, and written for busy people.',
      () => 'Everything worth knowing, without the noise.',
    ],
    hiring: [
      () => 'We value curiosity, care and people who like to learn.',
      () => 'You will join a supportive team that takes its work seriously.',
      () => 'We offer real responsibility from day one and room to grow.',
    ],
  },
  keywords: {
    offer: [
      (s) => `If ${s.kw} has been on your list, now is the time.`,
      (s) => `Made for anyone looking for ${s.kw}.`,
      (s) => `A simple way to save on ${s.kw}.`,
    ],
    event: [
      (s) => `Ideal for anyone interested in ${s.kw}.`,
      (s) => `If ${s.kw} matters to you, this is one to attend.`,
      (s) => `A chance to ask about ${s.kw} face to face.`,
    ],
    launch: [
      (s) => `Made for anyone who cares about ${s.kw}.`,
      (s) => `It is our answer to everyone who asked about ${s.kw}.`,
      (s) => `Designed with ${s.kw} in mind.`,
    ],
    howto: [
      (s) => `Useful for anyone thinking about ${s.kw}.`,
      (s) => `Worth knowing if ${s.kw} is on your mind.`,
      (s) => `Keep it in mind next time ${s.kw} comes up.`,
    ],
    news: [
      (s) => `Thank you to everyone who trusts us with ${s.kw}.`,
      (s) => `It is a big moment for ${s.kw}.`,
      (s) => `Good news for everyone who follows ${s.kw}.`,
    ],
    question: [
      (s) => `Whether you know ${s.kw} well or not, we want to hear from you.`,
      (s) => `Everyone who cares about ${s.kw}: this one is for you.`,
      (s) => `Tell us what ${s.kw} means to you.`,
    ],
    newsletter: [
      (s) => `This issue also covers ${s.kw}.`,
      (s) => `Plus our latest notes on ${s.kw}.`,
      (s) => `Useful reading for anyone following ${s.kw}.`,
    ],
    hiring: [
      (s) => `Experience in ${s.kw} is a plus.`,
      (s) => `Ideal for someone who knows ${s.kw}.`,
      (s) => `If ${s.kw} is your field, we would love to hear from you.`,
    ],
  },
  proof: {
    offer: [
      (s) =>
        s.brand
          ? `With ${s.brand} there are no hidden conditions: what you see is what you get.`
          : 'No hidden conditions: what you see is what you get.',
    ],
    event: [(s) => (s.brand ? `The ${s.brand} team will be there in person.` : 'Our team will be there in person.')],
    launch: [(s) => (s.brand ? `Built and tested by the ${s.brand} team.` : 'Built and tested by our team.')],
    howto: [
      (s) =>
        s.brand
          ? `Advice from the ${s.brand} team, based on what we see every day.`
          : 'Advice based on what we see every day.',
    ],
    news: [
      (s) => (s.brand ? `Thank you for being part of the ${s.brand} story.` : 'Thank you for being part of our story.'),
    ],
    question: [() => 'Every opinion counts.'],
    newsletter: [(s) => (s.brand ? `Written by the ${s.brand} team.` : 'Written by our team.')],
    hiring: [(s) => (s.brand ? `At ${s.brand}, people come first.` : 'Here, people come first.')],
  },
  close: {
    friendly: [() => 'We hope to see you soon.', () => 'We would love to hear what you think.', () => 'See you soon!'],
    formal: [
      () => 'We look forward to hearing from you.',
      () => 'Thank you for your trust.',
      () => 'We remain at your service.',
    ],
    playful: [
      () => 'Cue the confetti 🎉',
      () => 'Tell your friends, we will not mind 😉',
      () => 'Go on, spread the word ✨',
    ],
    urgent: [() => 'When it is gone, it is gone.', () => 'Do not leave it too late.', () => 'Act now, before it ends.'],
    inspirational: [
      () => 'Your next step starts here.',
      () => 'Here is to what comes next.',
      () => 'Keep going: it is worth it.',
    ],
  },
  cta: {
    caption: {
      offer: () => 'Tap the link in our bio to claim it.',
      event: () => 'Book your place through the link in our bio.',
      launch: () => 'See it for yourself: link in bio.',
      howto: () => 'Find more tips through the link in our bio.',
      news: () => 'Read the full story through the link in our bio.',
      question: () => 'Answer in the comments below 👇',
      newsletter: () => 'Subscribe through the link in our bio.',
      hiring: () => 'Apply through the link in our bio, or tag someone who would be perfect.',
    },
    post: {
      offer: (s) => (s.link ? `Claim it here: ${s.link}` : 'Send us a message to claim it.'),
      event: (s) => (s.link ? `Book your place: ${s.link}` : 'Send us a message to book your place.'),
      launch: (s) => (s.link ? `See it here: ${s.link}` : 'Send us a message to find out more.'),
      howto: (s) => (s.link ? `More tips: ${s.link}` : 'Share this with someone who needs it.'),
      news: (s) => (s.link ? `Read more: ${s.link}` : 'Share the good news with a friend.'),
      question: () => 'Tell us in the comments.',
      newsletter: (s) => (s.link ? `Subscribe here: ${s.link}` : 'Send us a message to subscribe.'),
      hiring: (s) =>
        s.link ? `Apply here: ${s.link}` : 'Send us a message to apply, or tag someone who would be perfect.',
    },
    video: {
      offer: (s) => (s.link ? `Claim the offer: ${s.link}` : 'Subscribe so you never miss an offer.'),
      event: (s) => (s.link ? `Book your place: ${s.link}` : 'Subscribe to hear about our next events.'),
      launch: (s) => (s.link ? `Find out more: ${s.link}` : 'Subscribe to see what we build next.'),
      howto: () => 'Subscribe for more tips like this one.',
      news: () => 'Subscribe to follow our story.',
      question: () => 'Answer in the comments, and subscribe for more.',
      newsletter: (s) => (s.link ? `Subscribe to the newsletter: ${s.link}` : 'Subscribe for every new issue.'),
      hiring: (s) => (s.link ? `Apply here: ${s.link}` : 'Subscribe to meet the team.'),
    },
    email: {
      offer: (s) => (s.link ? `Claim your offer: ${s.link}` : 'Reply to this email to claim your offer.'),
      event: (s) => (s.link ? `Book your place: ${s.link}` : 'Reply to this email to book your place.'),
      launch: (s) => (s.link ? `See what is new: ${s.link}` : 'Reply to this email to find out more.'),
      howto: (s) => (s.link ? `Read the full guide: ${s.link}` : 'Reply with your questions: we answer every one.'),
      news: (s) => (s.link ? `Read the full story: ${s.link}` : 'Reply and tell us what you think.'),
      question: () => 'Hit reply and tell us: it takes ten seconds.',
      newsletter: (s) =>
        s.link ? `Read the full issue: ${s.link}` : 'Reply and tell us what you would like next time.',
      hiring: (s) => (s.link ? `Apply now: ${s.link}` : 'Reply to this email to apply.'),
    },
  },
  subject: {
    offer: [(s) => `${s.Topic}: just for you`, (s) => `Our offer for you: ${s.topic}`, (s) => s.Topic],
    event: [(s) => `You're invited: ${s.topic}`, (s) => `Save the date: ${s.topic}`, (s) => s.Topic],
    launch: [(s) => `New from us: ${s.topic}`, (s) => `Now available: ${s.topic}`, (s) => s.Topic],
    howto: [(s) => `A practical guide: ${s.topic}`, (s) => `Our tip: ${s.topic}`, (s) => s.Topic],
    news: [(s) => `News from us: ${s.topic}`, (s) => `Some good news: ${s.topic}`, (s) => s.Topic],
    question: [(s) => `Quick question: ${s.topic}`, (s) => `We'd love your view: ${s.topic}`, (s) => s.Topic],
    newsletter: [
      (s) => (s.label ? `${s.label}: ${s.topic}` : `This issue: ${s.topic}`),
      (s) => `This issue: ${s.topic}`,
      (s) => s.Topic,
    ],
    hiring: [(s) => `We're hiring: ${s.topic}`, (s) => `Join our team: ${s.topic}`, (s) => s.Topic],
  },
  subjectFallback: {
    offer: 'A special offer for you, while it lasts',
    event: 'You are invited: save the date for our event',
    launch: 'Something new from us, made with you in mind',
    howto: 'A practical tip you can use this week',
    news: 'Some news we wanted you to hear from us first',
    question: 'Quick question: we would love your opinion',
    newsletter: 'Your latest issue: the essentials in five minutes',
    hiring: 'We are hiring: come and build something with us',
  },
  preview: {
    offer: [() => 'How to claim it, and how long you have.', () => 'Everything you need to know, in one short email.'],
    event: [() => 'The details, and how to book your place.', () => 'When, where, and how to join us.'],
    launch: [
      () => 'What changes for you, and how to get started.',
      () => 'A quick look at what is new and why it matters.',
    ],
    howto: [() => 'Simple steps you can use today.', () => 'The mistakes to avoid, and what to do instead.'],
    news: [() => 'The full story, and what comes next.', () => 'What happened, and what it means for you.'],
    question: [() => 'It takes ten seconds to answer.', () => 'Your answer shapes what we do next.'],
    newsletter: [
      () => 'The essentials in five minutes, with links to read more.',
      () => 'Short, practical notes for your week.',
    ],
    hiring: [() => 'The role, the team, and how to apply.', () => 'What we look for, and what we offer.'],
  },
  placeOnly: [
    (s) => `For everyone in ${s.kw}.`,
    (s) => `Made for our neighbours in ${s.kw}.`,
    (s) => `Proudly local to ${s.kw}.`,
  ],
  greeting: 'Hello,',
  signoff: (brand) => (brand ? `The ${brand} team` : 'The team'),
  chapters: 'Chapters:\n00:00 Introduction\n00:00 …\n00:00 Summary',
  linkLine: (link) => `Links: ${link}`,
  kindTags: {
    offer: ['Offer', 'Deals', 'SpecialOffer'],
    event: ['Event', 'SaveTheDate', 'Events'],
    launch: ['NewLaunch', 'JustLaunched', 'NewProduct'],
    howto: ['Tips', 'HowTo', 'GoodToKnow'],
    news: ['News', 'Update', 'Announcement'],
    question: ['Poll', 'TellUs', 'Community'],
    newsletter: ['Newsletter', 'Insights', 'WorthReading'],
    hiring: ['Hiring', 'Careers', 'JobOpening'],
  },
  join: (items) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`),
  inPlace: (what, place) => (what ? `${what} in ${place}` : place),
  stopwords: new Set(
    "a an the and or but for of to in on at by with from this that these those our your my we you is are was were be been it its as into about how what which who why when where new free best get just now next choose voted off all until end per only more most every each should would could can will add last first up out over we're you're it's let's we've don't monday tuesday wednesday thursday friday saturday sunday today tomorrow tonight week weekend month".split(
      ' ',
    ),
  ),
};
