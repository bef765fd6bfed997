#!/usr/bin/env python3
"""bench/gen-search.py: N synthetic Arabic news articles for the search benchmark.

Why: bench/search needs a corpus the size of a real archive (100,000 articles
of about 300 words) whose words look like news Arabic to an analyzer: a
Zipf-shaped vocabulary, realistic word lengths, and the clitics a reader
types and an index must see through: the article ال (about 30% of nouns),
the conjunctions و and ف (about 10% of words), the prepositions ب ل ك and
their combinations (بال، وال، لل، وبال، فلل), sound plurals (ات، ون، ين),
duals, the feminine ة (ت before a suffix), pronoun suffixes (ه، ها، هم),
future س, hamza forms (and writers who drop them), tanween on adverbs, some
Arabic-Indic and some Western digits, and names with prefixes (ببيروت،
لطهران، وبغداد). bench/gen-articles.py fills sentence templates, which is
right for a page to render but gives a search index a few hundred distinct
words; this script builds words instead.

    bench/gen-search.py [-n 100000] [--seed 1] [--end YYYY-MM-DD] [-o FILE]
                        [--queries FILE] [--nqueries 60] [--sample 3000] > articles.ndjson

How the text is made: a lexicon written for this script (several hundred
lemmas: nouns with their plurals, adjectives, verbs with past and present
stems, function words, places, people, organizations, fixed phrases, by
topic) is inflected programmatically. Lemmas are drawn with Zipf weights
(1/rank), clitics and suffixes attached with fixed probabilities, adjectives
agree with their noun in gender, number and definiteness. For speed, each
section first gets a pool of such chunks (one to four words) drawn from the
model; an article then draws its sentences from its section's pool (a
uniform draw from the pool keeps the model's frequencies), draws a share
(FRESH) of its chunks afresh from the model, repeats a few focus chunks of
its own (a story is about something), and adds long-tail words
(transliterated names from a Yule process, numbers) so that the vocabulary
keeps growing with the corpus as real text does. The text is
grammatical in its parts and says nothing.

Output: NDJSON for `akhbar import --format ndjson`, one article a line:
title, lede, body (Markdown: paragraphs, one or two ## subheadings, now and
then a list or bold), section (world, economy, sports, technology; they must
exist before the import), tags, author, published_at (ISO 8601, spread over
the year before --end, default today 00:00 UTC, so every article is
published). The output is byte-for-byte the same for the same count, seed and
end date. With --queries FILE, also writes search queries, one per line as
"class<TAB>query", taken from the first articles (see write_queries).
Python 3 standard library only.
"""

import argparse
import bisect
import datetime
import itertools
import json
import random
import re
import sys

SECTIONS = ["world", "economy", "sports", "technology"]

# ---------------------------------------------------------------------------
# The lexicon. Lemmas are listed most frequent first within each list: the
# Zipf weight of a lemma is 1/(rank+2).
#
# Nouns: one entry per token. "word" alone: no plural, except that a word in
# ة takes the sound feminine plural (حكومة -> حكومات). "word+ات" / "word+ون":
# sound plural by suffix (ون means a human masculine noun: ون/ين, and its
# adjectives take ون/ين too). "word/plural": a broken plural, written out.
# A "!" after the word marks a feminine noun without ة. "word-" : never plural.

