// shopstack storefront: plain JavaScript, no build step. Every call goes to this origin with the session cookie; the
// gateway adds the user's token (the browser never sees one). State-changing calls carry the session's CSRF token.
'use strict';

/** Sign in, then come back to this page. */
function signInUrl() {
  return '/sign-in?to=' + encodeURIComponent(window.location.pathname + window.location.search);
}
const PAGE_SIZE = 12;
const session = { signedIn: false, name: null, admin: false, csrfHeader: null, csrfToken: null };

// ------------------------------------------------------------------ small DOM helpers (no innerHTML with data)

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return node;
}

const $ = (selector) => document.querySelector(selector);

function money(amount, currency) {
  if (amount === null || amount === undefined) return '';
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency: currency || 'EUR' }).format(Number(amount));
  } catch (e) {
    return Number(amount).toFixed(2) + ' ' + (currency || '');
  }
}

// ------------------------------------------------------------------ messages a shopper understands

function say(text, kind = 'ok') {
  const box = $('#messages');
  box.replaceChildren(el('div', { class: 'notice ' + kind, role: kind === 'error' ? 'alert' : null }, text));
}

function clearMessages() {
  $('#messages').replaceChildren();
}

class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super((problem && problem.detail) || 'HTTP ' + status);
    this.status = status;
    this.problem = problem || {};
    this.code = this.problem.code || null;
    this.retryAfter = retryAfter;
  }
}

function seconds(n) {
  return n === 1 ? '1 second' : n + ' seconds';
}

/** What went wrong, as a sentence; {@code what} names the part of the shop the call was about. */
function explain(error, what) {
  if (!(error instanceof ApiError)) {
    return 'We could not reach the shop. Check your connection and try again.';
  }
  const retry = error.problem.retryAfterSeconds || error.retryAfter;
  switch (error.status) {
    case 401:
      return 'Your session has ended. Please sign in again.';
    case 403:
      return error.problem.detail && error.problem.detail.includes('security token')
        ? 'This page was open too long. Reload the page and try again.'
        : 'Your account is not allowed to do that.';
    case 409:
      return 'Someone else changed this in the meantime. We loaded the latest values; please try again.';
    case 429:
      return 'You are going a little fast. Please try again in ' + seconds(retry || 1) + '.';
    case 502:
    case 503:
    case 504:
      if (error.code === 'CATALOG_UNAVAILABLE' || what === 'catalog') {
        return 'The product catalog is not available right now' + (retry ? ' (try again in ' + seconds(retry) + ')' : '')
          + '. Your cart and wishlist still work, showing the last prices we know.';
      }
      if (what === 'orders') {
        return 'Orders are not available right now' + (retry ? ' (try again in ' + seconds(retry) + ')' : '')
          + '. Your cart is kept; you can still browse the catalog.';
      }
      if (what === 'cart' || what === 'wishlist') {
        return 'Your ' + what + ' is not available right now' + (retry ? ' (try again in ' + seconds(retry) + ')' : '')
          + '. You can still browse the catalog; nothing in your ' + what + ' is lost.';
      }
      return 'This part of the shop is not available right now. Please try again in a minute.';
    default:
      break;
  }
  const messages = {
    OUT_OF_STOCK: 'Sorry, this product is out of stock.',
    INSUFFICIENT_STOCK: 'There are not that many in stock' +
      (error.problem.availableStock !== undefined ? ' (only ' + error.problem.availableStock + ' left)' : '') + '.',
    PRODUCT_UNAVAILABLE: 'This product cannot be bought right now.',
    PRODUCT_NOT_FOUND: 'This product no longer exists.',
    QUANTITY_LIMIT: 'That is more than you can order of one product' +
      (error.problem.maxQuantityPerItem ? ' (at most ' + error.problem.maxQuantityPerItem + ')' : '') + '.',
    CART_FULL: 'Your cart is full. Remove something first.',
    WISHLIST_FULL: 'Your wishlist is full. Remove something first.',
    CURRENCY_MISMATCH: 'This product is priced in another currency than your cart.',
    PROMO_UNKNOWN: 'We do not know that promo code. Check the spelling.',
    PROMO_INACTIVE: 'That promo code is not active.',
    PROMO_EXPIRED: 'That promo code has expired.',
    PROMO_NOT_YET_VALID: 'That promo code is not valid yet.',
    PROMO_LIMIT_REACHED: 'That promo code has been used up.',
    PROMO_MINIMUM_NOT_MET: 'Your cart does not reach the minimum order for that promo code yet.',
    VALIDATION_FAILED: 'Please check your input: ' + (error.problem.detail || 'a value is not valid') + '.',
    NOT_FOUND: 'That item is no longer there. The page shows the current state.',
  };
  return messages[error.code] || 'Something went wrong (' + error.status + '). Please try again.';
}

// ------------------------------------------------------------------ HTTP

async function api(method, path, body, extraHeaders = {}) {
  const headers = { Accept: 'application/json, application/problem+json', ...extraHeaders };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && session.csrfToken) headers[session.csrfHeader] = session.csrfToken;
  let response;
  try {
    response = await fetch(path, {
      method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, { detail: 'network' });
  }
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    const retryAfter = parseInt(response.headers.get('Retry-After') || '', 10);
    throw new ApiError(response.status, data, Number.isNaN(retryAfter) ? null : retryAfter);
  }
  return data;
}

