//! Staff accounts, sign-in and roles. Passwords are hashed with Argon2id (the `argon2` crate, the
//! RustCrypto implementation of RFC 9106); the hash is all that is stored. What each role may do
//! is the use-case layer's table (`app::permission`), and the signed-in session lives there too.

mod password;
mod role;
mod table;
mod throttle;

pub use password::{hash_password, verify_password};
pub use role::Role;
pub use table::{Account, NewAccount};
pub use throttle::Throttle;

use crate::store::{Store, StoreError};

/// Shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 8;

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
    /// The password is too short.
    #[error("パスワードは{MIN_PASSWORD_CHARS}文字以上にしてください。")]
    WeakPassword,
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
            Self::WeakPassword => "weak_password",
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

/// Creates an account after validating it.
pub fn create_account(store: &Store, new: &NewAccount, demo: bool) -> Result<Account, AuthError> {
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
    if new.password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AuthError::WeakPassword);
    }
    if table::find_with_hash(store, id)?.is_some() {
        return Err(AuthError::DuplicateId(id.to_string()));
    }
    let hash = hash_password(&new.password)?;
    table::insert(store, id, name, new.role, &hash, demo)?;
    Ok(Account {
        login_id: id.into(),
        display_name: name.into(),
        role: new.role,
        active: true,
        demo,
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

/// Switches an account on or off.
pub fn set_active(store: &Store, login_id: &str, active: bool) -> Result<(), AuthError> {
    if table::set_active(store, login_id, active)? == 0 {
        return Err(AuthError::NotFound(login_id.into()));
    }
    Ok(())
}

/// Sets a new password.
pub fn set_password(store: &Store, login_id: &str, password: &str) -> Result<(), AuthError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AuthError::WeakPassword);
    }
    if table::set_hash(store, login_id, &hash_password(password)?)? == 0 {
        return Err(AuthError::NotFound(login_id.into()));
    }
    Ok(())
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
        create_account(&store, &new("manager", Role::SiteManager), false).unwrap();
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
            create_account(&store, &new("a b", Role::Operator), false),
            Err(AuthError::BadId)
        ));
        let mut weak = new("op1", Role::Operator);
        weak.password = "short".into();
        assert!(matches!(
            create_account(&store, &weak, false),
            Err(AuthError::WeakPassword)
        ));
        create_account(&store, &new("op1", Role::Operator), false).unwrap();
        assert!(matches!(
            create_account(&store, &new("op1", Role::Operator), false),
            Err(AuthError::DuplicateId(_))
        ));
        set_active(&store, "op1", false).unwrap();
        assert!(matches!(
            sign_in(&store, "op1", "correct horse"),
            Err(AuthError::Inactive)
        ));
    }
}
