"""Demo public site: the seven pages the office writes, in Persian, English, Kurdish and Arabic,
and a few news items and events. Idempotent: pages and posts are keyed by their address."""

from datetime import timedelta

from django.utils import timezone

from intlaffairs import demo

from .models import Page, Post

# fmt: off
# slug, order, (title_fa, title_en, title_ckb), (body_fa, body_en, body_ckb)
PAGES = [
    ("why-study-here", 10,
     ("چرا کرمانشاه؟", "Why study in Kermanshah", "بۆچی کرماشان؟"),
     ("## دانشگاهی با سابقه در مرز عراق\n\nدانشگاه علوم پزشکی کرمانشاه بیش از پنجاه سال است که پزشک، دندان‌پزشک، داروساز و پرستار تربیت می‌کند. بیمارستان‌های آموزشی دانشگاه هر سال صدها هزار بیمار را می‌پذیرند و دانشجویان از سال‌های نخست در بخش‌های بالینی حضور دارند.\n\n- برنامه‌های پزشکی، دندان‌پزشکی و داروسازی به زبان انگلیسی و فارسی\n- فاصلهٔ کمتر از سه ساعت تا مرز خسروی و پروازهای مستقیم به تهران\n- هزینهٔ زندگی کمتر از کلان‌شهرها\n- همراهی یک دانشجوی ایرانی هم‌رشته (منتور) از روز ورود\n\n[برنامه‌های تحصیلی را ببینید](/fa/students/programs/)",
      "## A university with a long record, on the border with Iraq\n\nKermanshah University of Medical Sciences has trained doctors, dentists, pharmacists and nurses for more than fifty years. Its teaching hospitals receive hundreds of thousands of patients a year, and students are on the wards from their early years.\n\n- Medicine, dentistry and pharmacy taught in English and in Persian\n- Less than three hours from the Khosravi border crossing, with direct flights to Tehran\n- A cost of living well below that of the large cities\n- An Iranian student of your field as your mentor from the day you arrive\n\n[See the programs](/en/students/programs/)",
      "## زانکۆیەکی کۆن، لە سنووری عێراق\n\nزانکۆی زانستە پزیشکییەکانی کرماشان زیاتر لە پەنجا ساڵە پزیشک، ددانپزیشک، دەرمانساز و پەرستار پێدەگەیەنێت. نەخۆشخانە فێرکارییەکانی زانکۆ ساڵانە سەدان هەزار نەخۆش وەردەگرن و خوێندکاران لە ساڵانی یەکەمەوە لە بەشە کلینیکییەکاندا ئامادەن.\n\n- پزیشکی، ددانپزیشکی و دەرمانسازی بە زمانی ئینگلیزی و فارسی\n- کەمتر لە سێ کاتژمێر لە خاڵی سنووری خوسرەوییەوە، لەگەڵ فڕینی ڕاستەوخۆ بۆ تاران\n- تێچووی ژیان زۆر کەمتر لە شارە گەورەکان\n- خوێندکارێکی ئێرانیی هەمان بەش وەک ڕێنما لە ڕۆژی گەیشتنەوە\n\n[بەرنامەکان ببینە](/ckb/students/programs/)")),
    ("fees-and-scholarships", 20,
     ("شهریه و بورس‌ها", "Fees and scholarships", "کرێی خوێندن و بورسەکان"),
     ("## شهریه\n\nشهریهٔ سالانهٔ هر برنامه در صفحهٔ همان برنامه آمده است و به دلار یا یورو پرداخت می‌شود. شهریه در آغاز هر نیم‌سال پرداخت می‌شود و رسید آن در پروندهٔ شما ثبت می‌شود.\n\n## تخفیف و بورس\n\n- **رتبه‌های برتر:** پذیرفته‌شدگانی که معدل دبیرستان آن‌ها ۹۰ درصد یا بیشتر است، در سال نخست تا ۲۰ درصد تخفیف می‌گیرند.\n- **دانشگاه‌های طرف تفاهم‌نامه:** دانشجویان اعزامی دانشگاه‌های همکار از تخفیف تفاهم‌نامه بهره‌مند می‌شوند.\n- **بورس وزارت بهداشت:** هر سال شمار محدودی بورس کامل برای کشورهای هدف اعلام می‌شود.\n\nبرای پرسش دربارهٔ شهریه از [فرم تماس](/fa/contact/) استفاده کنید.",
      "## Tuition\n\nThe yearly tuition of each program is on the program's page, in US dollars or euros. It is paid at the start of each semester, and the receipt is kept in your file.\n\n## Reductions and scholarships\n\n- **Top achievers:** admitted students with a high-school average of 90% or more get up to 20% off in their first year.\n- **Partner universities:** students sent by a university with an agreement with us get the reduction the agreement sets.\n- **Ministry of Health scholarships:** a small number of full scholarships are announced every year for the target countries.\n\nFor any question about fees, use the [contact form](/en/contact/).",
      "## کرێی خوێندن\n\nکرێی ساڵانەی هەر بەرنامەیەک لە پەڕەی ئەو بەرنامەیەدا هاتووە، بە دۆلار یان یۆرۆ. لە سەرەتای هەر وەرزێکدا دەدرێت و پسوولەکەی لە دۆسیەکەتدا دەمێنێتەوە.\n\n## داشکاندن و بورس\n\n- **باشترینەکان:** ئەو وەرگیراوانەی تێکڕای ئامادەییان ٩٠٪ یان زیاترە، لە ساڵی یەکەمدا تا ٢٠٪ داشکاندن وەردەگرن.\n- **زانکۆ هاوبەشەکان:** خوێندکارانی زانکۆیەک کە ڕێککەوتنی لەگەڵمان هەیە، داشکاندنی ڕێککەوتنەکە وەردەگرن.\n- **بورسی وەزارەتی تەندروستی:** ساڵانە ژمارەیەکی کەم بورسی تەواو بۆ وڵاتە ئامانجەکان ڕادەگەیەنرێت.\n\nبۆ هەر پرسیارێک دەربارەی کرێ، [فۆرمی پەیوەندی](/ckb/contact/) بەکاربهێنە.")),
    ("life-in-kermanshah", 30,
     ("زندگی در کرمانشاه", "Life in Kermanshah", "ژیان لە کرماشان"),
     ("کرمانشاه با حدود یک میلیون نفر جمعیت، شهری کوهستانی با تابستان‌های گرم و زمستان‌های سرد است. بیستون و طاق‌بستان، دو اثر تاریخی جهانی، در نزدیکی شهرند.\n\n- مردم شهر به کردی، فارسی و لکی سخن می‌گویند و بسیاری عربی می‌دانند.\n- اتوبوس و تاکسی اینترنتی در سراسر شهر در دسترس است.\n- بیمهٔ درمانی دانشجویی در بیمارستان‌های دانشگاه پذیرفته می‌شود.",
      "Kermanshah, a city of about a million people, lies in the Zagros mountains, with warm summers and cold winters. Bisotun and Taq-e Bostan, two sites of world heritage, are close to the city.\n\n- People speak Kurdish, Persian and Laki, and many speak Arabic.\n- Buses and ride-hailing taxis reach every part of the city.\n- Student health insurance is accepted at the university's hospitals.",
      "کرماشان، شارێکی نزیکەی یەک ملیۆن کەسی، لە چیاکانی زاگرۆسدایە؛ هاوینی گەرم و زستانی سارد. بێستوون و تاقوەسان، دوو شوێنەواری جیهانی، لە نزیک شارن.\n\n- خەڵکی شار بە کوردی، فارسی و لەکی قسە دەکەن و زۆریان عەرەبی دەزانن.\n- پاس و تاکسی ئینتەرنێتی هەموو شوێنێکی شار دەگرنەوە.\n- بیمەی تەندروستیی خوێندکاران لە نەخۆشخانەکانی زانکۆ وەردەگیرێت.")),
    ("accommodation", 40,
     ("خوابگاه و اسکان", "Accommodation", "نیشتەجێبوون"),
     ("دانشگاه برای دانشجویان بین‌المللی خوابگاه جداگانهٔ دخترانه و پسرانه دارد، با اتاق‌های دو و سه نفره، آشپزخانهٔ مشترک و اینترنت.\n\n1. پس از پذیرش، درخواست خوابگاه را در پروندهٔ خود ثبت کنید.\n2. اجارهٔ نیم‌سال اول هنگام ورود پرداخت می‌شود.\n3. دانشجویان متأهل می‌توانند با کمک دفتر، خانه‌ای در نزدیکی دانشگاه اجاره کنند.",
      "The university has separate residences for international women and men, with rooms for two or three, shared kitchens and internet.\n\n1. Once admitted, ask for a room in your application file.\n2. The first semester's rent is paid on arrival.\n3. Married students can rent a flat near the campus with the office's help.",
      "زانکۆ بەشە ناوخۆی جیاوازی بۆ کچان و کوڕانی نێودەوڵەتی هەیە، بە ژووری دوو و سێ کەسی، چێشتخانەی هاوبەش و ئینتەرنێت.\n\n1. دوای وەرگیران، داوای ژوور لە دۆسیەکەتدا تۆمار بکە.\n2. کرێی وەرزی یەکەم لە کاتی گەیشتندا دەدرێت.\n3. خوێندکارانی خێزاندار دەتوانن بە یارمەتیی ئۆفیس خانوویەک لە نزیک زانکۆ بەکرێ بگرن.")),
    ("visa-and-arrival", 50,
     ("روادید و ورود", "Visa and arrival", "ڤیزا و گەیشتن"),
     ("## روادید تحصیلی\n\nپس از صدور پذیرش، دفتر درخواست روادید تحصیلی شما را به وزارت امور خارجه می‌فرستد. کد روادید معمولاً ظرف چهار تا شش هفته صادر می‌شود و آن را از سفارت ایران در کشور خود دریافت می‌کنید.\n\n## روز ورود\n\n- ورود از مرز زمینی خسروی یا فرودگاه کرمانشاه\n- همراه داشتن گذرنامه، نامهٔ پذیرش و اصل مدارک تحصیلی\n- معاینهٔ پزشکی و تشکیل پروندهٔ اقامت در هفتهٔ نخست",
      "## Student visa\n\nOnce you are admitted, the office asks the Ministry of Foreign Affairs for your student visa. The visa code usually comes within four to six weeks; you collect the visa at the Iranian embassy in your country.\n\n## The day you arrive\n\n- Enter through the Khosravi land border or Kermanshah airport\n- Bring your passport, your admission letter and the originals of your certificates\n- A medical check and your residence file in the first week",
      "## ڤیزای خوێندن\n\nدوای وەرگیرانت، ئۆفیس داوای ڤیزای خوێندنت لە وەزارەتی دەرەوە دەکات. کۆدی ڤیزا زۆرجار لە ماوەی چوار بۆ شەش هەفتەدا دەردەچێت و ڤیزاکە لە باڵیۆزخانەی ئێران لە وڵاتەکەت وەردەگریت.\n\n## ڕۆژی گەیشتن\n\n- هاتن لە ڕێگەی سنووری وشکانیی خوسرەوی یان فڕۆکەخانەی کرماشان\n- پاسپۆرت، نامەی وەرگیران و ڕەسەنی بڕوانامەکانت لەگەڵ خۆت بهێنە\n- پشکنینی پزیشکی و دۆسیەی نیشتەجێبوون لە هەفتەی یەکەمدا")),
    ("faq", 60,
     ("پرسش‌های رایج", "Frequently asked questions", "پرسیارە باوەکان"),
     ("### آیا باید فارسی بدانم؟\n\nبرای برنامه‌های انگلیسی‌زبان نه؛ ولی در سال نخست یک دورهٔ فارسی رایگان می‌گذرانید تا با بیماران گفت‌وگو کنید.\n\n### مدرک دانشگاه در کشور من به رسمیت شناخته می‌شود؟\n\nدانشگاه در فهرست دانشگاه‌های پزشکی جهان (WDOMS) ثبت است. اگر کشورتان دانشگاه را در فهرست خود ندارد، با دفتر تماس بگیرید.\n\n### کی می‌توانم درخواست بدهم؟\n\nمهلت هر برنامه در صفحهٔ آن آمده است؛ درخواست به‌طور کامل برخط است.",
      "### Do I need to speak Persian?\n\nNot for the programs taught in English; in your first year you take a free Persian course so that you can talk with patients.\n\n### Is the degree recognized in my country?\n\nThe university is listed in the World Directory of Medical Schools (WDOMS). If your country's list does not have it, write to the office.\n\n### When can I apply?\n\nEach program's deadline is on its page; the application is entirely online.",
      "### پێویستە فارسی بزانم؟\n\nبۆ ئەو بەرنامانەی بە ئینگلیزی دەخوێنرێن نا؛ بەڵام لە ساڵی یەکەمدا خولێکی فارسیی بەخۆڕایی دەبینیت بۆ ئەوەی لەگەڵ نەخۆشەکان قسە بکەیت.\n\n### بڕوانامەکە لە وڵاتەکەم دان پێدانراوە؟\n\nزانکۆکە لە ڕێبەری جیهانیی قوتابخانە پزیشکییەکان (WDOMS) تۆمارکراوە. ئەگەر لیستی وڵاتەکەت تێیدا نییە، بۆ ئۆفیس بنووسە.\n\n### کەی دەتوانم داواکاری پێشکەش بکەم؟\n\nدوا وادەی هەر بەرنامەیەک لە پەڕەکەیدایە؛ داواکارییەکە بە تەواوی ئۆنلاینە.")),
    ("contact", 70,
     ("تماس با ما", "Contact the office", "پەیوەندی بە ئۆفیسەوە"),
     ("**مدیریت امور بین‌الملل، دانشگاه علوم پزشکی کرمانشاه**\n\nکرمانشاه، بلوار شهید بهشتی، ساختمان مرکزی دانشگاه\n\nساعات کاری: شنبه تا چهارشنبه، ۸ تا ۱۴\n\nپیام خود را با [فرم تماس](/fa/contact/) بفرستید؛ پاسخ را با ایمیل دریافت می‌کنید.",
      "**International Affairs Office, Kermanshah University of Medical Sciences**\n\nCentral building of the university, Shahid Beheshti Boulevard, Kermanshah, Iran\n\nOpen Saturday to Wednesday, 8:00 to 14:00 (Iran time)\n\nSend your message with the [contact form](/en/contact/); the answer comes by e-mail.",
      "**ئۆفیسی کاروباری نێودەوڵەتی، زانکۆی زانستە پزیشکییەکانی کرماشان**\n\nکرماشان، بلوواری شەهید بەهەشتی، باڵەخانەی ناوەندیی زانکۆ\n\nکاتی کار: شەممە تا چوارشەممە، ٨ تا ١٤\n\nنامەکەت بە [فۆرمی پەیوەندی](/ckb/contact/) بنێرە؛ وەڵامەکە بە ئیمەیڵ دێت.")),
]