/** A signed-in-only action from a page anyone may see: anonymous shoppers are sent to sign in first. */
function requireSignIn() {
  if (!session.signedIn) {
    window.location.assign(signInUrl());
    return false;
  }
  return true;
}

async function busy(button, action) {
  if (button) button.disabled = true;
  try {
    await action();
  } finally {
    if (button) button.disabled = false;
  }
}

// ------------------------------------------------------------------ header: account and cart count

function renderAccount() {
  const box = $('#account');
  if (session.signedIn) {
    const form = el('form', { method: 'post', action: '/logout' },
      el('input', { type: 'hidden', name: '_csrf', value: session.csrfToken }),
      el('button', { type: 'submit', id: 'sign-out' }, 'Sign out'));
    box.replaceChildren(el('span', { id: 'signed-in-as' }, 'Signed in as ', el('strong', { text: session.name })),
      form);
  } else {
    box.replaceChildren(el('a', { class: 'button', href: signInUrl(), id: 'sign-in' }, 'Sign in'));
  }
}

function showCartCount(cart) {
  const badge = $('#cart-count');
  if (!cart || !cart.totalQuantity) {
    badge.hidden = true;
    return;
  }
  badge.hidden = false;
  badge.textContent = cart.totalQuantity;
  badge.setAttribute('aria-label', cart.totalQuantity + ' items');
}

async function refreshCartCount() {
  if (!session.signedIn) return;
  try {
    showCartCount(await api('GET', '/api/v1/cart'));
  } catch (e) {
    // the count is a nicety; the cart page explains failures
  }
}

async function addToCart(productId, quantity, button) {
  if (!requireSignIn()) return;
  await busy(button, async () => {
    try {
      const cart = await api('POST', '/api/v1/cart/items', { productId, quantity });
      showCartCount(cart);
      say('Added to your cart.');
    } catch (e) {
      say(explain(e, 'cart'), 'error');
    }
  });
}

async function addToWishlist(productId, button) {
  if (!requireSignIn()) return;
  await busy(button, async () => {
    try {
      await api('POST', '/api/v1/wishlist/items', { productId });
      say('Saved to your wishlist.');
    } catch (e) {
      say(explain(e, 'wishlist'), 'error');
    }
  });
}

// ------------------------------------------------------------------ catalog page

async function catalogPage() {
  const params = new URLSearchParams(window.location.search);
  const q = params.get('q') || '';
  const category = params.get('category') || '';
  const page = Math.max(0, parseInt(params.get('page') || '0', 10) || 0);
  $('#q').value = q;

  api('GET', '/api/categories').then((categories) => {
    const select = $('#category');
    for (const c of categories || []) {
      select.append(el('option', { value: String(c.id), selected: String(c.id) === category }, c.name));
    }
  }).catch(() => { /* the product list below explains an unavailable catalog */ });

  $('#search').addEventListener('submit', (event) => {
    event.preventDefault();
    go({ q: $('#q').value.trim(), category: $('#category').value, page: 0 });
  });
  $('#category').addEventListener('change', () => go({ q: $('#q').value.trim(), category: $('#category').value, page: 0 }));
  $('#prev').addEventListener('click', () => go({ q, category, page: page - 1 }));
  $('#next').addEventListener('click', () => go({ q, category, page: page + 1 }));

  const list = $('#products');
  const query = new URLSearchParams({ page: String(page), size: String(PAGE_SIZE), sort: 'name,asc' });
  if (q) query.set('q', q);
  if (category) query.set('categoryId', category);
  try {
    const result = await api('GET', '/api/products?' + query);
    list.replaceChildren(...result.content.map(productCard));
    // Large catalogs count matches only up to a limit: then totalElements is a lower bound (totalExact false).
    const exact = result.totalExact !== false;
    $('#result-count').textContent = result.totalElements === 0
      ? 'No products match your search.'
      : (exact ? '' : 'More than ') + result.totalElements
        + (result.totalElements === 1 && exact ? ' product' : ' products')
        + (q ? ' matching “' + q + '”' : '');
    $('#page-info').textContent = result.totalPages > 0
      ? 'Page ' + (page + 1) + (exact ? ' of ' : ' of at least ') + result.totalPages : '';
    $('#prev').disabled = page <= 0;
    $('#next').disabled = !result.hasNext;
  } catch (e) {
    list.replaceChildren();
    $('#pager').hidden = true;
    say(explain(e, 'catalog'), 'error');
  }
}

function go(state) {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.category) params.set('category', state.category);
  if (state.page > 0) params.set('page', String(state.page));
  const search = params.toString();
  window.location.assign('/' + (search ? '?' + search : ''));
}

function stockText(product) {
  if (!product.active) return el('span', { class: 'stock-out' }, 'Not for sale');
  if (product.stockQuantity <= 0) return el('span', { class: 'stock-out' }, 'Out of stock');
  return el('span', { class: 'muted' }, product.stockQuantity < 10 ? 'Only ' + product.stockQuantity + ' left' : 'In stock');
}

