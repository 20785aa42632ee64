package io.shopstack.platform.problem;

/**
 * What kind of failure a domain error is, in the domain's words. The web layer maps each to one HTTP status
 * ({@link Problems#status(Outcome)}), so domain code never names a status.
 */
public enum Outcome {
    /** The request itself is wrong (a field, a parameter). */
    INVALID,
    /** The addressed thing does not exist (or is not the caller's). */
    NOT_FOUND,
    /** The request conflicts with the current state (a stale version, a taken name). */
    CONFLICT,
    /** Well-formed, but a business rule refuses it (out of stock, cart full, promo expired). */
    REJECTED,
    /** The caller asks too often. */
    TOO_MANY_REQUESTS,
    /** A dependency cannot be reached right now; retrying later may work. */
    UNAVAILABLE,
    /** A dependency answered in a way this service cannot use. */
    DEPENDENCY_FAILED
}
