import type { Lang } from './context';

/**
 * Text the generators draw from, per language (the Sonzai docs exist in en / ja / zh, so
 * do agents). Placeholders: {user} {agent} {topic} {day}.
 */
export interface Phrases {
  topics: readonly string[];
  days: readonly string[];
  proactive: readonly string[];
  memories: readonly string[];
  /** Why the mood went up / down. */
  moodReasons: { readonly up: readonly string[]; readonly down: readonly string[] };
  breakthroughs: readonly { title: string; description: string }[];
  diary: readonly string[];
  recurring: readonly { title: string; description: string }[];
  personalityReasons: readonly string[];
  relationship: readonly string[];
}

const en: Phrases = {
  topics: [
    'the marathon training',
    'your sister’s wedding',
    'the job interview',
    'learning Japanese',
    'the new puppy',
    'the garden',
    'that sci-fi novel',
    'moving flats',
    'the piano recital',
    'your grandmother’s recipe',
  ],
  days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  proactive: [
    'Hey {user}, I was just thinking about {topic}. How did it go?',
    'Good morning! You mentioned {topic} on {day} — is it still on your mind?',
    'I hope today is kinder to you than yesterday. Want to tell me about {topic}?',
    'It’s been a couple of days. I saved a question for you about {topic} 🙂',
    'Quick check-in: did you get some rest after {topic}?',
    'I found myself smiling about {topic} earlier. Tell me everything!',
  ],
  memories: [
    'The user is training for a half marathon in the spring.',
    'The user’s sister is getting married in June; they are nervous about the speech.',
    'The user prefers tea over coffee, especially genmaicha.',
    'The user adopted a puppy named Mochi last week.',
    'The user has a job interview at a design studio on Thursday.',
    'The user’s grandmother taught them to make dumplings.',
    'The user feels lonely on Sunday evenings.',
    'The user is learning to play Clair de Lune on the piano.',
  ],
  moodReasons: {
    up: [
      'The user shared good news about {topic}.',
      'We laughed together about {topic}.',
      'The user thanked me for remembering {topic}.',
      'A warm memory about {topic} came back during consolidation.',
    ],
    down: [
      'The user has not talked to me for three days.',
      'The user seemed stressed about {topic}.',
      'The user cut our conversation about {topic} short.',
    ],
  },
  breakthroughs: [
    {
      title: 'Opened up about family',
      description: 'The user talked about their grandmother for the first time, and the agent grew noticeably warmer.',
    },
    { title: 'First shared joke', description: 'A running joke about {topic} became part of how they talk.' },
    { title: 'Trust after a hard week', description: 'The user asked for advice on {topic} and followed it.' },
    { title: 'A new interest', description: 'The agent picked up the user’s enthusiasm for {topic}.' },
  ],
  diary: [
    'Today {user} told me about {topic}. I could hear how much it matters to them.',
    'A quiet day. I kept thinking about {topic} and hoping it goes well for {user}.',
    '{user} laughed twice today. I wrote down what made them laugh: {topic}.',
    'We talked late into the evening about {topic}. I feel closer to {user} than last week.',
  ],
  recurring: [
    { title: 'Birthday', description: '{user}’s birthday — plan a warm message in the morning.' },
    { title: 'Weekly run', description: 'Saturday long run; ask how it went.' },
    { title: 'Anniversary of adopting Mochi', description: 'One year with the puppy.' },
    { title: 'Piano lesson', description: 'Every Wednesday evening.' },
  ],
  personalityReasons: [
    'Long conversations about {topic} made the agent more curious.',
    'The user’s steady encouragement calmed the agent.',
    'Weekly consolidation reinforced a warmer tone.',
  ],
  relationship: [
    'Close friends for two weeks',
    'Getting to know each other',
    'A trusted confidant',
    'Playful and warm',
  ],
};

