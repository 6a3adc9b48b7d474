//! Hundreds of generated cases both ways: each kind of personal data in the spellings people use
//! (separators, full-width, Unicode dashes, a digit or a word beside it, era and day-first dates,
//! names with every honorific), and ordinary counter notes that must pass. Generated, not listed,
//! so the rules are tried on the class and not on a handful of examples.

use super::*;

/// A small deterministic generator (numbers for the cases, the same on every run).
struct Digits(u64);

impl Digits {
    fn next(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| {
                self.0 = self
                    .0
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                char::from(b'0' + ((self.0 >> 33) % 10) as u8)
            })
            .collect()
    }
}

fn my_number(g: &mut Digits) -> String {
    let body = g.next(11);
    (0..10)
        .map(|c| format!("{body}{c}"))
        .find(|n| is_valid_my_number(n))
        .unwrap_or_default()
}

fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c),
            'A'..='Z' | 'a'..='z' | '@' | '.' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
            '-' => '－',
            ' ' => '\u{3000}',
            _ => c,
        })
        .collect()
}

fn grouped(s: &str, sizes: &[usize], sep: &str) -> String {
    let mut out = Vec::new();
    let mut at = 0;
    for size in sizes {
        out.push(&s[at..at + size]);
        at += size;
    }
    out.join(sep)
}

const SEPARATORS: &[&str] = &["", "-", " ", "‐", "–", "—", "−", "ー", "－", ".", "　"];