function productCard(product) {
  const buyable = product.active && product.stockQuantity > 0;
  const add = el('button', { type: 'button', disabled: !buyable, 'aria-label': 'Add ' + product.name + ' to cart' },
    'Add to cart');
  add.addEventListener('click', () => addToCart(product.id, 1, add));
  const wish = el('button', { type: 'button', class: 'secondary', 'aria-label': 'Save ' + product.name + ' to wishlist' },
    'Save');
  wish.addEventListener('click', () => addToWishlist(product.id, wish));
  return el('li', { class: 'card product', 'data-product-id': String(product.id) },
    el('h2', {}, el('a', { href: '/products/' + product.id }, product.name)),
    product.categoryName ? el('span', { class: 'muted' }, product.categoryName) : null,
    el('span', { class: 'price' }, money(product.price, product.currency)),
    stockText(product),
    el('div', { class: 'actions' }, add, wish));
}

// ------------------------------------------------------------------ product page

async function productPage() {
  const id = window.location.pathname.split('/').pop();
  const box = $('#product');
  let product;
  const load = async () => {
    product = await api('GET', '/api/products/' + encodeURIComponent(id));
    document.title = product.name + ' · shopstack';
    const quantity = el('input', { id: 'quantity', type: 'number', min: '1', max: '99', value: '1', inputmode: 'numeric' });
    const add = el('button', { type: 'button', id: 'add-to-cart', disabled: !(product.active && product.stockQuantity > 0) },
      'Add to cart');
    add.addEventListener('click', () => addToCart(product.id, parseInt(quantity.value, 10) || 1, add));
    const wish = el('button', { type: 'button', class: 'secondary', id: 'add-to-wishlist' }, 'Save to wishlist');
    wish.addEventListener('click', () => addToWishlist(product.id, wish));
    box.replaceChildren(
      el('h1', {}, product.name),
      product.categoryName ? el('p', { class: 'muted' }, 'Category: ' + product.categoryName) : null,
      el('p', { class: 'price', id: 'product-price' }, money(product.price, product.currency)),
      el('p', { id: 'product-stock' }, stockText(product)),
      product.description ? el('p', {}, product.description) : null,
      el('div', { class: 'inline' },
        el('div', { class: 'field' }, el('label', { for: 'quantity' }, 'Quantity'), quantity), add, wish));
    box.setAttribute('aria-busy', 'false');
    if (session.admin) {
      $('#admin').hidden = false;
      $('#price').value = Number(product.price).toFixed(2);
      $('#price-currency').textContent = product.currency;
      $('#stock').value = String(product.stockQuantity);
    }
  };
  try {
    await load();
  } catch (e) {
    box.replaceChildren(el('h1', {}, e.status === 404 ? 'Product not found' : 'Product not available'));
    box.setAttribute('aria-busy', 'false');
    say(e.status === 404 ? 'This product does not exist (any more).' : explain(e, 'catalog'), 'error');
    return;
  }
  const save = (form, path, body, done) => form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(form.querySelector('button'), async () => {
      try {
        await api('PUT', '/api/products/' + product.id + path, body());
        await load();
        say(done());
      } catch (e) {
        if (e.status === 409) await load().catch(() => {});
        say(explain(e, 'catalog'), 'error');
      }
    });
  });
  save($('#price-form'), '/price', () => ({ price: $('#price').value, currency: product.currency, version: product.version }),
    () => 'Price saved: ' + money(product.price, product.currency) + '.');
  save($('#stock-form'), '/stock', () => ({ stockQuantity: parseInt($('#stock').value, 10), version: product.version }),
    () => 'Stock saved: ' + product.stockQuantity + ' units.');
}

// ------------------------------------------------------------------ cart page

const REASONS = {
  DELETED: 'No longer sold; not included in the total.',
  INACTIVE: 'Not for sale at the moment; not included in the total.',
  OUT_OF_STOCK: 'Out of stock; not included in the total.',
  CURRENCY_MISMATCH: 'Priced in another currency; not included in the total.',
};

async function cartPage() {
  await loadCart();
  $('#promo-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const code = $('#promo-code').value.trim();
    if (!code) {
      say('Enter a promo code first.', 'error');
      $('#promo-code').focus();
      return;
    }
    cartChange(() => api('PUT', '/api/v1/cart/promo', { code }), 'Promo code applied.', event.submitter);
  });
  $('#promo-remove').addEventListener('click', (event) =>
    cartChange(() => api('DELETE', '/api/v1/cart/promo'), 'Promo code removed.', event.currentTarget));
}

async function loadCart() {
  try {
    renderCart(await api('GET', '/api/v1/cart'));
  } catch (e) {
    $('#cart').replaceChildren(el('p', { class: 'empty' }, 'Your cart cannot be shown right now.'));
    $('#cart').setAttribute('aria-busy', 'false');
    say(explain(e, 'cart'), 'error');
  }
}

async function cartChange(action, done, button) {
  await busy(button, async () => {
    try {
      const cart = await action();
      if (cart) renderCart(cart); else await loadCart();
      say(done);
    } catch (e) {
      say(explain(e, 'cart'), 'error');
      await loadCart().catch(() => {});
    }
  });
}

