package io.shopstack.cart.web;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The caller: the token's subject is the user id (there is no users table). Calls to the catalog carry the caller's
 * token by themselves ({@link io.shopstack.cart.catalog.BearerTokenRelay}).
 */
public record CurrentUser(String id) {

    public static CurrentUser of(Jwt jwt) {
        return new CurrentUser(jwt.getSubject());
    }
}
