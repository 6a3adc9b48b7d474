//! Staff accounts, sign-in and roles. Passwords are hashed with Argon2id (the `argon2` crate, the
//! RustCrypto implementation of RFC 9106); the hash is all that is stored. What each role may do
//! is the use-case layer's table (`app::permission`), and the signed-in session lives there too.

mod password;
mod policy;
mod role;
mod table;
mod throttle;

pub use password::{hash_password, verify_password};
pub use role::Role;
pub use table::{Account, NewAccount};
pub use throttle::Throttle;

use crate::store::{Store, StoreError};

pub use policy::MIN_CHARS as MIN_PASSWORD_CHARS;

/// Why an account action failed. Messages are shown as they are.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// Unknown ID or wrong password: one message for both, so IDs cannot be probed.
    #[error("IDまたはパスワードが違います。")]
    WrongCredentials,
    /// Too many wrong passwords for this ID.
    #[error("パスワードの誤りが続いたため、このIDは{0}秒ほどお待ちいただいてからサインインしてください。")]
    TooManyAttempts(u64),
    /// The account was switched off by the site manager.
    #[error("このアカウントは停止されています。現場責任者にお問い合わせください。")]
    Inactive,
    /// The ID is taken.
    #[error("ID「{0}」はすでに使われています。")]
    DuplicateId(String),
    /// The ID has characters other than letters, digits, `-`, `_`, `.`, or a bad length.
    #[error("IDは半角英数字（- _ . を含む）3〜32文字で入力してください。")]
    BadId,
    /// The display name is empty or too long.
    #[error("表示名は1〜40文字で入力してください。")]
    BadName,
    /// The password is too short or too easy to guess (the message says which).
    #[error("{0}")]
    WeakPassword(&'static str),
    /// The current password given to change one's own is wrong.
    #[error("今のパスワードが違います。")]
    WrongCurrentPassword,
    /// Sign-ins from this kiosk paused after many wrong passwords for any IDs.
    #[error("パスワードの誤りが続いたため、{0}秒ほどサインインできません。")]
    KioskPaused(u64),
    /// Hashing failed (should not happen).
    #[error("パスワードを処理できませんでした：{0}")]
    Hash(String),
    /// The account is not found.
    #[error("アカウント「{0}」が見つかりません。")]
    NotFound(String),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl AuthError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::WrongCredentials => "wrong_credentials",
            Self::TooManyAttempts(_) => "too_many_attempts",
            Self::Inactive => "inactive",
            Self::DuplicateId(_) => "duplicate_id",
            Self::BadId => "bad_id",
            Self::BadName => "bad_name",
            Self::WeakPassword(_) => "weak_password",
            Self::WrongCurrentPassword => "wrong_current_password",
            Self::KioskPaused(_) => "too_many_attempts",
            Self::Hash(_) => "internal",
            Self::NotFound(_) => "account_not_found",
            Self::Store(e) => e.code(),
        }
    }
}

impl From<rusqlite::Error> for AuthError {
    fn from(e: rusqlite::Error) -> Self {
        AuthError::Store(e.into())
    }
}

/// Checks the ID and password and returns the account.
pub fn sign_in(store: &Store, login_id: &str, password: &str) -> Result<Account, AuthError> {
    let found = table::find_with_hash(store, login_id.trim())?;
    let Some((account, hash)) = found else {
        // Spend the same time as a real check so unknown IDs are not told apart by timing.
        let _ = verify_password(password, password::DUMMY_HASH);
        return Err(AuthError::WrongCredentials);
    };
    if !verify_password(password, &hash) {
        return Err(AuthError::WrongCredentials);
    }
    if !account.active {
        return Err(AuthError::Inactive);
    }
    Ok(account)
}

/// Refused when `password` is not accepted for `login_id` (demo accounts keep their shared
/// demo password, which is printed on the sign-in screen anyway).
fn check_password(login_id: &str, password: &str, demo: bool) -> Result<(), AuthError> {
    match policy::problem(login_id, password) {
        Some(why) if !demo => Err(AuthError::WeakPassword(why)),
        _ => Ok(()),
    }
}

/// Creates an account after validating it. With `must_change`, its holder sets their own
/// password at the first sign-in.
pub fn create_account(
    store: &Store,
    new: &NewAccount,
    demo: bool,
    must_change: bool,
) -> Result<Account, AuthError> {
    let id = new.login_id.trim();
    let id_ok = (3..=32).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if !id_ok {
        return Err(AuthError::BadId);
    }
    let name = new.display_name.trim();
    if name.is_empty() || name.chars().count() > 40 {
        return Err(AuthError::BadName);
    }
    check_password(id, &new.password, demo)?;
    if table::find_with_hash(store, id)?.is_some() {
        return Err(AuthError::DuplicateId(id.to_string()));
    }
    let hash = hash_password(&new.password)?;
    table::insert(store, id, name, new.role, &hash, demo, must_change)?;
    Ok(Account {
        login_id: id.into(),
        display_name: name.into(),
        role: new.role,
        active: true,
        demo,
        must_change_password: must_change,
        security_officer: false,
    })
}

