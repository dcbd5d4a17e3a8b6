"""Reviewed tables for gen_cldr_glossary.py: Reuters/AP English, admitted forms, capitals and currencies CLDR lacks."""

from __future__ import annotations

from dataclasses import dataclass

# CLDR codes that are not countries or territories (regions, pseudo-locales), or are organizations
# (the EU and UN live in organizations.tsv).
EXCLUDED = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})

# Canonical simplified form where mainland news writes it otherwise than CLDR; CLDR's name becomes a variant.
ZH = {
    "SA": "沙特",  # the corpus and the press shorten it; CLDR's 沙特阿拉伯 stays a variant
    "MN": "蒙古国",  # 蒙古 alone is also the Mongols and 内蒙古's second half
    "CD": "刚果民主共和国",
    "CG": "刚果共和国",
    "HK": "香港",
    "MO": "澳门",
    "PS": "巴勒斯坦",
    "BD": "孟加拉国",
}

VARIANTS = {
    "RU": ("俄国", "俄联邦", "俄罗斯联邦"),
    "US": ("美利坚合众国",),
    "CN": ("中华人民共和国",),
    "GB": ("联合王国", "大不列颠及北爱尔兰联合王国"),
    "GE": ("格鲁吉",),
    "MN": ("蒙古",),
    "KR": ("大韩民国",),
    "KP": ("朝鲜民主主义人民共和国", "北朝鲜"),
    "IR": ("伊朗伊斯兰共和国",),
    "AE": ("阿联酋",),
    "BA": ("波黑",),
    "CZ": ("捷克共和国",),
    "KZ": ("哈萨克斯坦共和国",),
    "KG": ("吉尔吉斯共和国",),
    "UZ": ("乌兹别克斯坦共和国",),
    "TJ": ("塔吉克斯坦共和国",),
    "AZ": ("阿塞拜疆共和国",),
    "AM": ("亚美尼亚共和国",),
    "BY": ("白俄罗斯共和国",),
    "TR": ("土耳其共和国",),
    "DE": ("德意志联邦共和国",),
    "CD": ("刚果(金)", "民主刚果"),
    "CG": ("刚果(布)",),
    "HK": ("香港特别行政区", "香港特区", "中国香港"),
    "MO": ("澳门特别行政区", "澳门特区", "中国澳门"),
}

# English where Reuters/AP differ from CLDR's (CLDR: Türkiye, Czechia, Myanmar (Burma), Côte d’Ivoire …).
EN = {
    "GB": "Britain",
    "TR": "Turkey",
    "CZ": "Czech Republic",
    "MM": "Myanmar",
    "HK": "Hong Kong",
    "MO": "Macau",
    "CI": "Ivory Coast",
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "TL": "East Timor",
    "VA": "Vatican",
    "PS": "Palestine",
    "ST": "Sao Tome and Principe",
    "VC": "St. Vincent and the Grenadines",
    "BL": "St. Barthelemy",
    "GS": "South Georgia and the South Sandwich Islands",
    "UM": "U.S. Minor Outlying Islands",
}

