//! Starter drafts of the FAQ and manual, written from the project's research (procedures and card
//! facts with public sources). They are drafts: the city must still approve every one in the app.

use super::workflow::create_with_uid;
use super::{Draft, KbError, Kind};
use crate::store::Store;

/// A starter entry: (kind, title, category, services, body).
pub type Entry = (Kind, &'static str, &'static str, &'static str, &'static str);

/// The starter FAQ and manual.
pub const STARTER: &[Entry] = &[
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

/// The equipment chapters of the manual (仕様書 §6(4)エ, §8): each device of the counter, how it
/// is checked before opening, and what to do when it fails. Added to a knowledge base that lacks
/// them (also one made before they existed), as drafts for the city to approve.
pub const EQUIPMENT: &[Entry] = &[
    (
        Kind::Manual,
        "機器：カメラと照明（顔写真の撮影）",
        "機器",
        "photo;photo_attach",
        "- カメラはUSBで窓口のパソコンにつなぎ、来庁者の目の高さ、顔から1〜1.5mの位置に置きます。\n- 照明は顔の正面から均一に当て、背景は無地の明るいスクリーンにします。影や逆光があると写真の確認で不合格になります。\n- 開設前点検の「カメラ」で、映像が受信できることを毎日確認します。\n- 撮影した写真は送信または印刷の後すぐに削除され、パソコンには残りません。\n\n**映らないとき**：USBを抜き差しし、「管理 → 写真・カメラ」で使うカメラを選び直します。直らないときは予備のカメラに替え、現場責任者に報告します。",
    ),
    (
        Kind::Manual,
        "機器：ICカードリーダー",
        "機器",
        "pin;certificate;health_insurance;public_fund_account",
        "- カードリーダーはUSBでつなぎ、パソコンのPC/SCサービス（Linuxでは pcscd）を通じて使います。\n- 開設前点検の「ICカードリーダー」で、リーダーが認識されていることを毎日確認します。\n- カードは奥まで差し込みます（非接触式は読み取り面の中央に置きます）。読み取り中に抜かないよう案内します。\n- 窓口のアプリが読むのは、暗証番号の残り回数と電子証明書の有効期限だけです。暗証番号や個人情報は読みません。\n\n**認識しないとき**：USBを抜き差しします。「サービス（PC/SC）に接続できません」と表示されるときは、IT担当者が pcscd を再起動します（sudo systemctl restart pcscd）。直らないときは予備のリーダーに替えます。",
    ),
    (
        Kind::Manual,
        "機器：暗証番号入力用キーボード",
        "機器",
        "pin;health_insurance;public_fund_account;certificate",
        "- 暗証番号は、来庁者が専用のキーボード（テンキー）で自分で入力します。職員は入力せず、画面も見ません。窓口のアプリは暗証番号を受け取らず、記録もしません。\n- 開設前点検の目視点検で、キーが反応すること（NumLock、無線式は電池）を確認します。\n- 使用後はキーを拭いて清潔にします。\n\n**反応しないとき**：接続と電池を確かめ、予備のキーボードに替えます。職員のキーボードで来庁者に暗証番号を入力させることはしません。",
    ),
    (
        Kind::Manual,
        "機器：プリンターと用紙",
        "機器",
        "photo",
        "- 写真はL判または A4 の写真用紙に印刷します（「管理 → 写真・カメラ」の設定）。\n- 開設前点検の「プリンター」で、印刷待ちの列（CUPS）が使える状態かを毎日確認し、用紙とインクの残りを目で確認します。\n- 印刷したデータはパソコンに残さない設定にします（madoguchi doctor が確認します）。\n\n**止まったとき**：紙詰まりを取り除き、プリンターの画面のエラーを解除してから、印刷を再開します（cupsenable プリンター名）。印刷できない間は、写真データの添付による申請で対応します。",
    ),
    (
        Kind::Manual,
        "機器：Wi-Fi と接続の確認",
        "機器",
        "application;health_insurance;public_fund_account",
        "- 窓口のネットワークは受託者が用意するWi-Fiを使います（仕様書 §10(2)）。\n- 開設前点検の「ネットワーク」で、J-LISの申請サイトとマイナポータルに接続できること、時計が合っていることを毎日確認します。\n- 開設中はアプリがネットワークを監視し、つながらないときは画面上部に「ネットワーク障害」と原因を表示します。\n- 「Wi-Fi のログイン画面」と表示されたときは、ブラウザでWi-Fiのログインを済ませます。\n\n**つながらないとき**：ルーターの電源とランプを確かめて再起動し、直らなければ予備の回線（モバイルルーター）に切り替えます。10分以上続いたときは、アプリの案内に従って事故報告書を作成します。",
    ),
    (
        Kind::Manual,
        "機器が故障したときの対応（共通）",
        "機器",
        "other",
        "1. 故障した機器の使用をやめ、現場責任者に報告します。\n2. 予備の機器に替えて窓口を続けます。続けられないときは、来庁者に状況を説明し、後日の来庁や市の窓口を案内します。\n3. 窓口の業務が止まったときや、個人情報に関わるおそれがあるときは、「苦情・事故」で事故報告書を作成し、市に報告します。\n4. 修理や交換の後は、開設前点検を実行して正常に動くことを確かめます。",
    ),
];

/// The guided procedures' steps (kind `procedure`, tagged `guide:<code>`): numbered lines are the
/// steps the operator ticks, the other lines notes. Each step ends with the marker of what the
/// citizen display says meanwhile (`〔来庁者画面：…〕`, [`crate::procedure::cue`]). Written from
/// `spec/procedures.md`; the city approves them (and names its own counters) before the guides
/// show them.
pub const PROCEDURES: &[(&str, Entry)] = &[
    (
        "guide:application_form",
        (
            Kind::Procedure,
            "手順：交付申請（申請書あり）",
            "手続きガイド",
            "application",
            "1. 交付申請書のQRコードをスキャナーで読み取る（読めないときは申請書IDを入力する） 〔来庁者画面：申請書〕
2. 申請書の印刷後に引越し・氏名の変更がないか確認する（あれば再発行を案内） 〔来庁者画面：質問〕
3. 申請サイトを開き、申請書ID・連絡先の氏名・メールアドレスを入力していただく 〔来庁者画面：氏名とメール〕
4. 届いたメールのリンクから申請者専用ページを開く 〔来庁者画面：メール〕
5. 顔写真を撮影し、申請サイトに登録する 〔来庁者画面：写真〕
6. 生年月日、電子証明書の発行の希望、点字表記の希望を入力していただく 〔来庁者画面：画面〕
7. 申請完了のメールが届いたことを確認する 〔来庁者画面：メール〕

- 約1か月後に交付通知書（はがき）が届きます。受け取りに必要な物を案内票でお渡しします。
- 申請書IDは記録しません。",
        ),
    ),
    (
        "guide:application_no_form",
        (
            Kind::Procedure,
            "手順：交付申請（申請書なし）",
            "手続きガイド",
            "application",
            "1. 交付申請書をお持ちでないこと（または住所・氏名が変わったこと）を確認する 〔来庁者画面：質問〕
2. 申請書は市が再発行することを説明する（窓口では本人確認書類で発行、郵送も可） 〔来庁者画面：説明〕
3. 再発行の窓口と持ち物（本人確認書類）を案内票でお渡しする 〔来庁者画面：案内票〕
4. 再発行後に、この窓口で申請と写真撮影ができることを伝える 〔来庁者画面：説明〕

- 同じ世帯の方の分は、窓口で一緒に再発行を受けられます。",
        ),
    ),
    (
        "guide:health_insurance",
        (
            Kind::Procedure,
            "手順：健康保険証利用申込",
            "手続きガイド",
            "health_insurance",
            "1. カードリーダーで暗証番号の残り回数と電子証明書の期限を確認する 〔来庁者画面：カード〕
2. マイナポータルを開き、カードを読み取っていただく 〔来庁者画面：カード〕
3. 利用者証明用暗証番号（数字4桁）をご本人に専用キーボードで入力していただく 〔来庁者画面：暗証番号〕
4. 健康保険証利用の申込みを選び、画面の案内に沿って進めていただく 〔来庁者画面：画面〕
5. 申込み完了の画面を確認する 〔来庁者画面：確認〕

- 「資格情報が見つかりません」と出たときは、加入している保険者への確認を案内します。
- 職員は暗証番号を見ず、入力もしません。",
        ),
    ),
    (
        "guide:public_fund_account",
        (
            Kind::Procedure,
            "手順：公金受取口座登録",
            "手続きガイド",
            "public_fund_account",
            "1. カードリーダーで暗証番号の残り回数と電子証明書の期限を確認する 〔来庁者画面：カード〕
2. マイナポータルで「口座情報の登録・変更」を選んでいただく 〔来庁者画面：画面〕
3. カードを読み取り、利用者証明用暗証番号をご本人に入力していただく 〔来庁者画面：暗証番号〕
4. 金融機関・支店・口座の種類・口座番号をご本人に入力していただく 〔来庁者画面：口座〕
5. 内容を確認し、同意して登録を完了していただく 〔来庁者画面：確認〕

- 口座は1人1口座、本人名義に限ります。
- 口座番号は窓口の記録に書きません。",
        ),
    ),
    (
        "guide:pin",
        (
            Kind::Procedure,
            "手順：暗証番号（ロック・忘れた）",
            "手続きガイド",
            "pin",
            "1. カードリーダーで、どの暗証番号がロックされているか（残り回数）を確認する 〔来庁者画面：カード〕
2. 再設定は市役所の担当窓口で行うことを説明する（この窓口では行いません） 〔来庁者画面：説明〕
3. 持ち物（マイナンバーカード）と、代理人の場合は2回の来庁が必要なことを案内票でお渡しする 〔来庁者画面：案内票〕

- もう一方の暗証番号が分かる場合は、コンビニの端末で再設定できることがあります。
- 正しく入力すると、間違えた回数は元に戻ります。時間がたっても解除されません。",
        ),
    ),
    (
        "guide:certificate",
        (
            Kind::Procedure,
            "手順：電子証明書（期限切れ・更新）",
            "手続きガイド",
            "certificate",
            "1. カードリーダーで電子証明書の有効期限を確認する 〔来庁者画面：カード〕
2. 更新は市役所の担当窓口で行うことを説明する（期限の3か月前から更新できます） 〔来庁者画面：説明〕
3. 持ち物（マイナンバーカード）を案内票でお渡しする 〔来庁者画面：案内票〕

- カード本体が有効でも、電子証明書だけ期限が切れていることがよくあります。",
        ),
    ),
    (
        "guide:mynapoint",
        (
            Kind::Procedure,
            "手順：マイナポイント（お問い合わせ）",
            "手続きガイド",
            "mynapoint",
            "1. マイナポイント（第2弾）は終了したことを説明する（ポイントの申込みは2023年9月30日まで） 〔来庁者画面：説明〕
2. ほかに必要な手続き（健康保険証利用申込・公金受取口座登録）がないか伺う 〔来庁者画面：質問〕",
        ),
    ),
];

/// Adds each guided procedure the knowledge base lacks (by its fixed uid), with its guide's tag.
/// Returns the version ids written.
pub fn seed_procedures(store: &Store, author: &str, now: &str) -> Result<Vec<i64>, KbError> {
    let mut written = Vec::new();
    for (tag, entry) in PROCEDURES {
        if !exists(store, entry)? {
            written.push(create(store, entry, tag, author, now)?);
        }
    }
    Ok(written)
}

fn exists(store: &Store, entry: &Entry) -> Result<bool, KbError> {
    Ok(store.conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM kb_documents WHERE uid = ?1)",
        [starter_uid(entry.1)],
        |r| r.get(0),
    )?)
}