NOUNS = {
    "general": """
        حكومة وزارة وزير/وزراء رئيس/رؤساء دولة/دول مسؤول+ون اجتماع+ات اتفاق+ات
        قرار+ات بيان+ات مؤتمر+ات تقرير/تقارير مشروع/مشاريع برنامج/برامج خطة/خطط
        سياسة أزمة منطقة/مناطق مدينة/مدن بلد/بلدان شعب/شعوب مواطن+ون عام/أعوام
        سنة/سنوات شهر/أشهر يوم/أيام أسبوع/أسابيع وقت/أوقات مرحلة/مراحل فترة
        جانب/جوانب طرف/أطراف جهة قوة عملية منظمة مجلس/مجالس لجنة/لجان مسألة/مسائل
        مصدر/مصادر وكالة صحيفة/صحف وسيلة/وسائل إعلام- رأي/آراء مشاركة دعم- تعاون-
        علاقة شراكة تنمية- إصلاح+ات تحدي/تحديات مستقبل- تاريخ- نتيجة/نتائج هدف/أهداف
        إطار- مستوى/مستويات نسبة/نسب عدد/أعداد رقم/أرقام حجم- قيمة سعر/أسعار
        موقف/مواقف تصريح+ات ملف+ات قضية/قضايا حق/حقوق إنسان- قانون/قوانين
        دستور- محكمة/محاكم اتهام+ات تحقيق+ات أمن- سلام- حرب!/حروب هجوم/هجمات
        صراع+ات جيش/جيوش حزب/أحزاب انتخاب+ات معارضة رئاسة- سفير/سفراء سفارة
        حدود- مساعدة لاجئ+ون نازح+ون إغاثة- ضحية/ضحايا مدني+ون طفل/أطفال
        امرأة/نساء شاب/شباب عائلة مجتمع+ات خدمة صحة- تعليم- مدرسة/مدارس
        مستشفى/مستشفيات طريق/طرق مياه- كهرباء- مناخ- بيئة- زراعة- أرض!/أراض
        مواجهة وفد/وفود زيارة لقاء+ات محادثة مفاوضات- حوار+ات مبادرة خبير/خبراء
        محلل+ون مراقب+ون متحدث+ون ممثل+ون نائب/نواب زعيم/زعماء قائد/قادة
        مستشار+ون دبلوماسي+ون أزمات- حادث/حوادث خطر/مخاطر فرصة/فرص ظروف-
        تطور+ات تغيير+ات إجراء+ات خطوة/خطوات أولوية ضغط/ضغوط حل/حلول جهد/جهود
        عاصمة/عواصم إقليم/أقاليم حي/أحياء قرية/قرى سكان- هجرة- مهاجر+ون
        مشكلة/مشاكل مؤسسة ممارسة اقتراح+ات شرط/شروط ضمان+ات مطلب/مطالب حملة سلطة
        إدارة هيئة مكتب/مكاتب مقر+ات مركز/مراكز جمعية نقابة رابطة حركة جماعة تيار+ات
        فصيل/فصائل قاعدة/قواعد منشأة معسكر+ات سجن/سجون سجين/سجناء شاهد/شهود تهمة/تهم
        جريمة/جرائم عنف- فساد- تهريب- سلاح/أسلحة طائرة سفينة/سفن جندي/جنود ضابط/ضباط
        عنصر/عناصر مقاتل+ون مسلح+ون قتيل/قتلى جريح/جرحى مصاب+ون مفقود+ون ناشط+ون
        معلم+ون طالب/طلاب طبيب/أطباء مريض/مرضى عامل/عمال موظف+ون مزارع+ون سائق+ون
        مهندس+ون فنان+ون كاتب/كتاب شاعر/شعراء رواية كتاب/كتب فيلم/أفلام مهرجان+ات
        معرض/معارض متحف/متاحف ثقافة فن/فنون تراث- لغة مسجد/مساجد كنيسة/كنائس
        عيد/أعياد صيف- شتاء- مطر/أمطار سيل/سيول فيضان+ات زلزال/زلازل حريق/حرائق
        جفاف- حرارة- درجة عاصفة/عواصف بحر/بحار نهر/أنهار سد/سدود جبل/جبال صحراء-
        غابة شاطئ/شواطئ جزيرة/جزر مطار+ات قطار+ات حافلة نقل- سفر- سياحة- سائح/سياح
        فندق/فنادق مطعم/مطاعم دواء/أدوية علاج+ات مرض/أمراض فيروس+ات وفاة ولادة
        سكن- أسرة/أسر عمل/أعمال شأن/شؤون بند/بنود وثيقة/وثائق مسودة نص/نصوص
        مادة/مواد فقرة صفحة جلسة دورة نسخة/نسخ حدث/أحداث واقعة ظاهرة/ظواهر
        تجربة/تجارب دراسة معلومة خبر/أخبار صورة/صور تسجيل+ات اتصال+ات مكالمة
        """,
    "world": """
        هدنة ممر+ات معبر/معابر قافلة/قوافل محتجز+ون أسير/أسرى
        قصف- غارة ضربة/ضربات اشتباك+ات توتر+ات تصعيد- انسحاب- احتلال- مستوطنة
        عقوبة/عقوبات تهديد+ات برلمان+ات نائب/نواب تصويت- استفتاء- ائتلاف+ات
        قمة/قمم مبعوث+ون بعثة/بعثات حصار- إعمار- انتخابات- ناخب+ون مرشح+ون
        لجوء- مخيم+ات نزوح- مجاعة- وباء/أوبئة لقاح+ات اعتقال+ات متظاهر+ون
        احتجاج+ات مظاهرة إضراب+ات حريات- صحفي+ون نزاع+ات سيادة- اعتراف- دبلوماسية
        """,
    "economy": """
        اقتصاد- سوق!/أسواق نمو- تضخم- فائدة بنك/بنوك مصرف/مصارف عملة دولار+ات
        نفط- غاز- طاقة استثمار+ات مستثمر+ون شركة قطاع+ات صادرات- واردات- تجارة-
        ميزانية عجز- دين/ديون ضريبة/ضرائب بورصة سهم/أسهم مؤشر+ات إنتاج- برميل/براميل
        تمويل- قرض/قروض صندوق/صناديق بطالة- وظيفة/وظائف أجر/أجور راتب/رواتب
        مستهلك+ون سلعة/سلع غذاء- قمح- ربح/أرباح خسارة/خسائر إيراد+ات مصنع/مصانع
        ميناء/موانئ شحن- تصدير- استيراد- سندات- احتياطي+ات ناتج- ركود- انتعاش-
        مستثمرة تاجر/تجار عقار+ات إسكان- تحويل+ات دعم- فاتورة/فواتير مزاد+ات
        رسوم- جمارك- تعريفة أسمنت- حديد- ذهب- فضة- بيتكوين- مصرفي+ون
        """,
    "sports": """
        مباراة/مباريات فريق/فرق نادي/أندية لاعب+ون مدرب+ون منتخب+ات بطولة دوري-
        كأس!/كؤوس ملعب/ملاعب جمهور/جماهير موسم/مواسم لقب/ألقاب فوز- تعادل- نهائي-
        إصابة حارس/حراس مهاجم+ون مدافع+ون سباق+ات ميدالية أولمبياد- اتحاد+ات
        جولة ترتيب- صدارة- شوط/أشواط ركلة ضربة هدف/أهداف تسديدة تمريرة بطاقة
        حكم/حكام انتقال+ات عقد/عقود صفقة/صفقات نجم/نجوم عداء+ون سباح+ون
        مضرب- مضمار- تصفيات- ربع- نصف- مرمى- منافسة دفاع- هجوم- تشكيلة
        """,
    "technology": """
        تقنية تكنولوجيا- ذكاء- برمجية/برمجيات تطبيق+ات هاتف/هواتف حاسوب/حواسيب
        شبكة إنترنت- بيانات- خصوصية- منصة مستخدم+ون قرصنة- ثغرة خوارزمية
        شريحة/شرائح معالج+ات روبوت+ات قمر/أقمار فضاء- صاروخ/صواريخ ابتكار+ات
        باحث+ون جامعة مختبر+ات مطور+ون برمجة- تشفير- سحابة- خادم/خوادم
        حوسبة- بطارية سيارة كهربائية- جهاز/أجهزة شاشة كاميرا- محرك+ات بحث-
        إصدار+ات تحديث+ات نظام/أنظمة موقع/مواقع حساب+ات رسالة/رسائل فيديو-
        """,
}