fn refused() -> Vec<(String, PersonalData)> {
    use PersonalData::*;
    let mut g = Digits(20261127);
    let mut out: Vec<(String, PersonalData)> = Vec::new();
    // My Numbers: every separator, full-width, words and digits beside.
    for i in 0..30 {
        let n = my_number(&mut g);
        let sep = SEPARATORS[i % SEPARATORS.len()];
        let written = grouped(&n, &[4, 4, 4], sep);
        out.push((written.clone(), MyNumber));
        out.push((format!("番号{}を確認", full_width(&written)), MyNumber));
        out.push((format!("受付{}{n}", i % 10), MyNumber));
        out.push((format!("{n}{} 番窓口", i % 10), MyNumber));
        out.push((format!("No.{} {written}", i % 9 + 1), MyNumber));
    }
    // 申請書IDs, 23 digits, in groups of four and as one run.
    for i in 0..8 {
        let id = g.next(23);
        out.push((
            format!("申請書ID {}", grouped(&id, &[4, 4, 4, 4, 4, 3], " ")),
            ApplicationId,
        ));
        out.push((
            format!(
                "ID:{}",
                if i % 2 == 0 {
                    id.clone()
                } else {
                    full_width(&id)
                }
            ),
            ApplicationId,
        ));
    }
    // Phone numbers: mobile and fixed lines in every common spelling, with a digit beside.
    for (i, prefix) in ["090", "080", "070"].iter().enumerate() {
        for sep in ["-", " ", "", "‐", "ー", ".", "－"] {
            let n = format!("{prefix}{}", g.next(8));
            out.push((
                format!("連絡先{}", grouped(&n, &[3, 4, 4], sep)),
                PhoneNumber,
            ));
        }
        let n = format!("{prefix}{}", g.next(8));
        out.push((
            format!("{}番 {}", i + 2, grouped(&n, &[3, 4, 4], "-")),
            PhoneNumber,
        ));
        out.push((
            format!("+81 {} {}", &n[1..3], grouped(&n[3..], &[4, 4], " ")),
            PhoneNumber,
        ));
        out.push((
            format!("TEL{}", full_width(&grouped(&n, &[3, 4, 4], "-"))),
            PhoneNumber,
        ));
    }
    for area in ["03", "06", "011", "0120", "0466", "045"] {
        let rest = g.next(10 - area.len());
        let n = format!("{area}{rest}");
        out.push((
            format!(
                "折り返し希望 {area}-{}-{}",
                &rest[..rest.len() - 4],
                &rest[rest.len() - 4..]
            ),
            PhoneNumber,
        ));
        out.push((
            format!("({area}){}", grouped(&rest, &[rest.len() - 4, 4], "-")),
            PhoneNumber,
        ));
        out.push((format!("電話 {n}"), PhoneNumber));
    }
    // 住民票コード: eleven digits.
    for _ in 0..6 {
        let code = format!(
            "{}{}",
            (g.next(1).parse::<u8>().unwrap_or(0) % 9) + 1,
            g.next(10)
        );
        out.push((format!("住民票コード {code}"), ResidentCode));
        out.push((
            format!("コード{}", grouped(&code, &[4, 4, 3], " ")),
            ResidentCode,
        ));
    }
    // Postcodes.
    for _ in 0..6 {
        let p = g.next(7);
        out.push((format!("〒{}-{}", &p[..3], &p[3..]), Postcode));
        out.push((format!("住所は{}-{}の近く", &p[..3], &p[3..]), Postcode));
        out.push((format!("〒{p}"), Postcode));
        out.push((full_width(&format!("〒{}-{}", &p[..3], &p[3..])), Postcode));
    }
    // E-mail addresses.
    for (user, domain) in [
        ("taro.yamada", "example.jp"),
        ("h-suzuki_85", "mail.example.co.jp"),
        ("a+b", "city.example.lg.jp"),
        ("kazu", "docomo.ne.jp"),
    ] {
        out.push((format!("{user}@{domain}"), Email));
        out.push((format!("メール {user} @ {domain} へ送付"), Email));
        out.push((full_width(&format!("{user}@{domain}")), Email));
    }
    // Dates with a year: year first, eras (names, letters, kanji numerals), two-digit years,
    // day or month first, month names; and birthdays without a year.
    for (y, m, d) in [
        (1985, 4, 5),
        (1952, 12, 31),
        (2001, 1, 9),
        (1969, 7, 20),
        (1990, 11, 3),
    ] {
        let yy = y % 100;
        let showa = y - 1925;
        let heisei = y - 1988;
        let era = if y >= 1989 {
            format!("平成{heisei}")
        } else {
            format!("昭和{showa}")
        };
        let letter = if y >= 1989 {
            format!("H{heisei}")
        } else {
            format!("S{showa}")
        };
        for text in [
            format!("{y}年{m}月{d}日生まれ"),
            format!("{y}/{m}/{d}"),
            format!("{y}-{m:02}-{d:02}"),
            format!("{y}.{m}.{d}"),
            full_width(&format!("{y}-{m:02}-{d:02}")),
            format!("{era}年{m}月{d}日"),
            format!("{letter}.{m}.{d}"),
            format!("{}/{m}/{d}", letter.to_lowercase()),
            format!("{yy:02}/{m}/{d}"),
            format!("{yy:02}年{m}月{d}日"),
            format!("{d}/{m}/{y}"),
            format!("{m}/{d}/{y}"),
            format!("{d:02}.{m:02}.{y}"),
            format!("{y}{m:02}{d:02}"),
            format!(
                "born {d} {} {y}",
                [
                    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                    "Dec"
                ][m - 1]
            ),
            format!(
                "{} {d}, {y}",
                [
                    "January",
                    "February",
                    "March",
                    "April",
                    "May",
                    "June",
                    "July",
                    "August",
                    "September",
                    "October",
                    "November",
                    "December"
                ][m - 1]
            ),
            format!("生年月日 {m}月{d}日"),
            format!("誕生日は{m}/{d}"),
        ] {
            out.push((text, BirthDate));
        }
    }
    out.push(("昭和六十年四月五日".into(), BirthDate));
    out.push(("平成二十三年十二月三十一日".into(), BirthDate));
    // A PIN or password written down.
    for text in [
        "暗証番号は1234",
        "暗証番号：５６７８",
        "暗証 9876 です",
        "PIN 0000 と言われた",
        "pin:4321",
        "パスワード abc12345",
        "署名用パスワード Abcd1234 を入力",
        "暗証番号1111（利用者証明用）",
        "暗唱番号 2580",
        "パスコード 135790",
    ] {
        out.push((text.into(), WrittenPin));
    }
    // A person named with an honorific.
    let names = [
        "田中",
        "鈴木",
        "佐藤",
        "高橋",
        "渡辺",
        "伊藤",
        "山本",
        "中村",
        "小林",
        "加藤",
        "山田 太郎",
        "ヤマダ",
        "タナカ",
        "グエン",
        "スミス",
        "Smith",
        "Garcia",
    ];
    let honorifics = ["様", "さま", "さん", "氏", "殿", "くん", "ちゃん"];
    for (i, name) in names.iter().enumerate() {
        for (k, h) in honorifics.iter().enumerate() {
            if (i + k) % 2 == 0 {
                out.push((format!("{name}{h}が来庁"), Name));
            } else {
                out.push((format!("担当の{name} {h}に確認"), Name));
            }
        }
    }
    for text in [
        "Mr. Tanaka came back",
        "Ms Suzuki asked about the PIN",
        "Dr. Smith",
    ] {
        out.push((text.into(), Name));
    }
    out
}

