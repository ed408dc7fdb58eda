/**
 * Chinese text for generated talks: a small phrase grammar over hand-written word lists
 * (about 900 distinct characters, so font subsetting sees a realistic spread). The sentences
 * are invented for the benchmark.
 */
import type { Rng } from './prng.js';
import { pickFresh, type Voice } from './voice.js';

const nouns = [
  '渡口', '果园', '石桥', '作坊', '账本', '灯笼', '砖窑', '织机', '码头', '水井', '档案室', '温室', '磨坊', '校舍', '集市',
  '菜园', '诊所', '书屋', '合唱团', '铁路', '水渠', '面包房', '铁匠铺', '采石场', '茶园', '奶牛场', '印刷厂', '广播站', '气象站', '粮仓',
  '祠堂', '戏台', '竹林', '梯田', '渔船', '药铺', '邮局', '汽车站', '灯塔', '陶窑', '纸坊', '染坊', '蜂箱', '稻田', '油坊',
  '酒坊', '茶馆', '小卖部', '卫生院', '夜校', '电影院', '澡堂', '理发店', '钟楼', '风车', '水车', '石碾', '晒谷场', '船坞', '皮革厂',
  '锯木厂', '砖瓦厂', '种子库', '工具房', '修理铺', '公共食堂', '菜地', '山路', '水库', '乐队', '博物馆', '工作台', '豆腐坊', '竹器社', '棉纺厂',
  '养鸡场', '苗圃', '铜器店', '裁缝铺', '旧书摊', '老宅', '天井', '牌坊', '凉亭', '古井', '石板路', '绣坊', '木偶剧团', '窑洞', '盐田',
] as const;

const people = [
  '村民', '学徒', '老人们', '志愿者', '孩子们', '老师们', '农户', '渔民', '店主', '家长', '学生', '护士', '司机', '木匠', '村委会',
  '返乡青年', '手艺人', '街坊', '老主顾', '外地游客',
] as const;

const abstracts = [
  '信任', '耐心', '记忆', '手艺', '秩序', '尊严', '好奇心', '归属感', '责任', '习惯', '公共生活', '时间感', '专注', '体面', '节俭',
  '骄傲', '勇气', '邻里情分', '传承', '韧性', '分寸', '敬畏', '默契', '烟火气',
] as const;

const adjectives = [
  '安静', '朴素', '热闹', '陈旧', '结实', '缓慢', '细致', '固执', '谦逊', '脆弱', '开朗', '狭窄', '拥挤', '冷清', '诚实',
  '实用', '慷慨', '凌乱', '可靠', '简陋', '温和', '倔强', '干净', '潮湿',
] as const;

const places = [
  '河边', '山坳里', '镇上', '村口', '县城', '老街', '江南', '西北', '海边', '草原上', '半山腰', '湖心岛', '盆地', '边境小城', '城郊',
  '老城区', '高原牧场', '港口', '丘陵地带', '黄土坡',
] as const;

const verbs = [
  '修补', '记录', '搬运', '整理', '测量', '种植', '改造', '保存', '翻新', '清点', '打磨', '经营', '守护', '调整', '拆除',
  '重建', '开办', '粉刷', '维护', '接手', '照看', '登记', '规划', '装修',
] as const;

const times = [
  '那年冬天', '头两年', '刚开始的时候', '二〇一九年', '每到雨季', '农忙时节', '发大水那年', '公路修通以后', '拿到补助之前', '第一个赶集日',
  '去年秋天', '开春以后', '腊月里', '暑假期间',
] as const;

const surnames = ['沈', '林', '陈', '周', '吴', '郑', '许', '何', '罗', '梁', '宋', '唐', '韩', '冯', '邓', '曹', '彭', '曾', '萧', '田', '董', '袁', '潘', '蒋', '蔡', '余', '杜', '叶', '程', '苏'] as const;
const given = ['青', '禾', '明', '远', '秀', '兰', '志', '强', '海', '燕', '建', '国', '春', '梅', '晓', '峰', '雪', '松', '玉', '芳', '德', '华', '静', '怡', '鹏', '涛', '丽', '娟', '桂', '英', '红', '霞', '文', '斌', '琳', '嘉', '卫', '东', '立', '新'] as const;