/// Adds each equipment chapter the knowledge base lacks (by its fixed uid). Returns the version
/// ids written.
pub fn seed_equipment(store: &Store, author: &str, now: &str) -> Result<Vec<i64>, KbError> {
    let mut written = Vec::new();
    for entry in EQUIPMENT {
        if !exists(store, entry)? {
            written.push(create(store, entry, "", author, now)?);
        }
    }
    Ok(written)
}

/// Writes one starter entry as a draft under its fixed uid: the same document on every PC, so
/// the two counters' knowledge bases can be merged by import.
fn create(
    store: &Store,
    entry: &Entry,
    tags: &str,
    author: &str,
    now: &str,
) -> Result<i64, KbError> {
    let (kind, title, category, services, body) = *entry;
    let draft = Draft {
        title: title.into(),
        body: body.into(),
        category: category.into(),
        tags: tags.into(),
        services: services.into(),
    };
    create_with_uid(store, kind, &starter_uid(title), &draft, author, now)
}

/// A starter entry's uid.
fn starter_uid(title: &str) -> String {
    uuid::Uuid::new_v5(
        &uuid::Uuid::NAMESPACE_URL,
        format!("madoguchi:kb:starter:{title}").as_bytes(),
    )
    .to_string()
}

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
        .map(|entry| create(store, entry, "", author, now))
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
    fn the_equipment_chapters_are_added_once_even_to_an_existing_manual() {
        let s = approved_starter();
        assert_eq!(
            seed_equipment(&s, "system", "t").unwrap().len(),
            EQUIPMENT.len()
        );
        assert!(
            seed_equipment(&s, "system", "t").unwrap().is_empty(),
            "added once"
        );
        assert!(
            search(&s, "カードリーダー pcscd", 10)
                .unwrap()
                .iter()
                .all(|h| !h.title.starts_with("機器")),
            "drafts until the city approves them"
        );
        for (_, title, _, _, body) in EQUIPMENT {
            assert!(
                body.contains("開設前点検") || title.contains("故障"),
                "{title} says how it is checked"
            );
        }
    }

    #[test]
    fn every_starter_step_names_what_the_citizen_display_says() {
        for (tag, (_, title, _, _, body)) in PROCEDURES {
            let (steps, _) = crate::procedure::guide::steps_of(body);
            assert!(steps.len() >= 2, "{tag}");
            for step in steps {
                assert!(step.cue.is_some(), "{title}: {}", step.text);
                assert!(!step.text.contains("来庁者画面"), "{}", step.text);
            }
        }
    }

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