function renderCart(cart) {
  showCartCount(cart);
  $('#stale').hidden = !cart.stale;
  const notices = [];
  if (cart.hasPriceChanges) {
    notices.push(el('div', { class: 'notice warn', id: 'price-change-notice' },
      'Some prices have changed since you added the items. The cart shows the current prices.'));
  }
  if (cart.hasUnavailableItems) {
    notices.push(el('div', { class: 'notice warn', id: 'unavailable-notice' },
      'Some items cannot be bought right now. They stay in your cart but are not included in the total.'));
  }
  $('#cart-notices').replaceChildren(...notices);

  const box = $('#cart');
  box.setAttribute('aria-busy', 'false');
  if (!cart.items || cart.items.length === 0) {
    box.replaceChildren(el('p', { class: 'empty' }, 'Your cart is empty. ', el('a', { href: '/' }, 'Browse the catalog')));
    $('#totals').replaceChildren();
    $('#checkout').hidden = true;
    $('#checkout-blocked').hidden = true;
    renderPromo(cart);
    return;
  }
  const rows = cart.items.map((item) => {
    const quantity = el('input', {
      type: 'number', min: '1', max: '999', value: String(item.quantity), id: 'qty-' + item.id,
      'aria-label': 'Quantity of ' + item.name, inputmode: 'numeric',
    });
    const update = el('button', { type: 'button', class: 'secondary', 'aria-label': 'Update quantity of ' + item.name }, 'Update');
    const change = () => {
      const value = parseInt(quantity.value, 10);
      if (!(value >= 1)) {
        say('Enter a quantity of at least 1, or remove the item.', 'error');
        return;
      }
      cartChange(() => api('PATCH', '/api/v1/cart/items/' + item.id, { quantity: value }), 'Quantity updated.', update);
    };
    update.addEventListener('click', change);
    quantity.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') change();
    });
    const remove = el('button', { type: 'button', class: 'secondary', 'aria-label': 'Remove ' + item.name }, 'Remove');
    remove.addEventListener('click', () =>
      cartChange(() => api('DELETE', '/api/v1/cart/items/' + item.id), item.name + ' removed from your cart.', remove));
    const notes = [];
    if (item.priceChanged && !item.unavailable) {
      notes.push(el('span', { class: 'line-note changed' },
        'Price changed: was ' + money(item.priceWhenAdded, item.currency) + ', now ' + money(item.unitPrice, item.currency) + '.'));
    }
    if (item.unavailable) {
      notes.push(el('span', { class: 'line-note unavailable' }, REASONS[item.unavailableReason] || 'Not available.'));
    }
    return el('tr', { class: item.unavailable ? 'cart-line unavailable' : 'cart-line', 'data-product-id': String(item.productId) },
      el('td', { 'data-label': 'Product' }, el('a', { href: '/products/' + item.productId }, item.name), notes),
      el('td', { class: 'num unit-price', 'data-label': 'Price' }, money(item.unitPrice, item.currency)),
      el('td', { 'data-label': 'Quantity' }, el('div', { class: 'inline' }, quantity, update)),
      el('td', { class: 'num line-total', 'data-label': 'Total' }, item.unavailable ? '—' : money(item.lineTotal, item.currency)),
      el('td', {}, remove));
  });
  $('#checkout').hidden = cart.hasUnavailableItems;
  $('#checkout-blocked').hidden = !cart.hasUnavailableItems;
  box.replaceChildren(el('table', { class: 'lines' },
    el('caption', { class: 'muted' }, cart.itemCount + (cart.itemCount === 1 ? ' product, ' : ' products, ')
      + cart.totalQuantity + (cart.totalQuantity === 1 ? ' item' : ' items')),
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col' }, 'Product'), el('th', { scope: 'col', class: 'num' }, 'Price'),
      el('th', { scope: 'col' }, 'Quantity'), el('th', { scope: 'col', class: 'num' }, 'Total'),
      el('th', { scope: 'col' }, el('span', { class: 'skip' }, 'Actions')))),
    el('tbody', {}, rows)));

  const totals = [el('dt', {}, 'Subtotal'), el('dd', { id: 'subtotal' }, money(cart.subtotal, cart.currency))];
  if (cart.promo && Number(cart.discount) > 0) {
    totals.push(el('dt', {}, 'Discount (' + cart.promo.code + ')'),
      el('dd', { id: 'discount' }, '−' + money(cart.discount, cart.currency)));
  }
  totals.push(el('dt', { class: 'grand' }, 'Total'), el('dd', { class: 'grand', id: 'total' }, money(cart.total, cart.currency)));
  $('#totals').replaceChildren(...totals);
  renderPromo(cart);
}

function renderPromo(cart) {
  const status = $('#promo-status');
  $('#promo-remove').hidden = !cart.promo;
  if (!cart.promo) {
    status.replaceChildren();
    return;
  }
  $('#promo-code').value = cart.promo.code;
  status.replaceChildren(cart.promo.applicable
    ? el('span', {}, 'Code ', el('strong', {}, cart.promo.code), ' applied'
      + (cart.promo.description ? ': ' + cart.promo.description : '') + '.')
    : el('span', { class: 'stock-out' }, 'Code ' + cart.promo.code + ' does not apply: '
      + (cart.promo.message || 'its conditions are not met') + '.'));
}

// ------------------------------------------------------------------ wishlist page

