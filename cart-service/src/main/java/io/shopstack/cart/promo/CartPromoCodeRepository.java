package io.shopstack.cart.promo;

import org.springframework.data.jpa.repository.JpaRepository;

interface CartPromoCodeRepository extends JpaRepository<CartPromoCode, Long> {}
