package io.shopstack.cart.promo;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.Optional;

interface PromoCodeRepository extends JpaRepository<PromoCode, Long> {

    Optional<PromoCode> findByCode(String code);

    /** Reserves one use unless the limit is reached (atomic: no two carts get the last use). 1 = reserved. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query(
            value =
                    "update promo_codes set times_used = times_used + 1 where id = :id and (usage_limit is null or times_used < usage_limit)",
            nativeQuery = true)
    int reserveUse(@Param("id") long id);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query(value = "update promo_codes set times_used = greatest(times_used - 1, 0) where id = :id", nativeQuery = true)
    int releaseUse(@Param("id") long id);
}