# slug, kind, days ago published, event start in days from today (None: news), length in
# days, (title fa, en, ckb), (summary fa, en, ckb), (place fa, en, ckb)
POSTS = [
    ("summer-school-2026", "event", 20, 40, 10,
     ("مدرسهٔ تابستانی پزشکی گرمسیری", "Summer school in tropical medicine", "قوتابخانەی هاوینەی پزیشکیی گەرمەسێری"),
     ("ده روز آموزش بالینی و آزمایشگاهی برای دانشجویان پزشکی خارجی.", "Ten days of clinical and laboratory teaching for foreign medical students.", "دە ڕۆژ فێرکاریی کلینیکی و تاقیگەیی بۆ خوێندکارانی پزیشکیی بیانی."),
     ("دانشکدهٔ پزشکی", "School of Medicine", "کۆلێژی پزیشکی")),
    ("open-day-erbil", "event", 10, 25, 1,
     ("روز معرفی دانشگاه در اربیل", "Open day in Erbil", "ڕۆژی ناساندنی زانکۆ لە هەولێر"),
     ("دیدار با داوطلبان و خانواده‌ها و پاسخ به پرسش‌های پذیرش.", "Meet us, ask about admission and talk with our students.", "چاوپێکەوتن لەگەڵ داواکاران و خێزانەکان و وەڵامی پرسیارەکانی وەرگیران."),
     ("اربیل، هتل دیوان", "Erbil, Divan Hotel", "هەولێر، هوتێلی دیوان")),
    ("admissions-open-1405", "news", 5, None, 0,
     ("پذیرش دانشجوی بین‌المللی ۱۴۰۵ آغاز شد", "International admissions for 2026 are open", "وەرگرتنی خوێندکاری نێودەوڵەتی بۆ ٢٠٢٦ دەستی پێکرد"),
     ("درخواست برای پزشکی، دندان‌پزشکی و داروسازی برخط پذیرفته می‌شود.", "Applications for medicine, dentistry and pharmacy are taken online.", "داواکاری بۆ پزیشکی، ددانپزیشکی و دەرمانسازی بە ئۆنلاین وەردەگیرێت."),
     ("", "", "")),
    ("agreement-sulaimani", "news", 30, None, 0,
     ("تفاهم‌نامهٔ تبادل دانشجو با دانشگاه سلیمانیه", "Student exchange agreement with the University of Sulaimani", "ڕێککەوتنی ئاڵوگۆڕی خوێندکار لەگەڵ زانکۆی سلێمانی"),
     ("دو دانشگاه هر سال ده دانشجو را برای دورهٔ بالینی تبادل می‌کنند.", "The two universities will exchange ten students a year for clinical rotations.", "هەردوو زانکۆ ساڵانە دە خوێندکار بۆ خولی کلینیکی ئاڵوگۆڕ دەکەن."),
     ("", "", "")),
]