async function wishlistPage() {
  const list = $('#wishlist');
  const load = async () => {
    const wishlist = await api('GET', '/api/v1/wishlist');
    $('#wishlist-stale').hidden = !wishlist.stale;
    list.setAttribute('aria-busy', 'false');
    if (!wishlist.items.length) {
      list.replaceChildren(el('li', { class: 'empty' }, 'Your wishlist is empty. ', el('a', { href: '/' }, 'Browse the catalog')));
      return;
    }
    list.replaceChildren(...wishlist.items.map((item) => {
      const move = el('button', { type: 'button', disabled: item.unavailable, 'aria-label': 'Move ' + item.name + ' to cart' },
        'Move to cart');
      move.addEventListener('click', () => busy(move, async () => {
        try {
          showCartCount(await api('POST', '/api/v1/wishlist/items/' + item.id + '/move-to-cart', { quantity: 1 }));
          say(item.name + ' moved to your cart.');
          await load();
        } catch (e) {
          say(explain(e, 'cart'), 'error');
        }
      }));
      const remove = el('button', { type: 'button', class: 'secondary', 'aria-label': 'Remove ' + item.name + ' from wishlist' },
        'Remove');
      remove.addEventListener('click', () => busy(remove, async () => {
        try {
          await api('DELETE', '/api/v1/wishlist/items/' + item.id);
          say(item.name + ' removed from your wishlist.');
          await load();
        } catch (e) {
          say(explain(e, 'wishlist'), 'error');
        }
      }));
      return el('li', { class: 'card wish', 'data-product-id': String(item.productId) },
        el('div', {}, el('a', { href: '/products/' + item.productId }, item.name), ' ',
          el('span', { class: 'price' }, money(item.price, item.currency)),
          item.unavailable ? el('span', { class: 'line-note unavailable' }, REASONS[item.unavailableReason] || 'Not available.') : null),
        el('div', { class: 'actions' }, move, remove));
    }));
  };
  try {
    await load();
  } catch (e) {
    list.setAttribute('aria-busy', 'false');
    list.replaceChildren(el('li', { class: 'empty' }, 'Your wishlist cannot be shown right now.'));
    say(explain(e, 'wishlist'), 'error');
  }
}

// ------------------------------------------------------------------ orders: shared wording

const ORDER_STATUS = {
  PLACED: 'Placed',
  STOCK_RESERVED: 'Items reserved',
  PAYMENT_AUTHORIZED: 'Paid',
  CONFIRMED: 'Confirmed',
  CANCELLED: 'Cancelled',
};

/** The saga's steps as a shopper sees them (docs/order-saga.md). */
const ORDER_STEPS = [
  ['PLACED', 'Order received'],
  ['STOCK_RESERVED', 'Items reserved'],
  ['PAYMENT_AUTHORIZED', 'Payment authorised'],
  ['CONFIRMED', 'Order confirmed'],
];

/** Why an order was cancelled, in a sentence; every cancellation releases the stock and voids any payment. */
const CANCELLATION = {
  OUT_OF_STOCK: 'Some of the items ran out of stock before we could reserve them for you. Nothing was charged.',
  PRODUCT_UNAVAILABLE: 'One of the items can no longer be bought (it was taken off sale). Nothing was charged.',
  PAYMENT_DECLINED: 'Your card was declined, so we cancelled the order. Nothing was charged; your items are still in'
    + ' your cart if you want to try another card.',
  PAYMENT_TIMEOUT: 'The payment provider did not answer in time, so we cancelled the order to be safe. Nothing was'
    + ' charged; your items are still in your cart.',
  RESERVATION_EXPIRED: 'The order could not be completed in time and the items we had reserved were released.'
    + ' Nothing was charged.',
  STOCK_TIMEOUT: 'We could not confirm the items were in stock in time, so we cancelled the order. Nothing was charged.',
  CANCELLED_BY_CUSTOMER: 'You cancelled this order. Nothing was charged and the items went back on the shelf.',
};

/** The same reasons in a few words, for the order history. */
const CANCELLATION_SHORT = {
  OUT_OF_STOCK: 'out of stock',
  PRODUCT_UNAVAILABLE: 'item no longer sold',
  PAYMENT_DECLINED: 'card declined',
  PAYMENT_TIMEOUT: 'payment timed out',
  RESERVATION_EXPIRED: 'took too long',
  STOCK_TIMEOUT: 'stock not confirmed in time',
  CANCELLED_BY_CUSTOMER: 'cancelled by you',
};

function isFinal(order) {
  return order.status === 'CONFIRMED' || order.status === 'CANCELLED';
}

function orderNumber(order) {
  return order.id.slice(0, 8).toUpperCase();
}

function when(instant) {
  if (!instant) return '';
  try {
    return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(instant));
  } catch (e) {
    return instant;
  }
}

function statusBadge(order) {
  const text = order.status === 'CANCELLED' && CANCELLATION_SHORT[order.cancellationReason]
    ? 'Cancelled: ' + CANCELLATION_SHORT[order.cancellationReason]
    : ORDER_STATUS[order.status] || order.status;
  return el('span', { class: 'status status-' + order.status.toLowerCase() }, text);
}

function itemCount(lines) {
  const n = lines.reduce((sum, line) => sum + line.quantity, 0);
  return n === 1 ? '1 item' : n + ' items';
}

// ------------------------------------------------------------------ checkout page

/**
 * One idempotency key per checkout attempt, kept in sessionStorage until the order exists: a double click, a retry
 * after a lost answer or a reload of this page sends the same key, and order-service answers with the same order
 * instead of making a second one.
 */
const CHECKOUT_KEY = 'shopstack.checkout.idempotency-key';

function checkoutKey() {
  let key = sessionStorage.getItem(CHECKOUT_KEY);
  if (!key) {
    // getRandomValues, not randomUUID: the latter needs a secure context, and the local entry URL is plain HTTP.
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    key = 'web-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    sessionStorage.setItem(CHECKOUT_KEY, key);
  }
  return key;
}

