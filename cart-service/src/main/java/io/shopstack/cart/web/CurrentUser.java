package io.shopstack.cart.web;

import org.springframework.security.oauth2.jwt.Jwt;

/** The caller: the token's subject is the user id (there is no users table); the token is forwarded to the catalog. */
public record CurrentUser(String id, String authorization) {

    public static CurrentUser of(Jwt jwt) {
        return new CurrentUser(jwt.getSubject(), "Bearer " + jwt.getTokenValue());
    }
}