/// Whether a site manager account exists (the first run asks to create one when not).
pub fn has_site_manager(store: &Store) -> Result<bool, AuthError> {
    Ok(table::list(store)?
        .iter()
        .any(|a| a.role == Role::SiteManager && a.active))
}

/// All accounts, for the admin tab.
pub fn list_accounts(store: &Store) -> Result<Vec<Account>, AuthError> {
    table::list(store)
}

/// Names the information-security officer (`None`: nobody); an account that is switched off or
/// does not exist is refused.
pub fn set_security_officer(store: &Store, login_id: Option<&str>) -> Result<(), AuthError> {
    if table::set_security_officer(store, login_id)? == 0 {
        if let Some(id) = login_id {
            return Err(AuthError::NotFound(id.into()));
        }
    }
    Ok(())
}

/// Switches an account on or off.
pub fn set_active(store: &Store, login_id: &str, active: bool) -> Result<(), AuthError> {
    if table::set_active(store, login_id, active)? == 0 {
        return Err(AuthError::NotFound(login_id.into()));
    }
    Ok(())
}

/// Sets a new password (reset by an administrator: the holder chooses their own at the next
/// sign-in when `must_change`).
pub fn set_password(
    store: &Store,
    login_id: &str,
    password: &str,
    must_change: bool,
) -> Result<(), AuthError> {
    check_password(login_id, password, false)?;
    if table::set_hash(store, login_id, &hash_password(password)?, must_change)? == 0 {
        return Err(AuthError::NotFound(login_id.into()));
    }
    Ok(())
}

/// An account changes its own password: the current one first.
pub fn change_own_password(
    store: &Store,
    login_id: &str,
    current: &str,
    new: &str,
) -> Result<(), AuthError> {
    let (_, hash) = table::find_with_hash(store, login_id)?
        .ok_or_else(|| AuthError::NotFound(login_id.into()))?;
    if !verify_password(current, &hash) {
        return Err(AuthError::WrongCurrentPassword);
    }
    if current == new {
        return Err(AuthError::WeakPassword(
            "今と同じパスワードには変更できません。",
        ));
    }
    check_password(login_id, new, false)?;
    table::set_hash(store, login_id, &hash_password(new)?, false)?;
    Ok(())
}

/// One account.
pub fn account(store: &Store, login_id: &str) -> Result<Account, AuthError> {
    table::find_with_hash(store, login_id)?
        .map(|(a, _)| a)
        .ok_or_else(|| AuthError::NotFound(login_id.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new(id: &str, role: Role) -> NewAccount {
        NewAccount {
            login_id: id.into(),
            display_name: "山田".into(),
            role,
            password: "correct horse".into(),
        }
    }

    #[test]
    fn sign_in_accepts_the_right_password_only() {
        let store = Store::open_in_memory().unwrap();
        assert!(!has_site_manager(&store).unwrap());
        create_account(&store, &new("manager", Role::SiteManager), false, false).unwrap();
        assert!(has_site_manager(&store).unwrap());
        let a = sign_in(&store, "manager", "correct horse").unwrap();
        assert_eq!(a.role, Role::SiteManager);
        assert!(matches!(
            sign_in(&store, "manager", "wrong"),
            Err(AuthError::WrongCredentials)
        ));
        assert!(matches!(
            sign_in(&store, "nobody", "correct horse"),
            Err(AuthError::WrongCredentials)
        ));
        let stored: String = store
            .conn
            .query_row("SELECT password_hash FROM accounts", [], |r| r.get(0))
            .unwrap();
        assert!(
            stored.starts_with("$argon2id$") && !stored.contains("correct horse"),
            "only the hash is stored"
        );
    }

    #[test]
    fn bad_accounts_are_refused() {
        let store = Store::open_in_memory().unwrap();
        assert!(matches!(
            create_account(&store, &new("a b", Role::Operator), false, false),
            Err(AuthError::BadId)
        ));
        let mut weak = new("op1", Role::Operator);
        weak.password = "short".into();
        assert!(matches!(
            create_account(&store, &weak, false, false),
            Err(AuthError::WeakPassword(_))
        ));
        create_account(&store, &new("op1", Role::Operator), false, false).unwrap();
        assert!(matches!(
            create_account(&store, &new("op1", Role::Operator), false, false),
            Err(AuthError::DuplicateId(_))
        ));
        set_active(&store, "op1", false).unwrap();
        assert!(matches!(
            sign_in(&store, "op1", "correct horse"),
            Err(AuthError::Inactive)
        ));
    }
}
