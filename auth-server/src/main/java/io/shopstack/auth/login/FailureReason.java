package io.shopstack.auth.login;

/** Why a sign-in failed, as the audit log names it. */
enum FailureReason {
    /** Unknown user or wrong password (deliberately not told apart, as on the form). */
    BAD_CREDENTIALS,
    /** Refused by the login throttle; the password was not checked. */
    THROTTLED,
    ACCOUNT_DISABLED,
    ACCOUNT_LOCKED,
    ACCOUNT_EXPIRED,
    CREDENTIALS_EXPIRED,
    /** The user store or throttle could not be asked (e.g. database down). */
    UNAVAILABLE
}