async function checkoutPage() {
  let cart;
  try {
    cart = await api('GET', '/api/v1/cart');
  } catch (e) {
    $('#checkout-cart').replaceChildren(el('p', { class: 'empty' }, 'Your cart cannot be shown right now.'));
    $('#checkout-cart').setAttribute('aria-busy', 'false');
    say(explain(e, 'cart'), 'error');
    return;
  }
  showCartCount(cart);
  renderCheckout(cart);
  for (const row of document.querySelectorAll('tr[data-card]')) {
    const use = el('button', { type: 'button', class: 'secondary', 'aria-label': 'Use test card ' + row.dataset.card },
      'Use');
    use.addEventListener('click', () => {
      $('#card-number').value = row.dataset.card;
      $('#card-number').focus();
    });
    row.lastElementChild.append(use);
  }
  const form = $('#checkout-form');
  const button = $('#place-order');
  let submitting = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (submitting) return; // a second click while the first is under way
    clearCheckoutErrors();
    const card = $('#card-number').value.trim();
    if (!card) {
      cardError('Enter a card number: one of the test cards below.');
      return;
    }
    submitting = true;
    button.disabled = true;
    button.textContent = 'Placing your order…';
    try {
      const order = await api('POST', '/api/v1/orders', { paymentMethod: card }, { 'Idempotency-Key': checkoutKey() });
      sessionStorage.removeItem(CHECKOUT_KEY);
      window.location.assign('/orders/' + encodeURIComponent(order.id));
      return; // the button stays disabled while the confirmation page loads
    } catch (e) {
      checkoutFailed(e);
    }
    submitting = false;
    button.disabled = false;
    button.textContent = 'Place order';
  });
}

function renderCheckout(cart) {
  const box = $('#checkout-cart');
  box.setAttribute('aria-busy', 'false');
  $('#checkout-stale').hidden = !cart.stale;
  if (!cart.items || cart.items.length === 0) {
    box.replaceChildren(el('p', { class: 'empty' }, 'Your cart is empty: there is nothing to order yet. ',
      el('a', { href: '/' }, 'Browse the catalog')));
    return;
  }
  if (cart.hasUnavailableItems) {
    box.replaceChildren(el('div', { class: 'notice warn', id: 'checkout-unavailable' },
      'Some items in your cart cannot be bought right now. ', el('a', { href: '/cart' }, 'Remove them from your cart'),
      ' to check out.'));
    return;
  }
  const rows = cart.items.map((item) => el('tr', { class: 'checkout-line', 'data-product-id': String(item.productId) },
    el('td', { 'data-label': 'Product' }, item.name),
    el('td', { class: 'num', 'data-label': 'Price' }, money(item.unitPrice, item.currency)),
    el('td', { class: 'num', 'data-label': 'Quantity' }, String(item.quantity)),
    el('td', { class: 'num', 'data-label': 'Total' }, money(item.lineTotal, item.currency))));
  box.replaceChildren(el('table', { class: 'lines' },
    el('caption', { class: 'muted' }, cart.itemCount + (cart.itemCount === 1 ? ' product, ' : ' products, ')
      + cart.totalQuantity + (cart.totalQuantity === 1 ? ' item' : ' items')),
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col' }, 'Product'), el('th', { scope: 'col', class: 'num' }, 'Price'),
      el('th', { scope: 'col', class: 'num' }, 'Quantity'), el('th', { scope: 'col', class: 'num' }, 'Total'))),
    el('tbody', {}, rows)));

  // Promo codes are a cart feature so far: order-service prices the order from the catalog, without a discount.
  const discounted = cart.promo && Number(cart.discount) > 0;
  const totals = [el('dt', {}, 'Subtotal'), el('dd', { id: 'checkout-subtotal' }, money(cart.subtotal, cart.currency))];
  if (discounted) {
    totals.push(el('dt', {}, 'Discount (' + cart.promo.code + '), not applied'),
      el('dd', { id: 'checkout-discount' }, el('del', {}, '−' + money(cart.discount, cart.currency))));
  }
  totals.push(el('dt', { class: 'grand' }, 'To pay'),
    el('dd', { class: 'grand', id: 'checkout-total' }, money(cart.subtotal, cart.currency)));
  $('#checkout-totals').replaceChildren(...totals);
  const note = $('#promo-note');
  note.hidden = false;
  note.className = discounted ? 'notice warn' : 'notice';
  note.replaceChildren(discounted
    ? el('span', {}, el('strong', {}, 'Promo codes are not applied to orders yet.'), ' Your code ',
      el('strong', {}, cart.promo.code), ' stays in your cart, but this order is charged the full '
      + money(cart.subtotal, cart.currency) + ', without the ' + money(cart.discount, cart.currency) + ' discount.')
    : el('span', {}, el('strong', {}, 'Promo codes are not applied to orders yet:'),
      ' orders are charged at the catalog prices.'));
  $('#payment').hidden = false;
}

function clearCheckoutErrors() {
  const input = $('#card-number');
  input.removeAttribute('aria-invalid');
  $('#card-error').hidden = true;
  $('#checkout-error').hidden = true;
  clearMessages();
}