# Adjectives, masculine singular. Feminine +ة, plural +ون/ين (human) or +ات.
# "masc|fem" when the feminine is irregular.
ADJECTIVES = {
    "general": """
        جديد دولي عربي رسمي سياسي اقتصادي عسكري أمني إقليمي محلي وطني كبير
        أول|أولى سابق حالي مقبل أخير مهم عالمي مشترك إنساني عام خاص واسع عاجل
        قوي ضعيف مرتفع منخفض متوقع محتمل مستقل حكومي شعبي تاريخي استراتيجي مباشر
        كامل جماعي صغير ثان|ثانية ثالث رئيسي أساسي اجتماعي ماض|ماضية قريب بعيد
        طويل قصير حاد خطير صعب إيجابي سلبي أوروبي أمريكي إيراني روسي صيني مصري
        سوري لبناني عراقي فلسطيني إسرائيلي تركي سعودي إماراتي قطري أردني مغربي
        جزائري تونسي ليبي سوداني يمني خليجي أفريقي آسيوي بريطاني فرنسي ألماني
        صحي تعليمي ثقافي ديني مدني قانوني دستوري علني سري طبيعي بيئي مناخي غذائي
        طبي نووي جوي بحري بري شمالي جنوبي شرقي غربي مركزي أعلى|عليا قديم حديث
        معاصر تقليدي ضخم هائل بسيط عادي مفاجئ سريع بطيء هادئ دائم مؤقت أولي جزئي
        كلي فعلي حقيقي واضح غامض إضافي مقترح مطلوب ممكن ضروري معني مختص مختلف
        متعدد عديد جماهيري إعلامي شبابي نسائي عائلي قومي
        """,
    "world": """
        دبلوماسي برلماني انتخابي حقوقي قضائي أممي ميداني ثنائي حدودي مسلح
        """,
    "economy": """
        مالي نفطي تجاري مصرفي نقدي ضريبي صناعي زراعي استثماري سنوي فصلي شهري
        """,
    "sports": """
        رياضي أولمبي قاري ودي نهائي حاسم ثمين مثير متصدر محترف
        """,
    "technology": """
        رقمي إلكتروني اصطناعي ذكي صناعي تقني سيبراني ذاتي محمول كمومي افتراضي
        """,
}

# Verbs: "past|present" (3rd person masculine singular), with an optional
# third part, the irregular 3rd person feminine past (دعا|يدعو|دعت).
VERBS = {
    "general": """
        قال|يقول|قالت أعلن|يعلن أكد|يؤكد أضاف|يضيف أوضح|يوضح أشار|يشير ذكر|يذكر
        كشف|يكشف اعتبر|يعتبر دعا|يدعو|دعت طالب|يطالب رفض|يرفض وافق|يوافق قرر|يقرر
        بحث|يبحث ناقش|يناقش التقى|يلتقي|التقت استقبل|يستقبل زار|يزور وقع|يوقع
        شارك|يشارك عقد|يعقد بدأ|يبدأ استمر|يستمر سجل|يسجل حقق|يحقق حذر|يحذر
        شهد|يشهد واجه|يواجه أجرى|يجري|أجرت أصدر|يصدر نشر|ينشر تلقى|يتلقى|تلقت
        قدم|يقدم اقترح|يقترح توقع|يتوقع أظهر|يظهر بلغ|يبلغ تجاوز|يتجاوز وصل|يصل
        غادر|يغادر عاد|يعود أسفر|يسفر أدى|يؤدي|أدت جاء|يأتي|جاءت أصبح|يصبح تم|يتم
        نفى|ينفي|نفت أدان|يدين اتهم|يتهم هدد|يهدد سعى|يسعى|سعت تمكن|يتمكن
        أفاد|يفيد نقل|ينقل نظم|ينظم افتتح|يفتتح اختتم|يختتم ألغى|يلغي|ألغت أجل|يؤجل
        منع|يمنع سمح|يسمح ساهم|يساهم ساعد|يساعد عمل|يعمل درس|يدرس طلب|يطلب
        أرسل|يرسل تسلم|يتسلم سلم|يسلم خرج|يخرج دخل|يدخل قتل|يقتل أصاب|يصيب
        أنقذ|ينقذ أغلق|يغلق فتح|يفتح بنى|يبني|بنت أنشأ|ينشئ تعهد|يتعهد رحب|يرحب
        انتقد|ينتقد حمل|يحمل تحدث|يتحدث أجاب|يجيب سأل|يسأل تابع|يتابع راقب|يراقب
        أثار|يثير تسبب|يتسبب تعرض|يتعرض احتج|يحتج احتفل|يحتفل أوقف|يوقف أكمل|يكمل
        ضم|يضم اعترف|يعترف أنهى|ينهي|أنهت
        """,
    "world": """
        انسحب|ينسحب قصف|يقصف اعتقل|يعتقل أفرج|يفرج فاز|يفوز صوت|يصوت انتخب|ينتخب
        تظاهر|يتظاهر فرض|يفرض
        """,
    "economy": """
        ارتفع|يرتفع انخفض|ينخفض تراجع|يتراجع صعد|يصعد هبط|يهبط استقر|يستقر
        ربح|يربح خسر|يخسر استثمر|يستثمر صدر|يصدر موّل|يمول
        """,
    "sports": """
        فاز|يفوز خسر|يخسر تعادل|يتعادل سجل|يسجل تأهل|يتأهل أحرز|يحرز لعب|يلعب
        تصدر|يتصدر انتقل|ينتقل
        """,
    "technology": """
        أطلق|يطلق طور|يطور استخدم|يستخدم اخترق|يخترق حدث|يحدث برمج|يبرمج
        اختبر|يختبر
        """,
}