fn allowed() -> Vec<String> {
    let mut out: Vec<String> = [
        "",
        "暗証番号ロックのため後日来庁",
        "暗証番号（4桁）の再設定を案内",
        "暗証番号を3回間違えた",
        "署名用パスワード 6-16桁の説明",
        "パスワード再設定の案内",
        "暗証番号の再設定は2024年から",
        "申請書なし、再発行を案内",
        "4月5日に再来予定",
        "12/24 再来",
        "3/4午後に再来",
        "15時に再来",
        "10:30-11:00 対応",
        "午後2時から30分",
        "待ち3人",
        "所要15分",
        "電子証明書 2件",
        "3回目の来庁",
        "写真 4枚印刷",
        "2024年度",
        "令和6年度の申請",
        "2024年4月から",
        "平成30年から使用",
        "第2版のFAQを案内",
        "手順3で止まった",
        "No.5 の窓口",
        "1,000円の手数料の問い合わせ",
        "4-5人待ち",
        "30-40分かかる見込み",
        "受付番号 123",
        "お客様が来庁",
        "皆様へのお知らせ",
        "お父さんと来庁",
        "娘さんが付き添い",
        "ご家族様へ説明",
        "担当者様に確認",
        "市役所さんに確認",
        "郵便局さんへ問い合わせ",
        "申請様式を案内",
        "お疲れ様です",
        "たくさんの書類を持参",
        "ご本人様確認済み",
        "お子様連れ",
        "おばあさんが来庁",
        "ご苦労様でした",
        "様子を見て再来",
        "氏名の読み仮名を確認",
        "申請者の方に説明",
        "Customer asked about PIN reset",
        "Came back at 3 pm",
        "健康保険証の利用申込を案内",
        "マイナポイントは終了と説明",
        "公金受取口座の登録を支援",
        "0120 のコールセンターを案内",
        "窓口2 で対応",
        "1-2分で完了",
        "2024年12月の予約",
        "令和7年3月末まで",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // Times, counts and durations in every spelling.
    for h in 8..20 {
        out.push(format!("{h}時{:02}分に再来", (h * 7) % 60));
        out.push(format!("{}:{:02}から{}分", h, (h * 13) % 60, h + 5));
        out.push(full_width(&format!("{h}時に来庁")));
    }
    for n in 1..=30 {
        out.push(format!("待ち{n}人、所要{}分", n * 3));
        out.push(format!("{}月{}日に再来", (n % 12) + 1, n));
    }
    for y in 2019..2031 {
        out.push(format!("{y}年度の交付"));
        out.push(format!("{y}年{}月の予定", (y % 12) + 1));
    }
    for word in [
        "お客様",
        "皆様",
        "皆さん",
        "お母さん",
        "息子さん",
        "お孫さん",
        "旦那さん",
        "奥様",
        "業者さん",
        "銀行さん",
    ] {
        out.push(format!("{word}から質問あり"));
    }
    out
}

#[test]
fn personal_data_is_refused_in_every_spelling() {
    let cases = refused();
    assert!(cases.len() >= 300, "{} cases", cases.len());
    let mut wrong = Vec::new();
    for (text, want) in &cases {
        let got = check_note(text);
        let ok = match (&got, want) {
            (Err(e), w) => std::mem::discriminant(e) == std::mem::discriminant(w),
            (Ok(()), _) => false,
        };
        if !ok {
            wrong.push(format!("{text:?}: wanted {want:?}, got {got:?}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} wrong:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}

#[test]
fn ordinary_counter_notes_pass() {
    let cases = allowed();
    assert!(cases.len() >= 150, "{} cases", cases.len());
    let wrong: Vec<String> = cases
        .iter()
        .filter_map(|t| check_note(t).err().map(|e| format!("{t:?}: {e:?}")))
        .collect();
    assert!(
        wrong.is_empty(),
        "{} of {} refused:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}