function cardError(text) {
  const input = $('#card-number');
  input.setAttribute('aria-invalid', 'true');
  $('#card-error').textContent = text;
  $('#card-error').hidden = false;
  input.focus();
}

function checkoutError(...content) {
  const box = $('#checkout-error');
  box.replaceChildren(...content);
  box.hidden = false;
  box.focus();
}

/** The problem's own sentence where order-service wrote one for the shopper; the usual sentences otherwise. */
function checkoutFailed(e) {
  const detail = e instanceof ApiError ? e.problem.detail : null;
  switch (e.code) {
    case 'PAYMENT_METHOD_INVALID':
      cardError((detail || 'Not a valid card number.') + ' Use one of the test cards below.');
      return;
    case 'CART_EMPTY':
      checkoutError(detail, ' ', el('a', { href: '/' }, 'Browse the catalog'));
      return;
    case 'CART_HAS_UNAVAILABLE_ITEMS':
      checkoutError(detail, ' ', el('a', { href: '/cart' }, 'Go to your cart'));
      return;
    case 'IDEMPOTENCY_KEY_REUSED':
      // This attempt already made an order (with another card): a new attempt gets a new key.
      sessionStorage.removeItem(CHECKOUT_KEY);
      checkoutError('An order was already placed from this checkout with another card. ',
        el('a', { href: '/orders' }, 'Check your orders'), ' before you order again.');
      return;
    case 'CART_UNAVAILABLE':
      checkoutError(detail + ' Nothing was ordered; placing the order again will not order twice.');
      return;
    default:
      break;
  }
  if (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 401 && e.status !== 403
      && e.status !== 429 && detail) {
    checkoutError(detail);
    return;
  }
  // The key is kept: if the order was made but the answer lost, trying again returns that order.
  checkoutError(explain(e, 'orders') + ' Trying again will not place the order twice.');
}

// ------------------------------------------------------------------ order page (confirmation and status)

async function orderPage() {
  const id = decodeURIComponent(window.location.pathname.split('/').pop());
  const box = $('#order');
  let delay = 400;
  const started = Date.now();
  let shown = null;
  const load = async () => {
    const order = await api('GET', '/api/v1/orders/' + encodeURIComponent(id));
    const slow = Date.now() - started > 15000;
    // Re-rendered only on a change, so that the live status is announced once per step.
    if (shown !== order.status + slow) {
      shown = order.status + slow;
      renderOrder(order, slow);
    }
    return order;
  };
  // Polled until the saga ends (usually under 2 s): quickly at first, then less often.
  const poll = async () => {
    try {
      const order = await load();
      if (isFinal(order)) {
        orderSettled(order);
        return;
      }
    } catch (e) {
      if (e.status === 404) {
        orderNotFound(box);
        return;
      }
      say(explain(e, 'orders') + ' This page keeps trying.', 'error');
    }
    delay = Math.min(Math.round(delay * 1.3), 3000);
    setTimeout(poll, delay);
  };
  try {
    const order = await load();
    if (isFinal(order)) orderSettled(order); else setTimeout(poll, delay);
  } catch (e) {
    if (e.status === 404) {
      orderNotFound(box);
    } else {
      box.replaceChildren(el('h1', {}, 'Your order'), el('p', { class: 'empty' }, 'This order cannot be shown right now.'));
      box.setAttribute('aria-busy', 'false');
      say(explain(e, 'orders') + ' This page keeps trying.', 'error');
      setTimeout(poll, 2000);
    }
  }
}

function orderNotFound(box) {
  box.replaceChildren(el('h1', {}, 'Order not found'),
    el('p', {}, 'There is no such order in your account. ', el('a', { href: '/orders' }, 'See your orders')));
  box.setAttribute('aria-busy', 'false');
}

/** When the saga has ended: a confirmed order empties the cart (cart-service does it within a second or two). */
function orderSettled(order) {
  clearMessages();
  if (order.status === 'CONFIRMED') {
    refreshCartCount();
    setTimeout(refreshCartCount, 2500);
  }
}

function renderOrder(order, slow) {
  const box = $('#order');
  box.setAttribute('aria-busy', 'false');
  box.dataset.status = order.status;
  document.title = 'Order ' + orderNumber(order) + ' · shopstack';
  const heading = {
    CONFIRMED: 'Thank you! Your order is confirmed',
    CANCELLED: 'Your order was cancelled',
  }[order.status] || 'We are placing your order…';

  const parts = [el('h1', {}, heading)];
  parts.push(el('p', { class: 'muted order-meta' }, 'Order ', el('strong', {}, orderNumber(order)), ' · placed '
    + when(order.createdAt) + (order.card ? ' · card ' + order.card : '')));
  parts.push(el('p', { id: 'order-status', role: 'status', 'aria-live': 'polite' }, 'Status: ', statusBadge(order)));

  if (order.status === 'CANCELLED') {
    parts.push(el('div', { class: 'notice error', id: 'cancellation-reason' },
      CANCELLATION[order.cancellationReason] || 'The order was cancelled. Nothing was charged.'));
    if (order.cancellationReason !== 'CANCELLED_BY_CUSTOMER') {
      parts.push(el('p', {}, el('a', { class: 'button', href: '/checkout', id: 'try-again' }, 'Back to checkout')));
    }
  } else {
    parts.push(orderSteps(order));
    if (order.status === 'CONFIRMED') {
      parts.push(el('div', { class: 'notice ok', id: 'confirmed-note' },
        'Your payment went through and the items are yours; they leave your cart in a moment. This is a sandbox:'
        + ' nothing is shipped.'));
    } else {
      parts.push(el('p', { class: 'muted' }, slow
        ? 'This is taking longer than usual. You can leave this page: your order carries on and shows in your orders.'
        : 'This usually takes a second or two.'));
    }
  }
  if (order.cancellable) {
    const cancel = el('button', { type: 'button', class: 'secondary', id: 'cancel-order' }, 'Cancel order');
    cancel.addEventListener('click', () => busy(cancel, async () => {
      try {
        const cancelled = await api('POST', '/api/v1/orders/' + encodeURIComponent(order.id) + '/cancel');
        renderOrder(cancelled, false);
        say('Your order was cancelled.');
      } catch (e) {
        if (e.code === 'ORDER_NOT_CANCELLABLE') {
          say('Too late to cancel: the payment has gone through already.', 'error');
        } else {
          say(explain(e, 'orders'), 'error');
        }
      }
    }));
    parts.push(el('p', {}, cancel));
  }
  parts.push(orderLines(order));
  parts.push(el('p', {}, el('a', { href: '/' }, 'Continue shopping'), ' · ', el('a', { href: '/orders' }, 'All your orders')));
  box.replaceChildren(...parts);
}

