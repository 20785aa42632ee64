package io.shopstack.cart.wishlist;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.Optional;

interface WishlistRepository extends JpaRepository<Wishlist, Long> {

    @Query("select w from Wishlist w left join fetch w.items where w.userId = :userId")
    Optional<Wishlist> findWithItems(@Param("userId") String userId);

    /** Locked until the transaction ends: changes to one wishlist (and moves to the cart) are serialised. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select w from Wishlist w where w.userId = :userId")
    Optional<Wishlist> lockByUserId(@Param("userId") String userId);

    @Modifying
    @Query(
            value = "insert into wishlists (user_id) values (:userId) on conflict (user_id) do nothing",
            nativeQuery = true)
    int createIfAbsent(@Param("userId") String userId);
}
