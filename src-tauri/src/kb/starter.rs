//! Starter drafts of the FAQ and manual, written from the project's research (procedures and card
//! facts with public sources). They are drafts: the city must still approve every one in the app.

use super::workflow::create_with_uid;
use super::{Draft, KbError, Kind};
use crate::store::Store;

/// (kind, title, category, services, body).
pub const STARTER: &[(Kind, &str, &str, &str, &str)] = &[
    (
        Kind::Faq,
        "暗証番号がロックされたときはどうすればよいですか",
        "暗証番号",
        "pin",
        "利用者証明用電子証明書の暗証番号（数字4桁）は**3回**、署名用電子証明書の暗証番号（英数字6〜16文字）は**5回**続けて間違えるとロックされます。時間がたっても解除されません。\n\n- 解除と再設定は、本人が市の窓口で行います（代理人の場合は2回の来庁が必要です）。\n- もう一方の暗証番号が分かる場合は、J-LISの「JPKI暗証番号リセット」アプリとコンビニの端末で再設定できることがあります。\n- 正しく入力すると、間違えた回数は元に戻ります。\n\n窓口では、入力の前にカードリーダーで残りの回数を確認します。",
    ),
    (
        Kind::Faq,
        "電子証明書の有効期限が切れているといわれました（カードは有効です）",
        "電子証明書",
        "certificate",
        "電子証明書の有効期限は、発行から**5回目の誕生日**までです。カード本体（10回目の誕生日まで。18歳未満で申請した方は5回目）より先に切れるため、「カードは有効だが電子証明書が切れている」ことがよくあります。\n\n- 有効期限の3か月前から更新できます。\n- 更新は市の窓口で行います。\n- 署名用電子証明書は、氏名や住所が変わったときにも失効します。",
    ),
    (
        Kind::Faq,
        "交付申請書を持っていない、または引っ越し前の申請書しかありません",
        "申請",
        "application",
        "交付申請書の申請書ID（23桁）は、印刷した時点の氏名・住所・生年月日・性別と結び付いています。引っ越しや氏名の変更の後に古い申請書で申請すると、古い情報のカードになってしまいます。\n\n- 市が新しい申請書（新しい申請書IDとQRコード）を発行します。\n- 窓口で本人確認書類を確認して発行するほか、郵送での発行もできます。",
    ),
    (
        Kind::Faq,
        "申請に使う顔写真の条件は何ですか",
        "写真",
        "photo;photo_attach",
        "- 最近6か月以内に撮影した、正面・無帽・無背景の写真です。\n- 縦45mm×横35mm（データの場合は指定の画素数）です。\n- 窓口で撮影した写真は、送信または印刷の後すぐに削除し、保存しません。",
    ),
    (
        Kind::Manual,
        "パソコンからのオンライン申請の手順",
        "申請",
        "application",
        "1. [申請用サイト](https://net.kojinbango-card.go.jp/SS_SERVICE_OUT/FA01S001Action.do)を開き、利用規約に同意します。\n2. 申請書ID（23桁）、連絡先の氏名、メールアドレスを入力します。\n3. 届いたメールのリンクから申請者専用ページを開きます。\n4. 顔写真を登録します（窓口で撮影した写真を使います）。\n5. 生年月日、電子証明書の発行の希望、点字表記の希望を入力します。\n6. 申請完了のメールが届きます。約1か月後に交付通知書（はがき）が届きます。\n\n窓口のアプリはこのサイトを自動操作しません。サイトを開き、写真を渡し、結果を記録します。",
    ),
    (
        Kind::Manual,
        "健康保険証利用申込の手順と「資格情報が見つかりません」",
        "マイナポータル",
        "health_insurance",
        "必要なもの：マイナンバーカードと利用者証明用暗証番号（数字4桁）。\n\n1. [マイナポータル](https://myna.go.jp/)（スマートフォンのアプリ、またはパソコンとカードリーダー）でログインします。\n2. 健康保険証利用の申込みを選び、画面の案内に従います。\n\n「資格情報が見つかりません」と表示されるときは、加入している保険者でマイナンバーの登録がまだ済んでいません。保険者に確認するよう案内します。\n\n2024年12月2日以降、新しい紙の保険証は発行されていません。マイナ保険証をお持ちでない方には資格確認書が交付されます。",
    ),
    (
        Kind::Manual,
        "公金受取口座登録の手順と注意点",
        "マイナポータル",
        "public_fund_account",
        "1. マイナポータルで「口座情報の登録・変更」を選びます。\n2. カードを読み取り、登録内容を確認します。\n3. 金融機関、支店、口座の種類、口座番号を入力し、同意して完了です。\n\n- 登録できる口座は1人1口座で、本人名義の口座に限ります。\n- 金融機関の合併などでコードが変わると、登録が無効になることがあります。\n- 口座番号は窓口の記録に書きません。",
    ),
    (
        Kind::Faq,
        "マイナポイントはまだ申し込めますか",
        "マイナポイント",
        "mynapoint",
        "マイナポイント（第2弾）は終了しました。カードの申請は2023年2月28日まで、ポイントの申込みは2023年9月30日までが対象でした。",
    ),
    (
        Kind::Faq,
        "パソコンでマイナポータルにログインできません（ブラウザの拡張機能）",
        "マイナポータル",
        "consultation;other",
        "パソコンでのログインには、USB接続のカードリーダーと、マイナポータルのブラウザ拡張機能およびアプリが必要です。\n\n- ブラウザ（Chrome など）の更新で権限が変わると、拡張機能が無効になることがあります。拡張機能の設定で有効にし直してください。\n- スマートフォンの二次元バーコード読み取りでログインする方法もあります。",
    ),
];

