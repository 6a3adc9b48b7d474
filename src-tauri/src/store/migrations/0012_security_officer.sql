-- 0012: the information-security officer (情報管理責任者, 仕様書 §9(5)) is one named account; it
-- reads the audit trail whatever its role.
ALTER TABLE accounts ADD COLUMN security_officer INTEGER NOT NULL DEFAULT 0;