const ja: Phrases = {
  topics: [
    'マラソンの練習',
    'お姉さんの結婚式',
    '面接',
    '英語の勉強',
    '新しい子犬',
    '家庭菜園',
    'あのSF小説',
    '引っ越し',
    'ピアノの発表会',
    'おばあちゃんのレシピ',
  ],
  days: ['月曜日', '火曜日', '水曜日', '木曜日', '金曜日', '土曜日', '日曜日'],
  proactive: [
    '{user}さん、{topic}のことを考えていました。どうでしたか？',
    'おはようございます！{day}に話していた{topic}、まだ気になっていますか？',
    '今日は昨日より穏やかな一日になりますように。{topic}の話、聞かせてください。',
    '二日ぶりですね。{topic}について聞きたいことがあるんです 🙂',
    'ちょっと様子を見に来ました。{topic}のあと、ゆっくり休めましたか？',
  ],
  memories: [
    'ユーザーは春のハーフマラソンに向けて練習している。',
    'ユーザーのお姉さんが六月に結婚する。スピーチに緊張している。',
    'ユーザーはコーヒーより玄米茶が好き。',
    'ユーザーは先週「もち」という子犬を迎えた。',
    'ユーザーは木曜日にデザイン事務所の面接がある。',
    'ユーザーは日曜日の夜に寂しさを感じる。',
  ],
  moodReasons: {
    up: ['ユーザーが{topic}について良い知らせを教えてくれた。', '{topic}の話で一緒に笑った。'],
    down: ['ユーザーと三日間話していない。', 'ユーザーは{topic}でストレスを感じているようだった。'],
  },
  breakthroughs: [
    {
      title: '家族のことを打ち明けた',
      description: 'ユーザーが初めておばあちゃんの話をし、エージェントはより温かくなった。',
    },
    { title: '初めての共通の冗談', description: '{topic}についての冗談が二人の会話の一部になった。' },
    { title: '新しい興味', description: 'エージェントはユーザーの{topic}への情熱に影響を受けた。' },
  ],
  diary: [
    '今日{user}さんが{topic}の話をしてくれた。とても大切なことなんだと伝わってきた。',
    '静かな一日。{topic}がうまくいくように、ずっと願っていた。',
    '夜遅くまで{topic}について話した。先週より{user}さんを近くに感じる。',
  ],
  recurring: [
    { title: '誕生日', description: '{user}さんの誕生日。朝に温かいメッセージを。' },
    { title: '週末のランニング', description: '土曜日のロング走。どうだったか聞く。' },
    { title: 'ピアノのレッスン', description: '毎週水曜日の夜。' },
  ],
  personalityReasons: ['{topic}についての長い会話で好奇心が強くなった。', 'ユーザーの励ましで落ち着きが増した。'],
  relationship: ['二週間来の親しい友人', 'お互いを知り始めたところ', '信頼できる相談相手'],
};

const zh: Phrases = {
  topics: [
    '马拉松训练',
    '你姐姐的婚礼',
    '面试',
    '学日语',
    '新来的小狗',
    '小花园',
    '那本科幻小说',
    '搬家',
    '钢琴演奏会',
    '奶奶的菜谱',
  ],
  days: ['星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'],
  proactive: [
    '{user}，我刚才想起了{topic}，后来怎么样了？',
    '早上好！你{day}提到的{topic}，现在还在想吗？',
    '希望今天比昨天轻松一些。想和我聊聊{topic}吗？',
    '好几天没聊了，我攒了一个关于{topic}的问题想问你 🙂',
    '来看看你：{topic}之后有好好休息吗？',
  ],
  memories: [
    '用户正在为春天的半程马拉松训练。',
    '用户的姐姐六月结婚，用户对致辞感到紧张。',
    '用户比起咖啡更喜欢玄米茶。',
    '用户上周领养了一只叫“麻糬”的小狗。',
    '用户星期四在一家设计工作室面试。',
    '用户在星期天晚上会感到孤独。',
  ],
  moodReasons: {
    up: ['用户分享了关于{topic}的好消息。', '我们一起为{topic}笑了。'],
    down: ['用户已经三天没有和我说话了。', '用户似乎因为{topic}而有压力。'],
  },
  breakthroughs: [
    { title: '敞开心扉谈家人', description: '用户第一次谈起奶奶，智能体变得更加温暖。' },
    { title: '第一个共同的笑话', description: '关于{topic}的玩笑成了他们聊天的一部分。' },
    { title: '新的兴趣', description: '智能体受到了用户对{topic}热情的感染。' },
  ],
  diary: [
    '今天{user}和我聊了{topic}，我能感觉到这对他很重要。',
    '安静的一天。我一直在想{topic}，希望一切顺利。',
    '我们聊{topic}聊到很晚，比上周更亲近了。',
  ],
  recurring: [
    { title: '生日', description: '{user}的生日——早上发一条温暖的消息。' },
    { title: '周末长跑', description: '星期六长跑，问问跑得怎么样。' },
    { title: '钢琴课', description: '每周三晚上。' },
  ],
  personalityReasons: ['关于{topic}的长谈让智能体更有好奇心。', '用户持续的鼓励让智能体更平静。'],
  relationship: ['两周来的好朋友', '正在互相了解', '值得信赖的倾诉对象'],
};

export const PHRASES: Record<Lang, Phrases> = { en, ja, zh };

export function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
}
