"""Number readings (Chinese with cn2an, English with text2num) and the two-way number check."""

from __future__ import annotations

import pytest

from zhen.check.numbers import chinese_quantities, compare, english_quantities, missing_quantities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20多万人", [("number", 200000.0, "20多万")]),
        ("2千万", [("number", 20000000.0, "2千万")]),
        ("3百万", [("number", 3000000.0, "3百万")]),
        ("34.538千米", [("number", 34.538, "34.538")]),  # 千 of 千米 is kilo-, not a magnitude
        ("220千伏", [("number", 220.0, "220")]),
        ("11万7015", [("number", 117015.0, "11万7015")]),
        ("7万8千", [("number", 78000.0, "7万8千")]),
        ("5，000人", [("number", 5000.0, "5，000")]),  # full-width digits and separators
        ("２．４亿", [("number", 240000000.0, "２．４亿")]),
        ("420 万年前", [("number", 4200000.0, "420 万年")]),
        ("1 萬 7000 多座島嶼", [("number", 17000.0, "1 萬 7000 多")]),  # spaced, one number as 1万7000多
        ("1 万 7000 多座", [("number", 17000.0, "1 万 7000 多")]),
        ("1 亿 5000 万元", [("number", 1.5e8, "1 亿 5000 万")]),
        ("约 3 万 2019 年", [("number", 30000.0, "3 万"), ("number", 2019.0, "2019 年")]),  # a year is no part of it
        ("在 420 至 390 萬年前", [("number", 4.2e6, "420"), ("number", 3.9e6, "390 萬年")]),  # 万 for both ends
        ("420至390万年前", [("number", 4.2e6, "420"), ("number", 3.9e6, "390万年")]),
        ("1.4万亿美元", [("number", 1.4e12, "1.4万亿")]),
        ("4410亿坚戈", [("number", 441000000000.0, "4410亿")]),
        ("1/3的人", [("fraction", 1 / 3, "1/3")]),
        ("三分之一", [("fraction", 1 / 3, "三分之一")]),
        ("百分之八十", [("percent", 80.0, "百分之八十")]),
        ("约80%", [("percent", 80.0, "约80%")]),
        ("7成以上", [("percent", 70.0, "7成")]),
        ("下跌一成", [("percent", 10.0, "一成")]),
        ("2倍", [("multiple", 2.0, "2倍")]),
        ("打七折", [("percent", 70.0, "七折")]),  # paying 70 %: "30 percent off"
        ("7折", [("percent", 70.0, "7折")]),
        ("八五折", [("percent", 85.0, "八五折")]),  # two digits: 85 %, not a name
        ("7.5折", [("percent", 75.0, "7.5折")]),
        ("折合人民币", []),
        ("11 月 16 日", [("date", (11, 16), "11 月 16 日")]),
        ("2021.6.11", [("number", 2021.0, "2021"), ("date", (6, 11), "6.11")]),
        ("2022年", [("number", 2022.0, "2022年")]),
        ("1至10月", [("month", 1, "1"), ("month", 10, "10月")]),
        ("7-9月", [("month", 7, "7"), ("month", 9, "9月")]),
        ("6-7万吨", [("number", 60000.0, "6"), ("number", 70000.0, "7万")]),
        ("60至85亿", [("number", 6e9, "60"), ("number", 8.5e9, "85亿")]),
        ("90年代", [("decade", 1990.0, "90年代")]),
        ("20世纪60年代", [("decade", 1960.0, "20世纪60年代")]),
        ("80后", [("decade", 1980.0, "80后")]),
        ("21世纪", [("century", 21.0, "21世纪")]),
        ("三十人", [("number", 30.0, "三十")]),
        ("两千五百万", [("number", 25000000.0, "两千五百万")]),
        ("四五千年", [("number", 4000.0, "四五千")]),  # 4,000 or 5,000
        ("两三年", [("number", 2.0, "两三")]),  # two or three, not 23
        ("第二次", [("ordinal", 2.0, "第二")]),
        ("近千个", [("number", 1000.0, "近千")]),
        ("15时", [("number", 15.0, "15")]),
        ("约 12:00 时", [("number", 12, "12")]),  # :00 names no minutes, and 00 时 is no hour
        ("4 分 41 秒 30", [("number", 281.3, "4 分 41 秒 30")]),  # a race time: minutes, seconds, hundredths
        ("4分41秒30", [("number", 281.3, "4分41秒30")]),
        ("1 分 09 秒 02", [("number", 69.02, "1 分 09 秒 02")]),
        ("9秒58", [("number", 9.58, "9秒58")]),
        ("跑了10秒3个来回", [("number", 10.0, "10"), ("number", 3.0, "3")]),  # 3 counts the laps
        ("8点半", [("number", 8.0, "8"), ("number", 30.0, "半")]),  # 30 minutes, or "half past"
        ("八点三刻", [("number", 8.0, "八"), ("number", 45.0, "三刻")]),
        ("半小时", [("fraction", 0.5, "半小时")]),  # "half an hour" or 30 minutes
        ("一半的人", [("fraction", 0.5, "一半")]),
        ("三年半", [("number", 3.0, "三年")]),  # also 3.5 and 42 (months)
        ("GDP80%", [("percent", 80.0, "80%")]),
        ("400 多万人", [("number", 4000000.0, "400 多万")]),
        ("二十几岁", [("number", 20.0, "二十几")]),  # 几 after a round number is 多: 20–30, "in her twenties"
        ("十几个", [("number", 10.0, "十几")]),
        ("十几万人", [("number", 100000.0, "十几万")]),
        ("十几年来", [("number", 10.0, "十几年")]),
        ("20多万年前", [("number", 200000.0, "20多万年")]),  # years counted, not a year
        ("几十个", [("number", 10.0, "几十")]),  # "dozens": vague, never reported
        ("几百人", [("number", 100.0, "几百")]),
        ("几千人", [("number", 1000.0, "几千")]),
        ("一百几十人", [("number", 100.0, "一百"), ("number", 10.0, "几十")]),
        ("802.11g", []),  # a standard's name, as on the English side
        ("电动三轮车", []),  # a tricycle
        ("20多萬人", [("number", 200000.0, "20多萬")]),  # traditional forms, spans in the input's own characters
        ("兩千五百萬", [("number", 25000000.0, "兩千五百萬")]),
        ("90年代後期", [("decade", 1990.0, "90年代")]),
        ("周四", []),  # Thursday
        ("统一三峡，千万不要", []),  # words, not quantities
        ("5G网络和G20", []),
        # a round magnitude with 余 or 多 is "more than" it, never a word
        ("百余人", [("number", 100.0, "百余")]),
        ("千余名", [("number", 1000.0, "千余")]),
        ("万余户", [("number", 10000.0, "万余")]),
        ("百余万元", [("number", 1e6, "百余万")]),
        # an ISO date and a time with seconds
        ("2020-07-26 17:34:48", [("number", 2020.0, "2020"), ("date", (7, 26), "07-26"), ("number", 17, "17"),
                                 ("number", 34, "34"), ("number", 48, "48")]),
        ("于08:05:09发布", [("number", 8, "08"), ("number", 5, "05"), ("number", 9, "09")]),
    ],
)
def test_chinese_readings(text, expected):
    assert [(q.kind, q.value, q.text) for q in chinese_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("five people", [("number", 5.0, "five")]),
        ("twenty-three", [("number", 23.0, "twenty-three")]),
        ("two million", [("number", 2e6, "two million")]),
        ("a dozen eggs", [("multiple", 12, "a dozen")]),
        ("October 5th", [("month", 10, "October"), ("ordinal", 5.0, "5th")]),
        ("Oct. 5", [("month", 10, "Oct."), ("number", 5.0, "5")]),
        ("5 October", [("number", 5.0, "5"), ("month", 10, "October")]),
        ("Sept. 26", [("month", 9, "Sept."), ("number", 26.0, "26")]),
        ("27 Sep.", [("number", 27.0, "27"), ("month", 9, "Sep.")]),
        ("June 11, 2021", [("month", 6, "June"), ("number", 11.0, "11"), ("year", 2021.0, "2021")]),
        ("£1.35bn", [("number", 1.35e9, "£1.35bn")]),
        ("$500m", [("number", 5e8, "$500m")]),
        ("US$2 billion", [("number", 2e9, "US$2 billion")]),
        ("5 mln", [("number", 5e6, "5 mln")]),
        ("1.2tn", [("number", 1.2e12, "1.2tn")]),
        ("60 to 85 billion", [("number", 6e10, "60"), ("number", 8.5e10, "85 billion")]),
        ("441 billion", [("number", 4.41e11, "441 billion")]),
        ("a third", [("fraction", 1 / 3, "a third")]),
        ("one-third", [("fraction", 1 / 3, "one-third")]),
        ("1/3.", [("fraction", 1 / 3, "1/3")]),
        ("twice", [("multiple", 2, "twice")]),
        ("two-fold", [("multiple", 2, "two-fold")]),
        ("2x", [("multiple", 2.0, "2x")]),
        ("the 1990s", [("decade", 1990.0, "1990s")]),
        ("the '90s", [("decade", 90.0, "'90s")]),
        ("the nineties", [("decade", 90, "nineties")]),
        ("in her teens", [("decade", 10, "teens")]),
        ("post-80s", [("decade", 80.0, "80s")]),
        ("21st century", [("ordinal", 21.0, "21st")]),
        ("80 percent", [("percent", 80.0, "80 percent")]),
        ("10:30 pm", [("number", 10, "10:30 pm"), ("number", 30, "30")]),
        ("8.30 p.m.", [("number", 8, "8.30 p.m."), ("number", 30, "30")]),
        ("eight-thirty", [("number", 8.0, "eight-thirty"), ("number", 30.0, "eight-thirty")]),
        ("He may go", []),
        ("G20 and COVID-19", []),
        # a currency's code glued to or spaced from its amount
        ("USD3.52 million", [("number", 3.52e6, "USD3.52 million")]),
        ("CNY 5", [("number", 5.0, "CNY 5")]),
        ("KZT1.2bn", [("number", 1.2e9, "KZT1.2bn")]),
        # year-first dates in every separator, and a time with seconds: 07 is the month, not a number of its own
        ("2020-07-26", [("year", 2020.0, "2020"), ("date", (7, 26), "07-26")]),
        ("On 2020.07.26.", [("year", 2020.0, "2020"), ("date", (7, 26), "07.26")]),
        ("2019/1/5", [("year", 2019.0, "2019"), ("date", (1, 5), "1/5")]),
        ("at 17:34:48", [("number", 17, "17:34:48"), ("number", 34, "34"), ("number", 48, "48")]),
        ("at 08:00:09", [("number", 8, "08:00:09"), ("number", 9, "09")]),
        ("a full decade", [("multiple", 10, "decade")]),
        ("for decades", [("number", 10.0, "decades")]),
        ("the 261th", [("ordinal", 261.0, "261th")]),
    ],
)
def test_english_readings(text, expected):
    assert [(q.kind, q.value, q.text) for q in english_quantities(text)] == expected


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("国防预算增加了4410亿坚戈。", "The defense budget rose by 441 billion tenge."),
        ("派遣了2,000多名士兵。", "It sent more than 2,000 soldiers."),
        ("超过10万俄罗斯人。", "More than 100,000 Russians."),
        ("有20多万人。", "More than 200,000 people."),
        ("有20多万人。", "Some 250,000 people."),
        ("约80%的石油。", "About 80 percent of the oil."),
        ("约80%的石油。", "About 80% of the oil."),
        ("涨了近1.5倍。", "Up nearly 1.5 times."),
        ("增长了1倍。", "It doubled."),
        ("增长了1倍。", "Up 100%."),
        ("是2倍。", "It is twice as large."),
        ("是2倍。", "A two-fold rise."),
        ("是2倍。", "Up 2x."),
        ("近三分之一。", "Nearly a third."),
        ("近三分之一。", "Nearly one-third."),
        ("三分之一的人。", "33% of people."),
        ("7成以上。", "Over 70 percent."),
        ("汤姆以七折销售T恤。", "Tom sells T-shirts at a 30 percent discount."),
        ("汤姆以七折销售T恤。", "Tom sells T-shirts at 70 percent of the price."),
        ("全场7折。", "30% off everything."),
        ("全场八五折。", "15% off everything."),
        ("全场八五折。", "Everything at 85% of the price."),
        ("现金付款给予九折优惠。", "A 10% discount for cash."),
        ("7月25日。", "On July 25."),
        ("10月5日。", "On October 5th."),
        ("10月5日。", "On Oct. 5."),
        ("10月5日。", "On 5 October."),
        ("9月26日。", "On Sept. 26."),
        ("9月27日。", "On 27 Sep."),
        ("11 月 16 日。", "On November 16."),
        ("2021.6.11", "June 11, 2021"),
        ("2022年。", "In 2022."),
        ("6-7万吨。", "60,000-70,000 tons."),
        ("60至85亿美元。", "6 to 8.5 billion dollars."),
        ("由 1 萬 7000 多座島嶼的食物組成。", "With 17,000 islands to choose from."),
        ("由 1 万 7000 多座岛屿组成。", "Made up of more than 17,000 islands."),
        ("在 420 至 390 萬年前的化石中。", "In fossils from 4.2-3.9 million years ago."),
        ("在 420 至 390 万年前的化石中。", "In fossils from 4.2 to 3.9 million years ago."),
        ("在420至390万年前的化石中。", "In fossils from 4.2-3.9 million years ago."),
        ("在420万至390万年前的化石中。", "In fossils from 4.2-3.9 million years ago."),
        ("600至850亿美元。", "60 to 85 billion dollars."),
        ("34.538千米。", "34.538 km."),
        ("2千万人。", "20 million people."),
        ("3百万。", "3 million."),
        ("11万7015人。", "117,015 people."),
        ("12.34亿元。", "1.2 billion yuan."),  # rounded
        ("1.35亿英镑。", "£135m."),
        ("13.5亿英镑。", "£1.35bn."),
        ("5亿美元。", "$500m."),
        ("90年代。", "In the 1990s."),
        ("90年代。", "In the '90s."),
        ("90年代。", "In the nineties."),
        ("20世纪60年代。", "In the 1960s."),
        ("21世纪。", "The 21st century."),
        ("80后。", "The post-80s generation."),
        ("80后。", "Those born in the 1980s."),
        ("1至10月。", "In the first 10 months."),
        ("1至10月。", "From January to October."),
        ("7-9月。", "In the third quarter."),
        ("三十人。", "Thirty people."),
        ("三十人。", "30 people."),
        ("第二次会议。", "The second meeting."),
        ("今年增长5%。", "Growth was 5% in 2019."),  # the year comes from 今年
        ("两国合作。", "The two countries cooperate."),
        ("这一个人。", "This one man."),
        ("有 400 多万人。", "Over four million people."),
        ("他 20 多岁。", "He is in his 20s."),
        ("逾百囚犯。", "Hundreds of prisoners."),
        ("她一定还只是二十几岁。", "She must still be in her twenties."),
        ("他 20 多岁。", "He is 25."),
        ("她十几岁时就结婚了。", "She got married in her teens."),
        ("来了十几个人。", "More than ten people came."),
        ("来了十几个人。", "A dozen or so people came."),
        ("来了十几个人。", "Over 10 people came."),
        ("来了三百多人。", "Some 350 people came."),
        ("十几年来。", "Over the past 15 years."),
        ("十几万人。", "More than 100,000 people."),
        ("来了几十个人。", "Dozens of people came."),
        ("来了几十个人。", "Many people came."),
        ("来了几百人。", "Hundreds came."),
        ("来了几千人。", "Thousands came."),
        ("生活在20多万年前。", "Lived some 250,000 years ago."),
        ("近千个景区。", "Nearly 1,000 scenic spots."),
        ("数万人。", "Tens of thousands of people."),
        ("分为三部分。", "Divided into thirds."),
        ("六七级阵风。", "Gusts of force 6-7."),
        ("两三年就想掌握法语是很困难的。", "It is difficult to master French in 2 or 3 years."),
        ("周一晚 10：08。", "At 10:08 p.m. on Monday."),
        ("早上7时3分。", "At 7:03 in the morning."),
        ("慢了 2:11.60 分钟。", "2:11.60 minutes slower."),
        ("以114：110获胜。", "Won 114-110."),
        ("她以 4 分 41 秒 30 的成绩名列第 10 名，慢了 1 分 09 秒 02。", "She finished tenth in 4:41.30, 1:09.02 behind."),
        ("以4分41秒30夺冠。", "Won in 4:41.30."),
        ("以9秒58夺冠。", "Won in 9.58 seconds."),
        ("下午3点。", "At 3 pm."),
        ("15时30分。", "At 3:30 p.m."),
        ("课程8点半开始。", "The class begins at 8:30."),
        ("我们的火车在八点半出发。", "Our train leaves at eight-thirty."),
        ("八点半。", "At half past eight."),
        ("八点半。", "At eight thirty."),
        ("汤姆两点半左右到的。", "Tom showed up at about 2:30."),
        ("学校3点半放学。", "School is over at 3.30pm."),
        ("他从早上九点工作到下午五点半。", "He works from nine to five-thirty."),
        ("现在是八点三刻。", "It is 8:45."),
        ("她让我等了半小时。", "She kept me waiting for 30 minutes."),
        ("她让我等了半小时。", "She kept me waiting for half an hour."),
        ("开了两个半小时。", "It took two and a half hours."),
        ("开了两个半小时。", "It took 2.5 hours."),
        ("开了两个半小时。", "It took 150 minutes."),
        ("住了三年半。", "Stayed three and a half years."),
        ("住了三年半。", "Stayed 3.5 years."),
        ("一半的人。", "50% of the people."),
        ("當天格林威治標準時間約 12:00 時移除。", "Removed at approximately 1200 GMT on the same day."),
        # English quoted in the source and its Chinese gloss say the year once: the English needs it once
        ("背面写着“Original Declaration of Independence dated 4th July 1776（《独立宣言》原件，1776 年 7 月 4 日）”。",
         'On the back: "Original Declaration of Independence dated 4th July 1776".'),
        ("信上写着“Signed at Ulm in March 1879”（1879年3月签于乌尔姆）。", 'It reads "Signed at Ulm in March 1879".'),
        # 等N: the English counts the others apart from the items listed before 等
        ("中国财政部等四部委联合通知。", "The Ministry of Finance and three other ministries jointly announced."),
        ("中国财政部等四部委联合通知。", "The Ministry of Finance and other three ministries jointly announced."),
        ("安徽、重庆等8省(区、市)降价。", "Anhui, Chongqing and six other provinces cut prices."),
        ("财政部和商务部等 4 部委发布通知。", "The Ministry of Finance, the Ministry of Commerce and 2 other ministries."),
        ("清华、北大及复旦等13所高校。", "Tsinghua, Peking and Fudan and 10 other universities."),
        # round magnitudes said loosely, in words or digits
        ("有百余人参加。", "More than 100 people took part."),
        ("有百余人参加。", "Over a hundred people took part."),
        ("有千余人参加。", "More than 1,000 people took part."),
        ("吸引万余名游客。", "Drew over 10,000 visitors."),
        ("有上百人参加。", "More than 100 people took part."),
        ("有近百人参加。", "Nearly a hundred people took part."),
        # currency codes and symbols glued to the amount
        ("投资352万美元。", "An investment of USD3.52 million."),
        ("投资12亿美元。", "An investment of US$1.2bn."),
        ("汇率为6.44元。", "The rate was RMB6.44."),
        ("售价5元。", "Priced at ¥5."),
        ("出口额达1.2万亿坚戈。", "Exports reached KZT1.2 trillion."),
        # a decade, a dozen, a couple
        ("整整十年。", "A full decade."),
        ("过去十年里。", "Over the past decade."),
        ("几十年来。", "For decades."),
        ("十二个鸡蛋。", "A dozen eggs."),
        ("两个朋友。", "A couple of friends."),
        # ordinals in words and digits
        ("第十九届。", "The Nineteenth session."),
        ("第十九届。", "The 19th session."),
        ("十九大召开。", "The 19th Congress opened."),
        ("该公司26日宣布。", "The company announced on the 26th."),
        ("本世纪以来。", "Since the start of the 21st century."),
        ("从北上广到三四线城市。", "To the 3rd and 4th tier cities."),  # 线 counts tiers, as a classifier
        ("从北上广到三四线城市。", "To third- and fourth-tier cities."),
        ("三线城市。", "Third-tier cities."),  # the century supplied, as years are for 今年
        # dates and times in ISO, dotted and spelled forms, both ways
        ("时间为2020-07-26 17:34:48。", "At 2020-07-26 17:34:48."),
        ("时间为2020年7月26日17时34分。", "At 17:34 on July 26, 2020."),
        ("时间为2020年7月26日。", "On 2020-07-26."),
        ("时间为2020.07.26。", "On July 26, 2020."),
        ("时间为2020.07.26。", "On 2020.07.26."),
        ("于2019年1月5日8时发布。", "Published at 08:00:00 on 2019/1/5."),
        # a number said twice, the English referring back to it
        ("2019年增长3%，2019年也是。", "In 2019 growth was 3%, and the same year too."),
        ("甲增长5%，乙增长5%。", "A and B both grew 5%."),
        ("甲增长5%，乙增长5%。", "A and B grew 5% each."),
    ],
)
def test_correct_pairs_raise_nothing(source, target):
    assert compare(source, target) == []
    assert missing_quantities(source, target) == []


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("国防预算增加了4410亿坚戈。", "The defense budget rose by 44.1 billion tenge.",
         [("number-mismatch", 8, "4410亿 (441,000,000,000) in the source, but 44.1 billion (44,100,000,000) in the target")]),
        ("有20多万人。", "More than 20,000 people.",
         [("number-mismatch", 2, "20多万 (more than 200,000) in the source, but 20,000 (20,000) in the target")]),
        ("约有三分之一。", "About a quarter.",
         [("number-mismatch", 3, "三分之一 (0.3333) in the source, but a quarter (0.25) in the target")]),
        ("7月25日。", "On July 24.",
         [("number-mismatch", 1, "7月25日 (7/25) in the source, but 24 (24) in the target")]),
        ("有300人和40辆车。", "There were 300 people and cars.",
         [("number-missing", 7, "40 (40) is not in the target (numbers there: 300)")]),
        ("有300人。", "There were 300 people and 12 cars.",
         [("number-extra", 27, "12 (12) in the target is not in the source (numbers there: 300)")]),
        ("三十人。", "Forty people.",
         [("number-mismatch", 1, "三十 (30) in the source, but Forty (40) in the target")]),
        ("5年前和5年后。", "5 years ago and later.",
         [("number-missing", 5, "5年 (5) is not in the target (numbers there: 5)")]),
        ("会见29国使节，30日。", "Met the envoys of the countries on the 30th.",
         [("number-missing", 3, "29 (29) is not in the target (numbers there: 30th)")]),  # 29 is not 30 rounded
        ("约 12:00 时移除。", "Removed at about 1300 GMT.",
         [("number-mismatch", 3, "12 (12) in the source, but 1300 (13) in the target")]),
        ("课程8点半开始。", "The class begins at 9:30.",
         [("number-mismatch", 3, "8 (8) in the source, but 9:30 (9) in the target")]),
        ("课程8点半开始。", "The class begins at 8:15.",
         [("number-extra", 23, "15 (15) in the target is not in the source (numbers there: 8, 半)")]),
        ("她让我等了半小时。", "She kept me waiting for 40 minutes.",
         [("number-extra", 25, "40 (40) in the target is not in the source (numbers there: 半小时)")]),
        ("住了三年半。", "Stayed 4.5 years.",
         [("number-mismatch", 3, "三年 (3) in the source, but 4.5 (4.5) in the target")]),
        ("全场七折。", "20% off everything.",
         [("number-mismatch", 3, "七折 (70) in the source, but 20% (20) in the target")]),
        ("全场八五折。", "Everything on sale.",
         [("number-missing", 3, "八五折 (85) is not in the target (numbers there: none)")]),
        ("来了十几个人。", "Some 30 people came.",
         [("number-missing", 3, "十几 (more than 10) is not in the target (numbers there: 30)"),
          ("number-extra", 6, "30 (30) in the target is not in the source (numbers there: 十几)")]),
        # 60多 stops short of 70
        ("已经历了60多年的历史，执行任务70余场次。", "It has a history of many years and performed more than 70 tasks.",
         [("number-missing", 5, "60多年 (more than 60) is not in the target (numbers there: 70)")]),
        ("她二十几岁。", "She is in her thirties.",
         [("number-mismatch", 2, "二十几 (more than 20) in the source, but thirties (30s) in the target")]),
        ("由 1 万 7000 多座岛屿组成。", "Made up of more than 7,000 islands.",
         [("number-missing", 3, "1 万 7000 多 (more than 17,000) is not in the target (numbers there: 7,000)"),
          ("number-extra", 22, "7,000 (7,000) in the target is not in the source (numbers there: 1 万 7000 多)")]),
        ("在 420 至 390 万年前的化石中。", "In fossils from 420-390 years ago.",
         [("number-mismatch", 9, "390 万年 (3,900,000) in the source, but 390 (390) in the target")]),
        ("以4分41秒30夺冠。", "Won in 4:41.20.",
         [("number-mismatch", 2, "4分41秒30 (281.3) in the source, but 4:41.20 (281.2) in the target")]),
        ("以114：110获胜。", "Won 110-110.",
         [("number-missing", 2, "114 (114) is not in the target (numbers there: 110, 110)")]),
        ("两三年就想掌握法语是很困难的。", "It is difficult to master French in 3 years.",
         [("number-missing", 1, "两三 (about 2) is not in the target (numbers there: 3)")]),
        ("六七级阵风。", "Gusts of force 7.",
         [("number-missing", 1, "六七 (about 6) is not in the target (numbers there: 7)")]),
        ("2022年。", "In 2021.", [("number-mismatch", 1, "2022年 (2,022) in the source, but 2021 (2,021) in the target")]),
        ("安徽、重庆等8省降价。", "Anhui, Chongqing and other five provinces cut prices.",  # 8 less 2 is 6
         [("number-mismatch", 7, "8 (8) in the source, but five (5) in the target")]),
        ("中国财政部等四部委联合通知。", "The Ministry of Finance and three ministries jointly announced.",  # no "other"
         [("number-mismatch", 7, "四 (4) in the source, but three (3) in the target")]),
        ("重庆和成都好转，安徽等8省降价。", "Chongqing and Chengdu improved; Anhui and six other provinces cut prices.",
         [("number-mismatch", 12, "8 (8) in the source, but six (6) in the target")]),  # 和 of another clause
        ("苹果发布iPhone 12，保修12个月。", "Apple released the iPhone 12 with a warranty.",  # a name, not a quotation
         [("number-missing", 17, "12 (12) is not in the target (numbers there: 12)")]),
        ("他说“we sold 300 cars”，其中300辆是电动车，300辆是旧车。", 'He said "we sold 300 cars", electric ones.',
         [("number-missing", 33, "300 (300) is not in the target (numbers there: 300)")]),
        # a figure below one is kept like any other; only 一 may become the article "a"
        ("环比回落0.5个百分点。", "Down percentage points on the month.",
         [("number-missing", 5, "0.5 (0.5) is not in the target (numbers there: none)")]),
        # a scale word that has lost its number is no quantity
        ("出口首次超过100万吨。", "Exports exceeded million tons for the first time.",
         [("number-missing", 5, "超过100万 (more than 1,000,000) is not in the target (numbers there: first)")]),
        # an impossible or changed day, written as an ordinal
        ("该公司26日宣布。", "The company announced on the 261th.",
         [("number-missing", 4, "26日 (26) is not in the target (numbers there: 261th)"),
          ("number-extra", 30, "261th (261) in the target is not in the source (numbers there: 26日)")]),
        ("该公司26日宣布。", "The company announced on the 27th.",
         [("number-missing", 4, "26日 (26) is not in the target (numbers there: 27th)"),
          ("number-extra", 30, "27th (27) in the target is not in the source (numbers there: 26日)")]),
        # the English may supply a day the source dates relatively (当天, 30日), but never an impossible one
        ("新华社9月30日电 据媒体30日报道，当天一艘船倾覆。", "Xinhua, September 301 - Media reported on the 30th.",
         [("number-extra", 19, "301 (301) in the target is not in the source (numbers there: 9月30日, 30日)")]),
        ("中新网11月5日电 据网站4日消息，近日失联。", "Report on November 51: the website reported on November 4.",
         [("number-missing", 4, "11月5日 (11/5) is not in the target (numbers there: November, 51, November, 4)"),
          ("number-extra", 20, "51 (51) in the target is not in the source (numbers there: 11月5日, 4日)")]),
        ("时间为2020年7月26日。", "On 2020-07-27.",
         [("number-missing", 9, "7月26日 (7/26) is not in the target (numbers there: 2020, 07-27)")]),
        ("时间为2020-07-26 17:34:48。", "At 2020-07-26 17:35:48.",
         [("number-mismatch", 18, "34 (34) in the source, but 35 (35) in the target")]),
        ("有百余人参加。", "More than 1,000 people took part.",
         [("number-mismatch", 2, "百余 (more than 100) in the source, but 1,000 (1,000) in the target")]),
        ("投资352万美元。", "An investment of USD3.25 million.",
         [("number-mismatch", 3, "352万 (3,520,000) in the source, but USD3.25 million (3,250,000) in the target")]),
        ("2019年增长3%，2020年增长3%。", "In 2019 and 2020 growth was 3%.",  # no word refers back to the 3 %
         [("number-missing", 18, "3% (3) is not in the target (numbers there: 2019, 2020, 3%)")]),
    ],
)
def test_planted_defects(source, target, expected):
    assert [(i.kind, i.column, i.message) for i in compare(source, target)] == expected
