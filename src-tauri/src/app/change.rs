//! The audited actions: one variant per kind of change or of data leaving the kiosk, with the
//! stable code stored in the audit trail and the Japanese label the trail is shown with.

use serde::Serialize;

macro_rules! changes {
    ($($variant:ident => $code:literal, $label:literal;)*) => {
        /// An audited action.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
        pub enum Change {
            $(
                #[doc = $label]
                $variant,
            )*
        }

        impl Change {
            /// Every audited action.
            pub const ALL: &'static [Change] = &[$(Change::$variant),*];

            /// The code stored in the trail, e.g. `visit.void`.
            pub fn code(self) -> &'static str {
                match self {
                    $(Change::$variant => $code,)*
                }
            }

            /// In Japanese, for the trail on screen and the command line.
            pub fn label(self) -> &'static str {
                match self {
                    $(Change::$variant => $label,)*
                }
            }
        }

        /// The label of a stored code (codes of older versions are shown as they are).
        pub fn label_of(code: &str) -> &str {
            match code {
                $($code => $label,)*
                other => other,
            }
        }
    };
}

changes! {
    FirstManager => "account.create_first_manager", "最初の現場責任者の作成";
    SignIn => "sign_in", "サインイン";
    SignInFailed => "sign_in.failed", "サインイン失敗";
    SignOut => "sign_out", "サインアウト";
    Quit => "quit", "アプリの終了";
    KioskSetup => "kiosk.setup", "キオスク設定";
    KioskRemove => "kiosk.remove", "キオスク設定の解除";
    KioskRestart => "kiosk.restart", "アプリの自動再起動";
    AccountCreate => "account.create", "アカウント作成";
    AccountActivate => "account.activate", "アカウント再開";
    AccountDeactivate => "account.deactivate", "アカウント停止";
    AccountPassword => "account.password", "パスワード再設定";
    SecurityOfficer => "account.security_officer", "情報管理責任者の指定";
    OwnPassword => "account.own_password", "自分のパスワード変更";
    IdleRules => "session.idle_rules", "自動サインアウト時間の変更";
    VisitStart => "visit.start", "対応開始";
    VisitService => "visit.service", "対応内容の選択";
    VisitForm => "visit.form", "交付申請書の持参";
    GuideFinish => "visit.guide", "手続きガイドの完了";
    VisitNote => "visit.note", "メモの保存";
    VisitEnd => "visit.end", "対応終了";
    VisitEndFor => "visit.end_for", "他のオペレーターの対応の終了";
    VisitAmend => "visit.amend", "来庁記録の修正";
    VisitVoid => "visit.void", "来庁記録の取消";
    CalendarPick => "calendar.pick", "土日開設日の選択";
    CalendarUnpick => "calendar.unpick", "土日開設日の解除";
    CalendarOverride => "calendar.override", "臨時開設・臨時休業";
    CalendarHoliday => "calendar.holiday", "祝日の変更";
    CalendarConfig => "calendar.config", "開設時間・契約期間の変更";
    ListSave => "list.save", "区分の保存";
    ListActive => "list.active", "区分の使用・不使用";
    CounterSet => "counter.set", "窓口番号の変更";
    SiteCounters => "site.counters", "窓口数の変更";
    ReportHeader => "report.header", "報告書の宛先などの変更";
    PhotoSettings => "photo.settings", "写真・カメラの設定";
    LinkHosts => "links.hosts", "リンクを開くサイトの変更";
    Backup => "backup", "バックアップ";
    OpeningCheck => "opening.check", "開設前点検の記録";
    OpeningSettings => "opening.settings", "開設前点検の設定";
    OutageOpen => "network.outage_open", "ネットワーク障害の発生";
    OutageClose => "network.outage_close", "ネットワーク障害の復旧";
    OutageReport => "network.outage_report", "ネットワーク障害の事故報告書の作成";
    LeafletExport => "leaflet.export", "リーフレットの作成";
    LeafletDraft => "leaflet.draft", "リーフレット文案の保存";
    LeafletApprove => "leaflet.approve", "リーフレット文案の承認";
    BriefingRecord => "kb.briefing_record", "マニュアル・機器の説明の記録";
    StoreInit => "store.init_central", "共有データベースの初期設定";
    StoreConnect => "store.connect", "共有データベースへの接続";
    StoreDisconnect => "store.disconnect", "共有データベースの切断";
    VisitsImport => "visits.import", "来庁記録の取り込み";
    VisitsExport => "visits.export", "来庁記録の書き出し";
    KbExport => "kb.export", "マニュアル・FAQの書き出し";
    KbImport => "kb.import", "マニュアル・FAQの取り込み";
    ReportExport => "report.export", "月次報告書の保存";
    ReportFinalExport => "report.final_export", "最終報告の保存";
    ReportSubmit => "report.submit", "月次報告書の提出";
    ReportSurvey => "report.survey", "調査（集計）の実施";
    ComplaintSave => "complaint.save", "苦情の記録";
    IncidentSave => "incident.save", "事故報告書の記録";
    KbDraft => "kb.draft", "マニュアル・FAQの原稿";
    KbSubmit => "kb.submit", "マニュアル・FAQの承認申請";
    KbForward => "kb.forward", "マニュアル・FAQ原稿の市への送付";
    KbSendBack => "kb.send_back", "マニュアル・FAQ原稿の差し戻し（現場責任者）";
    KbApprove => "kb.approve", "マニュアル・FAQの承認";
    KbReturn => "kb.return", "マニュアル・FAQの差し戻し";
    KbPosition => "kb.position", "マニュアルの章の位置";
    EscalationAsk => "escalation.ask", "市への確認の記録";
    EscalationSend => "escalation.send", "市への確認の送付";
    EscalationAnswer => "escalation.answer", "市への確認への回答";
    EscalationFaq => "escalation.faq", "市への確認からFAQ原稿";
    PhotoAccept => "photo.accept", "写真の採用";
    PhotoUpload => "photo.upload", "写真のアップロード準備";
    PhotoPrint => "photo.print", "写真の印刷";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_labelled_in_japanese() {
        let codes: std::collections::HashSet<_> = Change::ALL.iter().map(|c| c.code()).collect();
        assert_eq!(codes.len(), Change::ALL.len());
        for c in Change::ALL {
            assert_eq!(label_of(c.code()), c.label());
            assert!(!c.label().is_ascii(), "{c:?} is shown in Japanese");
        }
        assert_eq!(label_of("old.code"), "old.code");
    }
}
