//! Knowledge-base search benchmark: 10,000 approved documents (the starter content plus generated
//! Japanese FAQ entries), then search latency p50/p95 for typical queries. Prints numbers only.
//! Run: `cargo bench --no-default-features --bench kb`.

use std::time::{Duration, Instant};

use madoguchi::kb::{self, Draft, Kind, Reason};
use madoguchi::store::Store;

const WORDS: &[&str] = &[
    "マイナンバーカード",
    "電子証明書",
    "暗証番号",
    "ロック",
    "更新",
    "有効期限",
    "交付申請書",
    "写真",
    "健康保険証",
    "公金受取口座",
    "マイナポータル",
    "ログイン",
    "カードリーダー",
    "スマートフォン",
    "引っ越し",
    "氏名変更",
    "代理人",
    "本人確認書類",
    "再発行",
    "窓口",
    "予約",
    "郵送",
    "コンビニ",
    "拡張機能",
    "資格確認書",
    "金融機関",
    "口座番号",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let store = Store::open_in_memory()?;
    let t0 = Instant::now();
    kb::starter::seed(&store, "bench", "t")?;
    let mut x: u64 = 7;
    let mut pick = |n: usize| {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        WORDS[(x >> 33) as usize % n]
    };
    let tx = store.conn.unchecked_transaction()?;
    for i in 0..(10_000 - kb::starter::STARTER.len()) {
        let title = format!(
            "{}の{}について（{}）",
            pick(WORDS.len()),
            pick(WORDS.len()),
            i
        );
        let body: Vec<&str> = (0..40).map(|_| pick(WORDS.len())).collect();
        let body = format!(
            "{}。{}は窓口でご案内します。",
            body.join("と"),
            pick(WORDS.len())
        );
        let d = Draft {
            title,
            body,
            ..Default::default()
        };
        kb::create(&store, Kind::Faq, &d, "bench", "t")?;
    }
    tx.commit()?;
    let ids: Vec<i64> = {
        let mut stmt = store
            .conn
            .prepare("SELECT id FROM kb_versions WHERE status = 'draft'")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let tx = store.conn.unchecked_transaction()?;
    for id in &ids {
        kb::submit(
            &store,
            *id,
            Reason::SelfImprovement,
            "bench",
            "t",
            Some("manager"),
        )?;
        kb::approve(&store, *id, "city", "t")?;
    }
    tx.commit()?;
    println!(
        "built and approved {} documents in {:.1} s",
        ids.len(),
        t0.elapsed().as_secs_f64()
    );

    for query in [
        "暗証番号 ロック",
        "電子証明書",
        "資格情報が見つかりません",
        "口座",
        "マイナポータル ログイン 拡張機能",
        "引越し",
        "ひっこし 再発行",
        "ほけんしょう",
        "けんこうほけんしょう",
        "申し込み 手続き",
    ] {
        let mut samples: Vec<Duration> = Vec::new();
        let mut hits = 0;
        for _ in 0..200 {
            let t = Instant::now();
            hits = kb::search(&store, query, 20)?.len();
            samples.push(t.elapsed());
        }
        samples.sort();
        let p = |q: f64| samples[((samples.len() - 1) as f64 * q) as usize].as_secs_f64() * 1000.0;
        println!(
            "search {query:<24} ({hits:>2} hits shown): p50 {:.2} ms, p95 {:.2} ms",
            p(0.5),
            p(0.95)
        );
    }

    // Approval queue with 1,000 versions waiting, and the history of a document with 20 versions.
    for doc in 1..=1000 {
        let d = Draft {
            title: format!("改訂{doc}"),
            body: "改訂した本文".into(),
            ..Default::default()
        };
        let v = kb::new_version(&store, doc, &d, "bench", "t")?;
        kb::submit(&store, v, Reason::Inquiry, "改訂", "t", Some("manager"))?;
    }
    let time = |f: &mut dyn FnMut() -> usize| {
        let mut samples: Vec<Duration> = Vec::new();
        let mut n = 0;
        for _ in 0..50 {
            let t = Instant::now();
            n = f();
            samples.push(t.elapsed());
        }
        samples.sort();
        let p = |q: f64| samples[((samples.len() - 1) as f64 * q) as usize].as_secs_f64() * 1000.0;
        (n, p(0.5), p(0.95))
    };
    let (n, p50, p95) = time(&mut || kb::queue(&store).map(|q| q.len()).unwrap_or(0));
    println!("approval queue ({n} waiting): p50 {p50:.2} ms, p95 {p95:.2} ms");
    let doc = 2000;
    for i in 0..19 {
        let d = Draft {
            title: format!("第{}版", i + 2),
            body: "本文".repeat(200),
            ..Default::default()
        };
        let v = kb::new_version(&store, doc, &d, "bench", "t")?;
        kb::submit(&store, v, Reason::Inquiry, "改訂", "t", Some("manager"))?;
        kb::approve(&store, v, "city", "t")?;
    }
    let (n, p50, p95) = time(&mut || kb::history(&store, doc).map(|h| h.len()).unwrap_or(0));
    println!("history of one document ({n} versions): p50 {p50:.2} ms, p95 {p95:.2} ms");
    Ok(())
}
