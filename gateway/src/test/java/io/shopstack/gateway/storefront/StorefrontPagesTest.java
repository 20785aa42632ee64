package io.shopstack.gateway.storefront;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every page of the {@link StorefrontPages.Page} enum has its content file and renders inside the layout. */
@Tag("unit")
class StorefrontPagesTest {

    @Test
    void everyPageRendersItsOwnContentInsideTheLayout() {
        Map<StorefrontPages.Page, String> pages = StorefrontPages.renderPages();

        assertThat(pages).hasSize(StorefrontPages.Page.values().length);
        pages.forEach((page, html) -> {
            assertThat(html).as(page.name()).contains("data-page=\"" + page.id() + "\"");
            assertThat(html).as(page.name()).doesNotContain("{{");
            assertThat(html).as(page.name()).contains("<a href=\"/orders\">Orders</a>");
        });
        assertThat(pages.get(StorefrontPages.Page.CHECKOUT))
                .contains("id=\"checkout-form\"")
                .contains("4242 4242 4242 4242")
                .contains("sandbox");
        assertThat(pages.get(StorefrontPages.Page.ORDER)).contains("id=\"order\"");
        assertThat(pages.get(StorefrontPages.Page.ORDERS)).contains("id=\"orders\"");
        assertThat(pages.get(StorefrontPages.Page.CART)).contains("href=\"/checkout\"");
    }
}