# Function words, with rough relative frequencies per thousand words of news.
FUNCTION = """
    في:40 من:35 على:20 إلى:15 أن:14 عن:8 التي:8 الذي:6 مع:6 هذه:5 هذا:4 بين:4
    قد:4 لا:4 ما:4 بعد:4 خلال:4 كان:3 قبل:3 كما:3 أو:3 إن:2 حتى:2 حيث:2 منذ:2
    أكثر:2 كل:2 لم:2 ذلك:2 حول:1 لكن:1 ثم:1 ضد:1 عبر:1 أمام:1 بعض:1 غير:1 دون:1
    عند:1 هو:1 هي:1 هناك:1 الذين:1 كانت:1 بشأن:1 نحو:1 لدى:0.5 إذا:0.5 لن:0.5
    تلك:0.5 فقط:0.5 إلا:0.5 بل:0.3 وفق:0.5 أيضاً:1.5 اليوم:1 أمس:0.7 الآن:0.3
    مؤخراً:0.4 حالياً:0.4 سابقاً:0.3 رسمياً:0.2 جداً:0.2 أي:0.5 إنه:0.3 أنه:1
    أنها:0.7 لها:0.5 له:0.6 فيها:0.5 منها:0.5 عليه:0.4 بها:0.4 إليه:0.2 أنّ:0.2
"""
PREPOSITION_WORDS = {"في", "من", "على", "إلى", "عن", "مع", "بين", "خلال", "حول", "ضد", "بعد", "قبل",
                     "عبر", "أمام", "عند", "نحو", "لدى", "وفق", "منذ"}

PLACES = """
    بيروت طهران بغداد دمشق القاهرة الرياض عمّان الدوحة أبوظبي دبي الكويت المنامة
    مسقط صنعاء الخرطوم طرابلس تونس الجزائر الرباط القدس غزة أنقرة إسطنبول موسكو
    واشنطن باريس لندن برلين بكين طوكيو نيويورك جنيف فيينا بروكسل روما مدريد أثينا
    نيودلهي كابول نيروبي لاغوس داكار الخليل نابلس حلب حمص الموصل البصرة أربيل
    بنغازي مصراتة وهران قسنطينة صفاقس فاس مراكش جدة مكة الإسكندرية أسوان الأقصر
    عدن الحديدة تعز إدلب درعا اللاذقية طرطوس مصر لبنان سوريا العراق الأردن فلسطين
    إيران تركيا روسيا الصين اليابان الهند باكستان أفغانستان فرنسا ألمانيا بريطانيا
    إيطاليا إسبانيا أمريكا السعودية الإمارات قطر البحرين اليمن السودان ليبيا
    المغرب موريتانيا إثيوبيا كينيا نيجيريا أوكرانيا البرازيل الأرجنتين كندا
    أستراليا إندونيسيا ماليزيا سيناء الجولان الفلوجة كركوك النجف كربلاء أغادير
"""
FIRST_NAMES = """
    محمد أحمد علي حسن خالد عمر يوسف إبراهيم مصطفى سامي فؤاد رائد مؤمن هشام وليد
    طارق كريم نبيل جمال سارة ليلى فاطمة مريم نور هالة رنا دينا سلمى آمنة عائشة
    زينب أسامة إياد رؤى لؤي مأمون أيمن ياسر بشرى إسراء
"""
FAMILY_NAMES = """
    الحسيني العلي الخطيب المصري القاسم الزين السيد النجار الحداد الشامي الحلبي
    البغدادي التونسي الجزائري الأسعد العمري الرفاعي الشريف الهاشمي الكعبي المطيري
    الدوسري الشمري العتيبي الأنصاري الجبوري الساعدي بوزيد بلقاسم الفاسي الطرابلسي
    المؤمن الرئيسي الأيوبي الإدريسي
"""
# Multi-word units: organizations and fixed phrases; a prefix goes on the first word.
PHRASES = {
    "general": """
        الأمم المتحدة|مجلس الأمن|الاتحاد الأوروبي|جامعة الدول العربية|وزير الخارجية|
        رئيس الوزراء|رئيس الحكومة|وزير الدفاع|وزير المالية|وزير الداخلية|الشرق الأوسط|
        حقوق الإنسان|المجتمع الدولي|الرأي العام|وسائل الإعلام|مواقع التواصل الاجتماعي|
        في المئة|مليون دولار|مليار دولار|على سبيل المثال|في الوقت نفسه|من جهة أخرى|
        في هذا السياق|وفقاً لمصادر مطلعة|في مؤتمر صحفي|في بيان رسمي|الولايات المتحدة|
        التغير المناخي|الأمن الغذائي|الطاقة المتجددة|رام الله|الدار البيضاء|أديس أبابا|
        إسلام آباد|عبد الله|عبد الرحمن
        """,
    "world": """
        وقف إطلاق النار|المساعدات الإنسانية|إعادة الإعمار|حلف شمال الأطلسي|
        الاتحاد الأفريقي|مجلس التعاون الخليجي|الصليب الأحمر|محكمة العدل الدولية|
        اللاجئين الفلسطينيين|قطاع غزة|الضفة الغربية|المبعوث الأممي|منظمة الصحة العالمية|
        وكالة الطاقة الذرية|الناتو
        """,
    "economy": """
        البنك المركزي|أسعار الفائدة|أسعار النفط|سعر الصرف|الناتج المحلي الإجمالي|
        البنك الدولي|صندوق النقد الدولي|منظمة التجارة العالمية|سلاسل الإمداد|
        القطاع الخاص|الدين العام|أوبك بلس|سوق الأسهم|الشركات الصغيرة والمتوسطة
        """,
    "sports": """
        كرة القدم|كأس العالم|دوري أبطال أوروبا|كرة السلة|ألعاب القوى|
        اللجنة الأولمبية الدولية|الفيفا|ضربة جزاء|الرقم القياسي|الدور النهائي|
        ربع النهائي|نصف النهائي|كأس الأمم الأفريقية
        """,
    "technology": """
        الذكاء الاصطناعي|الأمن السيبراني|الهواتف الذكية|الحوسبة السحابية|
        شبكات الجيل الخامس|القمر الصناعي|مراكز البيانات|السيارات الكهربائية|
        الشركات الناشئة|إنترنت الأشياء|التعلم الآلي|الواقع الافتراضي
        """,
}
# Latin acronyms that news text carries in parentheses.
ACRONYMS = ["(OPEC)", "(NATO)", "(AI)", "(5G)", "(GDP)", "(IMF)", "(UN)", "(FIFA)", "(CPU)",
            "(COP28)", "(WHO)", "(GPT)"]