# code: (short form for later mentions, admitted English: demonyms, adjectives, other correct names).
ADMITTED: dict[str, tuple[str, tuple[str, ...]]] = {
    "US": ("U.S.", ("US", "USA", "America", "American", "Americans", "United States of America")),
    "RU": ("", ("Russian", "Russians", "Russian Federation")),
    "CN": ("", ("Chinese", "PRC", "People's Republic of China")),
    "GB": ("", ("British", "Briton", "Britons", "UK", "U.K.", "United Kingdom")),
    "KZ": ("", ("Kazakh", "Kazakhs", "Kazakhstani", "Kazakhstanis")),
    "KG": ("", ("Kyrgyz", "Kyrgyz Republic")),
    "TJ": ("", ("Tajik", "Tajiks")),
    "TM": ("", ("Turkmen",)),
    "UZ": ("", ("Uzbek", "Uzbeks")),
    "AZ": ("", ("Azerbaijani", "Azerbaijanis", "Azeri", "Azeris")),
    "AM": ("", ("Armenian", "Armenians")),
    "GE": ("", ("Georgian", "Georgians")),
    "TR": ("", ("Turkish", "Turks", "Türkiye")),
    "IR": ("", ("Iranian", "Iranians", "Islamic Republic")),
    "AF": ("", ("Afghan", "Afghans")),
    "MN": ("", ("Mongolian", "Mongolians")),
    "UA": ("", ("Ukrainian", "Ukrainians")),
    "BY": ("", ("Belarusian", "Belarusians", "Belarussian")),
    "DE": ("", ("German", "Germans")),
    "FR": ("", ("French",)),
    "IT": ("", ("Italian", "Italians")),
    "ES": ("", ("Spanish",)),
    "PT": ("", ("Portuguese",)),
    "NL": ("", ("Dutch",)),
    "BE": ("", ("Belgian",)),
    "AT": ("", ("Austrian",)),
    "CH": ("", ("Swiss",)),
    "SE": ("", ("Swedish",)),
    "FI": ("", ("Finnish",)),
    "DK": ("", ("Danish",)),
    "NO": ("", ("Norwegian",)),
    "IE": ("", ("Irish",)),
    "PL": ("", ("Polish", "Poles")),
    "CZ": ("", ("Czech", "Czechia")),
    "SK": ("", ("Slovak",)),
    "HU": ("", ("Hungarian",)),
    "RO": ("", ("Romanian",)),
    "BG": ("", ("Bulgarian",)),
    "GR": ("", ("Greek",)),
    "CY": ("", ("Cypriot",)),
    "MT": ("", ("Maltese",)),
    "HR": ("", ("Croatian",)),
    "SI": ("", ("Slovenian",)),
    "EE": ("", ("Estonian",)),
    "LV": ("", ("Latvian",)),
    "LT": ("", ("Lithuanian",)),
    "MD": ("", ("Moldovan",)),
    "RS": ("", ("Serbian",)),
    "BA": ("Bosnia", ("Bosnian",)),
    "JP": ("", ("Japanese",)),
    "KR": ("", ("South Korean", "South Koreans", "Republic of Korea", "Korea", "Korean", "Koreans")),
    "KP": ("", ("North Korean", "North Koreans", "DPRK")),
    "IN": ("", ("Indian", "Indians")),
    "PK": ("", ("Pakistani", "Pakistanis")),
    "SA": ("", ("Saudi", "Saudis")),
    "AE": ("", ("UAE", "Emirati", "Emiratis")),
    "QA": ("", ("Qatari",)),
    "KW": ("", ("Kuwaiti",)),
    "BH": ("", ("Bahraini",)),
    "OM": ("", ("Omani",)),
    "IQ": ("", ("Iraqi", "Iraqis")),
    "SY": ("", ("Syrian", "Syrians")),
    "IL": ("", ("Israeli", "Israelis")),
    "EG": ("", ("Egyptian", "Egyptians")),
    "JO": ("", ("Jordanian",)),
    "LB": ("", ("Lebanese",)),
    "YE": ("", ("Yemeni",)),
    "LY": ("", ("Libyan",)),
    "CA": ("", ("Canadian", "Canadians")),
    "AU": ("", ("Australian", "Australians")),
    "BR": ("", ("Brazilian",)),
    "MX": ("", ("Mexican",)),
    "VN": ("", ("Vietnamese",)),
    "TH": ("", ("Thai",)),
    "ID": ("", ("Indonesian",)),
    "MY": ("", ("Malaysian",)),
    "PH": ("", ("Philippine", "Filipino", "Filipinos")),
    "SG": ("", ("Singaporean",)),
    "ZA": ("", ("South African",)),
    "NG": ("", ("Nigerian",)),
    "TW": ("", ("Taiwanese",)),
    "MM": ("", ("Burma", "Burmese")),
    "AR": ("", ("Argentine", "Argentines", "Argentinian")),
    "AL": ("", ("Albanian", "Albanians")),
    "MA": ("", ("Moroccan", "Moroccans")),
    "HT": ("", ("Haitian", "Haitians")),
    "NA": ("", ("Namibian",)),
    "NP": ("", ("Nepalese", "Nepali")),
    "CL": ("", ("Chilean",)),
    "CO": ("", ("Colombian",)),
    "CU": ("", ("Cuban", "Cubans")),
    "VE": ("", ("Venezuelan", "Venezuelans")),
    "PE": ("", ("Peruvian",)),
    "ET": ("", ("Ethiopian", "Ethiopians")),
    "KE": ("", ("Kenyan", "Kenyans")),
    "SD": ("", ("Sudanese",)),
    "SO": ("", ("Somali", "Somalis")),
    "DZ": ("", ("Algerian",)),
    "TN": ("", ("Tunisian",)),
    "BD": ("", ("Bangladeshi",)),
    "LK": ("", ("Sri Lankan",)),
    "KH": ("", ("Cambodian",)),
    "LA": ("", ("Lao", "Laotian")),
    "XK": ("", ("Kosovar", "Kosovars")),
    "NZ": ("", ("New Zealander", "New Zealanders")),
    "FK": ("", ("Falklands",)),
    "CI": ("", ("Côte d'Ivoire", "Ivorian")),
    "CD": ("", ("Congo", "DRC", "DR Congo")),
    "CG": ("", ("Congo", "Congo Republic")),
    "TL": ("", ("Timor-Leste",)),
    "VA": ("", ("Vatican City", "Holy See")),
    "PS": ("", ("Palestinian", "Palestinians", "Palestinian territories")),
    "MO": ("", ("Macao",)),
    "MP": ("", ("Northern Marianas",)),
}

