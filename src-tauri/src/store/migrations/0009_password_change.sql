-- 0009: an account whose holder must choose their own password at the next sign-in (a city-staff
-- account created by the site manager, a password reset by an administrator).
ALTER TABLE accounts ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