MONTHS = ("يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر "
          "كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين").split()
# Syllables of transliterated foreign names: the long tail of a news vocabulary.
CONSONANTS = "ب ت د ر ز س ف ك ل م ن ه غ ش ج ك ر ل ن م".split()
VOWELS = ["ا", "و", "ي", "", "", "ي"]
FINALS = "س ز ف ن ل ر ك م ت وف سكي يني يرا ان ون يز".split()

AUTHORS = ["سارة الحسيني", "محمود العلي", "ليلى بن عمر", "يوسف الخطيب", "نور الهدى سالم",
           "كريم المصري", "هالة عبد الرحمن", "طارق الزين", "رنا القاسم", "عمر بلحاج"]
TAGS = {
    "world": ["دبلوماسية", "نزاعات", "لاجئون", "انتخابات", "الشرق الأوسط", "حقوق الإنسان"],
    "economy": ["تضخم", "أسواق المال", "طاقة", "تجارة", "بنوك مركزية", "عملات"],
    "sports": ["كرة القدم", "ألعاب القوى", "كرة السلة", "تنس", "منتخبات", "دوري الأبطال"],
    "technology": ["ذكاء اصطناعي", "أمن سيبراني", "هواتف ذكية", "شركات ناشئة", "فضاء",
                   "اتصالات"],
}

# Pronoun suffixes and their relative frequencies.
SUFFIXES = ["ه", "ها", "هم", "هما", "نا", "ي", "كم"]
SUFFIX_CUM = list(itertools.accumulate([3, 3, 2, 0.3, 0.5, 0.3, 0.2]))

INDIC = str.maketrans("0123456789.", "٠١٢٣٤٥٦٧٨٩٫")


# ---------------------------------------------------------------------------
# Morphology.

def zipf_cum(n, q=2.0, s=1.0):
    """Cumulative Zipf weights 1/(rank+q)^s for ranks 0..n-1."""
    return list(itertools.accumulate(1.0 / (r + q) ** s for r in range(n)))


class Noun:
    __slots__ = ("sg", "pl", "fem", "human", "pl_fem")

    def __init__(self, spec):
        self.human = False
        self.pl = None
        self.fem = spec.endswith("ة") or "!" in spec or spec.split("/")[0].endswith("ة")
        spec = spec.replace("!", "")
        if spec.endswith("-"):
            self.sg = spec[:-1]
        elif "+" in spec:
            self.sg, suf = spec.split("+")
            if suf == "ون":
                self.human = True
                self.pl = self.sg + "ون"
            else:
                self.pl = (self.sg[:-1] if self.sg.endswith("ة") else self.sg) + "ات"
        elif "/" in spec:
            self.sg, self.pl = spec.split("/")
        else:
            self.sg = spec
            if spec.endswith("ة"):
                self.pl = spec[:-1] + "ات"
        # Non-human plurals take feminine singular adjectives.
        self.pl_fem = not self.human


def parse_nouns(text):
    return [Noun(w) for w in text.split()]


def parse_adjs(text):
    out = []
    for w in text.split():
        if "|" in w:
            m, f = w.split("|")
        else:
            m, f = w, w + "ة"
        out.append((m, f))
    return out


def parse_verbs(text):
    out = []
    for w in text.split():
        parts = w.split("|")
        past, pres = parts[0], parts[1]
        fpast = parts[2] if len(parts) > 2 else past + "ت"
        out.append((past, pres, fpast))
    return out


def parse_phrases(text):
    return [p.split() for p in " ".join(text.split()).split("|") if p.strip()]


def attach_definite(w):
    return "ال" + w


def attach_prep(p, w):
    """Preposition clitic p (ب، ل، ك) before w, which may start with ال:
    ل + الـ gives لل (ل + اللجنة gives للجنة)."""
    if p == "ل" and w.startswith("ال"):
        return "ل" + w[1:] if w.startswith("الل") else "لل" + w[2:]
    return p + w


def before_suffix(w):
    """ة becomes ت before a pronoun suffix; final ى becomes ا."""
    if w.endswith("ة"):
        return w[:-1] + "ت"
    if w.endswith("ى"):
        return w[:-1] + "ا"
    return w


def drop_hamza(w):
    return w.replace("أ", "ا").replace("إ", "ا").replace("آ", "ا")


