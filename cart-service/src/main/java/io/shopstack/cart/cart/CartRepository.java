package io.shopstack.cart.cart;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.Optional;

interface CartRepository extends JpaRepository<Cart, Long> {

    @Query("select c from Cart c left join fetch c.items where c.userId = :userId")
    Optional<Cart> findWithItems(@Param("userId") String userId);

    /**
     * The user's cart, locked until the transaction ends: every change to one cart is serialised, so concurrent
     * adds of the same product all count and limits (distinct items) hold.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from Cart c where c.userId = :userId")
    Optional<Cart> lockByUserId(@Param("userId") String userId);

    /** Creates the cart unless it exists (two concurrent first adds must not fail on the unique user id). */
    @Modifying
    @Query(value = "insert into carts (user_id) values (:userId) on conflict (user_id) do nothing", nativeQuery = true)
    int createIfAbsent(@Param("userId") String userId);
}