# The pages and posts in Arabic, for the applicants of Iraq and the Arab world.
PAGES_AR = {
    "why-study-here": (
        "لماذا الدراسة في كرمانشاه",
        "## جامعة عريقة على الحدود مع العراق\n\nتُخرّج جامعة كرمانشاه للعلوم الطبية الأطباء وأطباء الأسنان والصيادلة والممرضين منذ أكثر من خمسين عامًا. تستقبل مستشفياتها التعليمية مئات الآلاف من المرضى كل عام، ويدخل الطلاب الأقسام السريرية منذ سنواتهم الأولى.\n\n- الطب وطب الأسنان والصيدلة بالإنكليزية والفارسية\n- أقل من ثلاث ساعات من منفذ خسروي الحدودي، مع رحلات مباشرة إلى طهران\n- كلفة معيشة أدنى بكثير من المدن الكبرى\n- طالب إيراني من تخصصك مرشدًا لك منذ يوم وصولك\n\n[اطّلع على البرامج](/ar/students/programs/)",
    ),
    "fees-and-scholarships": (
        "الرسوم والمنح",
        "## الرسوم الدراسية\n\nالرسوم السنوية لكل برنامج مذكورة في صفحته، بالدولار الأمريكي أو باليورو. تُدفع في بداية كل فصل دراسي، ويُحفظ الإيصال في ملفك.\n\n## التخفيضات والمنح\n\n- **المتفوقون:** يحصل المقبولون الذين يبلغ معدلهم في الثانوية ٩٠٪ أو أكثر على تخفيض يصل إلى ٢٠٪ في السنة الأولى.\n- **الجامعات الشريكة:** يحصل الطلاب الذين ترسلهم جامعة بيننا وبينها اتفاقية على التخفيض الذي تحدده الاتفاقية.\n- **منح وزارة الصحة:** يُعلَن كل عام عن عدد محدود من المنح الكاملة لطلاب البلدان المستهدفة.\n\nلأي سؤال عن الرسوم، استخدم [نموذج التواصل](/ar/contact/).",
    ),
    "life-in-kermanshah": (
        "الحياة في كرمانشاه",
        "كرمانشاه مدينة يقارب عدد سكانها مليون نسمة، تقع في جبال زاغروس، صيفها دافئ وشتاؤها بارد. وبالقرب منها موقعا بيستون وطاق بستان المدرجان في قائمة التراث العالمي.\n\n- يتحدث الناس الكردية والفارسية واللكية، ويتحدث كثيرون منهم العربية.\n- تصل الحافلات وسيارات الأجرة عبر التطبيقات إلى كل أنحاء المدينة.\n- يُقبل التأمين الصحي للطلاب في مستشفيات الجامعة.",
    ),
    "accommodation": (
        "السكن",
        "للجامعة أقسام داخلية منفصلة للطالبات والطلاب الدوليين، بغرف لشخصين أو ثلاثة، ومطابخ مشتركة وإنترنت.\n\n1. بعد قبولك، اطلب غرفة من خلال ملف طلبك.\n2. يُدفع إيجار الفصل الأول عند الوصول.\n3. يستطيع الطلاب المتزوجون استئجار شقة قرب الحرم الجامعي بمساعدة المكتب.",
    ),
    "visa-and-arrival": (
        "التأشيرة والوصول",
        "## تأشيرة الدراسة\n\nبعد قبولك يطلب المكتب تأشيرتك الدراسية من وزارة الخارجية. يصل رمز التأشيرة عادةً خلال أربعة إلى ستة أسابيع، وتستلم التأشيرة من السفارة الإيرانية في بلدك.\n\n## يوم وصولك\n\n- الدخول عبر منفذ خسروي البري أو مطار كرمانشاه\n- أحضر جواز سفرك وكتاب القبول وأصول شهاداتك\n- فحص طبي وملف الإقامة في الأسبوع الأول",
    ),
    "faq": (
        "الأسئلة الشائعة",
        "### هل أحتاج إلى التحدث بالفارسية؟\n\nليس في البرامج التي تُدرَّس بالإنكليزية؛ تدرس في سنتك الأولى دورة مجانية في الفارسية لتتمكن من الحديث مع المرضى.\n\n### هل الشهادة معترف بها في بلدي؟\n\nالجامعة مدرجة في الدليل العالمي لكليات الطب (WDOMS). إن لم تكن في قائمة بلدك، فاكتب إلى المكتب.\n\n### متى يمكنني التقديم؟\n\nالموعد النهائي لكل برنامج مذكور في صفحته، والتقديم إلكتروني بالكامل.",
    ),
    "contact": (
        "التواصل مع المكتب",
        "**مكتب الشؤون الدولية، جامعة كرمانشاه للعلوم الطبية**\n\nالمبنى المركزي للجامعة، شارع الشهيد بهشتي، كرمانشاه، إيران\n\nأوقات الدوام: من السبت إلى الأربعاء، من ٨ إلى ١٤ (بتوقيت إيران)\n\nأرسل رسالتك عبر [نموذج التواصل](/ar/contact/)، ويصلك الرد بالبريد الإلكتروني.",
    ),
}