class Model:
    """Draws chunks (one to four words) of one section's Arabic."""

    def __init__(self, rnd, section):
        self.r = rnd
        self.name = section
        self.nouns = self._mix(parse_nouns(NOUNS["general"]), parse_nouns(NOUNS[section]))
        self.adjs = self._mix(parse_adjs(ADJECTIVES["general"]), parse_adjs(ADJECTIVES[section]))
        self.verbs = self._mix(parse_verbs(VERBS["general"]), parse_verbs(VERBS[section]))
        self.phrases = self._mix(parse_phrases(PHRASES["general"]),
                                 parse_phrases(PHRASES[section]))
        self.func = []
        fw = []
        for item in FUNCTION.split():
            w, f = item.rsplit(":", 1)
            self.func.append(w)
            fw.append(float(f))
        self.func_cum = list(itertools.accumulate(fw))
        self.preps = [w for w in self.func if w in PREPOSITION_WORDS]
        self.prep_cum = list(itertools.accumulate(f for w, f in zip(self.func, fw)
                                                  if w in PREPOSITION_WORDS))
        self.places = PLACES.split()
        firsts, fams = FIRST_NAMES.split(), FAMILY_NAMES.split()
        # A deterministic shuffle gives each section its own favourite places.
        rnd.shuffle(self.places)
        self.people = [f + " " + l for f in firsts for l in fams]
        rnd.shuffle(self.people)
        # q=8 flattens the head: the most frequent noun lemma is about 2% of
        # the nouns (spread over its forms), not a fifth of them.
        self.n_cum = zipf_cum(len(self.nouns), q=8.0)
        self.a_cum = zipf_cum(len(self.adjs), q=8.0)
        self.v_cum = zipf_cum(len(self.verbs), q=8.0)
        self.p_cum = zipf_cum(len(self.phrases), q=5.0)
        self.pl_cum = zipf_cum(len(self.places), q=3.0)
        self.pe_cum = zipf_cum(len(self.people), q=5.0)
        self.kinds = ["func", "np", "prep_np", "verb", "place", "person", "phrase", "number"]
        self.kind_cum = list(itertools.accumulate([20, 30, 18, 14, 5, 2.5, 6, 3]))

    def _mix(self, general, special):
        """general and special interleaved, one special lemma after every second
        general one, so that both keep their frequent lemmas near the top; a
        lemma listed twice is kept once."""
        out, seen, gi, si = [], set(), 0, 0
        while gi < len(general) or si < len(special):
            take = []
            for _ in range(2):
                if gi < len(general):
                    take.append(general[gi])
                    gi += 1
            if si < len(special):
                take.append(special[si])
                si += 1
            for x in take:
                key = repr(x.sg if isinstance(x, Noun) else x)
                if key not in seen:
                    seen.add(key)
                    out.append(x)
        return out

    def pick(self, seq, cum):
        return seq[bisect.bisect(cum, self.r.random() * cum[-1])]

    def conj(self, w, p=0.10):
        """The conjunction و (or ف) on about p of the words."""
        x = self.r.random()
        if x < p * 0.85:
            return "و" + w
        if x < p:
            return "ف" + w
        return w

    def hamza(self, w):
        """One writer in twelve drops the hamza on alef."""
        return drop_hamza(w) if self.r.random() < 0.08 else w

    def noun_phrase(self, allow_prep=True):
        """A noun with its clitics, maybe an agreeing adjective or a genitive."""
        r = self.r
        n = self.pick(self.nouns, self.n_cum)
        x = r.random()
        plural = n.pl is not None and x < 0.25
        dual = not plural and x > 0.975
        if plural:
            w, fem, human = n.pl, n.pl_fem, n.human
        elif dual:
            base = before_suffix(n.sg)
            w, fem, human = base + ("ان" if r.random() < 0.4 else "ين"), n.fem, False
        else:
            w, fem, human = n.sg, n.fem, False
        if plural and n.human and r.random() < 0.6:
            w = w[:-2] + "ين"
        definite = r.random() < 0.30
        suffix = None
        if definite:
            w = attach_definite(w)
        elif not dual and r.random() < 0.12:
            if plural and n.human:
                w = w[:-1]           # مسؤولون + هم -> مسؤولوهم
            suffix = SUFFIXES[bisect.bisect(SUFFIX_CUM, r.random() * SUFFIX_CUM[-1])]
            w = before_suffix(w) + suffix
        if allow_prep and r.random() < 0.09:
            p = r.random()
            w = attach_prep("ب" if p < 0.55 else "ل" if p < 0.93 else "ك", w)
        w = self.hamza(w)
        words = [w]
        y = r.random()
        if y < 0.35:
            a_m, a_f = self.pick(self.adjs, self.a_cum)
            if human and plural:
                a = a_m + ("ين" if w.endswith("ين") else "ون")
            elif fem:
                a = a_f
            else:
                a = a_m
            if definite or (w.startswith(("بال", "لل", "كال"))):
                a = attach_definite(a)
            words.append(self.hamza(a))
        elif y < 0.50 and not definite and suffix is None:
            g = self.pick(self.nouns, self.n_cum)
            gw = g.pl if g.pl and r.random() < 0.3 else g.sg
            words.append(self.hamza(attach_definite(gw)))
        return words

    def verb(self):
        r = self.r
        past, pres, fpast = self.pick(self.verbs, self.v_cum)
        x = r.random()
        weak = past[-1] in "اى"
        if x < 0.35:
            w = past
            if not weak and r.random() < 0.08:
                w += SUFFIXES[bisect.bisect(SUFFIX_CUM, r.random() * SUFFIX_CUM[-1])]
        elif x < 0.55:
            w = fpast
        elif x < 0.60 and not weak:
            w = past + "وا"
        elif x < 0.75:
            w = pres
            if pres[-1] not in "يوىا" and r.random() < 0.06:
                w += SUFFIXES[bisect.bisect(SUFFIX_CUM, r.random() * SUFFIX_CUM[-1])]
        elif x < 0.85:
            w = "ت" + pres[1:]
        elif x < 0.89 and pres[-1] not in "يوىا":
            w = pres + ("ون" if r.random() < 0.7 else "ان")
        elif x < 0.92:
            w = "ن" + pres[1:]
        else:
            w = "س" + (pres if r.random() < 0.6 else "ت" + pres[1:])
        return [self.conj(self.hamza(w), 0.16)]

    def name_prefix(self, w):
        """ب، ل، و، ف... on a place name: ببيروت، لطهران، وبغداد، وبالقاهرة، للرياض."""
        r = self.r
        x = r.random()
        if x < 0.14:
            w = attach_prep("ب", w)
        elif x < 0.22:
            w = attach_prep("ل", w)
        return self.conj(w, 0.12)

    def number(self):
        r = self.r
        x = r.random()
        if x < 0.3:
            s = str(r.randint(2010, 2026))
            words = [s] if r.random() < 0.7 else ["عام", s]
        elif x < 0.55:
            s = "%d.%d" % (r.randint(1, 60), r.randint(1, 9))
            words = [s, "في", "المئة"]
        elif x < 0.8:
            s = str(r.choice((r.randint(2, 99), r.randint(100, 999), r.randint(1000, 90000))))
            words = [s, self.pick(self.nouns, self.n_cum).sg]
        else:
            s = str(r.randint(1, 28))
            words = [s, r.choice(MONTHS)]
        if r.random() < 0.3:
            words[words.index(s)] = s.translate(INDIC)
        return words

    def chunk(self):
        r = self.r
        k = self.kinds[bisect.bisect(self.kind_cum, r.random() * self.kind_cum[-1])]
        if k == "func":
            w = self.func[bisect.bisect(self.func_cum, r.random() * self.func_cum[-1])]
            if w not in PREPOSITION_WORDS or r.random() < 0.5:
                w = self.conj(w, 0.12)
            return [self.hamza(w)]
        if k == "np":
            words = self.noun_phrase()
            words[0] = self.conj(words[0])
            return words
        if k == "prep_np":         # a preposition word before a noun phrase
            p = self.preps[bisect.bisect(self.prep_cum, r.random() * self.prep_cum[-1])]
            return [self.conj(p, 0.06)] + self.noun_phrase(allow_prep=False)
        if k == "verb":
            return self.verb()
        if k == "place":
            return [self.name_prefix(self.pick(self.places, self.pl_cum))]
        if k == "person":
            words = self.pick(self.people, self.pe_cum).split()
            words[0] = self.conj(words[0], 0.15)
            return words
        if k == "phrase":
            words = list(self.pick(self.phrases, self.p_cum))
            if r.random() < 0.2:
                words[0] = attach_prep("ب" if r.random() < 0.5 else "ل", words[0])
            words[0] = self.conj(words[0], 0.12)
            return words
        return self.number()


