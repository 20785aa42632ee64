-- Spring Security's JdbcUserDetailsManager schema (spring-security-core users.ddl) for PostgreSQL: varchar instead
-- of HSQLDB's varchar_ignorecase, a password column wide enough for any {id}-prefixed hash. Authorities are roles
-- with the ROLE_ prefix (ROLE_ADMIN, ROLE_CUSTOMER).
CREATE TABLE users (
    username varchar(50) NOT NULL PRIMARY KEY,
    password varchar(500) NOT NULL,
    enabled boolean NOT NULL
);

CREATE TABLE authorities (
    username varchar(50) NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    authority varchar(50) NOT NULL
);
CREATE UNIQUE INDEX authorities_username_authority ON authorities (username, authority);
