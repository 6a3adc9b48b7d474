-- 0002: finding an operator's visit in progress must not scan every visit ever logged
-- (68 ms with a million visits before this index, see BENCHMARKS.md).
CREATE INDEX visits_open ON visits (counter, operator) WHERE ended_at IS NULL AND voided_at IS NULL;