class Names:
    """Transliterated foreign names as a Yule-Simon process: a new name with
    probability NEW, else one drawn from all earlier occurrences, so that a
    name's frequency follows a power law (a few are everywhere, most occur
    once), and the vocabulary keeps growing with the corpus."""
    NEW = 0.35

    def __init__(self, r):
        self.r = r
        self.occ = []

    def get(self):
        r = self.r
        if not self.occ or r.random() < self.NEW:
            w = foreign_name(r)
        else:
            w = self.occ[r.randrange(len(self.occ))]
        self.occ.append(w)
        return w


def foreign_name(r):
    """A transliterated foreign name (ميريل، لوندين، كاسيروف): the corpus's long
    tail; most occur in one article."""
    w = r.choice(CONSONANTS) + r.choice(VOWELS[:3])
    for _ in range(r.randint(1, 3)):
        w += r.choice(CONSONANTS) + r.choice(VOWELS)
    return w + r.choice(FINALS)


# ---------------------------------------------------------------------------
# Articles.

POOL_CHUNKS = 150000            # chunks per section pool
FRESH = 0.15                    # share of an article's chunks drawn afresh


class Section:
    def __init__(self, rnd, name):
        self.name = name
        self.model = m = Model(rnd, name)
        self.pool = [" ".join(m.chunk()) for _ in range(POOL_CHUNKS)]
        # Content chunks (no function word) for focus and titles.
        self.content = [c for c in self.pool if " " in c or len(c) > 4]


def sentence(r, sec, nchunks, focus):
    """One sentence of about nchunks chunks: most from the section's pool, a
    share FRESH drawn from the model, maybe one of the article's focus chunks."""
    parts = r.choices(sec.pool, k=nchunks)
    m = sec.model
    for j in r.sample(range(nchunks), int(nchunks * FRESH + r.random())):
        parts[j] = " ".join(m.chunk())
    if focus and r.random() < 0.55:
        parts[r.randrange(nchunks)] = r.choice(focus)
    if nchunks > 7 and r.random() < 0.6:
        i = r.randrange(3, nchunks - 2)
        parts[i] += "،"
    if r.random() < 0.015:
        parts.insert(r.randrange(1, nchunks), r.choice(ACRONYMS))
    s = " ".join(parts)
    x = r.random()
    if x < 0.06:
        return "«" + s + "»."
    return s + ("؟" if x > 0.985 else ".")