# Longer words in which a country's name is not the country (俄罗斯方块 is the game Tetris).
EXCEPTIONS = {
    "RU": ("俄罗斯方块",),
}

AVOID = {
    "KZ": ("Kazakstan",),
    "UA": ("the Ukraine",),
    "BY": ("Byelorussia",),
    "KG": ("Kirghizia", "Kirgizstan"),
    "MD": ("Moldavia",),
}

NOTES = {
    "KZ": "Mainland 哈萨克 alone is the people (Kazakh); Taiwan and Hong Kong write the country 哈薩克.",
    "KG": "Mainland 吉尔吉斯 alone is the people (Kyrgyz); Taiwan and Hong Kong write the country 吉爾吉斯.",
    "UZ": "Mainland 乌兹别克 alone is the people (Uzbek); Taiwan and Hong Kong write the country 烏茲別克.",
    "TJ": "Mainland 塔吉克 alone is the people (Tajik); Taiwan and Hong Kong write the country 塔吉克.",
    "TM": "Mainland 土库曼 alone is the people (Turkmen); Taiwan and Hong Kong write the country 土庫曼.",
    "BY": "Contains 俄罗斯 but is a different country: Belarus, never White Russia.",
    "GE": "格鲁吉 is a truncation in the FP article (再格鲁吉). Taiwan writes 喬治亞, which mainland uses for the U.S. state.",
    "MN": "The country; 内蒙古 is China's Inner Mongolia, 蒙古族 the Mongols.",
    "PS": "AP and Reuters write the Palestinian territories or the Palestinians; Palestine for the state as such.",
    "TR": "Reuters and AP keep Turkey; the government's Türkiye is admitted.",
    "CD": "Reuters: Democratic Republic of Congo (Congo on later mention); not 刚果共和国 (Congo-Brazzaville).",
    "CG": "Congo-Brazzaville; not 刚果民主共和国 (DRC).",
    "AT": "Not 澳大利亚 (Australia).",
    "IC": "Spain's Canary Islands; not 加纳 (Ghana).",
    "ID": "Holds 印度 (India) but is Indonesia.",
    "MP": "Holds 马里 (Mali) but is the U.S. Pacific territory.",
    "SJ": "Norway's (挪威) Arctic territories.",
    "RO": "Holds 罗马 (Rome) but is Romania.",
    "GB": "The full name 大不列颠及北爱尔兰联合王国 holds 爱尔兰 (Ireland) for Northern Ireland.",
    "GF": "France's overseas department; not 圭亚那 (Guyana).",
    "IS": "Not 爱尔兰 (Ireland).",
    "LR": "Not 西伯利亚 (Siberia).",
    "HM": "Uninhabited Australian islands; McDonald is not 唐纳德·卢 (Donald Lu).",
    "HK": "Contains 中国 in its CLDR name 中国香港特别行政区; the whole name is Hong Kong.",
    "MO": "Contains 中国 in its CLDR name 中国澳门特别行政区; the whole name is Macau (AP, Reuters; Macao is the official spelling).",
}

