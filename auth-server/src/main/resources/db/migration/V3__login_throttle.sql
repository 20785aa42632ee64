-- Failed sign-ins per account (the name as typed, lower-cased) and per client address (an IPv4 address or an IPv6
-- /64), shared by every auth-server instance. A row is updated under a row lock (SELECT ... FOR UPDATE).
CREATE TABLE login_throttle (
    subject_type varchar(16) NOT NULL,     -- ACCOUNT or ADDRESS
    subject varchar(200) NOT NULL,
    failures integer NOT NULL,             -- consecutive failures, reset after a quiet window
    last_failure_at timestamptz NOT NULL,
    blocked_until timestamptz DEFAULT NULL, -- no password is checked for this subject before then
    PRIMARY KEY (subject_type, subject)
);
CREATE INDEX login_throttle_last_failure_at ON login_throttle (last_failure_at);