def article(r, i, secs, names, end):
    sec = secs[i % len(secs)]
    m = sec.model
    focus = r.sample(sec.content, 4)
    for _ in range(r.randint(1, 3)):
        focus.append(m.name_prefix(names.get()))
    if r.random() < 0.5:
        focus.append(r.choice(m.people))
    target = r.randint(200, 400)
    title = " ".join(r.choices(sec.content, k=r.randint(3, 5)) + [focus[0]])
    lede = sentence(r, sec, r.randint(12, 20), focus)
    words = title.count(" ") + lede.count(" ") + 2
    paras, para = [], []
    while words < target:
        s = sentence(r, sec, r.randint(6, 16), focus)
        if r.random() < 0.12:           # a name in passing, often a rare one
            s = m.name_prefix(names.get()) + " " + s
        words += s.count(" ") + 1
        para.append(s)
        if len(para) >= r.randint(2, 5):
            paras.append(" ".join(para))
            para = []
    if para:
        paras.append(" ".join(para))
    if len(paras) > 2:
        for _ in range(r.randint(1, 2)):
            head = " ".join(r.choices(sec.content, k=r.randint(1, 3)))
            paras.insert(r.randrange(1, len(paras)), "## " + head)
    x = r.random()
    if x < 0.08:
        items = ["- " + " ".join(r.choices(sec.content, k=r.randint(2, 5))) for _ in range(3)]
        paras.insert(r.randrange(1, len(paras)), "\n".join(items))
    elif x < 0.13:
        p = r.randrange(len(paras))
        if not paras[p].startswith("#"):
            w = paras[p].split(" ", 2)
            if len(w) == 3:
                paras[p] = "**%s %s** %s" % tuple(w)
    when = end - datetime.timedelta(seconds=r.randint(600, 365 * 86400))
    rec = {
        "title": title,
        "lede": lede,
        "body": "\n\n".join(paras),
        "section": sec.name,
        "tags": r.sample(TAGS[sec.name], r.randint(1, 3)),
        "author": r.choice(AUTHORS),
        "published_at": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    return rec


# ---------------------------------------------------------------------------
# Queries.

WORD = re.compile("[\u0621-\u065F\u0660-\u0669\u0670-\u06D3A-Za-z0-9]+")
SEP = re.compile(r"[،؛؟.!:«»()\n#*\-]+")


def content_word(w, func):
    return len(w) >= 3 and w not in func and not any(c.isdigit() for c in w)


def write_queries(path, sample, nq, seed, tail):
    """Queries drawn from the sample articles (dicts), nq of each kind. The
    bands of 1-term queries go by the surface form's frequency in the sample;
    the analyzer's stems make a query match more (bench-search-query reports
    the mean total of each band):
         1-term/frequent   a content word among the 40 in most articles
         1-term/medium     a word in 0.5-5% of the articles
         1-term/rare       a long-tail name (in tail, the set of names made by
                           Names) in exactly one sample article
         2-term, 3-term    distinct content words of one article (they co-occur;
                           words in more than half of the articles are avoided)
         phrase            two adjacent content words of one article, quoted
    A class is written "1-term/frequent": bench-search-query reports each class
    and, over the part before '/', each kind."""
    r = random.Random(seed * 7919 + 17)
    func = set()
    for item in FUNCTION.split():
        w = item.rsplit(":", 1)[0]
        func.update((w, "و" + w, "ف" + w))
    docs = []
    df = {}
    for a in sample:
        text = " ".join((a["title"], a["lede"], a["body"]))
        ws = set(WORD.findall(text))
        docs.append((text, ws))
        for w in ws:
            df[w] = df.get(w, 0) + 1
    n = len(sample)
    content = [w for w in df if content_word(w, func)]
    content.sort(key=lambda w: (-df[w], w))
    frequent = content[:40]
    medium = [w for w in content if 0.005 * n <= df[w] <= 0.05 * n]
    rare = [w for w in content if df[w] == 1 and w in tail]
    out = []

    def some(cls, words, k):
        words = list(words)
        for w in r.sample(words, min(k, len(words))):
            out.append((cls, w))

    k1 = max(1, nq // 3)
    some("1-term/frequent", frequent, k1)
    some("1-term/medium", medium, k1)
    some("1-term/rare", rare, nq - 2 * k1)
    for k, cls in ((2, "2-term"), (3, "3-term")):
        made = 0
        while made < nq:
            text, ws = r.choice(docs)
            cand = sorted(w for w in ws if content_word(w, func) and df[w] <= n // 2)
            if len(cand) < k:
                continue
            out.append((cls, " ".join(r.sample(cand, k))))
            made += 1
    made = 0
    while made < nq:
        text, _ = r.choice(docs)
        seg = r.choice(SEP.split(text)).split()
        pairs = [(a, b) for a, b in zip(seg, seg[1:])
                 if content_word(a, func) and content_word(b, func)]
        if not pairs:
            continue
        out.append(("phrase", '"%s %s"' % r.choice(pairs)))
        made += 1
    with open(path, "w", encoding="utf-8") as f:
        for cls, q in out:
            f.write("%s\t%s\n" % (cls, q))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=100000, help="number of articles (100000)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (1)")
    ap.add_argument("--end", help="latest date, YYYY-MM-DD (today, UTC)")
    ap.add_argument("-o", "--out", help="write the articles to this file (stdout)")
    ap.add_argument("--queries", help="also write search queries to this file")
    ap.add_argument("--nqueries", type=int, default=60, help="queries per kind (60)")
    ap.add_argument("--sample", type=int, default=3000,
                    help="articles the queries are drawn from (the first 3000)")
    a = ap.parse_args()
    if a.end:
        end = datetime.datetime.strptime(a.end, "%Y-%m-%d")
    else:
        now = datetime.datetime.now(datetime.timezone.utc)
        end = datetime.datetime(now.year, now.month, now.day)
    rnd = random.Random(a.seed)
    secs = [Section(rnd, s) for s in SECTIONS]
    names = Names(rnd)
    out = open(a.out, "w", encoding="utf-8") if a.out else sys.stdout
    buf, sample = [], []
    for i in range(a.n):
        rec = article(rnd, i, secs, names, end)
        if a.queries and i < a.sample:
            sample.append(rec)
        buf.append(json.dumps(rec, ensure_ascii=False, separators=(",", ":")))
        if len(buf) >= 2000:
            buf.append("")
            out.write("\n".join(buf))
            buf = []
    if buf:
        buf.append("")
        out.write("\n".join(buf))
    out.flush()
    if a.out:
        out.close()
    if a.queries:
        write_queries(a.queries, sample, a.nqueries, a.seed, set(names.occ))


if __name__ == "__main__":
    main()