const num = (r: Rng) => r.pick(['两', '三', '四', '五', '六', '七', '十', '十二']);

/** The Chinese voice of the generator. */
export const chinese: Voice = {
  lang: 'zh',
  person(r) {
    const name = r.pick(surnames) + r.pick(given) + (r.chance(0.7) ? r.pick(given) : '');
    return { label: name, short: name };
  },
  interviewer: '记者',
  title(r) {
    return r.pick([`把${r.pick(nouns)}开进${r.pick(places)}`, `${r.pick(places)}的${r.pick(nouns)}`, `守着${r.pick(nouns)}的人`, `${r.pick(nouns)}里的${r.pick(abstracts)}`]);
  },
  subtitle(r, who) {
    return `对话${who}：关于${r.pick(abstracts)}与${r.pick(abstracts)}`;
  },
  sectionTitle(r) {
    const n = r.pick(nouns);
    return r.pick([
      `${n}与${r.pick(abstracts)}`,
      `为什么要${r.pick(verbs)}${n}？`,
      `${r.pick(places)}的${n}`,
      `从${n}到${r.pick(nouns)}`,
      `${r.pick(people)}眼中的${n}`,
      `${n}还能撑多久？`,
    ]);
  },
  question(r) {
    const n = r.pick(nouns);
    return r.pick([
      `${n}在你们${r.pick(verbs)}之后，发生了什么变化？`,
      `当初是什么让你下决心${r.pick(verbs)}这个${n}？`,
      `为什么${r.pick(people)}到现在还在谈论那个${n}？`,
      `如果有人今天也想${r.pick(verbs)}一个${n}，你会给他什么建议？`,
      `你第一次意识到${r.pick(places)}的${r.pick(abstracts)}，是在什么时候？`,
      `有没有哪一刻，你觉得${n}可能撑不下去了？`,
      `你在${n}上花了${num(r)}年时间，回头看，最让你意外的是什么？`,
    ]);
  },
  answer(r, avoid) {
    const n = r.pick(nouns);
    const a = r.pick(abstracts);
    return pickFresh(r, avoid, [
      `${r.pick(times)}，我们在${r.pick(places)}${r.pick(verbs)}了那个${n}，谁也没想到${r.pick(people)}会那么在意。`,
      `说实话，${n}本身并不重要，重要的是它背后的${a}。`,
      `我一直觉得，${a}不是喊出来的，是一天一天做出来的。`,
      `我们花了${num(r)}年才弄明白，为什么${n}总是办不好。`,
      `${r.pick(people)}常说，${n}就是${r.pick(places)}的${a}。`,
      `最难的不是${r.pick(verbs)}${n}，而是让${r.pick(people)}愿意留下来。`,
      `每一次${r.pick(verbs)}${n}，都让我重新认识了${r.pick(abstracts)}。`,
      `我们给每一个${n}都建了一本${r.pick(adjectives)}的账，因为人总是忘得很快。`,
      `${a}急不来，也买不来。`,
      `错当然犯过不少，大多数都出在${n}上。`,
      `大家以为会看到一个${r.pick(adjectives)}的${n}，结果我们给了他们一个${r.pick(adjectives)}的。`,
      `说到底，${n}是${r.pick(people)}的，不是我的。`,
      `我们那时候手里只有${num(r)}个人，连一张像样的桌子都没有。`,
      `后来我想通了，${n}不能坐着等人，得自己走出去。`,
    ]);
  },
  commentary(r, who, avoid) {
    const n = r.pick(nouns);
    return pickFresh(r, avoid, [
      `${who}的讲述，让人想起${r.pick(places)}许多${n}的命运。`,
      `在${who}看来，${r.pick(abstracts)}并不是一句口号，而是一种日常的习惯。`,
      `这一点，${who}在访谈中反复提到。`,
      `也有人认为，这样的${n}过于${r.pick(adjectives)}，很难推广，${who}并不回避这样的质疑。`,
      `${who}留下的记录，如今装满了${n}后屋的${num(r)}个纸箱。`,
      `谈起${n}，当地的干部大多称赞它的${r.pick(abstracts)}。`,
      `这是一个朴素的判断，${who}说得很平静。`,
      `来访的人往往先注意到那个${r.pick(adjectives)}的${n}，然后才注意到别的。`,
    ]);
  },
};