# title, summary, place
POSTS_AR = {
    "summer-school-2026": (
        "المدرسة الصيفية في طب المناطق الحارة",
        "عشرة أيام من التعليم السريري والمختبري لطلاب الطب الأجانب.",
        "كلية الطب",
    ),
    "open-day-erbil": (
        "يوم تعريفي بالجامعة في أربيل",
        "التقِ بنا، واسأل عن القبول، وتحدث مع طلابنا.",
        "أربيل، فندق ديوان",
    ),
    "admissions-open-1405": (
        "بدء القبول الدولي لعام ٢٠٢٦",
        "تُقبل طلبات الطب وطب الأسنان والصيدلة إلكترونيًا.",
        "",
    ),
    "agreement-sulaimani": (
        "اتفاقية تبادل طلابي مع جامعة السليمانية",
        "تتبادل الجامعتان عشرة طلاب كل عام للتدريب السريري.",
        "",
    ),
}
# fmt: on

LANGUAGES = ("fa", "en", "ckb", "ar")


def _by_language(name: str, values: tuple[str, ...]) -> dict[str, str]:
    return {f"{name}_{code}": value for code, value in zip(LANGUAGES, values, strict=True)}


@demo.register("website")
def seed_website() -> str:
    for slug, order, titles, bodies in PAGES:
        Page.objects.update_or_create(
            slug=slug,
            defaults={
                "order": order,
                "is_published": True,
                **_by_language("title", (*titles, PAGES_AR[slug][0])),
                **_by_language("body", (*bodies, PAGES_AR[slug][1])),
            },
        )
    today = timezone.localdate()
    for slug, kind, days_ago, starts_in, length, titles, summaries, places in POSTS:
        starts_on = today + timedelta(days=starts_in) if starts_in is not None else None
        title_ar, summary_ar, place_ar = POSTS_AR[slug]
        Post.objects.update_or_create(
            slug=slug,
            defaults={
                "kind": kind,
                "published_on": today - timedelta(days=days_ago),
                "starts_on": starts_on,
                "ends_on": starts_on + timedelta(days=length - 1) if starts_on else None,
                "is_published": True,
                **_by_language("title", (*titles, title_ar)),
                **_by_language("summary", (*summaries, summary_ar)),
                **_by_language("body", (*summaries, summary_ar)),
                **_by_language("place", (*places, place_ar)),
            },
        )
    return f"{len(PAGES)} pages, {len(POSTS)} news items and events"