# Simplified spellings that stay region-only (@tw/@hk) although no other entry of this file has them:
# in mainland text they mean something else, or are too short to stand alone.
NOT_PLAIN = {
    "哈萨克": "the people, Kazakh (concepts.tsv)",
    "吉尔吉斯": "the people, Kyrgyz (concepts.tsv)",
    "乌兹别克": "the people, Uzbek (peoples.tsv)",
    "土库曼": "the people, Turkmen (peoples.tsv)",
    "塔吉克": "the people, Tajik (peoples.tsv)",
    "乔治亚": "the U.S. state (乔治亚州) in mainland usage",
    "孟加拉": "Bengal (孟加拉湾, 西孟加拉邦) in mainland usage",
    "尼日": "a prefix of 尼日利亚 (Nigeria) and 尼日尔 (Niger)",
    "查德": "the given name Chad",
    "卡达": "a syllable run in transliterated names",
    "马利": "a syllable run in names (马利克)",
    "东加": "crosses word boundaries (广东加强)",
    "狮子山": "Lion Rock in Hong Kong, and hills elsewhere",
    "永珍": "a given name; mainland writes Vientiane 万象",
}


@dataclass(frozen=True)
class CapitalRow:
    """A capital: from a CLDR time-zone exemplar city (tz), or reviewed here (zh and regional forms)."""

    en: str
    tz: str = ""
    zh: str = ""
    regional: tuple[tuple[str, str], ...] = ()
    admitted: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    exceptions: tuple[str, ...] = ()
    note: str = ""
    zh_override: str = ""


