import type { Lang } from '../../events/generators/context';
import { PHRASES, fill } from '../../events/generators/phrases';
import type { Rng } from '../../events/prng';

/** One line of a call transcript, as OneInbox documents it. */
export interface TranscriptMessage {
  role: 'agent' | 'user';
  content: string;
}

/** What a finished call concluded: the outcome label, the AI summary, the dialogue. */
export interface CallStory {
  outcome: string;
  aiSummary: string;
  messages: TranscriptMessage[];
}

interface Script {
  outcome: string;
  summary: string;
  lines: readonly [TranscriptMessage['role'], string][];
}

/**
 * Voice-call dialogues per language (en / ja / zh, as the studio's other samples). The
 * outcome labels are English, as in the docs' example; the summary and the dialogue are
 * in the call's language. Placeholders: {topic} (a topic of the seeded phrase lists), {day}.
 */
const SCRIPTS: Record<Lang, readonly Script[]> = {
  en: [
    {
      outcome: 'Appointment Booked',
      summary: 'Caller agreed to a product demo on {day} at 3pm.',
      lines: [
        ['agent', 'Hi! How can I help you today?'],
        ['user', 'I’d like to book a demo.'],
        ['agent', 'Of course! Let me get that booked for you. Does {day} at 3pm work?'],
        ['user', 'Yes, {day} at 3pm is perfect.'],
        ['agent', 'Great, you are booked for {day} at 3pm. You will get a confirmation by email.'],
        ['user', 'Thanks, see you then!'],
      ],
    },
    {
      outcome: 'Callback Requested',
      summary: 'Caller is busy with {topic} and asked for a callback on {day}.',
      lines: [
        ['agent', 'Hello, this is the assistant from the clinic. Is now a good time?'],
        ['user', 'Not really, I’m in the middle of {topic}.'],
        ['agent', 'No problem at all. When should we call you back?'],
        ['user', 'Could you try {day} morning?'],
        ['agent', 'I’ve noted a callback for {day} morning. Have a good day!'],
      ],
    },
    {
      outcome: 'Not Interested',
      summary: 'Caller declined the offer and asked not to be contacted again.',
      lines: [
        ['agent', 'Hi, I’m calling about the upgrade to your current plan.'],
        ['user', 'I’m not interested, thank you.'],
        ['agent', 'Understood. Would you like us to stop calling you about offers?'],
        ['user', 'Yes, please remove my number.'],
        ['agent', 'Done. Sorry for the interruption, and have a nice {day}.'],
      ],
    },
  ],
  ja: [
    {
      outcome: 'Appointment Booked',
      summary: '発信者は{day}の15時に製品デモを受けることに同意しました。',
      lines: [
        ['agent', 'お電話ありがとうございます。本日はどのようなご用件でしょうか？'],
        ['user', 'デモの予約をしたいのですが。'],
        ['agent', 'かしこまりました。{day}の15時はいかがでしょうか？'],
        ['user', 'はい、{day}の15時で大丈夫です。'],
        ['agent', '{day}の15時でご予約を承りました。確認のメールをお送りします。'],
        ['user', 'ありがとうございます。'],
      ],
    },
    {
      outcome: 'Callback Requested',
      summary: '発信者は{topic}の最中のため、{day}に折り返しの電話を希望しました。',
      lines: [
        ['agent', 'こんにちは、クリニックのアシスタントです。今お時間よろしいでしょうか？'],
        ['user', 'すみません、今ちょうど{topic}の途中なんです。'],
        ['agent', '承知しました。いつ頃お掛け直しすればよろしいですか？'],
        ['user', '{day}の午前中にお願いできますか？'],
        ['agent', '{day}の午前中に折り返しのお電話をいたします。失礼いたします。'],
      ],
    },
    {
      outcome: 'Not Interested',
      summary: '発信者は提案を断り、今後の連絡を希望しませんでした。',
      lines: [
        ['agent', '現在ご利用中のプランのアップグレードについてお電話しました。'],
        ['user', '結構です。興味はありません。'],
        ['agent', 'かしこまりました。今後のご案内のお電話は停止いたしましょうか？'],
        ['user', 'はい、お願いします。'],
        ['agent', '承知いたしました。お忙しいところ失礼いたしました。'],
      ],
    },
  ],
  zh: [
    {
      outcome: 'Appointment Booked',
      summary: '来电者同意在{day}下午3点参加产品演示。',
      lines: [
        ['agent', '您好！请问今天有什么可以帮您？'],
        ['user', '我想预约一次产品演示。'],
        ['agent', '没问题！{day}下午3点方便吗？'],
        ['user', '可以，{day}下午3点正好。'],
        ['agent', '已为您预约{day}下午3点，确认邮件稍后发送给您。'],
        ['user', '谢谢，到时候见！'],
      ],
    },
    {
      outcome: 'Callback Requested',
      summary: '来电者正忙于{topic}，希望{day}再回电。',
      lines: [
        ['agent', '您好，我是诊所的智能助理，现在方便通话吗？'],
        ['user', '不太方便，我正在忙{topic}。'],
        ['agent', '好的，请问什么时候给您回电比较合适？'],
        ['user', '{day}上午可以吗？'],
        ['agent', '已记下{day}上午回电。祝您愉快！'],
      ],
    },
    {
      outcome: 'Not Interested',
      summary: '来电者拒绝了优惠，并要求不再联系。',
      lines: [
        ['agent', '您好，我打电话是想介绍一下您当前套餐的升级服务。'],
        ['user', '谢谢，我不需要。'],
        ['agent', '明白了。需要我们以后不再致电推荐优惠吗？'],
        ['user', '是的，请把我的号码移除。'],
        ['agent', '好的，已处理。打扰您了，祝您生活愉快。'],
      ],
    },
  ],
};

/** A call's whole story, drawn from the seeded sequence `rng` (same seed, same call). */
export function callStory(lang: Lang, rng: Rng): CallStory {
  const script = rng.pick(SCRIPTS[lang]);
  const p = PHRASES[lang];
  const vars = { topic: rng.pick(p.topics), day: rng.pick(p.days) };
  return {
    outcome: script.outcome,
    aiSummary: fill(script.summary, vars),
    messages: script.lines.map(([role, text]) => ({ role, content: fill(text, vars) })),
  };
}
