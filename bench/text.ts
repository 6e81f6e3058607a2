import type { Random } from './rng'
import { randomBetween, randomIndex } from './rng'

/** In most messages (COMMON_SHARE of them): the "common term" whose search must stay fast. */
export const COMMON_TERM = 'project'
export const COMMON_SHARE = 0.85
/** In RARE_COUNT messages spread evenly over the whole history: the "rare term". */
export const RARE_TERM = 'quetzalcoatl'
export const RARE_COUNT = 10

/** The words people actually type most, ranked roughly by frequency; a long generated tail follows them. */
const HEAD = `the to and a of i you it is that in for on this we can be with have not are but do so
just what if will at as your me my was there like get about how an or all from one they would should
know think need make time work use here now up out some see want code then could also more file test
go new only any when yes no did let which by back make sure right way because still look issue change
build first into our way data well good thing run point next call try fix add meeting today team plan
week report note review update problem list user app window search message open error version check
thanks please sorry okay great maybe really already again after before same other each where why who
design page draft idea summary screen task todo deadline release branch commit merge server client
api model query table index field value name date number string object function method class module
import export config setting option default option path folder document text image link email chat
send reply start stop close save load write read delete create remove move copy paste select filter
sort group count total result answer question reason example case detail context history memory cache
log debug trace stack crash bug patch feature request response status state event handler callback
promise async await thread worker process queue job schedule timer clock hour minute second day month
year morning evening afternoon tomorrow yesterday monday friday customer manager engineer designer
budget cost price invoice contract meeting agenda slide deck notes decision action owner follow`
  .split(/\s+/)
  .filter((word) => word.length > 0)

const SYLLABLES = `ka lo mi ne su ta ri vo de ba fi gu ho ju ke ly ma no pe qu ra si tu va we xe yo za
bel cor dan fen gar hil jor kel lum mar nor pel ros sal tor vel wen zor ash ber cal dor eth fal
gen hal ith jen kal len mon nal oth pal rin sen tal ulm ven wil yar zen`
  .split(/\s+/)
  .filter((word) => word.length > 0)

const TAIL_SIZE = 30_000
/** Zipf exponent: a few words are everywhere, most are seldom seen, as in any real text. */
const ZIPF_S = 1.05

function buildVocabulary(): string[] {
  const words = new Set<string>()
  for (const word of HEAD) words.add(word)
  const random = (() => {
    let state = 7
    return () => {
      state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0
      return state / 4_294_967_296
    }
  })()
  while (words.size < HEAD.length + TAIL_SIZE) {
    const parts = 2 + Math.floor(random() * 3)
    let word = ''
    for (let part = 0; part < parts; part += 1)
      word += SYLLABLES[Math.floor(random() * SYLLABLES.length)] ?? 'ka'
    words.add(word)
  }
  // Searches match words as prefixes: no other word may start with a test term, or the counts would lie.
  return [...words].filter((word) => !word.startsWith(COMMON_TERM) && !word.startsWith(RARE_TERM))
}

const VOCABULARY = buildVocabulary()

/** Cumulative Zipf weights over the vocabulary, for sampling by binary search. */
const CUMULATIVE = (() => {
  const cumulative = new Float64Array(VOCABULARY.length)
  let sum = 0
  for (let rank = 0; rank < VOCABULARY.length; rank += 1) {
    sum += 1 / Math.pow(rank + 1, ZIPF_S)
    cumulative[rank] = sum
  }
  for (let rank = 0; rank < cumulative.length; rank += 1) cumulative[rank] = (cumulative[rank] ?? 0) / sum
  return cumulative
})()

function sampleWord(random: Random): string {
  const target = random()
  let low = 0
  let high = CUMULATIVE.length - 1
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((CUMULATIVE[middle] ?? 1) < target) low = middle + 1
    else high = middle
  }
  return VOCABULARY[low] ?? 'the'
}

export interface TextOptions {
  minWords: number
  maxWords: number
  /** Put the rare term in this text. */
  rare?: boolean
}

/** A message-like text: Zipf-distributed words in sentences, the common term in most of them. */
export function messageText(random: Random, options: TextOptions = { minWords: 6, maxWords: 48 }): string {
  const count = randomBetween(random, options.minWords, options.maxWords)
  const words: string[] = []
  for (let index = 0; index < count; index += 1) words.push(sampleWord(random))
  if (random() < COMMON_SHARE) words.splice(randomIndex(random, words.length + 1), 0, COMMON_TERM)
  if (options.rare) words.splice(randomIndex(random, words.length + 1), 0, RARE_TERM)
  let text = ''
  let sentenceStart = true
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index] ?? ''
    text += sentenceStart ? word.charAt(0).toUpperCase() + word.slice(1) : word
    sentenceStart = random() < 0.12 || index === words.length - 1
    text += sentenceStart ? '. ' : random() < 0.08 ? ', ' : ' '
  }
  return text.trimEnd()
}

export function titleText(random: Random): string {
  return messageText(random, { minWords: 2, maxWords: 6 }).replace(/[.,]/g, '')
}

/** Pieces of Chinese work sentences; a screen in Chinese strings a few together without spaces. */
const CHINESE_SUBJECTS = ['我们', '项目组', '产品经理', '客户', '设计团队', '张老师', '开发同事', '财务部']
const CHINESE_TIMES = ['明天', '下周一', '今天下午', '月底之前', '周五', '会议结束后', '本季度']
const CHINESE_VERBS = ['需要完成', '正在修改', '已经提交', '请确认', '讨论了', '重新检查', '准备发布']
const CHINESE_OBJECTS = [
  '季度报告的初稿',
  '预算表格',
  '项目进度',
  '会议纪要',
  '新版本的设计稿',
  '合同条款',
  '用户反馈',
  '服务器配置',
  '测试结果',
  '年度计划',
]

/** Chinese screen text: one to four sentences of who, when, what, with Chinese punctuation and no spaces. */
export function chineseText(random: Random): string {
  const pick = (list: readonly string[]) => list[randomIndex(random, list.length)] ?? ''
  const sentences = randomBetween(random, 1, 4)
  let text = ''
  for (let index = 0; index < sentences; index += 1)
    text += `${pick(CHINESE_SUBJECTS)}${pick(CHINESE_TIMES)}${pick(CHINESE_VERBS)}${pick(CHINESE_OBJECTS)}。`
  return text
}
