ALTER TABLE measurements DETACH PARTITION measurements_2023;
-- expect: require-concurrent-partition-detach "detaching partition measurements_2023 without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on measurements (blocks reads and writes)"