CAPITALS = {
    # Central Asia and the Caucasus
    "KZ": CapitalRow("Astana", zh="阿斯塔纳", avoid=("Nur-Sultan",),
                     note="Renamed Nur-Sultan 2019–2022; the articles use Astana."),
    "KG": CapitalRow("Bishkek", "Asia/Bishkek"),
    "TJ": CapitalRow("Dushanbe", "Asia/Dushanbe"),
    "TM": CapitalRow("Ashgabat", "Asia/Ashgabat", avoid=("Ashkhabad",)),
    "UZ": CapitalRow("Tashkent", "Asia/Tashkent"),
    "AZ": CapitalRow("Baku", "Asia/Baku"),
    "AM": CapitalRow("Yerevan", "Asia/Yerevan"),
    "GE": CapitalRow("Tbilisi", "Asia/Tbilisi"),
    # Neighbours and the powers the region's news names
    "RU": CapitalRow("Moscow", "Europe/Moscow"),
    "CN": CapitalRow("Beijing", zh="北京", avoid=("Peking",)),
    "TR": CapitalRow("Ankara", zh="安卡拉"),
    "IR": CapitalRow("Tehran", "Asia/Tehran"),
    "AF": CapitalRow("Kabul", "Asia/Kabul"),
    "MN": CapitalRow("Ulaanbaatar", "Asia/Ulaanbaatar", admitted=("Ulan Bator",)),
    "UA": CapitalRow("Kyiv", "Europe/Kiev", avoid=("Kiev",), note="Ukrainian spelling, as Reuters and AP use since 2019."),
    "BY": CapitalRow("Minsk", "Europe/Minsk"),
    "US": CapitalRow("Washington", zh="华盛顿", variants=("华府", "华盛顿特区"), admitted=("Washington, D.C.",),
                     note="华府 (華府) is the Taiwan, Hong Kong and press shorthand for Washington."),
    "GB": CapitalRow("London", "Europe/London"),
    "JP": CapitalRow("Tokyo", "Asia/Tokyo"),
    "KR": CapitalRow("Seoul", "Asia/Seoul"),
    "KP": CapitalRow("Pyongyang", "Asia/Pyongyang"),
    "IN": CapitalRow("New Delhi", zh="新德里"),
    "PK": CapitalRow("Islamabad", zh="伊斯兰堡", regional=(("tw", "伊斯蘭馬巴德"),)),
    # Gulf states
    "SA": CapitalRow("Riyadh", "Asia/Riyadh"),
    "AE": CapitalRow("Abu Dhabi", zh="阿布扎比", regional=(("tw", "阿布達比"),)),
    # Qatar's Doha (多哈) waits for the word-boundary matcher: today it matches inside 许多哈萨克斯坦人.
    "KW": CapitalRow("Kuwait City", zh="科威特城"),
    "BH": CapitalRow("Manama", zh="麦纳麦"),
    "OM": CapitalRow("Muscat", "Asia/Muscat"),
    # EU members (Luxembourg's capital shares the country's name and is left out)
    "AT": CapitalRow("Vienna", "Europe/Vienna"),
    "BE": CapitalRow("Brussels", "Europe/Brussels"),
    "BG": CapitalRow("Sofia", "Europe/Sofia"),
    "HR": CapitalRow("Zagreb", "Europe/Zagreb"),
    "CY": CapitalRow("Nicosia", "Asia/Nicosia"),
    "CZ": CapitalRow("Prague", "Europe/Prague"),
    "DK": CapitalRow("Copenhagen", "Europe/Copenhagen"),
    "EE": CapitalRow("Tallinn", "Europe/Tallinn"),
    "FI": CapitalRow("Helsinki", "Europe/Helsinki"),
    "FR": CapitalRow("Paris", "Europe/Paris", admitted=("Parisian", "Parisians")),
    "DE": CapitalRow("Berlin", "Europe/Berlin"),
    "GR": CapitalRow("Athens", "Europe/Athens"),
    "HU": CapitalRow("Budapest", "Europe/Budapest"),
    "IE": CapitalRow("Dublin", "Europe/Dublin", note="Holds 柏林 (Berlin) but is Dublin."),
    "IT": CapitalRow("Rome", "Europe/Rome", admitted=("Roman", "Romans")),
    # 里加 is also 里 "in" + 加 "add" (往汤里加了盐); the verb's usual continuations are not Riga.
    "LV": CapitalRow("Riga", "Europe/Riga", exceptions=("里加了", "里加上", "里加点", "里加些", "里加满",
                                                        "里加更多")),
    "LT": CapitalRow("Vilnius", "Europe/Vilnius"),
    "MT": CapitalRow("Valletta", zh="瓦莱塔"),
    "NL": CapitalRow("Amsterdam", "Europe/Amsterdam"),
    "PL": CapitalRow("Warsaw", "Europe/Warsaw"),
    "PT": CapitalRow("Lisbon", "Europe/Lisbon"),
    "RO": CapitalRow("Bucharest", "Europe/Bucharest"),
    "SK": CapitalRow("Bratislava", "Europe/Bratislava"),
    "SI": CapitalRow("Ljubljana", "Europe/Ljubljana", note="Holds 卢布 (ruble) but is Ljubljana."),
    "ES": CapitalRow("Madrid", "Europe/Madrid"),
    "SE": CapitalRow("Stockholm", "Europe/Stockholm"),
    # Other capitals frequent in world news
    "RS": CapitalRow("Belgrade", "Europe/Belgrade"),
    "MD": CapitalRow("Chisinau", "Europe/Chisinau"),
    "NO": CapitalRow("Oslo", "Europe/Oslo"),
    "CH": CapitalRow("Bern", zh="伯尔尼"),
    "AL": CapitalRow("Tirana", "Europe/Tirane"),
    "BA": CapitalRow("Sarajevo", "Europe/Sarajevo"),
    "MK": CapitalRow("Skopje", "Europe/Skopje"),
    "ME": CapitalRow("Podgorica", "Europe/Podgorica"),
    "CA": CapitalRow("Ottawa", zh="渥太华"),
    "MX": CapitalRow("Mexico City", "America/Mexico_City"),
    "CU": CapitalRow("Havana", "America/Havana"),
    "VE": CapitalRow("Caracas", "America/Caracas"),
    "CO": CapitalRow("Bogota", "America/Bogota"),
    "PE": CapitalRow("Lima", "America/Lima"),
    "AR": CapitalRow("Buenos Aires", zh="布宜诺斯艾利斯"),
    "BR": CapitalRow("Brasilia", zh="巴西利亚"),
    "EG": CapitalRow("Cairo", "Africa/Cairo"),
    "IQ": CapitalRow("Baghdad", "Asia/Baghdad"),
    "SY": CapitalRow("Damascus", "Asia/Damascus"),
    "JO": CapitalRow("Amman", "Asia/Amman"),
    "LB": CapitalRow("Beirut", "Asia/Beirut"),
    "LY": CapitalRow("Tripoli", "Africa/Tripoli"),
    "DZ": CapitalRow("Algiers", "Africa/Algiers"),
    "SD": CapitalRow("Khartoum", "Africa/Khartoum"),
    "KE": CapitalRow("Nairobi", "Africa/Nairobi"),
    "ET": CapitalRow("Addis Ababa", "Africa/Addis_Ababa"),
    "NG": CapitalRow("Abuja", zh="阿布贾"),
    "ZA": CapitalRow("Pretoria", zh="比勒陀利亚"),
    "AU": CapitalRow("Canberra", zh="堪培拉", regional=(("tw", "坎培拉"),)),
    "VN": CapitalRow("Hanoi", zh="河内"),
    "TH": CapitalRow("Bangkok", "Asia/Bangkok"),
    "ID": CapitalRow("Jakarta", "Asia/Jakarta", avoid=("Djakarta",), note="Djakarta is the spelling of before 1972."),
    "MY": CapitalRow("Kuala Lumpur", "Asia/Kuala_Lumpur"),
    "PH": CapitalRow("Manila", "Asia/Manila"),
    "KH": CapitalRow("Phnom Penh", "Asia/Phnom_Penh"),
    "LA": CapitalRow("Vientiane", "Asia/Vientiane"),
    "MM": CapitalRow("Naypyitaw", zh="内比都", regional=(("tw", "奈比多"),)),
    "BD": CapitalRow("Dhaka", "Asia/Dhaka"),
    "NP": CapitalRow("Kathmandu", zh="加德满都"),
}