function orderSteps(order) {
  const reached = ORDER_STEPS.findIndex(([status]) => status === order.status);
  return el('ol', { class: 'steps', 'aria-label': 'Progress' }, ORDER_STEPS.map(([status, label], i) => {
    const state = i < reached || order.status === 'CONFIRMED' ? 'done' : i === reached ? 'current' : 'todo';
    return el('li', { class: 'step ' + state, 'aria-current': state === 'current' ? 'step' : null },
      label, state === 'done' ? el('span', { class: 'skip' }, ' (done)') : null);
  }));
}

/** Names and prices are frozen when the stock is reserved; until then only the products and quantities are known. */
function orderLines(order) {
  const priced = order.total !== undefined && order.total !== null;
  const rows = order.lines.map((line) => el('tr', { class: 'order-line', 'data-product-id': String(line.productId) },
    el('td', { 'data-label': 'Product' }, el('a', { href: '/products/' + line.productId }, line.name || 'Product ' + line.productId)),
    el('td', { class: 'num', 'data-label': 'Price' }, line.unitPrice == null ? '…' : money(line.unitPrice, order.currency)),
    el('td', { class: 'num', 'data-label': 'Quantity' }, String(line.quantity)),
    el('td', { class: 'num', 'data-label': 'Total' }, line.lineTotal == null ? '…' : money(line.lineTotal, order.currency))));
  return el('table', { class: 'lines order-lines' },
    el('caption', { class: 'muted' }, itemCount(order.lines) + (priced ? ', at the prices fixed when you ordered' : ', pricing…')),
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col' }, 'Product'), el('th', { scope: 'col', class: 'num' }, 'Price'),
      el('th', { scope: 'col', class: 'num' }, 'Quantity'), el('th', { scope: 'col', class: 'num' }, 'Total'))),
    el('tbody', {}, rows),
    priced ? el('tfoot', {}, el('tr', {},
      el('th', { scope: 'row', colspan: '3' }, order.status === 'CANCELLED' ? 'Total (not charged)' : 'Total'),
      el('td', { class: 'num grand', id: 'order-total' }, money(order.total, order.currency)))) : null);
}

// ------------------------------------------------------------------ order history

async function ordersPage() {
  const list = $('#orders');
  try {
    const result = await api('GET', '/api/v1/orders?limit=20');
    list.setAttribute('aria-busy', 'false');
    if (!result.orders.length) {
      list.replaceChildren(el('li', { class: 'empty' }, 'You have not ordered anything yet. ',
        el('a', { href: '/' }, 'Browse the catalog')));
      return;
    }
    list.replaceChildren(...result.orders.map((order) => el('li', { class: 'card order', 'data-order-id': order.id },
      el('div', {},
        el('a', { href: '/orders/' + encodeURIComponent(order.id) }, 'Order ' + orderNumber(order)),
        el('span', { class: 'muted' }, ' · ' + when(order.createdAt) + ' · ' + itemCount(order.lines))),
      el('div', { class: 'actions' },
        order.total == null ? null : el('span', { class: 'price' }, money(order.total, order.currency)),
        statusBadge(order)))));
  } catch (e) {
    list.setAttribute('aria-busy', 'false');
    list.replaceChildren(el('li', { class: 'empty' }, 'Your orders cannot be shown right now.'));
    say(explain(e, 'orders'), 'error');
  }
}

// ------------------------------------------------------------------ start

async function start() {
  try {
    Object.assign(session, await api('GET', '/bff/session'));
  } catch (e) {
    // shown as signed out; the page's own calls explain what does not work
  }
  renderAccount();
  const page = document.body.dataset.page;
  const pages = {
    catalog: catalogPage, product: productPage, cart: cartPage, wishlist: wishlistPage,
    checkout: checkoutPage, order: orderPage, orders: ordersPage,
  };
  if (page !== 'cart' && page !== 'checkout') refreshCartCount();
  await (pages[page] || (() => {}))();
  document.body.dataset.ready = 'true'; // for the browser tests: the page has rendered its data
}

document.addEventListener('DOMContentLoaded', start);
