package io.shopstack.product.demo;

import io.shopstack.product.catalog.CategoryDtos.CategoryRequest;
import io.shopstack.product.catalog.CategoryService;
import io.shopstack.product.catalog.ProductDtos.ProductRequest;
import io.shopstack.product.catalog.ProductService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A realistic demo catalog for local use only (profile {@code local}, set by {@code ./platform up}): loaded once into
 * an empty catalog, through the same service as the API, so its events flow to the cart like any other change.
 */
@Component
@Profile("local")
class DemoCatalog implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalog.class);

    private static final Map<String, List<String>> CATALOG = new LinkedHashMap<>();

    static {
        // name | price | stock
        CATALOG.put(
                "Kitchen",
                List.of(
                        "Espresso cup|12.50|40",
                        "Stoneware mug|9.90|120",
                        "Chef's knife 20 cm|79.00|15",
                        "Cast iron skillet|54.90|22",
                        "Pour-over coffee maker|34.00|30",
                        "Bamboo cutting board|24.50|60",
                        "Glass teapot 1 l|29.90|18"));
        CATALOG.put(
                "Garden",
                List.of(
                        "Stainless trowel|14.90|75",
                        "Pruning shears|27.50|40",
                        "Watering can 10 l|19.90|35",
                        "Raised bed kit|129.00|6",
                        "Herb seed set|8.50|200",
                        "Garden gloves|11.00|90"));
        CATALOG.put(
                "Books",
                List.of(
                        "Designing Data-Intensive Applications|45.00|25",
                        "Release It!|39.90|20",
                        "Building Microservices|42.00|18",
                        "The Pragmatic Programmer|37.50|30",
                        "Domain-Driven Design|54.00|12",
                        "Refactoring|44.90|16"));
        CATALOG.put(
                "Outdoor",
                List.of(
                        "Trail running shoes|119.00|14",
                        "Insulated bottle 750 ml|24.90|80",
                        "Ultralight tent|249.00|5",
                        "Headlamp 400 lm|34.90|45",
                        "Merino base layer|69.00|28",
                        "Trekking poles|59.00|0"));
        CATALOG.put(
                "Electronics",
                List.of(
                        "Noise-cancelling headphones|199.00|10",
                        "USB-C charger 65 W|39.00|70",
                        "Mechanical keyboard|129.00|12",
                        "4K monitor 27\"|329.00|7",
                        "Wireless mouse|29.90|55",
                        "Portable SSD 1 TB|99.00|20"));
        CATALOG.put(
                "Toys",
                List.of(
                        "Wooden train set|49.00|15",
                        "Puzzle 1000 pieces|19.90|40",
                        "Building blocks 500|59.90|22",
                        "Plush fox|17.50|60",
                        "Kite|24.00|0"));
    }

    private final CategoryService categories;
    private final ProductService products;

    DemoCatalog(CategoryService categories, ProductService products) {
        this.categories = categories;
        this.products = products;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!categories.list().isEmpty()) {
            return;
        }
        int count = 0;
        for (var category : CATALOG.entrySet()) {
            long categoryId = categories
                    .create(new CategoryRequest(category.getKey(), category.getKey() + " essentials", null))
                    .id();
            for (String line : category.getValue()) {
                String[] fields = line.split("\\|");
                products.create(new ProductRequest(
                        fields[0],
                        "Demo product: " + fields[0],
                        new BigDecimal(fields[1]),
                        "EUR",
                        Integer.parseInt(fields[2]),
                        true,
                        categoryId,
                        null));
                count++;
            }
        }
        log.info("Loaded the demo catalog: {} products in {} categories", count, CATALOG.size());
    }
}
