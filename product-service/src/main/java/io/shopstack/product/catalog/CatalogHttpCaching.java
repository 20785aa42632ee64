package io.shopstack.product.catalog;

import io.shopstack.product.catalog.ProductDtos.PageView;
import io.shopstack.product.catalog.ProductDtos.ProductView;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.HexFormat;

/**
 * HTTP caching of catalog reads (RFC 9111, RFC 9110 §13): every read carries an ETag, so a client that sends it back
 * in {@code If-None-Match} gets a 304 without a body (Spring MVC compares it for a {@link ResponseEntity}). Anonymous
 * reads of the public catalog say {@code Cache-Control: no-cache}: any cache may keep them but must revalidate before
 * each use, so nobody sees a price or stock older than one round trip. Authenticated requests and lists that include
 * inactive products get no such header here, so Spring Security's default ({@code no-store}) applies: they are not
 * the public view and no shared cache should keep them.
 */
final class CatalogHttpCaching {

    /** Bump when ProductView's JSON changes shape, so that tags of the old representation no longer match. */
    private static final String REPRESENTATION = "1";

    private CatalogHttpCaching() {}

    static ResponseEntity.BodyBuilder conditional(String etag, Principal user, boolean publicView) {
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().eTag(etag);
        if (user == null && publicView) {
            response.cacheControl(CacheControl.noCache());
        }
        return response;
    }

    /** A product's state is its id and version: every write, category renames included, moves the version on. */
    static String productTag(ProductView product) {
        return "\"" + REPRESENTATION + "-" + product.id() + "-" + product.version() + "\"";
    }

    /**
     * A page is its products' ids and versions plus what it says about the rest: weak, as it is a digest, not the
     * bytes (RFC 9110 §8.8.1), and it changes whenever any product on the page, its order or the totals change.
     */
    static String pageTag(PageView<ProductView> page) {
        StringBuilder state = new StringBuilder(REPRESENTATION)
                .append('|')
                .append(page.page())
                .append('|')
                .append(page.size())
                .append('|')
                .append(page.totalElements())
                .append('|')
                .append(page.totalExact())
                .append('|')
                .append(page.hasNext());
        for (ProductView product : page.content()) {
            state.append('|').append(product.id()).append(':').append(product.version());
        }
        byte[] digest = sha256().digest(state.toString().getBytes(StandardCharsets.UTF_8));
        return "W/\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