/// Writes the starter drafts into an empty knowledge base. Returns the version ids written.
pub fn seed(store: &Store, author: &str, now: &str) -> Result<Vec<i64>, KbError> {
    let existing: i64 = store
        .conn
        .query_row("SELECT count(*) FROM kb_documents", [], |r| r.get(0))?;
    if existing > 0 {
        return Ok(Vec::new());
    }
    STARTER
        .iter()
        .map(|(kind, title, category, services, body)| {
            let draft = Draft {
                title: (*title).into(),
                body: (*body).into(),
                category: (*category).into(),
                tags: String::new(),
                services: (*services).into(),
            };
            // A fixed uid per starter entry: the same document on every PC, so the two counters'
            // knowledge bases can be merged by import.
            let uid = uuid::Uuid::new_v5(
                &uuid::Uuid::NAMESPACE_URL,
                format!("madoguchi:kb:starter:{title}").as_bytes(),
            );
            create_with_uid(store, *kind, &uid.to_string(), &draft, author, now)
        })
        .collect()
}

/// A store with every starter draft approved (for tests).
#[cfg(test)]
pub(crate) fn approved_starter() -> Store {
    use super::workflow::{approve, submit};
    let s = Store::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    for id in seed(&s, "system", "t").unwrap_or_else(|e| panic!("{e}")) {
        submit(
            &s,
            id,
            super::Reason::SelfImprovement,
            "初版",
            "t",
            Some("manager"),
        )
        .and_then(|()| approve(&s, id, "city", "t"))
        .unwrap_or_else(|e| panic!("{e}"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::search;

    #[test]
    fn starter_drafts_are_drafts_until_the_city_approves() {
        let s = Store::open_in_memory().unwrap();
        assert_eq!(seed(&s, "system", "t").unwrap().len(), STARTER.len());
        assert!(seed(&s, "system", "t").unwrap().is_empty(), "seeded once");
        assert!(
            search(&s, "暗証番号", 10).unwrap().is_empty(),
            "nothing is searchable before approval"
        );
    }

    #[test]
    fn searches_on_the_starter_content_find_the_right_entry_first() {
        let s = approved_starter();
        let first = |q: &str| {
            search(&s, q, 5)
                .unwrap()
                .first()
                .map(|h| h.title.clone())
                .unwrap_or_default()
        };
        assert_eq!(
            first("暗証番号 ロック"),
            "暗証番号がロックされたときはどうすればよいですか"
        );
        assert!(
            first("電子証明書 有効期限").starts_with("電子証明書の有効期限"),
            "{}",
            first("電子証明書 有効期限")
        );
        assert!(first("資格情報が見つかりません").starts_with("健康保険証利用申込"));
        assert!(first("マイナポイント").starts_with("マイナポイント"));
        assert!(first("公金受取口座").starts_with("公金受取口座登録"));
        assert!(first("拡張機能").contains("ブラウザの拡張機能"));
        assert!(first("申請書 引っ越し").contains("交付申請書"));
        let offered = crate::kb::for_services(&s, &["pin".to_string()], 5).unwrap();
        assert_eq!(
            offered.first().map(|v| v.draft.title.as_str()),
            Some("暗証番号がロックされたときはどうすればよいですか")
        );
    }
}