@dataclass(frozen=True)
class CurrencyRow:
    """A currency: the name the press writes (zh, usually CLDR's without the country), Reuters/AP English."""

    zh: str
    en: str
    admitted: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    note: str = ""


CURRENCIES = {
    "KZT": CurrencyRow("坚戈", "tenge", avoid=("tenghe",), note="Kazakh currency; lower case, no plural s."),
    "KGS": CurrencyRow("索姆", "som", ("soms",), note="Kyrgyz som (KGS); Uzbekistan's sum is 苏姆."),
    "TJS": CurrencyRow("索莫尼", "somoni", ("somonis",)),
    "TMT": CurrencyRow("土库曼斯坦马纳特", "Turkmen manat", ("manat", "manats"),
                       note="Turkmenistani manat (TMT); Azerbaijan's is 马纳特."),
    "UZS": CurrencyRow("苏姆", "sum", ("som", "soum", "sums")),
    "RUB": CurrencyRow("卢布", "ruble", ("rubles", "rouble", "roubles"), note="AP ruble; Reuters rouble (admitted)."),
    "BYN": CurrencyRow("白俄罗斯卢布", "Belarusian ruble", ("Belarusian rubles", "Belarusian rouble", "ruble", "rubles")),
    "CNY": CurrencyRow("人民币", "yuan", ("renminbi", "RMB", "CNY", "¥"), note="Reuters and AP write yuan; renminbi is admitted."),
    "TRY": CurrencyRow("里拉", "lira", ("liras",)),
    "IRR": CurrencyRow("里亚尔", "rial", ("rials", "riyal", "riyals"),
                       note="Iran's rial; Saudi and Qatari riyals are 沙特里亚尔 and 卡塔尔里亚尔."),
    "AFN": CurrencyRow("阿富汗尼", "afghani", ("afghanis",)),
    "MNT": CurrencyRow("图格里克", "tugrik", ("tugriks", "togrog")),
    "UAH": CurrencyRow("格里夫纳", "hryvnia", ("hryvnias",)),
    "GEL": CurrencyRow("格鲁吉亚拉里", "lari", ("laris",), note="Georgian lari (GEL); 拉里 alone is also the name Larry."),
    "AMD": CurrencyRow("亚美尼亚德拉姆", "dram", ("drams",)),
    "AZN": CurrencyRow("马纳特", "manat", ("manats",), note="Azerbaijani manat (AZN); Turkmenistan's is 土库曼斯坦马纳特."),
    "USD": CurrencyRow("美元", "dollars", ("dollar", "$", "US$", "USD"), ("美金",),
                       note="News writes amounts as $5 million or US$5 million."),
    "EUR": CurrencyRow("欧元", "euro", ("euros", "€", "EUR")),
    "GBP": CurrencyRow("英镑", "pounds", ("pound", "sterling", "£", "GBP")),
    "JPY": CurrencyRow("日元", "yen", ("¥", "JPY")),
    "KRW": CurrencyRow("韩元", "won"),
    "INR": CurrencyRow("印度卢比", "Indian rupee", ("rupee", "rupees", "Indian rupees")),
    "PKR": CurrencyRow("巴基斯坦卢比", "Pakistani rupee", ("rupee", "rupees", "Pakistani rupees")),
    "HKD": CurrencyRow("港元", "Hong Kong dollar", ("Hong Kong dollars", "HK$", "HKD"), ("港币",)),
    "TWD": CurrencyRow("新台币", "Taiwan dollar", ("Taiwan dollars", "New Taiwan dollar", "New Taiwan dollars", "NT$")),
    "CHF": CurrencyRow("瑞士法郎", "Swiss franc", ("Swiss francs", "franc", "francs")),
    "SAR": CurrencyRow("沙特里亚尔", "Saudi riyal", ("riyal", "riyals"), note="Contains 里亚尔 (Iran's rial)."),
    "QAR": CurrencyRow("卡塔尔里亚尔", "Qatari riyal", ("riyal", "riyals"), note="Contains 里亚尔 (Iran's rial)."),
    "AED": CurrencyRow("阿联酋迪拉姆", "UAE dirham", ("dirham", "dirhams", "Emirati dirham")),
    "KWD": CurrencyRow("科威特第纳尔", "Kuwaiti dinar", ("dinar", "dinars")),
}
